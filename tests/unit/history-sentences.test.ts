// The application history reads as sentences in both languages, for every action the app records.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { HISTORY_ACTIONS, historySentence, refundFailureText, refundReasonText } from "~/components/organiser/history";
import { formatMoment, formatMoney, translator, type Language } from "~/i18n/i18n";

const speaker = (language: Language) => ({
  t: translator(language),
  money: (cents: number) => formatMoney(cents, language),
  moment: (at: Date | string) => formatMoment(new Date(at), language),
});

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(path.join(folder, entry.name)) : /\.tsx?$/.test(entry.name) ? [path.join(folder, entry.name)] : [],
  );
}

describe("history sentences", () => {
  test("every action recorded about an application has a sentence of its own", () => {
    const recorded = new Set<string>();
    for (const file of sourceFiles("app")) {
      const source = readFileSync(file, "utf8");
      for (const call of source.matchAll(/recordAudit\([^;]*?entityType: "application"[^;]*?action: ([`"][^`"]+[`"])/gs)) {
        const literal = call[1]!.slice(1, -1);
        if (!literal.includes("${")) recorded.add(literal);
      }
    }
    expect(recorded.size).toBeGreaterThan(15);
    const missing = [...recorded].filter((action) => !(HISTORY_ACTIONS as readonly string[]).includes(action));
    expect(missing).toEqual([]);
    for (const action of HISTORY_ACTIONS) {
      for (const language of ["nl", "en"] as const) {
        const sentence = historySentence({ action, actor: "Jansje Verhoef", detail: {} }, speaker(language));
        expect(sentence, action).not.toBe(translator(language)("history.other", { actor: "Jansje Verhoef" }));
        expect(sentence, action).not.toMatch(/[{}]|_|undefined|NaN|history\./);
      }
    }
  });

  test("a stallholder's change says what changed, from what to what, and the fee", () => {
    const entry = {
      action: "application.changed_by_stallholder",
      actor: "Jansje Verhoef",
      detail: { fields: ["frontageCm", "email"], changes: { frontageCm: { from: 300, to: 600 } }, feeTotalCentsBefore: 9000, feeTotalCents: 5000 },
    };
    expect(historySentence(entry, speaker("en"))).toBe("Jansje Verhoef changed the frontage from 3 m to 6 m and the e-mail address; fee €90.00 → €50.00.");
    expect(historySentence(entry, speaker("nl"))).toBe("Jansje Verhoef wijzigde de frontbreedte van 3 m naar 6 m en het e-mailadres; bedrag € 90,00 → € 50,00.");
  });

  test("a decision carries the organiser's message; an unknown action still reads as a sentence", () => {
    expect(historySentence({ action: "application_rejected", actor: "Piet", detail: { reason: "Vol." } }, speaker("nl"))).toBe("Piet wees de aanmelding af. Bericht: “Vol.”");
    expect(historySentence({ action: "something_new", actor: "system", detail: {} }, speaker("en"))).toBe("Zomerparade (automatic) recorded a change.");
  });

  test("refund reasons and failures are words, with what to do next", () => {
    const t = translator("nl");
    expect(refundReasonText("edition_cancelled", t)).toBe("editie afgelast");
    expect(refundReasonText("Dubbel betaald per bank", t)).toBe("Dubbel betaald per bank");
    expect(refundFailureText("stripe_not_configured", t)).toMatch(/^Online betalen staat uit\. Betaal dit bedrag zelf terug/);
    expect(refundFailureText("stripe_refund_failed: expired_or_canceled_card", t)).not.toMatch(/_/);
  });
});

import { describe, expect, it } from "vitest";
import { translator } from "~/i18n/i18n";
import { registerBundles } from "~/i18n/messages";
import { apply } from "~/i18n/messages/apply";
import { organiser } from "~/i18n/messages/organiser";
import { status } from "~/i18n/messages/status";
import { pluralCategory, resolvePlurals } from "~/i18n/plural";

registerBundles({ apply, organiser, status });

describe("resolvePlurals", () => {
  const msg = "{count, plural, =0 {geen kramen} one {# kraam} other {# kramen}} op {place}";
  it("picks =0, one and other in Dutch", () => {
    expect(resolvePlurals(msg, { count: 0, place: "x" }, "nl")).toBe("geen kramen op {place}");
    expect(resolvePlurals(msg, { count: 1 }, "nl")).toBe("1 kraam op {place}");
    expect(resolvePlurals(msg, { count: 2 }, "nl")).toBe("2 kramen op {place}");
  });
  it("falls back to other without =0 and uses the language's rules", () => {
    const en = "{n, plural, one {# stall} other {# stalls}}";
    expect(resolvePlurals(en, { n: 0 }, "en")).toBe("0 stalls");
    expect(resolvePlurals(en, { n: 1 }, "en")).toBe("1 stall");
    expect(resolvePlurals(en, { n: "2" }, "en")).toBe("2 stalls");
    expect(pluralCategory(1, "nl")).toBe("one");
    expect(pluralCategory(0, "nl")).toBe("other");
  });
  it("leaves a message without plural or without the number alone", () => {
    expect(resolvePlurals("{count} x", { count: 1 }, "nl")).toBe("{count} x");
    expect(resolvePlurals("{count, plural, one {#} other {#s}}", {}, "nl")).toBe("{count, plural, one {#} other {#s}}");
  });
});

describe("converted sentences", () => {
  const nl = translator("nl");
  const en = translator("en");
  it("result counts", () => {
    expect(nl("organiser.resultCount", { count: 0 })).toBe("0 aanmeldingen");
    expect(nl("organiser.resultCount", { count: 1 })).toBe("1 aanmelding");
    expect(nl("organiser.resultCount", { count: 2 })).toBe("2 aanmeldingen");
    expect(en("organiser.resultCount", { count: 1 })).toBe("1 application");
    expect(en("organiser.resultCount", { count: 2 })).toBe("2 applications");
  });
  it("bulk decision", () => {
    expect(nl("organiser.decided", { count: 1, state: "Goedgekeurd" })).toBe("1 aanmelding is nu Goedgekeurd. De standhouder krijgt een e-mail.");
    expect(nl("organiser.decided", { count: 2, state: "Goedgekeurd" })).toBe("2 aanmeldingen zijn nu Goedgekeurd. De standhouders krijgen een e-mail.");
    expect(en("organiser.decided", { count: 1, state: "Approved" })).toBe("1 application is now Approved. The stallholder gets an e-mail.");
  });
  it("rented stalls and mails queued", () => {
    expect(nl("apply.rentedSome", { count: 1 })).toBe("Ik huur 1 marktkraam van de organisatie");
    expect(nl("apply.rentedSome", { count: 2 })).toBe("Ik huur 2 marktkramen van de organisatie");
    expect(en("apply.rentedSome", { count: 2 })).toBe("I rent 2 market stalls from the organisers");
    expect(nl("status.changed", { count: 0 })).toBe("Status gewijzigd. Er zijn geen e-mails verstuurd.");
    expect(nl("status.changed", { count: 1 })).toBe("Status gewijzigd. 1 e-mail staat klaar om te versturen (zie E-mails).");
    expect(en("status.changed", { count: 2 })).toBe("Status changed. 2 e-mails are queued to be sent (see E-mails).");
    expect(nl("apply.feeLine_extra_metres", { quantity: 3 })).toBe("3 meter extra");
    expect(en("apply.feeLine_extra_metres", { quantity: 1 })).toBe("1 extra metre");
  });
});

describe("the approved state promises nothing the page already shows", () => {
  it("does not announce a payment request next to the pay button", () => {
    expect(translator("nl")("apply.state_approved_pending")).toBe("Goedgekeurd! Na betaling is je kraam bevestigd.");
    expect(translator("en")("apply.state_approved_pending")).not.toContain("will receive a payment request");
  });
});

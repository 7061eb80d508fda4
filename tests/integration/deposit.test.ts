/**
 * Issue 15, item 4: the deposit (borg) cycle. Collected with the fee (its own line), released
 * after the market when the day crew marks the spot "Schoon achtergelaten" (a refund through the
 * refund worker, once, resumable after a crash), or kept by an organiser with a stated reason;
 * the stallholder is mailed either way; decided once per application.
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { decideDeposit, markManualRefundPaid, paymentProvider, processDueRefunds, processStripeEvent, recordManualPayment, startCheckout } from "~/data/money.server";
import { resetEnvForTests } from "~/env.server";
import { action as dayAction, loader as dayLoader } from "~/routes/organiser.day";
import { loader as privateLoader } from "~/routes/a.$token";
import { loader as appMoneyLoader } from "~/routes/organiser.payments.$applicationId";
import { action as settingsAction } from "~/routes/organiser.settings";
import { historySentence } from "~/components/organiser/history";
import { formatMoment, formatMoney, translator } from "~/i18n/i18n";
import { computeFee } from "~/rules/fees";
import { editionCookie } from "~/services/auth.server";
import { createStripeProvider } from "~/services/stripe.server";
import { assign } from "#tests/helpers/factories";
import { loaderArgs, renderPage } from "#tests/helpers/remix";
import { formRequest, signedIn } from "#tests/helpers/signed-in";
import { applicationRow, mailsOf, payableApplication, refundRows } from "#tests/mocks/payment-fixtures";
import { paySession, STRIPE_TEST_KEY, STRIPE_TEST_URL, stripeEvent, stripeState, mockStripePerTest } from "#tests/mocks/stripe";

mockStripePerTest({ beforeAll, afterAll, beforeEach, afterEach, resetEnv: resetEnvForTests });

const DEPOSIT = 2500;
const refundCalls = () => stripeState.requests.filter((r) => r.path === "/v1/refunds");

/** An edition asking € 25 deposit (set through the settings page), one stall paid online with it, placed on a spot. */
async function paidWithDeposit(options: { language?: "nl" | "en"; online?: boolean; deposit?: boolean } = {}) {
  const made = payableApplication({ overrides: { language: options.language ?? "nl" } });
  const admin = signedIn("admin");
  const edCookie = editionCookie(made.edition.id).split(";")[0]!;
  const cookieOf = (c: string) => `${c}; ${edCookie}`;
  if (options.deposit !== false) {
    const saved = (await settingsAction(formRequest("/organiser/settings", { intent: "deposit", depositOn: "on", depositAmount: "25,00" }, cookieOf(admin.cookie)))) as Response;
    expect(saved.status).toBe(200);
  }
  const edition = db().select().from(t.editions).where(eq(t.editions.id, made.edition.id)).get()!;
  expect(edition.depositCents).toBe(options.deposit === false ? 0 : DEPOSIT);
  // The fee as the apply form prices it: the deposit is a line of its own.
  const fee = computeFee({ applicantKind: "resident", frontageCm: 300, needsElectricity: false, rentedStalls: 0, dayCount: 1, stallUnitCm: 300, categoryIsFree: false, depositCents: edition.depositCents }, [
    { applicantKind: "resident", firstUnitCents: 2750, extraMetreCents: 0, electricityCents: 0, stallRentalCents: 0 },
  ]);
  db().update(t.applications).set({ feeBreakdownJson: JSON.stringify(fee), feeTotalCents: fee.totalCents }).where(eq(t.applications.id, made.application.id)).run();
  const application = applicationRow(made.application.id);
  assign(application.id, made.days[0]!.id, [made.spots[0]!.id]);
  if (options.online === false) {
    expect(recordManualPayment({ applicationId: application.id, editionId: made.edition.id, amountCents: fee.totalCents, method: "cash", paidAt: new Date(), note: "", organiserId: admin.organiser.id })).toMatchObject({ ok: true });
  } else {
    const started = await startCheckout(application.accessToken);
    if (!started.ok) throw new Error(started.reason);
    const mock = [...stripeState.sessions.values()].find((s) => s.url === started.url)!;
    // Stripe Checkout gets the deposit as its own line and the total with it.
    const body = stripeState.requests.find((r) => r.path === "/v1/checkout/sessions")!.body;
    expect([...body.entries()].some(([k, v]) => /line_items\[\d+\]\[price_data\]\[unit_amount\]/.test(k) && v === String(DEPOSIT))).toBe(options.deposit !== false);
    expect(processStripeEvent(stripeEvent("checkout.session.completed", paySession(mock.id)))).toBe("processed");
  }
  expect(applicationRow(application.id).paymentState).toBe("paid");
  return { ...made, application, fee, admin, cookieOf };
}

async function dayPost(fields: Record<string, string | number>, cookie: string) {
  try {
    return (await dayAction(formRequest("/organiser/day", { intent: "deposit", ...fields }, cookie))) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function dayRow(cookie: string, applicationId: number) {
  const data = (await ((await dayLoader(loaderArgs("/organiser/day", { headers: { Cookie: cookie } }))) as Response).json()) as {
    depositsOn: boolean;
    canKeepDeposit: boolean;
    rows: { stand: { applicationId: number; deposit: { state: string; amountCents: number; reason: string } | null } | null }[];
  };
  return { data, stand: data.rows.find((r) => r.stand?.applicationId === applicationId)?.stand ?? null };
}

async function privateDeposit(token: string) {
  const data = (await ((await privateLoader(loaderArgs(`/a/${token}`, {}, { token }))) as Response).json()) as { deposit: { state: string; reason: string } | null };
  return data.deposit;
}

const decisions = (applicationId: number) => db().select().from(t.depositDecisions).where(eq(t.depositDecisions.applicationId, applicationId)).all();

describe("deposit released: 'Schoon achtergelaten'", () => {
  test("a volunteer marks the spot clean: the deposit (only) is refunded through Stripe once, the stallholder is mailed, every page says so", async () => {
    const { application, edition, cookieOf } = await paidWithDeposit();
    expect(await privateDeposit(application.accessToken)).toEqual({ amountCents: DEPOSIT, state: "held", reason: "" });
    const volunteer = signedIn("volunteer");
    const before = await dayRow(cookieOf(volunteer.cookie), application.id);
    expect(before.data.depositsOn).toBe(true);
    expect(before.data.canKeepDeposit).toBe(false);
    expect(before.stand!.deposit).toMatchObject({ state: "held", amountCents: DEPOSIT });

    const response = await dayPost({ applicationId: application.id, decision: "release" }, cookieOf(volunteer.cookie));
    expect(response.status).toBe(200);
    const [refund] = refundRows(application.id);
    expect(refundRows(application.id)).toHaveLength(1);
    expect(refund).toMatchObject({ amountCents: DEPOSIT, status: "pending", reason: "deposit_released" });
    expect(refund!.idempotencyKey).toMatch(new RegExp(`^deposit:${application.id}:\\d+$`));
    expect(decisions(application.id)).toMatchObject([{ decision: "released", amountCents: DEPOSIT, refundId: refund!.id, decidedByOrganiserId: volunteer.organiser.id }]);
    const released = mailsOf(application.id, "deposit-released");
    expect(released).toHaveLength(1);
    expect(released[0]!.subject).toBe(`Borg terug: ${application.stallName}`);
    expect(released[0]!.textBody).toContain("€ 25,00");
    expect(await privateDeposit(application.accessToken)).toMatchObject({ state: "releasing" });

    // The refund worker sends it, with the deposit's own key.
    expect(await processDueRefunds(paymentProvider()!, new Date())).toEqual({ succeeded: 1, retrying: 0, failed: 0 });
    expect(refundCalls().map((c) => c.idempotencyKey)).toEqual([refund!.idempotencyKey]);
    expect(refundCalls()[0]!.body.get("amount")).toBe(String(DEPOSIT));
    expect(applicationRow(application.id).paymentState).toBe("partially_refunded");
    expect(mailsOf(application.id, "refund-issued")).toHaveLength(1);
    expect(await privateDeposit(application.accessToken)).toMatchObject({ state: "released" });
    expect((await dayRow(cookieOf(volunteer.cookie), application.id)).stand!.deposit).toMatchObject({ state: "released" });

    const organiser = signedIn("organiser");
    const money = (await ((await appMoneyLoader(loaderArgs(`/organiser/payments/${application.id}`, { headers: { Cookie: cookieOf(organiser.cookie) } }, { applicationId: String(application.id) }))) as Response).json()) as { deposit: { state: string } };
    expect(money.deposit.state).toBe("released");
    // The application's history says it in a sentence.
    const entry = db().select().from(t.auditLog).where(eq(t.auditLog.action, "deposit_released")).all().find((e) => e.entityId === application.id)!;
    const speaker = { t: translator("nl"), money: (c: number) => formatMoney(c, "nl"), moment: (at: Date | string) => formatMoment(new Date(at), "nl") };
    expect(historySentence({ action: entry.action, actor: volunteer.organiser.name, detail: JSON.parse(entry.detailJson ?? "{}") }, speaker)).toBe(
      `${volunteer.organiser.name} zag dat de plek schoon is achtergelaten en gaf de borg van € 25,00 vrij.`,
    );
    void edition;
  });

  test("paid by hand (cash): the released deposit is to be paid back by hand, and done once", async () => {
    const { application, admin } = await paidWithDeposit({ online: false });
    expect(decideDeposit({ applicationId: application.id, editionId: application.editionId, action: "release", reason: "", organiser: { id: admin.organiser.id, role: "admin" } })).toEqual({ ok: true, decision: "released" });
    const [refund] = refundRows(application.id);
    expect(refund).toMatchObject({ status: "to_pay_manually", amountCents: DEPOSIT });
    expect(mailsOf(application.id, "deposit-released")[0]!.textBody).toContain("contant of per overschrijving");
    expect(markManualRefundPaid({ refundId: refund!.id, editionId: application.editionId, organiserId: admin.organiser.id })).toEqual({ ok: true });
    expect(await privateDeposit(application.accessToken)).toMatchObject({ state: "released" });
  });
});

describe("deposit kept", () => {
  test("only an organiser or admin may keep it; a reason is required; the stallholder is mailed the reason (English)", async () => {
    const { application, cookieOf } = await paidWithDeposit({ language: "en" });
    const volunteer = signedIn("volunteer");
    const refused = await dayPost({ applicationId: application.id, decision: "keep", reason: "Olie op de stoep" }, cookieOf(volunteer.cookie));
    expect(refused.status).toBe(403);
    expect(decisions(application.id)).toEqual([]);

    const organiser = signedIn("organiser");
    expect((await dayRow(cookieOf(organiser.cookie), application.id)).data.canKeepDeposit).toBe(true);
    const noReason = await dayPost({ applicationId: application.id, decision: "keep", reason: "  " }, cookieOf(organiser.cookie));
    expect(noReason.status).toBe(400);
    expect(await noReason.json()).toEqual({ ok: false, problem: "reason_required" });
    expect(decisions(application.id)).toEqual([]);
    expect(mailsOf(application.id).filter((m) => m.template.startsWith("deposit-"))).toEqual([]);

    const kept = await dayPost({ applicationId: application.id, decision: "keep", reason: "Oil left on the pavement" }, cookieOf(organiser.cookie));
    expect(kept.status).toBe(200);
    expect(decisions(application.id)).toMatchObject([{ decision: "kept", amountCents: DEPOSIT, reason: "Oil left on the pavement", refundId: null }]);
    expect(refundRows(application.id)).toEqual([]);
    const mail = mailsOf(application.id, "deposit-kept");
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe(`Deposit kept: ${application.stallName}`);
    expect(mail[0]!.textBody).toContain("The reason: Oil left on the pavement");
    expect(await privateDeposit(application.accessToken)).toMatchObject({ state: "kept", reason: "Oil left on the pavement" });
    // A release after keeping is refused: decided once.
    expect((await dayPost({ applicationId: application.id, decision: "release" }, cookieOf(volunteer.cookie))).status).toBe(409);
    expect(refundRows(application.id)).toEqual([]);
  });
});

describe("decided once", () => {
  test("a double click, or two volunteers at the same moment: one decision, one refund, one mail", async () => {
    const { application, cookieOf } = await paidWithDeposit();
    const [a, b] = [signedIn("volunteer"), signedIn("volunteer")];
    const answers = await Promise.all([
      dayPost({ applicationId: application.id, decision: "release" }, cookieOf(a.cookie)),
      dayPost({ applicationId: application.id, decision: "release" }, cookieOf(b.cookie)),
      dayPost({ applicationId: application.id, decision: "release" }, cookieOf(a.cookie)),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(decisions(application.id)).toHaveLength(1);
    expect(refundRows(application.id)).toHaveLength(1);
    expect(mailsOf(application.id, "deposit-released")).toHaveLength(1);
    await processDueRefunds(paymentProvider()!, new Date());
    await processDueRefunds(paymentProvider()!, new Date(Date.now() + 3600_000));
    expect(refundCalls()).toHaveLength(1);
  });

  test("the database itself refuses a second decision for the same application", async () => {
    const { application } = await paidWithDeposit();
    db().insert(t.depositDecisions).values({ applicationId: application.id, decision: "kept", amountCents: DEPOSIT, reason: "x" }).run();
    expect(() => db().insert(t.depositDecisions).values({ applicationId: application.id, decision: "released", amountCents: DEPOSIT }).run()).toThrow(/UNIQUE/);
  });
});

describe("a crash during the release", () => {
  test("refund row saved, Stripe's answer lost: the worker resumes and Stripe refunds once", async () => {
    const { application, admin } = await paidWithDeposit();
    expect(decideDeposit({ applicationId: application.id, editionId: application.editionId, action: "release", reason: "", organiser: { id: admin.organiser.id, role: "admin" } })).toMatchObject({ ok: true });
    // The call reaches Stripe (the refund is made there) but the answer never comes back.
    const impatient = createStripeProvider({ secretKey: STRIPE_TEST_KEY, apiUrl: STRIPE_TEST_URL, timeoutMs: 200 });
    stripeState.refundFaults.push("timeout");
    stripeState.timeoutDelayMs = 800;
    const now = new Date();
    expect(await processDueRefunds(impatient, now)).toEqual({ succeeded: 0, retrying: 1, failed: 0 });
    const waiting = refundRows(application.id)[0]!;
    expect(waiting.status).toBe("pending");
    expect(await privateDeposit(application.accessToken)).toMatchObject({ state: "releasing" });

    // The process dies here. A second click after the restart decides nothing new.
    expect(decideDeposit({ applicationId: application.id, editionId: application.editionId, action: "release", reason: "", organiser: { id: admin.organiser.id, role: "admin" } })).toEqual({ ok: false, problem: "already_decided" });
    // The restarted worker sends it again with the same key when it is due; Stripe answers with the same refund.
    expect(await processDueRefunds(paymentProvider()!, new Date(waiting.nextAttemptAt!.getTime() + 1))).toEqual({ succeeded: 1, retrying: 0, failed: 0 });
    expect(refundCalls().map((c) => c.idempotencyKey)).toEqual([waiting.idempotencyKey, waiting.idempotencyKey]);
    expect(stripeState.refunds.size).toBe(1);
    expect(refundRows(application.id)).toMatchObject([{ status: "succeeded", attempts: 2 }]);
    expect(mailsOf(application.id, "refund-issued")).toHaveLength(1);
    expect(await privateDeposit(application.accessToken)).toMatchObject({ state: "released" });
  });
});

describe("deposit off", () => {
  test("no deposit line in the fee, no deposit column or buttons in the day view, nothing on the private page; a release is refused", async () => {
    const { application, fee, cookieOf, admin } = await paidWithDeposit({ deposit: false });
    expect(fee.lines.map((l) => l.kind)).not.toContain("deposit");
    const { data, stand } = await dayRow(cookieOf(signedIn("organiser").cookie), application.id);
    expect(data.depositsOn).toBe(false);
    expect(stand!.deposit).toBeNull();
    expect(await privateDeposit(application.accessToken)).toBeNull();
    expect(decideDeposit({ applicationId: application.id, editionId: application.editionId, action: "release", reason: "", organiser: { id: admin.organiser.id, role: "admin" } })).toEqual({ ok: false, problem: "no_deposit" });
    expect(refundRows(application.id)).toEqual([]);
  });

  test("settings: on without an amount is refused with a sentence; off stores 0", async () => {
    const { edition, cookieOf, admin } = await paidWithDeposit();
    const bad = (await settingsAction(formRequest("/organiser/settings", { intent: "deposit", depositOn: "on", depositAmount: "" }, cookieOf(admin.cookie)))) as Response;
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Record<string, string> }).errors.depositAmount).toBe("organiser.errDepositAmount");
    const off = (await settingsAction(formRequest("/organiser/settings", { intent: "deposit", depositAmount: "25,00" }, cookieOf(admin.cookie)))) as Response;
    expect(off.status).toBe(200);
    expect(db().select().from(t.editions).where(eq(t.editions.id, edition.id)).get()!.depositCents).toBe(0);
  });
});

describe("the day view's deposit buttons, as rendered", () => {
  const page = async (cookie: string) => (await renderPage("/organiser/day?lang=nl", { headers: { Cookie: cookie } })).text();
  test("an organiser sees 'Schoon achtergelaten' and 'Borg inhouden' (reason required); a volunteer only the first", async () => {
    const { cookieOf } = await paidWithDeposit();
    const asOrganiser = await page(cookieOf(signedIn("organiser").cookie));
    expect(asOrganiser).toContain("Schoon achtergelaten (borg € 25,00 terug)");
    expect(asOrganiser).toContain("Borg inhouden");
    expect(asOrganiser).toMatch(/<textarea[^>]*name="reason"[^>]*required/);
    const asVolunteer = await page(cookieOf(signedIn("volunteer").cookie));
    expect(asVolunteer).toContain("Schoon achtergelaten (borg € 25,00 terug)");
    expect(asVolunteer).not.toContain("Borg inhouden");
  });
  test("deposit off: no column, no buttons", async () => {
    const { cookieOf } = await paidWithDeposit({ deposit: false });
    const html = await page(cookieOf(signedIn("organiser").cookie));
    expect(html).toContain('data-testid="setup-list"');
    expect(html).not.toContain("Schoon achtergelaten");
    expect(html).not.toContain(">Borg<");
  });
});

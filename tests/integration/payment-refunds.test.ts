/**
 * Refunds (Stripe with idempotency keys, retries after timeouts and errors, manual ones, the
 * withdrawal rule), payment reminders and the overdue list, and the organisers' money pages.
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import * as t from "#db/schema";
import { db, transaction } from "~/data/db.server";
import { extendPaymentDeadline, listOverdue, markManualRefundPaid, paymentProvider, processDueRefunds, processStripeEvent, queuePaymentReminders, recordManualPayment, refundOnWithdrawal, requestRefund, retryRefund, startCheckout } from "~/data/money.server";
import { resetEnvForTests } from "~/env.server";
import { loader as csvLoader } from "~/routes/organiser.money[.]csv";
import { action as moneyAction, loader as moneyLoader } from "~/routes/organiser.money";
import { action as appMoneyAction } from "~/routes/organiser.payments.$applicationId";
import { localDate, addDays } from "~/rules/calendar";
import { createStripeProvider } from "~/services/stripe.server";
import { paySession, STRIPE_TEST_KEY, STRIPE_TEST_URL, stripeEvent, stripeState, setStripeEnv, mockStripePerTest } from "#tests/mocks/stripe";
import { applicationRow, DAY_MS, mailsOf, payableApplication, paymentRows, refundRows } from "#tests/mocks/payment-fixtures";
import { renderPage } from "#tests/helpers/remix";
import { formRequest, signedIn } from "#tests/helpers/signed-in";

mockStripePerTest({ beforeAll, afterAll, beforeEach, afterEach, resetEnv: resetEnvForTests });

/** An application paid through Stripe Checkout (webhook delivered). */
async function paidOnline(options: Parameters<typeof payableApplication>[0] = {}) {
  const made = payableApplication(options);
  const result = await startCheckout(made.application.accessToken);
  if (!result.ok) throw new Error(result.reason);
  const session = paySession([...stripeState.sessions.values()].find((s) => s.url === result.url)!.id);
  expect(processStripeEvent(stripeEvent("checkout.session.completed", session))).toBe("processed");
  expect(applicationRow(made.application.id).paymentState).toBe("paid");
  return { ...made, session };
}

const refundCalls = () => stripeState.requests.filter((r) => r.path === "/v1/refunds");

describe("refunds through Stripe", () => {
  test("retried after a timeout: the same idempotency key twice, exactly one refund at Stripe", async () => {
    const { application, session } = await paidOnline();
    const impatient = createStripeProvider({ secretKey: STRIPE_TEST_KEY, apiUrl: STRIPE_TEST_URL, timeoutMs: 200 });
    const requested = requestRefund(application.id, 2750, "market cancelled", null);
    expect(requested).toMatchObject({ ok: true });
    stripeState.refundFaults.push("timeout");
    stripeState.timeoutDelayMs = 800;
    const now = new Date();
    expect(await processDueRefunds(impatient, now)).toEqual({ succeeded: 0, retrying: 1, failed: 0 });
    const waiting = refundRows(application.id)[0]!;
    expect(waiting).toMatchObject({ status: "pending", attempts: 1 });
    expect(waiting.failureReason).toContain("StripeTimeoutError");
    expect(waiting.nextAttemptAt!.getTime()).toBeGreaterThan(now.getTime());
    // Not due yet: nothing is sent.
    expect(await processDueRefunds(impatient, now)).toEqual({ succeeded: 0, retrying: 0, failed: 0 });
    expect(refundCalls()).toHaveLength(1);

    expect(await processDueRefunds(impatient, new Date(waiting.nextAttemptAt!.getTime() + 1))).toEqual({ succeeded: 1, retrying: 0, failed: 0 });
    const calls = refundCalls();
    expect(calls).toHaveLength(2);
    expect(calls[0]!.idempotencyKey).toBe(waiting.idempotencyKey);
    expect(calls[1]!.idempotencyKey).toBe(waiting.idempotencyKey);
    expect(calls[0]!.body.get("payment_intent")).toBe(session.payment_intent);
    expect(stripeState.refunds.size).toBe(1);
    expect(refundRows(application.id)).toMatchObject([{ status: "succeeded", stripeRefundId: [...stripeState.refunds.keys()][0], attempts: 2 }]);
    expect(applicationRow(application.id).paymentState).toBe("refunded");
    expect(mailsOf(application.id, "refund-issued")).toHaveLength(1);
    // Stripe's charge.refunded for the same refund adds nothing.
    processStripeEvent(stripeEvent("charge.refunded", { id: "ch_x", object: "charge", payment_intent: session.payment_intent, amount_refunded: 2750, refunds: { data: [{ id: [...stripeState.refunds.keys()][0], status: "succeeded", metadata: {} }] } }));
    expect(refundRows(application.id)).toHaveLength(1);
  });

  test("an error on Stripe's side is retried; a refusal is a permanent failure, listed, and an organiser's retry uses the same key", async () => {
    const { edition, application } = await paidOnline();
    requestRefund(application.id, 1000, "partial", null);
    stripeState.refundFaults.push("error", "invalid");
    const now = new Date();
    expect(await processDueRefunds(paymentProvider()!, now)).toEqual({ succeeded: 0, retrying: 1, failed: 0 });
    const later = new Date(now.getTime() + 3600_000);
    expect(await processDueRefunds(paymentProvider()!, later)).toEqual({ succeeded: 0, retrying: 0, failed: 1 });
    const failed = refundRows(application.id)[0]!;
    expect(failed).toMatchObject({ status: "failed", attempts: 2 });
    expect(failed.failureReason).toContain("already been refunded");
    expect(db().select().from(t.auditLog).where(eq(t.auditLog.action, "refund_failed")).all()).toHaveLength(1);

    const { organiser, cookie } = signedIn("organiser");
    const page = await (moneyLoader({ request: new Request("http://localhost/organiser/money", { headers: { Cookie: cookie } }), params: {}, context: {} }) as Response).json();
    expect(page.refunds.filter((r: { status: string }) => r.status === "failed")).toHaveLength(1);

    expect(retryRefund({ refundId: failed.id, editionId: edition.id, organiserId: organiser.id })).toEqual({ ok: true });
    expect(await processDueRefunds(paymentProvider()!, new Date())).toEqual({ succeeded: 1, retrying: 0, failed: 0 });
    expect(refundCalls().map((c) => c.idempotencyKey)).toEqual([failed.idempotencyKey, failed.idempotencyKey, failed.idempotencyKey]);
    expect(refundRows(application.id)[0]!.status).toBe("succeeded");
    expect(applicationRow(application.id).paymentState).toBe("partially_refunded");
  });

  test("partial refunds never add up to more than was paid", async () => {
    const { application } = await paidOnline();
    expect(requestRefund(application.id, 1000, "a", null)).toMatchObject({ ok: true });
    expect(requestRefund(application.id, 1000, "b", null)).toMatchObject({ ok: true });
    expect(requestRefund(application.id, 1000, "c", null)).toEqual({ ok: false, reason: "more_than_refundable" });
    expect(requestRefund(application.id, 0, "d", null)).toEqual({ ok: false, reason: "invalid_amount" });
    expect(requestRefund(application.id, 12.5, "e", null)).toEqual({ ok: false, reason: "invalid_amount" });
    expect(requestRefund(application.id, 750, "f", null)).toMatchObject({ ok: true });
    expect(requestRefund(application.id, 1, "g", null)).toEqual({ ok: false, reason: "nothing_paid" });
    expect(refundRows(application.id).reduce((s, r) => s + r.amountCents, 0)).toBe(2750);
    await processDueRefunds(paymentProvider()!, new Date());
    expect(stripeState.refunds.size).toBe(3);
    expect([...stripeState.refunds.values()].reduce((s, r) => s + r.amount, 0)).toBe(2750);
    expect(applicationRow(application.id).paymentState).toBe("refunded");
  });

  test("a refund is split over the payments, newest first; a manual part is paid back by hand", async () => {
    const { edition, application } = payableApplication();
    const { organiser } = signedIn("organiser");
    expect(recordManualPayment({ applicationId: application.id, editionId: edition.id, method: "cash", amountCents: 1000, paidAt: new Date(Date.now() - DAY_MS), note: "", organiserId: organiser.id })).toMatchObject({ ok: true });
    const result = await startCheckout(application.accessToken);
    if (!result.ok) throw new Error(result.reason);
    const session = paySession([...stripeState.sessions.values()][0]!.id);
    expect(session.amount_total).toBe(1750);
    processStripeEvent(stripeEvent("checkout.session.completed", session));
    expect(applicationRow(application.id).paymentState).toBe("paid");

    expect(requestRefund(application.id, 2000, "less stalls", organiser.id)).toMatchObject({ ok: true });
    const [stripePart, cashPart] = refundRows(application.id);
    expect(stripePart).toMatchObject({ amountCents: 1750, status: "pending", recordedBy: "organiser", recordedByOrganiserId: organiser.id });
    expect(cashPart).toMatchObject({ amountCents: 250, status: "to_pay_manually" });
    await processDueRefunds(paymentProvider()!, new Date());
    expect(applicationRow(application.id).paymentState).toBe("partially_refunded");
    expect(markManualRefundPaid({ refundId: cashPart!.id, editionId: edition.id, organiserId: organiser.id })).toEqual({ ok: true });
    expect(markManualRefundPaid({ refundId: cashPart!.id, editionId: edition.id, organiserId: organiser.id })).toEqual({ ok: false });
    expect(refundRows(application.id).map((r) => r.status)).toEqual(["succeeded", "paid_manually"]);
    expect(mailsOf(application.id, "refund-issued")).toHaveLength(2);
  });
});

describe("a withdrawal", () => {
  test("inside the refund period refunds everything by itself, in the withdrawal's transaction", async () => {
    const { application } = await paidOnline(); // market day in 2099: far inside the period
    const decision = transaction((tx) => refundOnWithdrawal(tx, application.id, new Date()));
    expect(decision).toEqual({ policy: "full", amountCents: 2750 });
    expect(refundRows(application.id)).toMatchObject([{ amountCents: 2750, status: "pending", recordedBy: "system_withdrawal", recordedByOrganiserId: null }]);
  });

  test("after the refund period refunds nothing by itself (and says so in the audit log)", async () => {
    const soon = addDays(localDate(new Date()), 3); // refund period is 14 days
    const { application } = await paidOnline({ days: [soon] });
    const decision = transaction((tx) => refundOnWithdrawal(tx, application.id, new Date()));
    expect(decision).toEqual({ policy: "none", amountCents: 0 });
    expect(refundRows(application.id)).toEqual([]);
    expect(db().select().from(t.auditLog).where(eq(t.auditLog.action, "refund_not_due_after_withdrawal")).all()).toHaveLength(1);
  });
});

describe("reminders and the overdue list", () => {
  test("one reminder 7 days before and one 2 days before the deadline, each once; none while paused or once paid", async () => {
    const now = new Date();
    const { edition, application } = payableApplication({ deadline: new Date(now.getTime() + 6 * DAY_MS) });
    expect(queuePaymentReminders(now)).toBe(1);
    expect(queuePaymentReminders(now)).toBe(0);
    expect(queuePaymentReminders(new Date(now.getTime() + 3600_000))).toBe(0);
    expect(mailsOf(application.id, "payment-reminder")).toHaveLength(1);
    expect(mailsOf(application.id, "payment-reminder")[0]!.textBody).toContain("€ 27,50");

    const twoDaysBefore = new Date(now.getTime() + 4.5 * DAY_MS);
    db().update(t.editions).set({ paymentsPaused: true }).where(eq(t.editions.id, edition.id)).run();
    expect(queuePaymentReminders(twoDaysBefore)).toBe(0);
    db().update(t.editions).set({ paymentsPaused: false }).where(eq(t.editions.id, edition.id)).run();
    expect(queuePaymentReminders(twoDaysBefore)).toBe(1);
    expect(queuePaymentReminders(twoDaysBefore)).toBe(0);
    expect(mailsOf(application.id, "payment-reminder")).toHaveLength(2);

    const paid = payableApplication({ deadline: new Date(now.getTime() + 6 * DAY_MS) });
    const { organiser } = signedIn("organiser");
    recordManualPayment({ applicationId: paid.application.id, editionId: paid.edition.id, method: "cash", amountCents: 2750, paidAt: now, note: "", organiserId: organiser.id });
    expect(queuePaymentReminders(now)).toBe(0);
    expect(mailsOf(paid.application.id, "payment-reminder")).toHaveLength(0);
  });

  test("after the deadline the unpaid stall is listed; extending the deadline takes it off the list", async () => {
    const now = new Date();
    const { edition, application } = payableApplication({ deadline: new Date(now.getTime() - 3600_000) });
    expect(listOverdue(edition.id, now)).toMatchObject([{ applicationId: application.id, outstandingCents: 2750 }]);
    expect(queuePaymentReminders(now)).toBe(0);
    const { organiser, cookie } = signedIn("organiser");
    expect(extendPaymentDeadline({ applicationId: application.id, editionId: edition.id, until: new Date(now.getTime() - 1), organiserId: organiser.id })).toEqual({ ok: false, reason: "not_in_future" });
    const until = addDays(localDate(now), 5);
    const response = (await moneyAction(formRequest("/organiser/money", { intent: "extend", applicationId: application.id, until }, cookie))) as Response;
    expect(response.status).toBe(200);
    expect(listOverdue(edition.id, now)).toEqual([]);
    expect(localDate(applicationRow(application.id).paymentDueAt!)).toBe(until);
    expect(await startCheckout(application.accessToken)).toMatchObject({ ok: true });
  });
});

describe("the organisers' money pages", () => {
  test("a volunteer has no access to money; an organiser sees totals, and the CSV reconciles with Stripe", async () => {
    const { application, session } = await paidOnline();
    requestRefund(application.id, 1000, "=HYPERLINK(evil)", null);
    await processDueRefunds(paymentProvider()!, new Date());
    const volunteer = signedIn("volunteer");
    let thrown: unknown;
    try {
      moneyLoader({ request: new Request("http://localhost/organiser/money", { headers: { Cookie: volunteer.cookie } }), params: {}, context: {} });
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Response).status).toBe(403);

    const { cookie } = signedIn("organiser");
    const page = await (moneyLoader({ request: new Request("http://localhost/organiser/money", { headers: { Cookie: cookie } }), params: {}, context: {} }) as Response).json();
    expect(page.total).toMatchObject({ paidCents: 2750, refundedCents: 1000, outstandingCents: 0, applications: 1 });
    expect(page.payments[0]).toMatchObject({ stripePaymentIntentId: session.payment_intent, status: "succeeded" });

    const bytes = new Uint8Array(await (csvLoader({ request: new Request("http://localhost/organiser/money.csv", { headers: { Cookie: cookie } }), params: {}, context: {} }) as Response).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM, for Excel
    const lines = new TextDecoder().decode(bytes).trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]!.split(";")[0]).toBe("Soort");
    expect(lines[1]).toContain(";27,50;EUR;");
    expect(lines[1]).toContain(String(session.payment_intent));
    expect(lines[2]).toContain(";-10,00;EUR;");
    expect(lines[2]).toContain([...stripeState.refunds.keys()][0]!);
    expect(lines[2]).toContain("'=HYPERLINK(evil)");
  });

  test("the application's money page records a bank payment and refuses a refund above what was paid", async () => {
    setStripeEnv({ key: false });
    resetEnvForTests();
    const { application } = payableApplication();
    const { cookie } = signedIn("organiser");
    const post = async (fields: Record<string, string | number>) => {
      const args = formRequest(`/organiser/payments/${application.id}`, fields, cookie);
      return (await appMoneyAction({ ...args, params: { applicationId: String(application.id) } })) as Response;
    };
    const saved = await post({ intent: "manual", method: "bank_transfer", amount: "27,50", date: localDate(new Date()), note: "overboeking" });
    expect(saved.status).toBe(200);
    expect(applicationRow(application.id).paymentState).toBe("paid");
    const tooMuch = await post({ intent: "refund", refundAmount: "30,00", refundReason: "te veel" });
    expect(tooMuch.status).toBe(400);
    expect((await tooMuch.json()).errors).toEqual({ refundAmount: "payments.err_more_than_refundable" });
    expect(refundRows(application.id)).toEqual([]);
    const refunded = await post({ intent: "refund", refundAmount: "27,50", refundReason: "afgelast" });
    expect(refunded.status).toBe(200);
    expect(refundRows(application.id)).toMatchObject([{ status: "to_pay_manually", amountCents: 2750 }]);
    expect(paymentRows(application.id)).toHaveLength(1);
  });

  test("both money pages render through the built app, in Dutch and English", async () => {
    const { application } = await paidOnline();
    const { cookie } = signedIn("organiser");
    const page = await renderPage("/organiser/money", { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<h1>Geld</h1>");
    expect(html).toContain("€ 27,50");
    const english = await renderPage(`/organiser/payments/${application.id}?lang=en`, { headers: { Cookie: cookie } });
    expect(english.status).toBe(200);
    const text = await english.text();
    expect(text).toContain(`Money: ${application.stallName}`);
    expect(text).toContain("Paid");
  });
});


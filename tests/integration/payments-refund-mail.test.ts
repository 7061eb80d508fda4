/**
 * Every refund gets its "Terugbetaling" mail exactly once, whichever path finishes it: our own
 * call's answer (the refund worker), Stripe's charge.refunded webhook, or both (issue 12, item 2).
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import * as t from "#db/schema";
import { db, transaction } from "~/data/db.server";
import { markRefundSucceeded, paymentProvider, processDueRefunds, processStripeEvent, refundDone, requestRefund, startCheckout } from "~/data/money.server";
import { resetEnvForTests } from "~/env.server";
import { createStripeProvider } from "~/services/stripe.server";
import { mockStripePerTest, paySession, STRIPE_TEST_KEY, STRIPE_TEST_URL, stripeEvent, stripeState, type MockRefund, type MockSession } from "#tests/mocks/stripe";
import { applicationRow, mailsOf, payableApplication, refundRows } from "#tests/mocks/payment-fixtures";

mockStripePerTest({ beforeAll, afterAll, beforeEach, afterEach, resetEnv: resetEnvForTests });

async function paidOnline() {
  const made = payableApplication();
  const result = await startCheckout(made.application.accessToken);
  if (!result.ok) throw new Error(result.reason);
  const session = paySession([...stripeState.sessions.values()].find((s) => s.url === result.url)!.id);
  expect(processStripeEvent(stripeEvent("checkout.session.completed", session))).toBe("processed");
  expect(applicationRow(made.application.id).paymentState).toBe("paid");
  return { ...made, session };
}

/** Stripe's charge.refunded for the session's charge, listing the refunds made at Stripe. */
function chargeRefunded(session: MockSession, refunds: MockRefund[], amountRefunded = refunds.reduce((s, r) => s + r.amount, 0)) {
  return stripeEvent("charge.refunded", {
    id: `ch_${session.id}`,
    object: "charge",
    payment_intent: session.payment_intent,
    amount: session.amount_total,
    amount_refunded: amountRefunded,
    refunds: { object: "list", data: refunds.map((r) => ({ id: r.id, object: "refund", status: r.status, amount: r.amount, metadata: r.metadata })) },
  });
}

const refundAudits = (applicationId: number) =>
  db().select().from(t.auditLog).where(eq(t.auditLog.entityId, applicationId)).all().filter((a) => a.action === "refund_succeeded");

describe("the refund mail, whichever path finishes the refund", () => {
  test("charge.refunded arrives while our own call is still waiting for Stripe: one mail, and our late answer adds nothing", async () => {
    const { application, session } = await paidOnline();
    requestRefund(application.id, 2750, "withdrawn_in_refund_period", null);
    stripeState.refundFaults.push("timeout"); // Stripe makes the refund, its answer comes 400 ms later
    stripeState.timeoutDelayMs = 400;
    const sending = processDueRefunds(paymentProvider()!, new Date());
    await vi.waitFor(() => expect(stripeState.refunds.size).toBe(1));
    const made = [...stripeState.refunds.values()][0]!;

    expect(processStripeEvent(chargeRefunded(session, [made]))).toBe("processed");
    expect(refundRows(application.id)).toMatchObject([{ status: "succeeded", stripeRefundId: made.id }]);
    expect(mailsOf(application.id, "refund-issued")).toHaveLength(1);

    expect(await sending).toEqual({ succeeded: 0, retrying: 0, failed: 0 }); // the webhook was first
    expect(refundRows(application.id)).toMatchObject([{ status: "succeeded", stripeRefundId: made.id }]);
    expect(mailsOf(application.id, "refund-issued")).toHaveLength(1);
    expect(refundAudits(application.id)).toHaveLength(1);
    expect(applicationRow(application.id).paymentState).toBe("refunded");
  });

  test("our call's answer was lost (a crash or a timeout), then charge.refunded completes it: one mail, and the retry sends nothing twice", async () => {
    const { application, session } = await paidOnline();
    requestRefund(application.id, 1000, "less stalls", null);
    const impatient = createStripeProvider({ secretKey: STRIPE_TEST_KEY, apiUrl: STRIPE_TEST_URL, timeoutMs: 100 });
    stripeState.refundFaults.push("timeout");
    stripeState.timeoutDelayMs = 400;
    const now = new Date();
    expect(await processDueRefunds(impatient, now)).toEqual({ succeeded: 0, retrying: 1, failed: 0 });
    const waiting = refundRows(application.id)[0]!;
    expect(waiting).toMatchObject({ status: "pending", stripeRefundId: null });
    const made = [...stripeState.refunds.values()][0]!;

    processStripeEvent(chargeRefunded(session, [made]));
    expect(refundRows(application.id)).toMatchObject([{ status: "succeeded", stripeRefundId: made.id }]);
    const mails = mailsOf(application.id, "refund-issued");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/terugbetaling/i);
    expect(mails[0]!.textBody).toContain("€ 10,00");
    expect(applicationRow(application.id).paymentState).toBe("partially_refunded");

    // The retry time comes: the refund is done, so nothing is sent and nothing is mailed again.
    expect(await processDueRefunds(paymentProvider()!, new Date(waiting.nextAttemptAt!.getTime() + 1))).toEqual({ succeeded: 0, retrying: 0, failed: 0 });
    expect(stripeState.requests.filter((r) => r.path === "/v1/refunds")).toHaveLength(1);
    expect(mailsOf(application.id, "refund-issued")).toHaveLength(1);
  });

  test("our call first, then charge.refunded (twice, as two events): one refund row, one mail, one audit entry", async () => {
    const { application, session } = await paidOnline();
    requestRefund(application.id, 2750, "market cancelled", null);
    expect(await processDueRefunds(paymentProvider()!, new Date())).toEqual({ succeeded: 1, retrying: 0, failed: 0 });
    expect(mailsOf(application.id, "refund-issued")).toHaveLength(1);
    const made = [...stripeState.refunds.values()][0]!;
    expect(processStripeEvent(chargeRefunded(session, [made]))).toBe("processed");
    expect(processStripeEvent(chargeRefunded(session, [made]))).toBe("processed");
    expect(refundRows(application.id)).toMatchObject([{ status: "succeeded", stripeRefundId: made.id }]);
    expect(mailsOf(application.id, "refund-issued")).toHaveLength(1);
    expect(refundAudits(application.id)).toHaveLength(1);
  });

  test("both paths completing the same refund at once: only one completes it, and the mail's dedupe key holds even when both queue it", async () => {
    const { application } = await paidOnline();
    const requested = requestRefund(application.id, 2750, "market cancelled", null);
    if (!requested.ok) throw new Error(requested.reason);
    const refundId = requested.refundIds[0]!;
    expect(transaction((tx) => markRefundSucceeded(tx, refundId, "re_from_our_call", new Date(), { type: "system" }))).toBe(true);
    expect(transaction((tx) => markRefundSucceeded(tx, refundId, "re_from_the_webhook", new Date(), { type: "stripe" }))).toBe(false);
    expect(refundRows(application.id)).toMatchObject([{ status: "succeeded", stripeRefundId: "re_from_our_call" }]);
    // Belt and braces: the mail itself is keyed by the refund, so a second queueing adds nothing.
    const row = refundRows(application.id)[0]!;
    transaction((tx) => refundDone(tx, row, new Date(), { type: "stripe" }));
    expect(mailsOf(application.id, "refund-issued")).toHaveLength(1);
  });

  test("a refund made in Stripe's dashboard is mailed too, once, however often Stripe tells us", async () => {
    const { application, session } = await paidOnline();
    const charge = { id: "ch_dash", object: "charge", payment_intent: session.payment_intent, amount: 2750, amount_refunded: 1000, refunds: null };
    processStripeEvent(stripeEvent("charge.refunded", charge));
    processStripeEvent(stripeEvent("charge.refunded", charge));
    expect(refundRows(application.id)).toMatchObject([{ amountCents: 1000, status: "succeeded", recordedBy: "stripe_dashboard" }]);
    const mails = mailsOf(application.id, "refund-issued");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.textBody).toContain("€ 10,00");
  });
});

/**
 * Money does not depend on every webhook arriving (issue 12, item 5): on the return from Checkout
 * and in a background sweep we ask Stripe about open sessions and refunds waiting at Stripe, and
 * record the answer through the webhook's own recording — once, whatever comes after.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { paymentProvider, processDueRefunds, processStripeEvent, reconcileOpenStripeObjects, requestRefund, resetReconcileMemory, startCheckout } from "~/data/money.server";
import { resetEnvForTests } from "~/env.server";
import { loader as privateLoader } from "~/routes/a.$token";
import { mockStripePerTest, paySession, settleRefund, stripeEvent, stripeState, type MockSession } from "#tests/mocks/stripe";
import { applicationRow, mailsOf, payableApplication, paymentRows, refundRows } from "#tests/mocks/payment-fixtures";

mockStripePerTest({ beforeAll, afterAll, beforeEach, afterEach, resetEnv: resetEnvForTests });
beforeEach(() => resetReconcileMemory());

const MIN = 60_000;

async function checkoutAt(token: string, now: Date): Promise<MockSession> {
  const result = await startCheckout(token, now);
  if (!result.ok) throw new Error(`checkout refused: ${result.reason}`);
  return [...stripeState.sessions.values()].find((s) => s.url === result.url)!;
}

const retrieves = (kind: "checkout/sessions" | "refunds") => stripeState.requests.filter((r) => r.method === "GET" && r.path.startsWith(`/v1/${kind}/`));

async function returnFromCheckout(token: string) {
  const response = (await privateLoader({ request: new Request(`http://localhost/a/${token}?payment=success`), params: { token }, context: {} })) as Response;
  return response.json();
}

describe("a payment whose webhook never comes", () => {
  test("is recorded once when the stallholder returns from Checkout; a late webhook changes nothing", async () => {
    const { application } = payableApplication();
    const session = await checkoutAt(application.accessToken, new Date());
    paySession(session.id); // paid at Stripe; the webhook is lost

    const page = await returnFromCheckout(application.accessToken);
    expect(page.payBox).toMatchObject({ paymentState: "paid", notice: "success", payable: false });
    expect(page.application.paymentState).toBe("paid");
    expect(paymentRows(application.id)).toMatchObject([{ status: "succeeded", amountCents: 2750, stripeCheckoutSessionId: session.id }]);
    expect(mailsOf(application.id, "payment-received")).toHaveLength(1);
    expect(retrieves("checkout/sessions")).toHaveLength(1);

    // A reload asks nothing more (no open session left); the late webhook and the sweep change nothing.
    await returnFromCheckout(application.accessToken);
    expect(retrieves("checkout/sessions")).toHaveLength(1);
    expect(processStripeEvent(stripeEvent("checkout.session.completed", stripeState.sessions.get(session.id)))).toBe("processed");
    expect(await reconcileOpenStripeObjects(new Date(Date.now() + 5 * MIN))).toMatchObject({ sessionsAsked: 0, paymentsRecorded: 0 });
    expect(paymentRows(application.id)).toHaveLength(1);
    expect(paymentRows(application.id)[0]!.status).toBe("succeeded");
    expect(mailsOf(application.id, "payment-received")).toHaveLength(1);
    expect(applicationRow(application.id).paymentState).toBe("paid");
  });

  test("is recorded once by the sweep once it is a minute old; a late webhook changes nothing", async () => {
    const start = new Date();
    const { application } = payableApplication();
    const session = await checkoutAt(application.accessToken, start);
    paySession(session.id);

    // Younger than a minute: left to the webhook.
    expect(await reconcileOpenStripeObjects(new Date(start.getTime() + 10_000))).toMatchObject({ sessionsAsked: 0 });
    expect(paymentRows(application.id)[0]!.status).toBe("open");

    expect(await reconcileOpenStripeObjects(new Date(start.getTime() + MIN + 1000))).toEqual({ sessionsAsked: 1, paymentsRecorded: 1, refundsAsked: 0, refundsRecorded: 0, errors: 0 });
    expect(paymentRows(application.id)).toMatchObject([{ status: "succeeded", amountCents: 2750 }]);
    expect(applicationRow(application.id).paymentState).toBe("paid");
    expect(mailsOf(application.id, "payment-received")).toHaveLength(1);

    expect(processStripeEvent(stripeEvent("checkout.session.completed", stripeState.sessions.get(session.id)))).toBe("processed");
    expect(processStripeEvent(stripeEvent("checkout.session.expired", { ...stripeState.sessions.get(session.id), status: "expired" }))).toBe("processed");
    expect(await reconcileOpenStripeObjects(new Date(start.getTime() + 10 * MIN))).toMatchObject({ sessionsAsked: 0 });
    expect(paymentRows(application.id)).toMatchObject([{ status: "succeeded" }]);
    expect(mailsOf(application.id, "payment-received")).toHaveLength(1);
  });

  test("an open session that Stripe expired is recorded as expired; one still open stays open and is asked again a minute later", async () => {
    const start = new Date();
    const a = payableApplication();
    const b = payableApplication();
    const expired = await checkoutAt(a.application.accessToken, start);
    await checkoutAt(b.application.accessToken, start);
    expired.status = "expired";
    expect(await reconcileOpenStripeObjects(new Date(start.getTime() + 2 * MIN))).toMatchObject({ sessionsAsked: 2, paymentsRecorded: 1 });
    expect(paymentRows(a.application.id)[0]!.status).toBe("expired");
    expect(paymentRows(b.application.id)[0]!.status).toBe("open");
    expect(await reconcileOpenStripeObjects(new Date(start.getTime() + 2 * MIN + 30_000))).toMatchObject({ sessionsAsked: 0 });
    expect(await reconcileOpenStripeObjects(new Date(start.getTime() + 3 * MIN))).toMatchObject({ sessionsAsked: 1, paymentsRecorded: 0 });
  });

  test("the sweep is bounded: at most one batch of Stripe calls a round, the rest on the next rounds", async () => {
    const start = new Date();
    const made = Array.from({ length: 5 }, () => payableApplication());
    for (const m of made) paySession((await checkoutAt(m.application.accessToken, start)).id);
    const at = new Date(start.getTime() + 2 * MIN);
    expect(await reconcileOpenStripeObjects(at, paymentProvider(), { batch: 3 })).toMatchObject({ sessionsAsked: 3, paymentsRecorded: 3 });
    expect(await reconcileOpenStripeObjects(at, paymentProvider(), { batch: 3 })).toMatchObject({ sessionsAsked: 2, paymentsRecorded: 2 });
    expect(await reconcileOpenStripeObjects(at, paymentProvider(), { batch: 3 })).toMatchObject({ sessionsAsked: 0 });
    for (const m of made) expect(mailsOf(m.application.id, "payment-received")).toHaveLength(1);
  });
});

describe("Stripe erroring during the sweep", () => {
  test("changes nothing, and the session is asked again on a later round", async () => {
    const start = new Date();
    const { application } = payableApplication();
    const session = await checkoutAt(application.accessToken, start);
    paySession(session.id);
    stripeState.retrieveFaults.push("error");
    expect(await reconcileOpenStripeObjects(new Date(start.getTime() + 2 * MIN))).toMatchObject({ sessionsAsked: 1, paymentsRecorded: 0, errors: 1 });
    expect(paymentRows(application.id)).toMatchObject([{ status: "open" }]);
    expect(applicationRow(application.id).paymentState).toBe("pending");
    expect(mailsOf(application.id, "payment-received")).toHaveLength(0);

    expect(await reconcileOpenStripeObjects(new Date(start.getTime() + 3 * MIN + 1))).toMatchObject({ sessionsAsked: 1, paymentsRecorded: 1, errors: 0 });
    expect(paymentRows(application.id)).toMatchObject([{ status: "succeeded" }]);
    expect(mailsOf(application.id, "payment-received")).toHaveLength(1);
  });

  test("on the return from Checkout, the page still answers and says what we know; the sweep records it later", async () => {
    const start = new Date();
    const { application } = payableApplication();
    paySession((await checkoutAt(application.accessToken, start)).id);
    stripeState.retrieveFaults.push("error");
    const page = await returnFromCheckout(application.accessToken);
    expect(page.payBox).toMatchObject({ paymentState: "pending", notice: "success" });
    expect(paymentRows(application.id)).toMatchObject([{ status: "open" }]);
    expect(await reconcileOpenStripeObjects(new Date(start.getTime() + 2 * MIN))).toMatchObject({ paymentsRecorded: 1 });
    expect(applicationRow(application.id).paymentState).toBe("paid");
  });
});

describe("a refund Stripe answered 'pending'", () => {
  async function paidAndRefundPending() {
    const start = new Date();
    const { application } = payableApplication();
    const session = paySession((await checkoutAt(application.accessToken, start)).id);
    processStripeEvent(stripeEvent("checkout.session.completed", session));
    requestRefund(application.id, 2750, "withdrawn_in_refund_period", null, start);
    stripeState.refundStatuses.push("pending");
    expect(await processDueRefunds(paymentProvider()!, start)).toEqual({ succeeded: 0, retrying: 0, failed: 0 });
    const stripeRefund = [...stripeState.refunds.values()][0]!;
    expect(refundRows(application.id)).toMatchObject([{ status: "pending", stripeRefundId: stripeRefund.id }]);
    return { start, application, session, stripeRefund };
  }

  test("is never sent twice, and is completed by the sweep when its webhook never comes (one mail; a late webhook adds nothing)", async () => {
    const { start, application, session, stripeRefund } = await paidAndRefundPending();
    // The refund worker leaves it alone: Stripe has it.
    expect(await processDueRefunds(paymentProvider()!, new Date(start.getTime() + 10 * MIN))).toEqual({ succeeded: 0, retrying: 0, failed: 0 });
    expect(stripeState.requests.filter((r) => r.method === "POST" && r.path === "/v1/refunds")).toHaveLength(1);
    // Still pending at Stripe: nothing changes.
    expect(await reconcileOpenStripeObjects(new Date(start.getTime() + 2 * MIN))).toMatchObject({ refundsAsked: 1, refundsRecorded: 0 });
    expect(refundRows(application.id)[0]!.status).toBe("pending");
    expect(mailsOf(application.id, "refund-issued")).toHaveLength(0);

    settleRefund(stripeRefund.id, "succeeded");
    stripeState.retrieveFaults.push("error"); // Stripe erroring: nothing changes, asked again later
    expect(await reconcileOpenStripeObjects(new Date(start.getTime() + 4 * MIN))).toMatchObject({ refundsAsked: 1, refundsRecorded: 0, errors: 1 });
    expect(refundRows(application.id)[0]!.status).toBe("pending");
    expect(await reconcileOpenStripeObjects(new Date(start.getTime() + 6 * MIN))).toMatchObject({ refundsAsked: 1, refundsRecorded: 1, errors: 0 });
    expect(refundRows(application.id)).toMatchObject([{ status: "succeeded", stripeRefundId: stripeRefund.id }]);
    expect(applicationRow(application.id).paymentState).toBe("refunded");
    expect(mailsOf(application.id, "refund-issued")).toHaveLength(1);

    processStripeEvent(
      stripeEvent("charge.refunded", { id: "ch_late", object: "charge", payment_intent: session.payment_intent, amount: 2750, amount_refunded: 2750, refunds: { data: [{ ...stripeRefund }] } }),
    );
    expect(refundRows(application.id)).toHaveLength(1);
    expect(mailsOf(application.id, "refund-issued")).toHaveLength(1);
    expect(await reconcileOpenStripeObjects(new Date(start.getTime() + 20 * MIN))).toMatchObject({ refundsAsked: 0 });
  });

  test("that fails at Stripe later is listed as failed by the sweep, with no mail", async () => {
    const { start, application, stripeRefund } = await paidAndRefundPending();
    settleRefund(stripeRefund.id, "failed", "expired_or_canceled_card");
    expect(await reconcileOpenStripeObjects(new Date(start.getTime() + 2 * MIN))).toMatchObject({ refundsAsked: 1, refundsRecorded: 1 });
    const row = refundRows(application.id)[0]!;
    expect(row.status).toBe("failed");
    expect(row.failureReason).toContain("expired_or_canceled_card");
    expect(mailsOf(application.id, "refund-issued")).toHaveLength(0);
    expect(applicationRow(application.id).paymentState).toBe("paid");
  });
});

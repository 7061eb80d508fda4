/**
 * Paying: Stripe Checkout through the pay route, Stripe's webhook (signature, duplicates,
 * concurrency, order, amount checks), payments after a withdrawal, faults of Stripe's API, and
 * manual payments when Stripe is off. Stripe's API is msw (tests/mocks/stripe.ts).
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import * as t from "#db/schema";
import { decideApplications } from "~/data/application-review.server";
import { db, transaction } from "~/data/db.server";
import { payBoxFor, paymentProvider, processDueRefunds, queuePaymentRequest, recordManualPayment, startCheckout } from "~/data/money.server";
import { resetEnvForTests } from "~/env.server";
import { action as payAction, loader as payLoader } from "~/routes/a.$token.pay";
import { action as webhookAction } from "~/routes/webhooks.stripe";
import { createStripeClient, createStripeProvider } from "~/services/stripe.server";
import { paySession, resetStripeState, STRIPE_TEST_KEY, STRIPE_TEST_URL, stripeEvent, stripeState, setStripeEnv, webhookRequest, type MockSession, mockStripePerTest } from "#tests/mocks/stripe";
import { applicationRow, mailsOf, payableApplication, paymentRows, refundRows } from "#tests/mocks/payment-fixtures";
import { signedIn } from "#tests/helpers/signed-in";

mockStripePerTest({ beforeAll, afterAll, beforeEach, afterEach, resetEnv: resetEnvForTests });

async function pay(token: string) {
  const args = { request: new Request(`http://localhost/a/${token}/pay`, { method: "POST" }), params: { token }, context: {} };
  try {
    return (await payAction(args)) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function deliver(request: Request) {
  return (await webhookAction({ request, params: {}, context: {} })) as Response;
}

async function checkout(token: string): Promise<MockSession> {
  const result = await startCheckout(token, new Date());
  if (!result.ok) throw new Error(`checkout refused: ${result.reason}`);
  const session = [...stripeState.sessions.values()].find((s) => s.url === result.url);
  if (!session) throw new Error("no session at the mock");
  return session;
}

const processedEvents = () => db().select().from(t.processedWebhookEvents).all();

describe("the happy path", () => {
  test("approve → pay link mail → pay button → Stripe Checkout → signed webhook → paid, with a mail and an audit entry", async () => {
    const { edition, application: submitted } = payableApplication({ overrides: { reviewState: "submitted", paymentDueAt: null } });
    const { organiser } = signedIn("organiser");
    const outcome = decideApplications({ editionId: edition.id, applicationIds: [submitted.id], to: "approved", reason: "", organiserId: organiser.id, appUrl: "http://localhost", now: new Date() });
    expect(outcome.changed).toHaveLength(1);
    // The approval itself queued the pay link (in its transaction); asking again sends nothing twice.
    expect(mailsOf(submitted.id, "payment-request")).toHaveLength(1);
    expect(transaction((tx) => queuePaymentRequest(tx, submitted.id))).toBe("skipped");
    const request = mailsOf(submitted.id, "payment-request");
    expect(request).toHaveLength(1);
    expect(request[0]!.textBody).toContain(`/a/${submitted.accessToken}`);
    expect(request[0]!.textBody).toContain("€ 27,50");
    // The same request again queues nothing new.
    expect(transaction((tx) => queuePaymentRequest(tx, submitted.id))).toBe("skipped");

    const response = await pay(submitted.accessToken);
    expect(response.status).toBe(303);
    const location = response.headers.get("Location")!;
    expect(location).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);

    const sent = stripeState.requests.filter((r) => r.path === "/v1/checkout/sessions");
    expect(sent).toHaveLength(1);
    const body = sent[0]!.body;
    expect(sent[0]!.idempotencyKey).toMatch(new RegExp(`^checkout:${submitted.id}:1:2750:\\d+$`));
    expect(body.get("mode")).toBe("payment");
    expect(body.get("currency")).toBe("eur");
    expect(body.get("allowed_payment_method_types[0]")).toBe("ideal");
    expect(body.get("allowed_payment_method_types[1]")).toBe("card");
    expect(body.get("customer_email")).toBe(submitted.email);
    expect(body.get("locale")).toBe("nl");
    expect(body.get("client_reference_id")).toBe(String(submitted.id));
    expect(body.get("metadata[application_id]")).toBe(String(submitted.id));
    expect(body.get("success_url")).toBe(`http://localhost:3000/a/${submitted.accessToken}?payment=success`);
    expect(body.get("cancel_url")).toBe(`http://localhost:3000/a/${submitted.accessToken}?payment=cancelled`);
    const session = [...stripeState.sessions.values()][0]!;
    expect(session.line_items_sent).toEqual([
      { name: "Standplaats", unit_amount: 2000, quantity: 1 },
      { name: "Stroomaansluiting", unit_amount: 750, quantity: 1 },
    ]);
    expect(session.amount_total).toBe(2750);
    const nowS = Date.now() / 1000;
    expect(session.expires_at).toBeGreaterThanOrEqual(nowS + 30 * 60);
    expect(session.expires_at).toBeLessThanOrEqual(nowS + 24 * 3600);

    const open = paymentRows(submitted.id);
    expect(open).toMatchObject([{ status: "open", method: "stripe", amountCents: 2750, stripeCheckoutSessionId: session.id, recordedBy: "stallholder_checkout" }]);
    expect(applicationRow(submitted.id).paymentState).toBe("pending");

    const paid = paySession(session.id);
    const delivered = await deliver(webhookRequest(stripeEvent("checkout.session.completed", paid)));
    expect(delivered.status).toBe(200);
    expect(applicationRow(submitted.id).paymentState).toBe("paid");
    expect(paymentRows(submitted.id)).toMatchObject([{ status: "succeeded", amountCents: 2750, stripePaymentIntentId: paid.payment_intent }]);
    expect(mailsOf(submitted.id, "payment-received")).toHaveLength(1);
    const audit = db().select().from(t.auditLog).where(eq(t.auditLog.entityId, submitted.id)).all();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["checkout_started", "payment_succeeded"]));
    expect(audit.find((a) => a.action === "payment_succeeded")!.actorType).toBe("stripe");

    // The private page's box now says paid and offers no button; paying again is refused.
    const box = payBoxFor(submitted.id, new Request(`http://localhost/a/${submitted.accessToken}?payment=success`))!;
    expect(box).toMatchObject({ payable: false, refusal: "already_paid", notice: "success", paymentState: "paid" });
    const again = await pay(submitted.accessToken);
    expect(again.headers.get("Location")).toBe(`/a/${submitted.accessToken}?payment=already_paid`);
  });

  test("a free application gets a confirmation, not a pay link, and cannot start a checkout", async () => {
    const { application } = payableApplication({ overrides: { feeTotalCents: 0, paymentState: "not_required" } });
    expect(transaction((tx) => queuePaymentRequest(tx, application.id))).toBe("free_confirmation");
    expect(mailsOf(application.id, "payment-confirmed-free")).toHaveLength(1);
    expect(mailsOf(application.id, "payment-request")).toHaveLength(0);
    expect(await startCheckout(application.accessToken)).toEqual({ ok: false, reason: "nothing_to_pay" });
    expect(stripeState.requests).toHaveLength(0);
  });

  test("GET on the pay route goes back to the private page; an unknown token is a 404", async () => {
    const response = payLoader({ request: new Request("http://localhost/a/x/pay"), params: { token: "abcdefghijklmnopqrstuvwxyz" }, context: {} });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/a/abcdefghijklmnopqrstuvwxyz");
    expect((await pay("abcdefghijklmnopqrstuvwxyz")).status).toBe(404);
  });
});

describe("creating a session", () => {
  test("a double click makes one session: the same idempotency key, one payment row; a later click reuses it", async () => {
    const { application } = payableApplication();
    // Inside one 5-minute window of the expiry rounding (see the timeout test below).
    const click = new Date(Math.floor(Date.now() / 300_000) * 300_000 + 60_000);
    const [a, b] = await Promise.all([startCheckout(application.accessToken, click), startCheckout(application.accessToken, new Date(click.getTime() + 300))]);
    expect(a).toMatchObject({ ok: true });
    expect(b).toMatchObject({ ok: true });
    expect(a.ok && b.ok && a.url === b.url).toBe(true);
    const keys = stripeState.requests.map((r) => r.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(stripeState.sessions.size).toBe(1);
    expect(paymentRows(application.id)).toHaveLength(1);

    const third = await startCheckout(application.accessToken, new Date(click.getTime() + 60_000));
    expect(third).toMatchObject({ ok: true, reused: true });
    expect(stripeState.requests).toHaveLength(2);
  });

  test("the session never outlives the payment deadline", async () => {
    const deadline = new Date(Date.now() + 3 * 3600_000);
    const { application } = payableApplication({ deadline });
    const session = await checkout(application.accessToken);
    expect(session.expires_at).toBeLessThanOrEqual(Math.floor(deadline.getTime() / 1000));
    expect(session.expires_at).toBeGreaterThanOrEqual(Date.now() / 1000 + 30 * 60);
  });

  test("an organisers' discount is folded into one line that adds up to the fee exactly; an extra charge is its own line", async () => {
    const discounted = payableApplication({ overrides: { feeAdjustmentCents: -500, feeAdjustmentReason: "buurtkorting", feeTotalCents: 2250 } });
    const one = await checkout(discounted.application.accessToken);
    expect(one.line_items_sent).toEqual([{ name: "Standgeld", unit_amount: 2250, quantity: 1 }]);
    resetStripeState();
    const extra = payableApplication({ overrides: { feeAdjustmentCents: 300, feeAdjustmentReason: "extra", feeTotalCents: 3050 } });
    const two = await checkout(extra.application.accessToken);
    expect(two.line_items_sent.map((l) => l.unit_amount * l.quantity)).toEqual([2000, 750, 300]);
    expect(two.amount_total).toBe(3050);
  });

  test("Stripe answering with an error leaves everything as it was and says so", async () => {
    const { application } = payableApplication();
    const before = applicationRow(application.id);
    stripeState.sessionFaults.push("error");
    const response = await pay(application.accessToken);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/a/${application.accessToken}?payment=stripe_error`);
    expect(paymentRows(application.id)).toEqual([]);
    expect(applicationRow(application.id)).toEqual(before);
    expect(db().select().from(t.auditLog).all()).toEqual([]);
  });

  test("Stripe timing out leaves everything as it was; the next click gets the session Stripe made meanwhile", async () => {
    const { application } = payableApplication();
    const before = applicationRow(application.id);
    const impatient = createStripeProvider({ secretKey: STRIPE_TEST_KEY, apiUrl: STRIPE_TEST_URL, timeoutMs: 200 });
    stripeState.sessionFaults.push("timeout");
    stripeState.timeoutDelayMs = 1000;
    // The idempotency key carries the session's expiry, rounded to 5 minutes (rules/payment-state
    // checkoutExpiry), so two clicks on either side of such a boundary make two sessions (a second
    // payment would be refunded). Fix the clock inside one 5-minute window: the run must not
    // depend on the minute it happens to start in.
    const firstClick = new Date(Math.floor(Date.now() / 300_000) * 300_000 + 60_000);
    expect(await startCheckout(application.accessToken, firstClick, impatient)).toEqual({ ok: false, reason: "stripe_error" });
    expect(paymentRows(application.id)).toEqual([]);
    expect(applicationRow(application.id)).toEqual(before);
    const retry = await startCheckout(application.accessToken, new Date(firstClick.getTime() + 5_000), impatient);
    expect(retry).toMatchObject({ ok: true });
    expect(stripeState.sessions.size).toBe(1);
    expect(paymentRows(application.id)).toHaveLength(1);
  });

  test("refusals: not approved, payments paused, deadline passed", async () => {
    const submitted = payableApplication({ overrides: { reviewState: "submitted" } });
    expect(await startCheckout(submitted.application.accessToken)).toEqual({ ok: false, reason: "not_approved" });
    db().update(t.editions).set({ paymentsPaused: true }).where(eq(t.editions.id, submitted.edition.id)).run();
    db().update(t.applications).set({ reviewState: "approved" }).where(eq(t.applications.id, submitted.application.id)).run();
    expect(await startCheckout(submitted.application.accessToken)).toEqual({ ok: false, reason: "payments_paused" });
    db().update(t.editions).set({ paymentsPaused: false }).where(eq(t.editions.id, submitted.edition.id)).run();
    db().update(t.applications).set({ paymentDueAt: new Date(Date.now() - 1000) }).where(eq(t.applications.id, submitted.application.id)).run();
    expect(await startCheckout(submitted.application.accessToken)).toEqual({ ok: false, reason: "deadline_passed" });
    expect(stripeState.requests).toHaveLength(0);
  });
});

describe("the webhook refuses what it cannot trust, and changes nothing", () => {
  async function paidEventFor() {
    const { application } = payableApplication();
    const session = paySession((await checkout(application.accessToken)).id);
    return { application, event: stripeEvent("checkout.session.completed", session) };
  }

  function unchanged(applicationId: number) {
    expect(applicationRow(applicationId).paymentState).toBe("pending");
    expect(paymentRows(applicationId).map((p) => p.status)).toEqual(["open"]);
    expect(processedEvents()).toEqual([]);
  }

  test("a missing signature: 400", async () => {
    const { application, event } = await paidEventFor();
    expect((await deliver(webhookRequest(event, { signature: null }))).status).toBe(400);
    unchanged(application.id);
  });

  test("a wrong signature (another secret): 400", async () => {
    const { application, event } = await paidEventFor();
    expect((await deliver(webhookRequest(event, { secret: "whsec_someone_else" }))).status).toBe(400);
    expect((await deliver(webhookRequest(event, { signature: "t=1,v1=deadbeef" }))).status).toBe(400);
    unchanged(application.id);
  });

  test("a stale timestamp (10 minutes old): 400", async () => {
    const { application, event } = await paidEventFor();
    const response = await deliver(webhookRequest(event, { timestamp: Math.floor(Date.now() / 1000) - 600 }));
    expect(response.status).toBe(400);
    unchanged(application.id);
  });

  test("a body changed after signing: 400", async () => {
    const { application, event } = await paidEventFor();
    const signed = webhookRequest(event);
    const tampered = new Request(signed.url, { method: "POST", headers: signed.headers, body: JSON.stringify({ ...event, id: "evt_other" }) });
    expect((await deliver(tampered)).status).toBe(400);
    unchanged(application.id);
  });

  test("malformed JSON, correctly signed: 400", async () => {
    const { application } = await paidEventFor();
    const response = await deliver(webhookRequest('{"id": "evt_1", "type": "checkout.session.completed", '));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "invalid_json" });
    unchanged(application.id);
  });

  test("an unknown event type: 200 and nothing changed (not even the processed list)", async () => {
    const { application, event } = await paidEventFor();
    const unknown = { ...event, type: "customer.created" };
    const response = await deliver(webhookRequest(unknown));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, outcome: "ignored" });
    unchanged(application.id);
  });

  test("no webhook secret configured: 503 for everything, even a correctly signed event", async () => {
    const { application, event } = await paidEventFor();
    setStripeEnv({ webhookSecret: false });
    resetEnvForTests();
    expect((await deliver(webhookRequest(event))).status).toBe(503);
    unchanged(application.id);
  });

  test("only POST", async () => {
    const response = await webhookAction({ request: new Request("http://localhost/webhooks/stripe", { method: "PUT", body: "{}" }), params: {}, context: {} });
    expect((response as Response).status).toBe(405);
  });
});

describe("repeated, concurrent and out-of-order deliveries", () => {
  test("the same event twice: one payment, one mail, the second answered as a duplicate", async () => {
    const { application } = payableApplication();
    const event = stripeEvent("checkout.session.completed", paySession((await checkout(application.accessToken)).id));
    const first = await deliver(webhookRequest(event));
    const second = await deliver(webhookRequest(event));
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await second.json()).toEqual({ received: true, outcome: "duplicate" });
    expect(paymentRows(application.id)).toHaveLength(1);
    expect(paymentRows(application.id)[0]!.status).toBe("succeeded");
    expect(mailsOf(application.id, "payment-received")).toHaveLength(1);
    expect(processedEvents()).toHaveLength(1);
  });

  test("the same event 10 times at once: one payment row, one event processed, one mail", async () => {
    const { application } = payableApplication();
    // The webhook arrives before our own write of the session (it creates the row itself).
    const session = await checkout(application.accessToken);
    db().delete(t.auditLog).run();
    db().delete(t.payments).run();
    const event = stripeEvent("checkout.session.completed", paySession(session.id));
    const responses = await Promise.all(Array.from({ length: 10 }, () => deliver(webhookRequest(event))));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    const outcomes = await Promise.all(responses.map((r) => r.json()));
    expect(outcomes.filter((o) => o.outcome === "processed")).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === "duplicate")).toHaveLength(9);
    expect(paymentRows(application.id)).toHaveLength(1);
    expect(paymentRows(application.id)[0]).toMatchObject({ status: "succeeded", recordedBy: "stripe_webhook", amountCents: 2750 });
    expect(applicationRow(application.id).paymentState).toBe("paid");
    expect(mailsOf(application.id, "payment-received")).toHaveLength(1);
    expect(processedEvents()).toHaveLength(1);
  });

  async function endState(order: ("completed" | "expired")[]) {
    const { application } = payableApplication();
    const session = await checkout(application.accessToken);
    const paid = { ...paySession(session.id) };
    const expired = { ...paid, status: "expired", payment_status: "unpaid", payment_intent: null };
    for (const kind of order) {
      const event = kind === "completed" ? stripeEvent("checkout.session.completed", paid) : stripeEvent("checkout.session.expired", expired);
      expect((await deliver(webhookRequest(event))).status).toBe(200);
    }
    return {
      state: applicationRow(application.id).paymentState,
      payments: paymentRows(application.id).map((p) => ({ status: p.status, amountCents: p.amountCents, pi: Boolean(p.stripePaymentIntentId) })),
    };
  }

  test("completed then expired, and expired then completed, both end paid — as one ordered delivery does", async () => {
    const ordered = await endState(["completed"]);
    expect(ordered).toEqual({ state: "paid", payments: [{ status: "succeeded", amountCents: 2750, pi: true }] });
    expect(await endState(["completed", "expired"])).toEqual(ordered);
    expect(await endState(["expired", "completed"])).toEqual(ordered);
    expect(await endState(["expired"])).toEqual({ state: "pending", payments: [{ status: "expired", amountCents: 2750, pi: false }] });
  });

  test("iDEAL paid later: completed-unpaid stays open, async success pays, a late failure does not un-pay", async () => {
    const { application } = payableApplication();
    const session = await checkout(application.accessToken);
    const unpaid = { ...session, status: "complete", payment_status: "unpaid", payment_intent: "pi_async_1" };
    await deliver(webhookRequest(stripeEvent("checkout.session.completed", unpaid)));
    expect(paymentRows(application.id)[0]).toMatchObject({ status: "open", stripePaymentIntentId: "pi_async_1" });
    expect(applicationRow(application.id).paymentState).toBe("pending");
    await deliver(webhookRequest(stripeEvent("checkout.session.async_payment_succeeded", { ...unpaid, payment_status: "paid" })));
    expect(applicationRow(application.id).paymentState).toBe("paid");
    await deliver(webhookRequest(stripeEvent("checkout.session.async_payment_failed", unpaid)));
    expect(paymentRows(application.id)[0]!.status).toBe("succeeded");
    expect(applicationRow(application.id).paymentState).toBe("paid");
  });

  test("an async failure on its own marks the attempt failed and leaves the fee to pay", async () => {
    const { application } = payableApplication();
    const session = await checkout(application.accessToken);
    await deliver(webhookRequest(stripeEvent("checkout.session.async_payment_failed", { ...session, status: "complete", payment_intent: "pi_f" })));
    expect(paymentRows(application.id)[0]!.status).toBe("failed");
    expect(applicationRow(application.id).paymentState).toBe("pending");
  });
});

describe("checks on the money itself", () => {
  test("an amount that does not match the fee is flagged for the organisers, not paid", async () => {
    const { application } = payableApplication();
    const session = paySession((await checkout(application.accessToken)).id, { amount_total: 100 });
    await deliver(webhookRequest(stripeEvent("checkout.session.completed", session)));
    expect(paymentRows(application.id)[0]).toMatchObject({ status: "mismatch", amountCents: 100 });
    expect(applicationRow(application.id).paymentState).toBe("pending");
    const flagged = db().select().from(t.auditLog).where(eq(t.auditLog.action, "payment_mismatch")).all();
    expect(flagged).toHaveLength(1);
    expect(JSON.parse(flagged[0]!.detailJson)).toMatchObject({ problem: "amount", amountCents: 100, expectedCents: 2750 });
    expect(mailsOf(application.id, "payment-received")).toHaveLength(0);
  });

  test("a currency other than euro is flagged too", async () => {
    const { application } = payableApplication();
    const session = paySession((await checkout(application.accessToken)).id, { currency: "usd" });
    await deliver(webhookRequest(stripeEvent("checkout.session.completed", session)));
    expect(paymentRows(application.id)[0]!.status).toBe("mismatch");
    expect(applicationRow(application.id).paymentState).toBe("pending");
  });

  test("a payment for an application withdrawn meanwhile is refunded by itself, through Stripe", async () => {
    const { application } = payableApplication();
    const session = await checkout(application.accessToken);
    db().update(t.applications).set({ reviewState: "withdrawn" }).where(eq(t.applications.id, application.id)).run();
    const paid = paySession(session.id);
    await deliver(webhookRequest(stripeEvent("checkout.session.completed", paid)));
    expect(refundRows(application.id)).toMatchObject([{ status: "pending", amountCents: 2750, reason: "application_withdrawn", recordedBy: "system_not_active" }]);
    expect(mailsOf(application.id, "payment-received")).toHaveLength(0);

    const result = await processDueRefunds(paymentProvider()!, new Date());
    expect(result).toEqual({ succeeded: 1, retrying: 0, failed: 0 });
    const sent = stripeState.requests.filter((r) => r.path === "/v1/refunds");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body.get("payment_intent")).toBe(paid.payment_intent);
    expect(sent[0]!.body.get("amount")).toBe("2750");
    expect(sent[0]!.idempotencyKey).toBe(refundRows(application.id)[0]!.idempotencyKey);
    expect(refundRows(application.id)[0]).toMatchObject({ status: "succeeded", stripeRefundId: [...stripeState.refunds.keys()][0] });
    expect(applicationRow(application.id).paymentState).toBe("refunded");
    expect(mailsOf(application.id, "refund-issued")).toHaveLength(1);
  });

  test("a second paid session for a fee already paid is sent back; the fee stays paid", async () => {
    const { application } = payableApplication();
    const first = await checkout(application.accessToken);
    // A second session (e.g. another device after the first expired locally).
    db().update(t.payments).set({ checkoutExpiresAt: new Date(Date.now() - 1000) }).run();
    const second = await checkout(application.accessToken);
    expect(second.id).not.toBe(first.id);
    await deliver(webhookRequest(stripeEvent("checkout.session.completed", paySession(first.id))));
    await deliver(webhookRequest(stripeEvent("checkout.session.completed", paySession(second.id))));
    expect(refundRows(application.id)).toMatchObject([{ amountCents: 2750, reason: "duplicate_payment", status: "pending" }]);
    await processDueRefunds(paymentProvider()!, new Date());
    expect(applicationRow(application.id).paymentState).toBe("paid");
  });

  test("a crash between Stripe's answer and our write: the webhook brings the payment in", async () => {
    const { application } = payableApplication();
    // The session exists at Stripe, but our row was never written.
    const session = await createStripeClient({ secretKey: STRIPE_TEST_KEY, apiUrl: STRIPE_TEST_URL }).checkout.sessions.create({
      mode: "payment",
      line_items: [{ quantity: 1, price_data: { currency: "eur", unit_amount: 2750, product_data: { name: "Standgeld" } } }],
      metadata: { application_id: String(application.id) },
      client_reference_id: String(application.id),
    });
    expect(paymentRows(application.id)).toEqual([]);
    await deliver(webhookRequest(stripeEvent("checkout.session.completed", paySession(session.id))));
    expect(paymentRows(application.id)).toMatchObject([{ status: "succeeded", amountCents: 2750, stripeCheckoutSessionId: session.id, recordedBy: "stripe_webhook" }]);
    expect(applicationRow(application.id).paymentState).toBe("paid");
  });

  test("a refund made in Stripe's dashboard comes in through charge.refunded, once", async () => {
    const { application } = payableApplication();
    const paid = paySession((await checkout(application.accessToken)).id);
    await deliver(webhookRequest(stripeEvent("checkout.session.completed", paid)));
    const charge = { id: "ch_1", object: "charge", payment_intent: paid.payment_intent, amount: 2750, amount_refunded: 1000, refunds: null };
    await deliver(webhookRequest(stripeEvent("charge.refunded", charge)));
    await deliver(webhookRequest(stripeEvent("charge.refunded", charge))); // a second event, same facts
    expect(refundRows(application.id)).toMatchObject([{ amountCents: 1000, status: "succeeded", recordedBy: "stripe_dashboard" }]);
    expect(applicationRow(application.id).paymentState).toBe("partially_refunded");
    await deliver(webhookRequest(stripeEvent("charge.refunded", { ...charge, amount_refunded: 2750 })));
    expect(refundRows(application.id).reduce((s, r) => s + r.amountCents, 0)).toBe(2750);
    expect(applicationRow(application.id).paymentState).toBe("refunded");
  });
});

describe("without Stripe", () => {
  test("the pay button explains instead; an organiser records a bank payment, which is the only way", async () => {
    setStripeEnv({ key: false });
    resetEnvForTests();
    const { edition, application } = payableApplication();
    const response = await pay(application.accessToken);
    expect(response.headers.get("Location")).toBe(`/a/${application.accessToken}?payment=stripe_off`);
    expect(payBoxFor(application.id, new Request("http://localhost/a/x"))).toMatchObject({ payable: false, refusal: "stripe_off", outstandingCents: 2750 });
    expect(stripeState.requests).toHaveLength(0);

    const { organiser } = signedIn("organiser");
    const base = { applicationId: application.id, editionId: edition.id, method: "bank_transfer" as const, paidAt: new Date(), note: "NL12 overboeking", organiserId: organiser.id };
    expect(recordManualPayment({ ...base, amountCents: 5000 })).toEqual({ ok: false, reason: "more_than_outstanding" });
    expect(recordManualPayment({ ...base, amountCents: 0 })).toEqual({ ok: false, reason: "invalid_amount" });
    expect(recordManualPayment({ ...base, amountCents: 1000 })).toMatchObject({ ok: true });
    expect(applicationRow(application.id).paymentState).toBe("pending");
    expect(recordManualPayment({ ...base, method: "cash", amountCents: 1750 })).toMatchObject({ ok: true });
    expect(applicationRow(application.id).paymentState).toBe("paid");
    expect(paymentRows(application.id)).toMatchObject([
      { method: "bank_transfer", amountCents: 1000, recordedBy: "organiser", recordedByOrganiserId: organiser.id, note: "NL12 overboeking" },
      { method: "cash", amountCents: 1750, recordedBy: "organiser", recordedByOrganiserId: organiser.id },
    ]);
    expect(recordManualPayment({ ...base, amountCents: 1 })).toEqual({ ok: false, reason: "nothing_to_pay" });
    expect(mailsOf(application.id, "payment-received")).toHaveLength(2);
    expect(queuePaymentRequestText(application.id)).toBe(null);
  });

  test("the pay link mail without Stripe says how to pay otherwise", () => {
    setStripeEnv({ key: false });
    resetEnvForTests();
    const { application } = payableApplication({ overrides: { language: "en" } });
    expect(transaction((tx) => queuePaymentRequest(tx, application.id))).toBe("pay_link");
    const mail = mailsOf(application.id, "payment-request")[0]!;
    expect(mail.subject).toContain("Pay for your stall");
    expect(mail.textBody).toContain("Paying online is not possible");
    expect(mail.textBody).toContain("€27.50");
  });
});

function queuePaymentRequestText(applicationId: number): string | null {
  // A paid application gets no pay link.
  return transaction((tx) => queuePaymentRequest(tx, applicationId)) === "pay_link" ? "sent" : null;
}

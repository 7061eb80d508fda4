/**
 * Stripe's API at the network edge, for tests: msw 2 handlers for Checkout Sessions (create,
 * retrieve) and Refunds (create, retrieve), with Stripe's idempotency behaviour (the same
 * Idempotency-Key answers with the same object), plus signed webhook deliveries.
 * Unhandled requests are errors, so nothing leaks to the real Stripe.
 *
 * The app's client is pointed here with STRIPE_API_URL=http://stripe.test (see `setStripeEnv`).
 * The browser tests, where the app runs in a process of its own, reach the same handlers through
 * a loopback server (fake-stripe-server.ts): one Stripe double for every kind of test.
 */
import { delay, http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import Stripe from "stripe";

export const STRIPE_TEST_URL = "http://stripe.test";
export const STRIPE_TEST_KEY = "sk_test_zomerparade_0000000000";
export const STRIPE_TEST_WEBHOOK_SECRET = "whsec_test_zomerparade_0000000000";

export type Fault = "error" | "timeout" | "invalid";

const CHECKOUT_URL_BASE = "https://checkout.stripe.test/c/pay";

export interface MockSession {
  id: string;
  object: "checkout.session";
  url: string | null;
  mode: "payment";
  status: "open" | "complete" | "expired";
  payment_status: "unpaid" | "paid" | "no_payment_required";
  amount_total: number;
  currency: string;
  customer_email: string | null;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  locale: string | null;
  expires_at: number;
  success_url: string | null;
  cancel_url: string | null;
  payment_intent: string | null;
  line_items_sent: { name: string; unit_amount: number; quantity: number }[];
  allowed_payment_method_types: string[];
}

export interface MockRefund {
  id: string;
  object: "refund";
  amount: number;
  currency: "eur";
  payment_intent: string;
  status: "succeeded" | "pending" | "failed" | "canceled";
  failure_reason?: string | null;
  metadata: Record<string, string>;
}

interface Request {
  method: string;
  path: string;
  idempotencyKey: string | null;
  body: URLSearchParams;
}

export const stripeState = {
  sessions: new Map<string, MockSession>(),
  sessionByKey: new Map<string, string>(),
  refunds: new Map<string, MockRefund>(),
  refundByKey: new Map<string, string>(),
  requests: [] as Request[],
  /** Faults for the next calls, consumed in order. */
  sessionFaults: [] as Fault[],
  refundFaults: [] as Fault[],
  /** Faults for the next retrieve calls (GET of a session or a refund), consumed in order. */
  retrieveFaults: [] as Fault[],
  /** Status of the next refunds Stripe makes, consumed in order (default "succeeded"). */
  refundStatuses: [] as MockRefund["status"][],
  /** How long a "timeout" fault makes the answer wait (longer than the client's timeout). */
  timeoutDelayMs: 1500,
  /** Where a session's Checkout page is (the loopback server serves a stand-in page there). */
  checkoutUrlBase: CHECKOUT_URL_BASE,
  counter: 0,
};

export function resetStripeState() {
  stripeState.sessions.clear();
  stripeState.sessionByKey.clear();
  stripeState.refunds.clear();
  stripeState.refundByKey.clear();
  stripeState.requests.length = 0;
  stripeState.sessionFaults.length = 0;
  stripeState.refundFaults.length = 0;
  stripeState.retrieveFaults.length = 0;
  stripeState.refundStatuses.length = 0;
  stripeState.timeoutDelayMs = 1500;
  stripeState.checkoutUrlBase = CHECKOUT_URL_BASE;
}

const next = (prefix: string) => `${prefix}_test_${(stripeState.counter += 1).toString().padStart(6, "0")}`;

function stripeError(status: number, type: string, message: string) {
  return HttpResponse.json({ error: { type, message } }, { status });
}

async function record(request: globalThis.Request, path: string): Promise<Request> {
  const entry = {
    method: request.method,
    path,
    idempotencyKey: request.headers.get("Idempotency-Key"),
    body: new URLSearchParams(request.method === "GET" ? "" : await request.text()),
  };
  stripeState.requests.push(entry);
  return entry;
}

function lineItems(body: URLSearchParams) {
  const items: MockSession["line_items_sent"] = [];
  for (let i = 0; body.has(`line_items[${i}][quantity]`); i += 1) {
    items.push({
      name: body.get(`line_items[${i}][price_data][product_data][name]`) ?? "",
      unit_amount: Number(body.get(`line_items[${i}][price_data][unit_amount]`)),
      quantity: Number(body.get(`line_items[${i}][quantity]`)),
    });
  }
  return items;
}

function prefixed(body: URLSearchParams, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of body) {
    const match = new RegExp(`^${prefix.replace(/[[\]]/g, "\\$&")}\\[(\\w+)\\]$`).exec(key);
    if (match) out[match[1]!] = value;
  }
  return out;
}

export const stripeHandlers = [
  http.post(`${STRIPE_TEST_URL}/v1/checkout/sessions`, async ({ request }) => {
    const req = await record(request, "/v1/checkout/sessions");
    const known = req.idempotencyKey ? stripeState.sessionByKey.get(req.idempotencyKey) : undefined;
    if (known) return HttpResponse.json(stripeState.sessions.get(known));
    const fault = stripeState.sessionFaults.shift();
    if (fault === "error") return stripeError(500, "api_error", "Something went wrong on Stripe's end.");
    if (fault === "invalid") return stripeError(400, "invalid_request_error", "Invalid request.");
    const items = lineItems(req.body);
    const types: string[] = [];
    for (let i = 0; req.body.has(`allowed_payment_method_types[${i}]`); i += 1) types.push(req.body.get(`allowed_payment_method_types[${i}]`)!);
    const session: MockSession = {
      id: next("cs"),
      object: "checkout.session",
      url: null,
      mode: "payment",
      status: "open",
      payment_status: "unpaid",
      amount_total: items.reduce((s, i) => s + i.unit_amount * i.quantity, 0),
      currency: req.body.get("currency") ?? "eur",
      customer_email: req.body.get("customer_email"),
      client_reference_id: req.body.get("client_reference_id"),
      metadata: prefixed(req.body, "metadata"),
      locale: req.body.get("locale"),
      expires_at: Number(req.body.get("expires_at")),
      success_url: req.body.get("success_url"),
      cancel_url: req.body.get("cancel_url"),
      payment_intent: null,
      line_items_sent: items,
      allowed_payment_method_types: types,
    };
    session.url = `${stripeState.checkoutUrlBase}/${session.id}`;
    stripeState.sessions.set(session.id, session);
    if (req.idempotencyKey) stripeState.sessionByKey.set(req.idempotencyKey, session.id);
    // A timeout: Stripe made the session, but the answer comes too late.
    if (fault === "timeout") await delay(stripeState.timeoutDelayMs);
    return HttpResponse.json(session);
  }),

  http.get(`${STRIPE_TEST_URL}/v1/checkout/sessions/:id`, async ({ request, params }) => {
    await record(request, `/v1/checkout/sessions/${String(params.id)}`);
    const fault = await retrieveFault();
    if (fault) return fault;
    const session = stripeState.sessions.get(String(params.id));
    return session ? HttpResponse.json(session) : stripeError(404, "invalid_request_error", "No such checkout session");
  }),

  http.get(`${STRIPE_TEST_URL}/v1/refunds/:id`, async ({ request, params }) => {
    await record(request, `/v1/refunds/${String(params.id)}`);
    const fault = await retrieveFault();
    if (fault) return fault;
    const refund = stripeState.refunds.get(String(params.id));
    return refund ? HttpResponse.json(refund) : stripeError(404, "invalid_request_error", "No such refund");
  }),

  http.post(`${STRIPE_TEST_URL}/v1/refunds`, async ({ request }) => {
    const req = await record(request, "/v1/refunds");
    const known = req.idempotencyKey ? stripeState.refundByKey.get(req.idempotencyKey) : undefined;
    if (known) return HttpResponse.json(stripeState.refunds.get(known));
    const fault = stripeState.refundFaults.shift();
    if (fault === "error") return stripeError(500, "api_error", "Something went wrong on Stripe's end.");
    if (fault === "invalid") return stripeError(400, "invalid_request_error", "Charge has already been refunded.");
    const refund: MockRefund = {
      id: next("re"),
      object: "refund",
      amount: Number(req.body.get("amount")),
      currency: "eur",
      payment_intent: req.body.get("payment_intent") ?? "",
      status: stripeState.refundStatuses.shift() ?? "succeeded",
      metadata: prefixed(req.body, "metadata"),
    };
    stripeState.refunds.set(refund.id, refund);
    if (req.idempotencyKey) stripeState.refundByKey.set(req.idempotencyKey, refund.id);
    // A timeout: the refund was made at Stripe, but its answer never reached us.
    if (fault === "timeout") await delay(stripeState.timeoutDelayMs);
    return HttpResponse.json(refund);
  }),
];

/** A retrieve call's fault, if one is queued: an error answer, or a wait past the client's timeout. */
async function retrieveFault() {
  const fault = stripeState.retrieveFaults.shift();
  if (fault === "error") return stripeError(500, "api_error", "Something went wrong on Stripe's end.");
  if (fault === "invalid") return stripeError(400, "invalid_request_error", "Invalid request.");
  if (fault === "timeout") await delay(stripeState.timeoutDelayMs);
  return null;
}

export const stripeServer = setupServer(...stripeHandlers);

/** Stripe paid a session (as after the stallholder paid on Checkout). */
export function paySession(id: string, overrides: Partial<MockSession> = {}): MockSession {
  const session = stripeState.sessions.get(id);
  if (!session) throw new Error(`No mock session ${id}`);
  Object.assign(session, { status: "complete", payment_status: "paid", payment_intent: session.payment_intent ?? next("pi") }, overrides);
  return session;
}

/** A refund Stripe answered "pending" ended (as it does later at the bank). */
export function settleRefund(id: string, status: "succeeded" | "failed" | "canceled" = "succeeded", failureReason: string | null = null): MockRefund {
  const refund = stripeState.refunds.get(id);
  if (!refund) throw new Error(`No mock refund ${id}`);
  Object.assign(refund, { status, failure_reason: failureReason });
  return refund;
}

let eventCounter = 0;

export function stripeEvent(type: string, object: unknown, id?: string): Stripe.Event {
  eventCounter += 1;
  return {
    id: id ?? `evt_test_${eventCounter.toString().padStart(6, "0")}`,
    object: "event",
    api_version: "2026-10-28.endive",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  } as unknown as Stripe.Event;
}

/** A webhook request as Stripe sends it, signed with the test secret (or as told). */
export function webhookRequest(
  payload: string | object,
  options: { secret?: string; timestamp?: number; signature?: string | null } = {},
): globalThis.Request {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const header =
    options.signature !== undefined
      ? options.signature
      : Stripe.webhooks.generateTestHeaderString({
          payload: body,
          secret: options.secret ?? STRIPE_TEST_WEBHOOK_SECRET,
          ...(options.timestamp !== undefined ? { timestamp: options.timestamp } : {}),
        });
  return new globalThis.Request("http://localhost/webhooks/stripe", {
    method: "POST",
    body,
    headers: { "Content-Type": "application/json", ...(header !== null ? { "Stripe-Signature": header } : {}) },
  });
}

/** Points the app at the mock for the current test (call in beforeEach, after the setup file's). */
export function setStripeEnv(options: { key?: boolean; webhookSecret?: boolean } = {}) {
  if (options.key !== false) {
    process.env.STRIPE_SECRET_KEY = STRIPE_TEST_KEY;
    process.env.STRIPE_API_URL = STRIPE_TEST_URL;
  } else {
    delete process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_API_URL;
  }
  if (options.webhookSecret !== false) process.env.STRIPE_WEBHOOK_SECRET = STRIPE_TEST_WEBHOOK_SECRET;
  else delete process.env.STRIPE_WEBHOOK_SECRET;
}

export function clearStripeEnv() {
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_API_URL;
  delete process.env.STRIPE_WEBHOOK_SECRET;
}

/**
 * For a test file that talks to Stripe: msw answers for Stripe (unhandled requests are errors),
 * the app is pointed at it, and its state is fresh for every test.
 */
export function mockStripePerTest(hooks: {
  beforeAll: (fn: () => void) => void;
  afterAll: (fn: () => void) => void;
  beforeEach: (fn: () => void) => void;
  afterEach: (fn: () => void) => void;
  resetEnv: () => void;
}) {
  hooks.beforeAll(() => stripeServer.listen({ onUnhandledRequest: "error" }));
  hooks.afterAll(() => {
    stripeServer.close();
    clearStripeEnv();
  });
  hooks.beforeEach(() => {
    resetStripeState();
    setStripeEnv();
    hooks.resetEnv();
  });
  hooks.afterEach(() => stripeServer.resetHandlers());
}

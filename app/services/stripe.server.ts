/**
 * The Stripe adapter: the one place that imports the `stripe` package, behind the money module's
 * port (app/data/money/provider.server.ts, `PaymentProvider`). No provider when STRIPE_SECRET_KEY
 * is unset (online payment off, manual payments only). STRIPE_API_URL points it at a
 * Stripe-compatible server (stripe-mock, a test double). Timeouts are short and the library's own
 * retries are off: a checkout request gives the stallholder a clear answer quickly, and refunds
 * are retried by our own worker with the same idempotency key (app/data/money/refunds.server.ts).
 */
import Stripe from "stripe";
import type { CheckoutRequest, PaymentProvider, ProviderEvent } from "~/data/money.server";
import { env } from "~/env.server";

export interface StripeClientOptions {
  secretKey: string;
  apiUrl?: string;
  /** Per request, in milliseconds. */
  timeoutMs?: number;
  maxNetworkRetries?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** host/port/protocol options from a base URL such as `http://127.0.0.1:12111`. */
export function apiUrlOptions(apiUrl: string | undefined): { host?: string; port?: number; protocol?: "http" | "https" } {
  if (!apiUrl) return {};
  const url = new URL(apiUrl);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : protocol === "http" ? 80 : 443,
    protocol,
  };
}

const timeouts = new WeakMap<Stripe, number>();

export function createStripeClient(options: StripeClientOptions): Stripe {
  const client = new Stripe(options.secretKey, {
    ...apiUrlOptions(options.apiUrl),
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxNetworkRetries: options.maxNetworkRetries ?? 0,
    telemetry: false,
    appInfo: { name: "Zomerparade" },
  });
  timeouts.set(client, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return client;
}

export class StripeTimeoutError extends Error {
  override name = "StripeTimeoutError";
}

/**
 * Runs one Stripe call and stops waiting after the client's timeout, whatever the HTTP layer
 * does (a socket that never answers, an interceptor that ignores socket timeouts), or after
 * `atMostMs` when that is shorter (a page that asks Stripe while a person waits). Stripe may
 * still do the work; our callers send an idempotency key, so asking again finds the same object.
 */
async function withStripeTimeout<T>(stripe: Stripe, call: () => Promise<T>, atMostMs?: number): Promise<T> {
  const clientMs = timeouts.get(stripe) ?? DEFAULT_TIMEOUT_MS;
  const ms = atMostMs === undefined ? clientMs : Math.min(atMostMs, clientMs);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StripeTimeoutError(`Stripe did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([call(), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The calls the money module makes, over one client; every call stops waiting after its timeout. */
export function createStripeProvider(options: StripeClientOptions): PaymentProvider {
  const stripe = createStripeClient(options);
  return {
    createCheckoutSession: (request, idempotencyKey) =>
      withStripeTimeout(stripe, () => stripe.checkout.sessions.create(checkoutParams(request), { idempotencyKey })),
    retrieveCheckoutSession: (sessionId, { atMostMs } = {}) => withStripeTimeout(stripe, () => stripe.checkout.sessions.retrieve(sessionId), atMostMs),
    createRefund: (request, idempotencyKey) =>
      withStripeTimeout(stripe, () =>
        stripe.refunds.create({ payment_intent: request.paymentIntentId, amount: request.amountCents, metadata: request.metadata }, { idempotencyKey }),
      ),
    retrieveRefund: (refundId) => withStripeTimeout(stripe, () => stripe.refunds.retrieve(refundId)),
    isTransientError: isTransientStripeError,
  };
}

/** A Checkout session in Stripe's terms. */
export function checkoutParams(request: CheckoutRequest): Stripe.Checkout.SessionCreateParams {
  return {
    mode: "payment",
    currency: request.currency,
    // API 2026-10-28 (stripe 23) replaced `payment_method_types` with this filter.
    allowed_payment_method_types: [...request.paymentMethods],
    line_items: request.lines.map((line) => ({
      quantity: line.quantity,
      price_data: {
        currency: request.currency,
        unit_amount: line.unitCents,
        product_data: { name: line.name, description: line.description },
      },
    })),
    customer_email: request.customerEmail,
    locale: request.locale,
    client_reference_id: request.clientReferenceId,
    metadata: request.metadata,
    payment_intent_data: request.paymentIntent,
    expires_at: request.expiresAt,
    success_url: request.successUrl,
    cancel_url: request.cancelUrl,
  };
}

let cached: { signature: string; provider: PaymentProvider } | undefined;

/** The provider chosen from the environment, or null when Stripe is off (no API key). */
export function stripeProvider(): PaymentProvider | null {
  const config = env();
  if (!config.STRIPE_SECRET_KEY) return null;
  const signature = `${config.STRIPE_SECRET_KEY}|${config.STRIPE_API_URL ?? ""}`;
  if (cached?.signature !== signature) {
    cached = { signature, provider: createStripeProvider({ secretKey: config.STRIPE_SECRET_KEY, apiUrl: config.STRIPE_API_URL }) };
  }
  return cached.provider;
}

/**
 * Checks a webhook's signature and timestamp (5 minutes' tolerance) and parses it. Throws when the
 * signature is missing, wrong or stale, or the body is not JSON. Needs no API key.
 */
export function verifyStripeEvent(rawBody: string, signature: string, secret: string): ProviderEvent {
  return Stripe.webhooks.constructEvent(rawBody, signature, secret);
}

/** Whether a Stripe error is worth trying again later (network, timeout, Stripe's side, rate limit). */
function isTransientStripeError(error: unknown): boolean {
  if (!(error instanceof Stripe.errors.StripeError)) return true; // e.g. a socket error thrown as is
  if (error instanceof Stripe.errors.StripeConnectionError) return true;
  if (error instanceof Stripe.errors.StripeAPIError) return true;
  if (error instanceof Stripe.errors.StripeRateLimitError) return true;
  if (error instanceof Stripe.errors.StripeIdempotencyError) return false;
  const status = error.statusCode ?? 0;
  return status === 0 || status === 409 || status >= 500;
}

/**
 * The Stripe client: null when STRIPE_SECRET_KEY is unset (online payment off, manual payments
 * only). STRIPE_API_URL points it at a Stripe-compatible server (stripe-mock, a test double).
 * Timeouts are short and the library's own retries are off: a checkout request gives the
 * stallholder a clear answer quickly, and refunds are retried by our own worker with the same
 * idempotency key (app/data/money/refunds.server.ts).
 */
import Stripe from "stripe";
import { env } from "~/env.server";

export type StripeClient = Stripe;

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
export async function withStripeTimeout<T>(stripe: Stripe, call: () => Promise<T>, atMostMs?: number): Promise<T> {
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

let cached: { signature: string; client: Stripe } | undefined;

/** The configured client, or null when Stripe is off. */
export function stripeClient(): Stripe | null {
  const config = env();
  if (!config.STRIPE_SECRET_KEY) return null;
  const signature = `${config.STRIPE_SECRET_KEY}|${config.STRIPE_API_URL ?? ""}`;
  if (cached?.signature !== signature) {
    cached = { signature, client: createStripeClient({ secretKey: config.STRIPE_SECRET_KEY, apiUrl: config.STRIPE_API_URL }) };
  }
  return cached.client;
}

export function stripeEnabled(): boolean {
  return Boolean(env().STRIPE_SECRET_KEY);
}

/**
 * Checks a webhook's signature and timestamp (5 minutes' tolerance) and parses it. Throws when the
 * signature is missing, wrong or stale, or the body is not JSON. Needs no API key.
 */
export function verifyWebhook(rawBody: string, signature: string, secret: string): Stripe.Event {
  return Stripe.webhooks.constructEvent(rawBody, signature, secret);
}

/** Whether a Stripe error is worth trying again later (network, timeout, Stripe's side, rate limit). */
export function isTransientStripeError(error: unknown): boolean {
  if (!(error instanceof Stripe.errors.StripeError)) return true; // e.g. a socket error thrown as is
  if (error instanceof Stripe.errors.StripeConnectionError) return true;
  if (error instanceof Stripe.errors.StripeAPIError) return true;
  if (error instanceof Stripe.errors.StripeRateLimitError) return true;
  if (error instanceof Stripe.errors.StripeIdempotencyError) return false;
  const status = error.statusCode ?? 0;
  return status === 0 || status === 409 || status >= 500;
}

export function stripeErrorMessage(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  return String(error).slice(0, 500);
}

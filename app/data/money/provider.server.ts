/**
 * The port to the online payment provider: exactly the calls the money module makes, and nothing
 * else. One adapter implements it over the `stripe` package (app/services/stripe.server.ts); this
 * file is the only one in the app that reaches that adapter, and the rest of money only knows
 * this interface. The objects keep Stripe's wire shapes (a webhook delivers them as they are),
 * narrowed to the fields we read.
 *
 * "Stripe off" is the provider being absent: `paymentProvider()` is null when no API key is
 * configured, and `onlinePaymentsEnabled()` is the one answer to "can people pay online?".
 * Checking a webhook's signature needs no API key, so it does not need the provider either.
 */
import type { Language } from "~/i18n/i18n";
import { stripeProvider, verifyStripeEvent } from "~/services/stripe.server";

export interface CheckoutLine {
  name: string;
  description: string;
  unitCents: number;
  quantity: number;
}

/** A Checkout session to make: what is paid, by whom, until when, and where the payer comes back. */
export interface CheckoutRequest {
  currency: "eur";
  paymentMethods: readonly ("ideal" | "card")[];
  lines: CheckoutLine[];
  customerEmail: string;
  locale: Language;
  clientReferenceId: string;
  metadata: Record<string, string>;
  paymentIntent: { metadata: Record<string, string>; description: string };
  /** Unix seconds. */
  expiresAt: number;
  successUrl: string;
  cancelUrl: string;
}

export interface RefundRequest {
  paymentIntentId: string;
  amountCents: number;
  metadata: Record<string, string>;
}

type Ref = string | { id: string } | null;

export interface ProviderCheckoutSession {
  id: string;
  url: string | null;
  status: string | null;
  payment_status: string;
  amount_total: number | null;
  currency: string | null;
  /** Unix seconds. */
  expires_at: number;
  metadata: Record<string, string> | null;
  client_reference_id: string | null;
  payment_intent: Ref;
}

export interface ProviderRefund {
  id: string;
  status: string | null;
  failure_reason?: string | null;
  metadata?: Record<string, string> | null;
}

export interface ProviderCharge {
  id: string;
  payment_intent: Ref;
  amount_refunded: number;
  refunds?: { data: ProviderRefund[] } | null;
}

/** A verified webhook event; `data.object` is a session or a charge, by `type`. */
export interface ProviderEvent {
  id: string;
  type: string;
  data: { object: unknown };
}

export interface PaymentProvider {
  /** Same idempotency key, same session: a double click makes one. */
  createCheckoutSession(request: CheckoutRequest, idempotencyKey: string): Promise<ProviderCheckoutSession>;
  /** `atMostMs`: stop waiting sooner than the provider's own timeout (a page a person waits for). */
  retrieveCheckoutSession(sessionId: string, options?: { atMostMs?: number }): Promise<ProviderCheckoutSession>;
  /** Same idempotency key, same refund: a retry after a timeout or a crash never pays out twice. */
  createRefund(request: RefundRequest, idempotencyKey: string): Promise<ProviderRefund>;
  retrieveRefund(refundId: string): Promise<ProviderRefund>;
  /** Whether a failed call is worth trying again later (network, timeout, the provider's side, rate limit). */
  isTransientError(error: unknown): boolean;
}

/** The configured provider, or null when online payment is off (manual payments only). */
export function paymentProvider(): PaymentProvider | null {
  return stripeProvider();
}

export function onlinePaymentsEnabled(): boolean {
  return paymentProvider() !== null;
}

/**
 * Checks a webhook's signature and timestamp (5 minutes' tolerance) and parses it. Throws when the
 * signature is missing, wrong or stale, or the body is not JSON (a SyntaxError).
 */
export function verifyProviderEvent(rawBody: string, signature: string, secret: string): ProviderEvent {
  return verifyStripeEvent(rawBody, signature, secret);
}

/** A failed call, short enough for a row and a log line. */
export function providerErrorMessage(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  return String(error).slice(0, 500);
}

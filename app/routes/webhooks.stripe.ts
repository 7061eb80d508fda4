/**
 * POST /webhooks/stripe — Stripe's events. The raw body is read once and verified with
 * STRIPE_WEBHOOK_SECRET (signature and a 5-minute timestamp tolerance). Exempt from the cross-site
 * guard (the signature authenticates it) and from form rate limits.
 *   no secret configured → 503, refusing everything (Stripe keeps retrying until it is set)
 *   missing, wrong or stale signature, or a body that is not JSON → 400, nothing changed
 *   a verified event of a type we do not handle → 200, nothing changed
 *   a verified event → processed once (app/data/money/payments.server.ts) → 200
 *   a failure while processing → 500, nothing written; Stripe delivers it again
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { processStripeEvent, verifyProviderEvent } from "~/data/money.server";
import { env } from "~/env.server";

const NO_STORE = { "Cache-Control": "no-store" };

export function loader() {
  return json({ error: "method_not_allowed" }, { status: 405, headers: { Allow: "POST", ...NO_STORE } });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return json({ error: "method_not_allowed" }, { status: 405, headers: { Allow: "POST", ...NO_STORE } });
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (!secret) return json({ error: "webhook_not_configured" }, { status: 503, headers: NO_STORE });
  const signature = request.headers.get("Stripe-Signature");
  if (!signature) return json({ error: "missing_signature" }, { status: 400, headers: NO_STORE });
  const body = await request.text();
  let event;
  try {
    event = verifyProviderEvent(body, signature, secret);
  } catch (error) {
    const invalidJson = error instanceof SyntaxError;
    return json({ error: invalidJson ? "invalid_json" : "invalid_signature" }, { status: 400, headers: NO_STORE });
  }
  if (!event || typeof event.id !== "string" || typeof event.type !== "string" || !event.data?.object) {
    return json({ error: "invalid_event" }, { status: 400, headers: NO_STORE });
  }
  try {
    const outcome = processStripeEvent(event);
    return json({ received: true, outcome }, { headers: NO_STORE });
  } catch (error) {
    console.error(`[zomerparade] Stripe event ${event.id} (${event.type}) failed; Stripe will deliver it again`, error);
    return json({ error: "processing_failed" }, { status: 500, headers: NO_STORE });
  }
}

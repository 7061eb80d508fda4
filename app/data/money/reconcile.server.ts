/**
 * Money does not depend on every webhook arriving. We ask Stripe ourselves how our open Checkout
 * Sessions and our refunds waiting at Stripe ended, and record the answer through the same
 * functions the webhook and our own calls use — so each payment and refund is still recorded once,
 * whichever of webhook, return and sweep comes first (the recordings are compare-and-set on the
 * status, and their mails have dedupe keys):
 *
 * - on the stallholder's return from Checkout (`?payment=success` on the private page):
 *   `reconcileCheckoutOnReturn` retrieves that application's open sessions, with a short timeout;
 * - in the background (`reconcileOpenStripeObjects`, a worker): sessions still open and refunds
 *   Stripe answered "pending", once they are older than a minute, in batches, each object at most
 *   once a minute. A Stripe error changes nothing; the object is asked again on a later round.
 *
 * Which object was asked when is kept in memory only: after a restart everything is asked again,
 * which costs a few requests and changes nothing.
 */
import { and, asc, desc, eq, gte, isNotNull, lte } from "drizzle-orm";
import * as t from "#db/schema";
import { db } from "../db.server";
import type { RefundRow } from "./ledger.server";
import { recordRetrievedSession } from "./payments.server";
import { paymentProvider, providerErrorMessage, type PaymentProvider, type ProviderCheckoutSession, type ProviderRefund } from "./provider.server";
import { recordStripeRefundAnswer } from "./refunds.server";

/** Only objects open longer than this are swept (the webhook usually comes within seconds). */
export const SWEEP_MIN_AGE_MS = 60_000;
/** The sweep asks Stripe about one object at most this often. */
export const SWEEP_RECHECK_MS = 60_000;
/** The return page asks about one session at most this often (a reload storm stays cheap). */
export const RETURN_RECHECK_MS = 5_000;
/** Sessions older than this are no longer asked about (Stripe expires them within 24 hours). */
export const SWEEP_MAX_AGE_MS = 30 * 24 * 3600_000;
/** Stripe calls per sweep round, at most. */
export const SWEEP_BATCH = 20;
/** How long the return page waits for Stripe before it shows what it knows. */
export const RETURN_TIMEOUT_MS = 4_000;

const lastAsked = new Map<string, number>();

/** For tests: forget when objects were last asked about. */
export function resetReconcileMemory() {
  lastAsked.clear();
}

function due(stripeId: string, now: Date, everyMs: number): boolean {
  const last = lastAsked.get(stripeId);
  return last === undefined || now.getTime() - last >= everyMs;
}

type SessionResult = "recorded" | "unchanged" | "error";

async function checkSession(provider: PaymentProvider, sessionId: string, via: "return" | "sweep", now: Date, timeoutMs?: number): Promise<SessionResult> {
  lastAsked.set(sessionId, now.getTime());
  let session: ProviderCheckoutSession;
  try {
    session = await provider.retrieveCheckoutSession(sessionId, { atMostMs: timeoutMs });
  } catch (error) {
    console.error(`[zomerparade] could not ask Stripe about checkout session ${sessionId} (${via}); asking again later: ${providerErrorMessage(error)}`);
    return "error";
  }
  const outcome = recordRetrievedSession(session, via, now);
  return outcome === "processed" ? "recorded" : "unchanged";
}

/**
 * The stallholder is back from Checkout: ask Stripe about this application's open sessions (the
 * newest few) and record what happened, so the page says "paid" without waiting for the webhook.
 * Never throws: when Stripe does not answer in time the page shows what we know, and the sweep
 * (or the webhook) records the payment later.
 */
export async function reconcileCheckoutOnReturn(applicationId: number, now: Date = new Date(), provider: PaymentProvider | null = paymentProvider()) {
  if (!provider) return { asked: 0, recorded: 0 };
  const open = db()
    .select({ sessionId: t.payments.stripeCheckoutSessionId })
    .from(t.payments)
    .where(and(eq(t.payments.applicationId, applicationId), eq(t.payments.method, "stripe"), eq(t.payments.status, "open"), isNotNull(t.payments.stripeCheckoutSessionId)))
    .orderBy(desc(t.payments.id))
    .limit(3)
    .all()
    .map((row) => row.sessionId!)
    .filter((id) => due(id, now, RETURN_RECHECK_MS));
  const results = await Promise.all(open.map((id) => checkSession(provider, id, "return", now, RETURN_TIMEOUT_MS)));
  return { asked: open.length, recorded: results.filter((r) => r === "recorded").length };
}

export interface ReconcileResult {
  sessionsAsked: number;
  paymentsRecorded: number;
  refundsAsked: number;
  refundsRecorded: number;
  errors: number;
}

/**
 * One round of the sweep: open Checkout Sessions and refunds waiting at Stripe that are older than
 * a minute and were not asked about in the last minute, at most `batch` Stripe calls. Each answer
 * is recorded through the webhook's (or our own call's) recording. Does nothing without Stripe.
 */
export async function reconcileOpenStripeObjects(
  now: Date = new Date(),
  provider: PaymentProvider | null = paymentProvider(),
  options: { batch?: number } = {},
): Promise<ReconcileResult> {
  const result: ReconcileResult = { sessionsAsked: 0, paymentsRecorded: 0, refundsAsked: 0, refundsRecorded: 0, errors: 0 };
  if (!provider) return result;
  const batch = options.batch ?? SWEEP_BATCH;
  const conn = db();
  const olderThan = new Date(now.getTime() - SWEEP_MIN_AGE_MS);

  const sessions = conn
    .select({ sessionId: t.payments.stripeCheckoutSessionId })
    .from(t.payments)
    .where(
      and(
        eq(t.payments.method, "stripe"),
        eq(t.payments.status, "open"),
        isNotNull(t.payments.stripeCheckoutSessionId),
        lte(t.payments.createdAt, olderThan),
        gte(t.payments.createdAt, new Date(now.getTime() - SWEEP_MAX_AGE_MS)),
      ),
    )
    .orderBy(asc(t.payments.id))
    .all()
    .map((row) => row.sessionId!)
    .filter((id) => due(id, now, SWEEP_RECHECK_MS));
  const refunds = conn
    .select()
    .from(t.refunds)
    .where(and(eq(t.refunds.status, "pending"), isNotNull(t.refunds.stripeRefundId), lte(t.refunds.createdAt, olderThan)))
    .orderBy(asc(t.refunds.id))
    .all()
    .filter((refund) => due(refund.stripeRefundId!, now, SWEEP_RECHECK_MS));

  // Refunds first (fewer, and a stallholder waits for that money), then sessions, within the batch.
  for (const refund of refunds.slice(0, batch)) {
    result.refundsAsked += 1;
    const outcome = await checkRefund(provider, refund, now);
    if (outcome === "error") result.errors += 1;
    else if (outcome === "succeeded" || outcome === "failed") result.refundsRecorded += 1;
  }
  for (const sessionId of sessions.slice(0, Math.max(0, batch - result.refundsAsked))) {
    result.sessionsAsked += 1;
    const outcome = await checkSession(provider, sessionId, "sweep", now);
    if (outcome === "error") result.errors += 1;
    else if (outcome === "recorded") result.paymentsRecorded += 1;
  }
  return result;
}

async function checkRefund(provider: PaymentProvider, refund: RefundRow, now: Date) {
  const stripeRefundId = refund.stripeRefundId!;
  lastAsked.set(stripeRefundId, now.getTime());
  let answer: ProviderRefund;
  try {
    answer = await provider.retrieveRefund(stripeRefundId);
  } catch (error) {
    console.error(`[zomerparade] could not ask Stripe about refund ${stripeRefundId}; asking again later: ${providerErrorMessage(error)}`);
    return "error" as const;
  }
  return recordStripeRefundAnswer(refund, answer, now, { type: "stripe" });
}

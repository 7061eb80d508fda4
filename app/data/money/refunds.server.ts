/**
 * Refunds: full or partial per application, split over its payments (newest first), never more
 * than was paid and not yet refunded. A refund of a Stripe payment is a `pending` row with its own
 * idempotency key; the refund worker (`processDueRefunds`) sends it to Stripe with that key, so a
 * retry after a timeout or a crash can never pay out twice. A refund of a cash or bank payment is
 * `to_pay_manually` until an organiser marks it paid.
 */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import * as t from "#db/schema";
import { env } from "~/env.server";
import { renderRefundIssued } from "~/mail/refund-issued";
import { privateUrl } from "~/mail/stallholder";
import { localDate } from "~/rules/calendar";
import { refundableCents, splitRefund, withdrawalRefundCents } from "~/rules/payment-state";
import { paymentProvider, providerErrorMessage, type PaymentProvider, type ProviderRefund } from "./provider.server";
import { recordAudit } from "../audit.server";
import { db, transaction, type DbOrTx, type Tx } from "../db.server";
import { getEdition, listEventDays } from "../editions.server";
import { enqueueMail } from "../outbox.server";
import type { RecordedBy } from "~/rules/vocabularies";
import { paymentsOf, refundsOf, syncPaymentState, type RefundRow } from "./ledger.server";
import { RECORDED_BY } from "~/rules/vocabularies";

/** After this many failed attempts a refund is listed as failed for the organisers. */
export const MAX_REFUND_ATTEMPTS = 6;
/**
 * While one worker waits for Stripe (at most its timeout, 10 s by default), no other picks the
 * same refund up; a crashed worker's claim runs out within a minute, and the refund is sent again
 * with the same idempotency key.
 */
export const REFUND_CLAIM_MS = 60_000;

/** A fixed moment (tests) or the clock: a long run stamps each refund with the time it really completed. */
export type Clock = Date | (() => Date);
export const clockOf = (now: Clock): (() => Date) => (typeof now === "function" ? now : () => now);

/** 1 min, 4, 16, 64 … capped at 6 hours. */
export function refundBackoffMs(attempts: number): number {
  return Math.min(60_000 * 4 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

/** Inserts refund rows for the given parts (amounts already checked). Returns their ids. */
export function createRefundRows(
  tx: Tx,
  input: {
    applicationId: number;
    parts: { paymentId: number; amountCents: number }[];
    reason: string;
    organiserId: number | null;
    recordedBy: RecordedBy;
    now: Date;
    /** A fixed key per payment (e.g. the deposit's, so it is refunded once); a fresh one by default. */
    idempotencyKey?: (paymentId: number) => string;
  },
): number[] {
  const ids: number[] = [];
  for (const part of input.parts) {
    const payment = tx.select().from(t.payments).where(eq(t.payments.id, part.paymentId)).get();
    if (!payment) throw new Error(`No payment ${part.paymentId}`);
    const viaStripe = payment.method === "stripe";
    const row = tx
      .insert(t.refunds)
      .values({
        paymentId: payment.id,
        applicationId: input.applicationId,
        amountCents: part.amountCents,
        status: viaStripe ? "pending" : "to_pay_manually",
        reason: input.reason.trim().slice(0, 500),
        idempotencyKey: input.idempotencyKey?.(payment.id) ?? `refund:${payment.id}:${randomUUID()}`,
        nextAttemptAt: viaStripe ? input.now : null,
        recordedByOrganiserId: input.organiserId,
        recordedBy: input.recordedBy,
        createdAt: input.now,
      })
      .returning({ id: t.refunds.id })
      .get();
    ids.push(row.id);
  }
  return ids;
}

export type RefundRequestResult =
  | { ok: true; refundIds: number[] }
  | { ok: false; reason: "not_found" | "invalid_amount" | "more_than_refundable" | "nothing_paid" };

/**
 * An organiser's (or the system's, `organiserId` null) refund of `amountCents` for one
 * application. Pass `conn` to make it part of a larger transaction (e.g. a withdrawal).
 */
export function requestRefund(
  applicationId: number,
  amountCents: number,
  reason: string,
  organiserId: number | null,
  now: Date = new Date(),
  conn?: Tx,
  recordedBy: RecordedBy = organiserId === null ? RECORDED_BY.withdrawal : RECORDED_BY.organiser,
): RefundRequestResult {
  const work = (tx: Tx): RefundRequestResult => {
    const application = tx.select().from(t.applications).where(eq(t.applications.id, applicationId)).get();
    if (!application) return { ok: false, reason: "not_found" };
    if (!Number.isSafeInteger(amountCents) || amountCents <= 0) return { ok: false, reason: "invalid_amount" };
    const payments = paymentsOf(applicationId, tx);
    const refunds = refundsOf(applicationId, tx);
    const refundable = refundableCents(payments, refunds);
    if (refundable === 0) return { ok: false, reason: "nothing_paid" };
    const newestFirst = [...payments].sort(
      (a, b) => (b.paidAt?.getTime() ?? 0) - (a.paidAt?.getTime() ?? 0) || b.id - a.id,
    );
    const parts = splitRefund(amountCents, newestFirst, refunds);
    if (!parts) return { ok: false, reason: "more_than_refundable" };
    const refundIds = createRefundRows(tx, { applicationId, parts, reason, organiserId, recordedBy, now });
    recordAudit(tx, {
      actor: organiserId === null ? { type: "system" } : { type: "organiser", organiserId },
      editionId: application.editionId,
      entityType: "application",
      entityId: applicationId,
      action: "refund_requested",
      detail: { amountCents, reason, refundIds, parts },
      at: now,
    });
    return { ok: true, refundIds };
  };
  return conn ? work(conn) : transaction(work);
}

/**
 * For the stallholder's withdrawal, in its transaction: inside the refund period (the edition's
 * `refund_period_days` before the first market day) everything paid comes back; later nothing
 * does by itself (app/rules/payment-state.ts).
 */
export function refundOnWithdrawal(tx: Tx, applicationId: number, now: Date): { policy: "full" | "none"; amountCents: number } {
  const application = tx.select().from(t.applications).where(eq(t.applications.id, applicationId)).get();
  if (!application) return { policy: "none", amountCents: 0 };
  const edition = getEdition(application.editionId, tx)!;
  const refundable = refundableCents(paymentsOf(applicationId, tx), refundsOf(applicationId, tx));
  const decision = withdrawalRefundCents({
    today: localDate(now),
    firstMarketDay: listEventDays(edition.id, tx)[0]?.date ?? null,
    refundPeriodDays: edition.refundPeriodDays,
    refundableCents: refundable,
  });
  if (decision.amountCents > 0) {
    const result = requestRefund(applicationId, decision.amountCents, "withdrawn_in_refund_period", null, now, tx, RECORDED_BY.withdrawal);
    if (!result.ok) throw new Error(`Refund on withdrawal refused: ${result.reason}`);
  } else if (refundable > 0) {
    recordAudit(tx, {
      actor: { type: "system" },
      editionId: application.editionId,
      entityType: "application",
      entityId: applicationId,
      action: "refund_not_due_after_withdrawal",
      detail: { refundableCents: refundable, refundPeriodDays: edition.refundPeriodDays },
      at: now,
    });
  }
  return decision;
}

/**
 * The refund worker: sends every due `pending` refund to Stripe with its idempotency key.
 * Success → `succeeded` with Stripe's refund id (and the stallholder's mail). A timeout or an error
 * on Stripe's side → tried again later with backoff, the same key; a refusal (invalid request) or
 * too many attempts → `failed`, listed for the organisers, who may retry.
 */
export async function processDueRefunds(
  provider: PaymentProvider,
  clock: Clock = () => new Date(),
  limit = 20,
  /** Called between refunds and at the end; returning false ends the run (a job run that lost its lease). */
  options: { heartbeat?: () => boolean } = {},
) {
  const time = clockOf(clock);
  const now = time();
  const conn = db();
  const due = conn
    .select()
    .from(t.refunds)
    // A refund Stripe already has (its id stored, Stripe said "pending") is never sent again: the
    // reconciliation sweep asks Stripe how it ended (app/data/money/reconcile.server.ts).
    .where(
      and(
        eq(t.refunds.status, "pending"),
        isNull(t.refunds.stripeRefundId),
        or(isNull(t.refunds.nextAttemptAt), lte(t.refunds.nextAttemptAt, now)),
      ),
    )
    .orderBy(asc(t.refunds.id))
    .limit(limit)
    .all();
  const result = { succeeded: 0, retrying: 0, failed: 0 };
  for (const refund of due) {
    if (result.succeeded + result.retrying + result.failed > 0 && options.heartbeat && !options.heartbeat()) break;
    const claimedAt = time();
    // Claim it, so a second worker run (or process) does not send it at the same time.
    const claimed = conn
      .update(t.refunds)
      .set({ attempts: sql`${t.refunds.attempts} + 1`, nextAttemptAt: new Date(claimedAt.getTime() + REFUND_CLAIM_MS) })
      .where(and(eq(t.refunds.id, refund.id), eq(t.refunds.status, "pending"), eq(t.refunds.attempts, refund.attempts)))
      .run();
    if (claimed.changes === 0) continue;
    const attempts = refund.attempts + 1;
    const payment = conn.select().from(t.payments).where(eq(t.payments.id, refund.paymentId)).get();
    if (!payment?.stripePaymentIntentId) {
      failRefund(refund, attempts, "no_payment_intent", true, time());
      result.failed += 1;
      continue;
    }
    let answer: ProviderRefund;
    try {
      answer = await provider.createRefund(
        { paymentIntentId: payment.stripePaymentIntentId, amountCents: refund.amountCents, metadata: { refund_id: String(refund.id), application_id: String(refund.applicationId) } },
        refund.idempotencyKey,
      );
    } catch (error) {
      const permanent = !provider.isTransientError(error) || attempts >= MAX_REFUND_ATTEMPTS;
      failRefund(refund, attempts, providerErrorMessage(error), permanent, time());
      if (permanent) result.failed += 1;
      else result.retrying += 1;
      continue;
    }
    // The moment Stripe answered, not the start of the run.
    const recorded = recordStripeRefundAnswer({ ...refund, attempts }, answer, time(), { type: "system" });
    if (recorded === "succeeded") result.succeeded += 1;
    else if (recorded === "failed") result.failed += 1;
    // "waiting": Stripe has it but has not finished; not counted, the sweep completes it.
  }
  options.heartbeat?.();
  return result;
}

/**
 * The refund worker's run, and an organiser's refund sent at once rather than on the worker's next
 * tick (outside any transaction): due refunds go to the payment provider; nothing while online
 * payment is off (they wait, pending, until it is on).
 */
export async function sendDueRefunds(clock: Clock = () => new Date()) {
  const provider = paymentProvider();
  if (provider) await processDueRefunds(provider, clock);
}

/**
 * What Stripe says about one of our refunds — the answer to our own call, or the same refund
 * retrieved later by the reconciliation sweep — recorded the one way: succeeded (with the mail),
 * failed (listed for the organisers), or still waiting at Stripe (its id kept, not sent again).
 * Returns "unchanged" when the row had already ended (e.g. the webhook was first).
 */
export function recordStripeRefundAnswer(
  refund: RefundRow,
  answer: Pick<ProviderRefund, "id" | "status" | "failure_reason">,
  now: Date,
  actor: AuditActor,
): "succeeded" | "failed" | "waiting" | "unchanged" {
  if (answer.status === "failed" || answer.status === "canceled") {
    const failed = failRefund(refund, refund.attempts, `stripe_refund_${answer.status}: ${answer.failure_reason ?? ""}`, true, now, answer.id);
    return failed ? "failed" : "unchanged";
  }
  if (answer.status === "pending" || answer.status === "requires_action") {
    const kept = db()
      .update(t.refunds)
      .set({ stripeRefundId: answer.id, nextAttemptAt: null, failureReason: null })
      .where(and(eq(t.refunds.id, refund.id), eq(t.refunds.status, "pending")))
      .run();
    return kept.changes > 0 ? "waiting" : "unchanged";
  }
  return transaction((tx) => markRefundSucceeded(tx, refund.id, answer.id, now, actor)) ? "succeeded" : "unchanged";
}

function failRefund(refund: RefundRow, attempts: number, reason: string, permanent: boolean, now: Date, stripeRefundId?: string): boolean {
  return transaction((tx) => {
    const changed = tx
      .update(t.refunds)
      .set({
        status: permanent ? "failed" : "pending",
        failureReason: reason.slice(0, 500),
        nextAttemptAt: permanent ? null : new Date(now.getTime() + refundBackoffMs(attempts)),
        ...(stripeRefundId ? { stripeRefundId } : {}),
      })
      .where(and(eq(t.refunds.id, refund.id), eq(t.refunds.status, "pending")))
      .run();
    if (changed.changes === 0) return false;
    if (permanent) {
      const application = tx.select({ editionId: t.applications.editionId }).from(t.applications).where(eq(t.applications.id, refund.applicationId)).get();
      recordAudit(tx, {
        actor: { type: "system" },
        editionId: application?.editionId ?? null,
        entityType: "application",
        entityId: refund.applicationId,
        action: "refund_failed",
        detail: { refundId: refund.id, amountCents: refund.amountCents, attempts, reason },
        at: now,
      });
    }
    return true;
  });
}

type AuditActor = Parameters<typeof recordAudit>[1]["actor"];

/**
 * The one way a pending Stripe refund becomes succeeded, whichever path learns it first: our own
 * call's answer, Stripe's `charge.refunded` webhook (app/data/money/payments.server.ts) or the
 * reconciliation sweep. Compare-and-set on the status, then the payment state, the stallholder's
 * "Terugbetaling" mail and the audit entry — in the caller's transaction. The mail's dedupe key
 * (`refund-issued:<refund id>`, unique in the outbox) keeps it to one even if two paths got here.
 * Returns whether this call completed the refund.
 */
export function markRefundSucceeded(tx: Tx, refundId: number, stripeRefundId: string | null, now: Date, actor: AuditActor): boolean {
  const refund = tx.select().from(t.refunds).where(eq(t.refunds.id, refundId)).get();
  if (!refund) return false;
  if (refund.status !== "pending") {
    // Completed already (e.g. the webhook was first): only learn Stripe's id if we lacked it.
    if (refund.status === "succeeded" && !refund.stripeRefundId && stripeRefundId) {
      tx.update(t.refunds).set({ stripeRefundId }).where(eq(t.refunds.id, refundId)).run();
    }
    return false;
  }
  const changed = tx
    .update(t.refunds)
    .set({ status: "succeeded", stripeRefundId: refund.stripeRefundId ?? stripeRefundId, completedAt: now, failureReason: null, nextAttemptAt: null })
    .where(and(eq(t.refunds.id, refundId), eq(t.refunds.status, "pending")))
    .run();
  if (changed.changes === 0) return false;
  refundDone(tx, refund, now, actor);
  return true;
}

/**
 * After a refund ended with the money back (succeeded at Stripe, or paid back by hand): the
 * payment state, the stallholder's mail (once per refund, dedupe key) and the audit entry.
 */
export function refundDone(tx: Tx, refund: RefundRow, now: Date, actor: AuditActor) {
  const sync = syncPaymentState(tx, refund.applicationId, now);
  if (!sync) return;
  const application = sync.application;
  const edition = getEdition(application.editionId, tx)!;
  const payment = tx.select().from(t.payments).where(eq(t.payments.id, refund.paymentId)).get()!;
  const mail = renderRefundIssued({
    language: application.language,
    contactName: application.contactName,
    stallName: application.stallName,
    edition,
    amountCents: refund.amountCents,
    viaStripe: payment.method === "stripe",
    url: privateUrl(env().APP_URL, application.accessToken),
  });
  enqueueMail(
    tx,
    { ...mail, to: application.email, template: "refund-issued", language: application.language, editionId: edition.id, applicationId: application.id, dedupeKey: `refund-issued:${refund.id}` },
    now,
  );
  recordAudit(tx, {
    actor,
    editionId: application.editionId,
    entityType: "application",
    entityId: application.id,
    action: "refund_succeeded",
    detail: { refundId: refund.id, amountCents: refund.amountCents, paymentState: sync.after },
    at: now,
  });
}

/** An organiser paid a refund of a cash or bank payment back by hand. */
export function markManualRefundPaid(input: { refundId: number; editionId: number; organiserId: number; now?: Date }): { ok: boolean } {
  const now = input.now ?? new Date();
  return transaction((tx) => {
    const refund = tx.select().from(t.refunds).where(eq(t.refunds.id, input.refundId)).get();
    const application = refund ? tx.select().from(t.applications).where(eq(t.applications.id, refund.applicationId)).get() : undefined;
    if (!refund || !application || application.editionId !== input.editionId || refund.status !== "to_pay_manually") return { ok: false };
    tx.update(t.refunds)
      .set({ status: "paid_manually", completedAt: now, recordedByOrganiserId: refund.recordedByOrganiserId ?? input.organiserId })
      .where(eq(t.refunds.id, refund.id))
      .run();
    refundDone(tx, refund, now, { type: "organiser", organiserId: input.organiserId });
    return { ok: true };
  });
}

/** An organiser tries a failed Stripe refund again: same row, same idempotency key. */
export function retryRefund(input: { refundId: number; editionId: number; organiserId: number; now?: Date }): { ok: boolean } {
  const now = input.now ?? new Date();
  return transaction((tx) => {
    const refund = tx.select().from(t.refunds).where(eq(t.refunds.id, input.refundId)).get();
    const application = refund ? tx.select().from(t.applications).where(eq(t.applications.id, refund.applicationId)).get() : undefined;
    if (!refund || !application || application.editionId !== input.editionId || refund.status !== "failed") return { ok: false };
    // Stripe's failed refund id is dropped: the worker sends the refund again (same key).
    tx.update(t.refunds).set({ status: "pending", attempts: 0, nextAttemptAt: now, stripeRefundId: null }).where(eq(t.refunds.id, refund.id)).run();
    recordAudit(tx, {
      actor: { type: "organiser", organiserId: input.organiserId },
      editionId: application.editionId,
      entityType: "application",
      entityId: application.id,
      action: "refund_retried",
      detail: { refundId: refund.id },
      at: now,
    });
    return { ok: true };
  });
}

/** Refunds of an edition, newest first, with the stall they belong to. */
export function listRefunds(editionId: number, filter: { statuses?: RefundRow["status"][] } = {}, conn: DbOrTx = db()) {
  return conn
    .select({ refund: t.refunds, stallName: t.applications.stallName, categoryId: t.applications.categoryId })
    .from(t.refunds)
    .innerJoin(t.applications, eq(t.applications.id, t.refunds.applicationId))
    .where(and(eq(t.applications.editionId, editionId), filter.statuses ? inArray(t.refunds.status, filter.statuses) : undefined))
    .orderBy(desc(t.refunds.id))
    .all();
}

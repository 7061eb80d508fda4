/**
 * The durable job that pays everyone back when an edition is cancelled.
 *
 * Phase 1, once and atomically: one refund row per payment still holding money, each with its own
 * idempotency key, tied to the job. Phase 2, any number of times: the pending rows go to Stripe
 * (app/data/refunds.server.ts `processDueRefunds`, which retries with backoff and lists failures);
 * cash and bank payments are listed for the treasurer. A crash anywhere resumes where it stopped:
 * rows are never created twice (phase 1 is one transaction that marks itself done), and a refund
 * that reached Stripe before the crash is sent again with the same key, which Stripe answers with
 * the same refund.
 */
import type Stripe from "stripe";
import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import * as t from "#db/schema";
import { recordAudit } from "./audit.server";
import { db, transaction } from "./db.server";
import { refundablePayments } from "./edition-status.server";
import { RECORDED_BY } from "./payments.server";
import { createRefundRows, processDueRefunds } from "./refunds.server";

export type JobRow = typeof t.jobs.$inferSelect;

/** While one run works on a job, another does not start it (a crashed run's lock expires). */
const LOCK_MS = 2 * 60_000;

function createJobRefunds(jobId: number, now: Date) {
  transaction((tx) => {
    const job = tx.select().from(t.jobs).where(eq(t.jobs.id, jobId)).get();
    if (!job || !job.editionId) return;
    const payload = JSON.parse(job.payloadJson) as { refundsCreated?: boolean };
    if (payload.refundsCreated) return;
    let created = 0;
    for (const payment of refundablePayments(job.editionId, tx)) {
      const ids = createRefundRows(tx, {
        applicationId: payment.applicationId,
        parts: [{ paymentId: payment.paymentId, amountCents: payment.refundableCents }],
        reason: "edition_cancelled",
        organiserId: null,
        recordedBy: RECORDED_BY.cancellation,
        now,
      });
      tx.update(t.refunds).set({ jobId }).where(inArray(t.refunds.id, ids)).run();
      created += ids.length;
    }
    tx.update(t.jobs)
      .set({ payloadJson: JSON.stringify({ ...payload, refundsCreated: true }), total: created, status: "running", updatedAt: now })
      .where(eq(t.jobs.id, jobId))
      .run();
    recordAudit(tx, { actor: { type: "system" }, editionId: job.editionId, entityType: "job", entityId: jobId, action: "cancellation_refunds_created", detail: { refunds: created }, at: now });
  });
}

/** Recomputes the job's progress from its refund rows; done when none is pending. */
export function refreshJobProgress(jobId: number, now: Date): JobRow | undefined {
  return transaction((tx) => {
    const counts = tx
      .select({ status: t.refunds.status, n: sql<number>`count(*)` })
      .from(t.refunds)
      .where(eq(t.refunds.jobId, jobId))
      .groupBy(t.refunds.status)
      .all();
    const count = (...statuses: string[]) => counts.filter((c) => statuses.includes(c.status)).reduce((s, c) => s + c.n, 0);
    const pending = count("pending");
    const job = tx.select().from(t.jobs).where(eq(t.jobs.id, jobId)).get();
    if (!job) return undefined;
    const created = (JSON.parse(job.payloadJson) as { refundsCreated?: boolean }).refundsCreated === true;
    return tx
      .update(t.jobs)
      .set({
        done: count("succeeded", "to_pay_manually", "paid_manually"),
        failed: count("failed"),
        status: created && pending === 0 ? "succeeded" : created ? "running" : job.status,
        lockedAt: null,
        updatedAt: now,
      })
      .where(eq(t.jobs.id, jobId))
      .returning()
      .get();
  });
}

/**
 * One run of a cancellation job. `maxRefunds` bounds the Stripe calls of this run (the worker
 * runs again on its next tick). Without Stripe configured, Stripe refunds cannot be made: they
 * are listed as failed with that reason, to be retried once it is configured.
 */
export async function runCancellationJob(jobId: number, stripe: Stripe | null, now: Date, options: { maxRefunds?: number } = {}) {
  const claimed = db()
    .update(t.jobs)
    .set({ lockedAt: now, attempts: sql`${t.jobs.attempts} + 1`, status: "running" })
    .where(
      and(
        eq(t.jobs.id, jobId),
        inArray(t.jobs.status, ["queued", "running"]),
        or(isNull(t.jobs.lockedAt), lte(t.jobs.lockedAt, new Date(now.getTime() - LOCK_MS))),
      ),
    )
    .run();
  if (claimed.changes === 0) return refreshJobProgressIfExists(jobId, now);
  try {
    createJobRefunds(jobId, now);
    if (stripe) {
      await processDueRefunds(stripe, now, options.maxRefunds ?? 50);
    } else {
      db()
        .update(t.refunds)
        .set({ status: "failed", failureReason: "stripe_not_configured", nextAttemptAt: null })
        .where(and(eq(t.refunds.jobId, jobId), eq(t.refunds.status, "pending")))
        .run();
    }
  } catch (error) {
    db().update(t.jobs).set({ lastError: error instanceof Error ? error.message.slice(0, 500) : String(error), lockedAt: null }).where(eq(t.jobs.id, jobId)).run();
    throw error;
  }
  return refreshJobProgress(jobId, now);
}

function refreshJobProgressIfExists(jobId: number, now: Date) {
  const job = db().select().from(t.jobs).where(eq(t.jobs.id, jobId)).get();
  return job?.lockedAt ? job : refreshJobProgress(jobId, now);
}

/** Every cancellation job that still has work: the worker runs each of them. */
export function runnableJobs(now: Date): JobRow[] {
  return db()
    .select()
    .from(t.jobs)
    .where(and(eq(t.jobs.kind, "cancellation_refunds"), inArray(t.jobs.status, ["queued", "running"]), or(isNull(t.jobs.runAfter), lte(t.jobs.runAfter, now))))
    .orderBy(asc(t.jobs.id))
    .all();
}

/** A failed refund retried by an organiser puts its job back to work. */
export function reopenJobOf(refundId: number, now: Date) {
  const refund = db().select({ jobId: t.refunds.jobId }).from(t.refunds).where(eq(t.refunds.id, refundId)).get();
  if (refund?.jobId) db().update(t.jobs).set({ status: "running", updatedAt: now }).where(eq(t.jobs.id, refund.jobId)).run();
}

export function latestJob(editionId: number) {
  return db().select().from(t.jobs).where(and(eq(t.jobs.editionId, editionId), eq(t.jobs.kind, "cancellation_refunds"))).orderBy(sql`${t.jobs.id} desc`).get();
}

export function jobRefunds(jobId: number) {
  return db()
    .select({
      id: t.refunds.id,
      status: t.refunds.status,
      amountCents: t.refunds.amountCents,
      failureReason: t.refunds.failureReason,
      attempts: t.refunds.attempts,
      stallName: t.applications.stallName,
      applicationId: t.applications.id,
      method: t.payments.method,
    })
    .from(t.refunds)
    .innerJoin(t.applications, eq(t.applications.id, t.refunds.applicationId))
    .innerJoin(t.payments, eq(t.payments.id, t.refunds.paymentId))
    .where(eq(t.refunds.jobId, jobId))
    .orderBy(asc(t.refunds.id))
    .all();
}

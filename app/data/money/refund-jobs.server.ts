/**
 * The durable job that pays everyone back when an edition is cancelled.
 *
 * Phase 1, once and atomically: one refund row per payment still holding money, each with its own
 * idempotency key, tied to the job. Phase 2, any number of times: the pending rows go to Stripe
 * (app/data/money/refunds.server.ts `processDueRefunds`, which retries with backoff and lists failures);
 * cash and bank payments are listed for the treasurer. A crash anywhere resumes where it stopped:
 * rows are never created twice (phase 1 is one transaction that marks itself done), and a refund
 * that reached Stripe before the crash is sent again with the same key, which Stripe answers with
 * the same refund.
 */
import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import * as t from "#db/schema";
import { recordAudit } from "../audit.server";
import { db, transaction } from "../db.server";
import { refundablePayments } from "./ledger.server";
import { RECORDED_BY } from "~/rules/vocabularies";
import { paymentProvider, type PaymentProvider } from "./provider.server";
import { clockOf, createRefundRows, processDueRefunds, type Clock } from "./refunds.server";

export type JobRow = typeof t.jobs.$inferSelect;

/**
 * While one run works on a job it holds a lease (`locked_at`), renewed after every refund; another
 * run (or process) does not start the job while the lease is fresh. A crashed run's lease runs out
 * within a minute, so after a restart the job goes on (and its progress shows) right away.
 */
export const JOB_LEASE_MS = 45_000;

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

/** Recomputes the job's progress from its refund rows; done when none is pending. Releases the
 *  lease only when `release` is the lease this run holds (never another run's). */
export function refreshJobProgress(jobId: number, now: Date, release?: Date): JobRow | undefined {
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
    const releases = release !== undefined && job.lockedAt?.getTime() === release.getTime();
    return tx
      .update(t.jobs)
      .set({
        done: count("succeeded", "to_pay_manually", "paid_manually"),
        failed: count("failed"),
        status: created && pending === 0 ? "succeeded" : created ? "running" : job.status,
        ...(releases || (created && pending === 0) ? { lockedAt: null } : {}),
        updatedAt: now,
      })
      .where(eq(t.jobs.id, jobId))
      .returning()
      .get();
  });
}

/** Whether a run has something to do now: create the refund rows, or send refunds that are due. */
function jobHasWork(job: JobRow, now: Date): boolean {
  if ((JSON.parse(job.payloadJson) as { refundsCreated?: boolean }).refundsCreated !== true) return true;
  const due = db()
    .select({ id: t.refunds.id })
    .from(t.refunds)
    .where(and(eq(t.refunds.jobId, job.id), eq(t.refunds.status, "pending"), or(isNull(t.refunds.nextAttemptAt), lte(t.refunds.nextAttemptAt, now))))
    .limit(1)
    .get();
  return due !== undefined;
}
/**
 * One run of a cancellation job. `maxRefunds` bounds the Stripe calls of this run (the worker
 * runs again on its next tick). Without a payment provider (Stripe off), Stripe refunds cannot be made: they
 * are listed as failed with that reason, to be retried once it is configured.
 *
 * `now` is a fixed moment (tests) or a clock: every timestamp is the moment it happened, not the
 * start of the run. `attempts` counts the runs that took the job on to do work; a tick that
 * finds nothing due only refreshes the progress.
 */
export async function runCancellationJob(jobId: number, provider: PaymentProvider | null, now: Clock = () => new Date(), options: { maxRefunds?: number } = {}) {
  const clock = clockOf(now);
  const start = clock();
  const job = db().select().from(t.jobs).where(eq(t.jobs.id, jobId)).get();
  if (!job || !["queued", "running"].includes(job.status) || !jobHasWork(job, start)) return refreshJobProgress(jobId, start);
  const claimed = db()
    .update(t.jobs)
    .set({ lockedAt: start, attempts: sql`${t.jobs.attempts} + 1`, status: "running", updatedAt: start })
    .where(
      and(
        eq(t.jobs.id, jobId),
        inArray(t.jobs.status, ["queued", "running"]),
        or(isNull(t.jobs.lockedAt), lte(t.jobs.lockedAt, new Date(start.getTime() - JOB_LEASE_MS))),
      ),
    )
    .run();
  // Another run holds the lease: show the progress that run (or the refund worker) made.
  if (claimed.changes === 0) return refreshJobProgress(jobId, start);
  let lease = start;
  /** Renews the lease (compare-and-set on our own `locked_at`) and the progress; false when it was lost. */
  const heartbeat = () => {
    const at = clock();
    const renewed = db()
      .update(t.jobs)
      .set({ lockedAt: at })
      .where(and(eq(t.jobs.id, jobId), eq(t.jobs.lockedAt, lease)))
      .run();
    if (renewed.changes === 0) return false;
    lease = at;
    refreshJobProgress(jobId, at);
    return true;
  };
  try {
    createJobRefunds(jobId, clock());
    if (provider) {
      await processDueRefunds(provider, clock, options.maxRefunds ?? 50, { heartbeat });
    } else {
      db()
        .update(t.refunds)
        .set({ status: "failed", failureReason: "stripe_not_configured", nextAttemptAt: null })
        .where(and(eq(t.refunds.jobId, jobId), eq(t.refunds.status, "pending")))
        .run();
    }
  } catch (error) {
    db()
      .update(t.jobs)
      .set({ lastError: error instanceof Error ? error.message.slice(0, 500) : String(error), lockedAt: null, updatedAt: clock() })
      .where(and(eq(t.jobs.id, jobId), eq(t.jobs.lockedAt, lease)))
      .run();
    throw error;
  }
  return refreshJobProgress(jobId, clock(), lease);
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

/** The worker's tick: every cancellation job with work runs, with the configured provider (or none). */
export async function runDueCancellationJobs(now: Date) {
  // The clock, not the run's start: each refund and the job are stamped when things happen.
  for (const job of runnableJobs(now)) await runCancellationJob(job.id, paymentProvider(), () => new Date());
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

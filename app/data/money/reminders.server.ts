/**
 * The payment deadline: reminder mails before it (a worker; each reminder once, by the outbox's
 * dedupe key), and after it the list of approved applications still unpaid, for the organisers,
 * who may extend the deadline per application or release the spot.
 */
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import * as t from "#db/schema";
import { env } from "~/env.server";
import { renderPaymentReminder } from "~/mail/payment-reminder";
import { privateUrl } from "~/mail/stallholder";
import { dueReminder, effectiveDeadline, isOverdue, outstandingCents } from "~/rules/payment-state";
import { recordAudit } from "../audit.server";
import { db, transaction, type DbOrTx } from "../db.server";
import { enqueueMail } from "../outbox.server";
import { paymentsOf } from "./ledger.server";
import { onlinePaymentsEnabled } from "./provider.server";

/** Approved, unpaid applications with a fee, in editions whose payments are not paused. */
function unpaidApproved(conn: DbOrTx, editionId?: number) {
  return conn
    .select({ application: t.applications, edition: t.editions })
    .from(t.applications)
    .innerJoin(t.editions, eq(t.editions.id, t.applications.editionId))
    .where(
      and(
        eq(t.applications.reviewState, "approved"),
        eq(t.applications.paymentState, "pending"),
        gt(t.applications.feeTotalCents, 0),
        editionId === undefined ? undefined : eq(t.applications.editionId, editionId),
      ),
    )
    .orderBy(asc(t.applications.id))
    .all();
}

/**
 * Queues the reminders that are due (the worker runs this every tick). Nothing for an edition
 * whose payments are paused or that is cancelled. Returns how many were queued.
 */
export function queuePaymentReminders(now: Date = new Date()): number {
  let queued = 0;
  for (const { application, edition } of unpaidApproved(db())) {
    if (edition.paymentsPaused || edition.status === "cancelled") continue;
    const deadline = effectiveDeadline(application.paymentDueAt, edition.paymentDeadline);
    if (!deadline) continue;
    const due = dueReminder({ deadline, now, lastReminderAt: application.lastReminderAt });
    if (!due) continue;
    transaction((tx) => {
      // Checked again inside the write lock: paid or withdrawn meanwhile → no reminder.
      const fresh = tx.select().from(t.applications).where(eq(t.applications.id, application.id)).get();
      if (!fresh || fresh.reviewState !== "approved" || fresh.paymentState !== "pending") return;
      const amountCents = outstandingCents(fresh.feeTotalCents, paymentsOf(fresh.id, tx));
      if (amountCents === 0) return;
      const mail = renderPaymentReminder({
        language: fresh.language,
        contactName: fresh.contactName,
        stallName: fresh.stallName,
        edition,
        amountCents,
        deadline,
        url: privateUrl(env().APP_URL, fresh.accessToken),
        online: onlinePaymentsEnabled(),
      });
      const mailId = enqueueMail(
        tx,
        {
          ...mail,
          to: fresh.email,
          template: "payment-reminder",
          language: fresh.language,
          editionId: edition.id,
          applicationId: fresh.id,
          dedupeKey: `payment-reminder:${fresh.id}:${deadline.getTime()}:${due.daysBefore}`,
        },
        now,
      );
      tx.update(t.applications).set({ lastReminderAt: now }).where(eq(t.applications.id, fresh.id)).run();
      if (mailId !== null) {
        queued += 1;
        recordAudit(tx, {
          actor: { type: "system" },
          editionId: edition.id,
          entityType: "application",
          entityId: fresh.id,
          action: "payment_reminder_queued",
          detail: { mailId, daysBefore: due.daysBefore, deadline: deadline.toISOString() },
          at: now,
        });
      }
    });
  }
  return queued;
}

export interface OverdueRow {
  applicationId: number;
  stallName: string;
  contactName: string;
  email: string;
  feeTotalCents: number;
  outstandingCents: number;
  deadline: Date;
  lastReminderAt: Date | null;
  assignedDays: number;
}

/** Approved applications whose payment deadline has passed without (full) payment. */
export function listOverdue(editionId: number, now: Date = new Date(), conn: DbOrTx = db()): OverdueRow[] {
  const rows = unpaidApproved(conn, editionId);
  const ids = rows.map((r) => r.application.id);
  const assigned = new Map(
    ids.length
      ? conn
          .select({ applicationId: t.stallAssignments.applicationId, n: sql<number>`count(*)` })
          .from(t.stallAssignments)
          .where(inArray(t.stallAssignments.applicationId, ids))
          .groupBy(t.stallAssignments.applicationId)
          .all()
          .map((r) => [r.applicationId, r.n])
      : [],
  );
  const result: OverdueRow[] = [];
  for (const { application: a, edition } of rows) {
    const deadline = effectiveDeadline(a.paymentDueAt, edition.paymentDeadline);
    if (!deadline || !isOverdue(deadline, now)) continue;
    result.push({
      applicationId: a.id,
      stallName: a.stallName,
      contactName: a.contactName,
      email: a.email,
      feeTotalCents: a.feeTotalCents,
      outstandingCents: outstandingCents(a.feeTotalCents, paymentsOf(a.id, conn)),
      deadline,
      lastReminderAt: a.lastReminderAt,
      assignedDays: assigned.get(a.id) ?? 0,
    });
  }
  return result;
}

/** A later payment deadline for one application (reminders start again for the new deadline). */
export function extendPaymentDeadline(input: {
  applicationId: number;
  editionId: number;
  until: Date;
  organiserId: number;
  now?: Date;
}): { ok: true } | { ok: false; reason: "not_found" | "not_in_future" } {
  const now = input.now ?? new Date();
  if (input.until.getTime() <= now.getTime()) return { ok: false, reason: "not_in_future" };
  return transaction((tx) => {
    const a = tx.select().from(t.applications).where(eq(t.applications.id, input.applicationId)).get();
    if (!a || a.editionId !== input.editionId || a.reviewState !== "approved") return { ok: false as const, reason: "not_found" as const };
    tx.update(t.applications).set({ paymentDueAt: input.until, lastReminderAt: null, updatedAt: now }).where(eq(t.applications.id, a.id)).run();
    recordAudit(tx, {
      actor: { type: "organiser", organiserId: input.organiserId },
      editionId: a.editionId,
      entityType: "application",
      entityId: a.id,
      action: "payment_deadline_extended",
      detail: { from: a.paymentDueAt?.toISOString() ?? null, to: input.until.toISOString() },
      at: now,
    });
    return { ok: true as const };
  });
}

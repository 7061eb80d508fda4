/**
 * Flagging an edition uncertain or cancelled, or back to "goes ahead": one transaction writes
 * the status, its history, what happens to applications, a mail to every active applicant
 * (each once per change) and, for a cancellation, the durable refund job.
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import * as t from "#db/schema";
import { statusChangeMail } from "~/mail/status-change";
import { statusChangeKind, type EditionStatus, type StatusChangePreview } from "~/rules/edition-status";
import { ACTIVE_STATES } from "~/rules/application-state";
import { recordAudit } from "./audit.server";
import { bumpPublicRevision } from "./assignments.server";
import { db, transaction, type DbOrTx } from "./db.server";
import { enqueueMail } from "./outbox.server";
import type { MarketDay, Postponement } from "~/rules/postponement";
import { DEFAULT_CALL_AFTER_HOURS } from "~/rules/status-notices";
import { listEventDays } from "./editions.server";
import { latestPostponement, moveMarketDays, originalDays, recordNotice } from "./status-notices.server";
import { refundablePayments } from "./money.server";

function activeApplications(editionId: number, conn: DbOrTx) {
  return conn
    .select()
    .from(t.applications)
    .where(and(eq(t.applications.editionId, editionId), inArray(t.applications.reviewState, [...ACTIVE_STATES])))
    .all();
}

export function previewStatusChange(editionId: number, to: EditionStatus, conn: DbOrTx = db()): StatusChangePreview | null {
  const edition = conn.select().from(t.editions).where(eq(t.editions.id, editionId)).get();
  if (!edition) return null;
  const kind = statusChangeKind(edition.status, to);
  const active = activeApplications(editionId, conn);
  const refundable = kind === "cancel" ? refundablePayments(editionId, conn) : [];
  const stripe = refundable.filter((p) => p.method === "stripe");
  const manual = refundable.filter((p) => p.method !== "stripe");
  return {
    kind,
    // A new message alone is mailed too (changeEditionStatus sends it to every active applicant).
    applicantsMailed: kind === "reopen_fresh" ? countMailedOnReopen(editionId, conn) : active.length,
    applicationsCancelled: kind === "cancel" ? active.length : 0,
    paymentsRefunded: stripe.length,
    refundCents: stripe.reduce((s, p) => s + p.refundableCents, 0),
    manualRefunds: manual.length,
    manualRefundCents: manual.reduce((s, p) => s + p.refundableCents, 0),
  };
}

/** On a fresh start everyone cancelled with the edition is told they may apply again. */
function countMailedOnReopen(editionId: number, conn: DbOrTx) {
  return conn.select({ n: sql<number>`count(*)` }).from(t.applications).where(and(eq(t.applications.editionId, editionId), eq(t.applications.reviewState, "cancelled"))).get()?.n ?? 0;
}

export type StatusChangeResult =
  | { ok: true; historyId: number; jobId: number | null; mailed: number }
  | { ok: false; reason: "not_found" | "unchanged" | "stale" | "not_allowed" };

export interface StatusChangeInput {
  editionId: number;
  to: EditionStatus;
  /** The status the organiser saw when confirming: a second confirmation of the same change is refused. */
  expectedFrom: EditionStatus;
  messageNl: string;
  messageEn: string;
  decisionExpectedOn: string | null;
  organiserId: number;
  appUrl: string;
  now: Date;
  /** For `postponed`: the checked postponement (app/rules/postponement.ts checkPostponement). */
  postponement?: Postponement | null;
  /** Hours after which who has not confirmed reading is on the call list (default 24). */
  callAfterHours?: number;
}

export function changeEditionStatus(input: StatusChangeInput): StatusChangeResult {
  return transaction((tx) => {
    const edition = tx.select().from(t.editions).where(eq(t.editions.id, input.editionId)).get();
    if (!edition) return { ok: false, reason: "not_found" };
    if (edition.status !== input.expectedFrom) return { ok: false, reason: "stale" };
    const kind = statusChangeKind(edition.status, input.to);
    const sameMessage = edition.statusMessageNl === input.messageNl && edition.statusMessageEn === input.messageEn && edition.decisionExpectedOn === input.decisionExpectedOn;
    if (kind === "same" && sameMessage) return { ok: false, reason: "unchanged" };
    if (kind === "not_allowed" || (kind === "postpone" && !input.postponement)) return { ok: false, reason: "not_allowed" };
    // Postponed → goes ahead moves the days back to where they were before the postponement.
    const daysBack: MarketDay[] | null = kind === "back_to_old_dates" ? originalDays(edition.id, tx) : null;

    // Who is told: the active applicants (for a cancellation, before they are cancelled); on a
    // fresh start, those who were cancelled with the edition.
    const recipients =
      kind === "reopen_fresh"
        ? tx.select().from(t.applications).where(and(eq(t.applications.editionId, input.editionId), eq(t.applications.reviewState, "cancelled"))).all()
        : activeApplications(input.editionId, tx);
    const refundable = kind === "cancel" ? refundablePayments(input.editionId, tx) : [];

    tx.update(t.editions)
      .set({
        status: input.to,
        statusMessageNl: input.messageNl,
        statusMessageEn: input.messageEn,
        decisionExpectedOn: input.to === "uncertain" ? input.decisionExpectedOn : null,
        ...(kind === "reopen_fresh" ? { mapPublishedAt: null } : {}),
        updatedAt: input.now,
        version: edition.version + 1,
      })
      .where(eq(t.editions.id, edition.id))
      .run();
    const history = tx
      .insert(t.editionStatusHistory)
      .values({
        editionId: edition.id,
        status: input.to,
        messageNl: input.messageNl,
        messageEn: input.messageEn,
        decisionExpectedOn: input.to === "uncertain" ? input.decisionExpectedOn : null,
        postponementJson: kind === "postpone" && input.postponement ? JSON.stringify(input.postponement) : null,
        callAfterHours: input.callAfterHours ?? DEFAULT_CALL_AFTER_HOURS,
        changedByOrganiserId: input.organiserId,
        changedAt: input.now,
      })
      .returning({ id: t.editionStatusHistory.id })
      .get();

    if (kind === "cancel" && recipients.length > 0) {
      tx.update(t.applications)
        .set({ reviewState: "cancelled", reviewReason: input.messageNl || "edition cancelled", updatedAt: input.now, version: sql`${t.applications.version} + 1` })
        .where(inArray(t.applications.id, recipients.map((a) => a.id)))
        .run();
    }

    if (kind === "postpone" && input.postponement) {
      moveMarketDays(tx, { editionId: edition.id, to: input.postponement.daysAfter, organiserId: input.organiserId, now: input.now, reason: "postponed" });
    } else if (daysBack) {
      moveMarketDays(tx, { editionId: edition.id, to: daysBack, organiserId: input.organiserId, now: input.now, reason: "back_to_old_dates" });
    }
    const daysNow = listEventDays(edition.id, tx).map((d) => ({ date: d.date, startsAt: d.startsAt, endsAt: d.endsAt }));
    const postponement = kind === "postpone" ? latestPostponement(edition.id, tx)?.postponement ?? null : null;

    let jobId: number | null = null;
    if (kind === "cancel") {
      jobId = tx
        .insert(t.jobs)
        .values({
          kind: "cancellation_refunds",
          dedupeKey: `cancellation-refunds:${edition.id}:${history.id}`,
          editionId: edition.id,
          payloadJson: JSON.stringify({ historyId: history.id }),
          status: "queued",
          total: refundable.length,
          runAfter: input.now,
          createdAt: input.now,
        })
        .returning({ id: t.jobs.id })
        .get().id;
    }

    const refundByApplication = new Map<number, number>();
    for (const p of refundable) refundByApplication.set(p.applicationId, (refundByApplication.get(p.applicationId) ?? 0) + p.refundableCents);
    let mailed = 0;
    for (const application of recipients) {
      const language = application.language;
      const mail = statusChangeMail({
        language,
        kind,
        status: input.to,
        message: (language === "en" ? input.messageEn : input.messageNl) || input.messageNl || input.messageEn,
        decisionExpectedOn: input.to === "uncertain" ? input.decisionExpectedOn : null,
        editionName: language === "en" ? edition.nameEn : edition.nameNl,
        contactName: application.contactName,
        stallName: application.stallName,
        refundCents: refundByApplication.get(application.id) ?? 0,
        privateUrl: `${input.appUrl}/a/${application.accessToken}`,
        applyUrl: `${input.appUrl}/apply`,
        confirmUrl: kind === "reopen_fresh" ? null : `${input.appUrl}/a/${application.accessToken}/gelezen/${history.id}`,
        days: daysNow,
        postponement: postponement && application.reviewState === "approved" ? { choiceDeadline: postponement.choiceDeadline, defaultChoice: postponement.defaultChoice } : null,
      });
      const id = enqueueMail(
        tx,
        { ...mail, to: application.email, template: `status-${input.to}`, language, editionId: edition.id, applicationId: application.id, dedupeKey: `status:${history.id}:${application.id}` },
        input.now,
      );
      if (id !== null) mailed += 1;
      // A fresh start invites to apply again; there is nothing to confirm or to phone about.
      if (kind !== "reopen_fresh") recordNotice(tx, { historyId: history.id, applicationId: application.id, outboxId: id });
    }

    recordAudit(tx, {
      actor: { type: "organiser", organiserId: input.organiserId },
      editionId: edition.id,
      entityType: "edition",
      entityId: edition.id,
      action: "status_changed",
      detail: { from: edition.status, to: input.to, kind, mailed, cancelled: kind === "cancel" ? recipients.length : 0, jobId },
      at: input.now,
    });
    bumpPublicRevision(edition.id, tx);
    return { ok: true, historyId: history.id, jobId, mailed };
  });
}

export function statusHistory(editionId: number, conn: DbOrTx = db()) {
  return conn
    .select({
      id: t.editionStatusHistory.id,
      status: t.editionStatusHistory.status,
      messageNl: t.editionStatusHistory.messageNl,
      messageEn: t.editionStatusHistory.messageEn,
      decisionExpectedOn: t.editionStatusHistory.decisionExpectedOn,
      postponementJson: t.editionStatusHistory.postponementJson,
      callAfterHours: t.editionStatusHistory.callAfterHours,
      changedAt: t.editionStatusHistory.changedAt,
      changedBy: t.organisers.name,
      changedByEmail: t.organisers.email,
    })
    .from(t.editionStatusHistory)
    .leftJoin(t.organisers, eq(t.organisers.id, t.editionStatusHistory.changedByOrganiserId))
    .where(eq(t.editionStatusHistory.editionId, editionId))
    .orderBy(desc(t.editionStatusHistory.changedAt), desc(t.editionStatusHistory.id))
    .all();
}

export function setPaymentsPaused(editionId: number, paused: boolean, organiserId: number) {
  return transaction((tx) => {
    tx.update(t.editions).set({ paymentsPaused: paused }).where(eq(t.editions.id, editionId)).run();
    recordAudit(tx, { actor: { type: "organiser", organiserId }, editionId, entityType: "edition", entityId: editionId, action: paused ? "payments_paused" : "payments_resumed" });
  });
}

export function setApplicationsClosed(editionId: number, closed: boolean, organiserId: number) {
  return transaction((tx) => {
    tx.update(t.editions).set({ applicationsClosedManually: closed }).where(eq(t.editions.id, editionId)).run();
    recordAudit(tx, { actor: { type: "organiser", organiserId }, editionId, entityType: "edition", entityId: editionId, action: closed ? "applications_closed" : "applications_reopened" });
    bumpPublicRevision(editionId, tx);
  });
}

/** What a postponement (or going back to the old dates) will move, shown before confirming. */
export function previewDayMove(editionId: number, conn: DbOrTx = db()) {
  const approved = conn.select({ n: sql<number>`count(*)` }).from(t.applications).where(and(eq(t.applications.editionId, editionId), eq(t.applications.reviewState, "approved"))).get()?.n ?? 0;
  const withSpot =
    conn
      .select({ n: sql<number>`count(distinct ${t.stallAssignments.applicationId})` })
      .from(t.stallAssignments)
      .innerJoin(t.applications, eq(t.applications.id, t.stallAssignments.applicationId))
      .where(eq(t.applications.editionId, editionId))
      .get()?.n ?? 0;
  return { approved, withSpot, oldDays: originalDays(editionId, conn) };
}

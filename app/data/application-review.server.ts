/**
 * The organisers' side of applications: the filtered list, the application page, decisions with
 * their mail, edits guarded by the `version` column, fee adjustment, notes and arrivals.
 * Every change writes its audit entry (and mail) in the same transaction as the change.
 */
import { and, asc, desc, eq, exists, inArray, or, sql, type SQL } from "drizzle-orm";
import * as t from "#db/schema";
import type { Language } from "~/i18n/i18n";
import { renderReviewMail, type Decision } from "~/mail/review-decision";
import { transitionRefusal, type ReviewState, type TransitionRefusal } from "~/rules/application-state";
import { adjustedTotal, adjustmentProblem, feeMayChange, type AdjustmentProblem } from "~/rules/fee-adjustment";
import { computeFee, type FeeBreakdown } from "~/rules/fees";
import { refundableCents } from "~/rules/payment-state";
import { RECORDED_BY } from "~/rules/vocabularies";
import { wishesForHistory, wishesFromJson, wishesToJson, type Wish } from "~/rules/placement-wishes";
import { auditTrail, recordAudit, type Actor } from "./audit.server";
import { db, transaction, type DbOrTx, type Tx } from "./db.server";
import { getEdition, listCategories, listFeeRates, type EditionRow } from "./editions.server";
import { enqueueMail, listOutbox } from "./outbox.server";
import { paymentsOf, queuePaymentRequest, refundsOf, requestRefund } from "./money.server";
import { bumpPublicRevision } from "./assignments.server";
import { afterDecision } from "./waitlist.server";

export type ApplicationRow = typeof t.applications.$inferSelect;
type PaymentState = ApplicationRow["paymentState"];
type ArrivalState = ApplicationRow["arrivalState"];

export const SORTS = ["created", "stall", "contact", "state", "fee"] as const;
export type Sort = (typeof SORTS)[number];
export const PAGE_SIZE = 50;

export interface ListFilter {
  state?: ReviewState;
  payment?: PaymentState;
  categoryId?: number;
  dayId?: number;
  assigned?: "yes" | "no";
  q?: string;
  sort?: Sort;
  dir?: "asc" | "desc";
  page?: number;
  pageSize?: number;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The list page: filtering, search, sorting and paging all in SQL. */
export function listApplicationsForReview(editionId: number, filter: ListFilter, conn: DbOrTx = db()) {
  const a = t.applications;
  const hasAssignment = (dayId?: number) =>
    exists(
      conn
        .select({ one: sql`1` })
        .from(t.stallAssignments)
        .where(and(eq(t.stallAssignments.applicationId, a.id), dayId ? eq(t.stallAssignments.eventDayId, dayId) : undefined)),
    );
  const conditions: (SQL | undefined)[] = [
    eq(a.editionId, editionId),
    filter.state ? eq(a.reviewState, filter.state) : undefined,
    filter.payment ? eq(a.paymentState, filter.payment) : undefined,
    filter.categoryId ? eq(a.categoryId, filter.categoryId) : undefined,
    filter.dayId
      ? exists(
          conn
            .select({ one: sql`1` })
            .from(t.applicationDays)
            .where(and(eq(t.applicationDays.applicationId, a.id), eq(t.applicationDays.eventDayId, filter.dayId))),
        )
      : undefined,
    filter.assigned === "yes" ? hasAssignment(filter.dayId) : undefined,
    filter.assigned === "no" ? sql`not ${hasAssignment(filter.dayId)}` : undefined,
  ];
  const q = filter.q?.trim();
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    conditions.push(
      or(
        sql`${a.stallName} like ${pattern} escape '\\'`,
        sql`${a.contactName} like ${pattern} escape '\\'`,
        sql`${a.email} like ${pattern} escape '\\'`,
      ),
    );
  }
  const where = and(...conditions.filter((c): c is SQL => c !== undefined));
  const column = { created: a.createdAt, stall: a.stallName, contact: a.contactName, state: a.reviewState, fee: a.feeTotalCents }[filter.sort ?? "created"];
  const direction = (filter.dir ?? (filter.sort && filter.sort !== "created" ? "asc" : "desc")) === "asc" ? asc : desc;
  const pageSize = filter.pageSize ?? PAGE_SIZE;
  const total = conn.select({ n: sql<number>`count(*)` }).from(a).where(where).get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, filter.page ?? 1), pageCount);
  const rows = conn
    .select({
      id: a.id,
      stallName: a.stallName,
      contactName: a.contactName,
      email: a.email,
      categoryId: a.categoryId,
      reviewState: a.reviewState,
      paymentState: a.paymentState,
      feeTotalCents: a.feeTotalCents,
      language: a.language,
      createdAt: a.createdAt,
      assigned: sql<number>`${hasAssignment()}`,
    })
    .from(a)
    .where(where)
    .orderBy(direction(column), direction(a.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all()
    .map((row) => ({ ...row, assigned: row.assigned === 1 }));
  return { rows, total, page, pageCount, pageSize };
}

export function getApplication(id: number, conn: DbOrTx = db()): ApplicationRow | undefined {
  return conn.select().from(t.applications).where(eq(t.applications.id, id)).get();
}

/** Everything the application page shows. */
export function loadApplicationForReview(id: number, editionId: number) {
  const application = getApplication(id);
  if (!application || application.editionId !== editionId) return null;
  const conn = db();
  const dayIds = conn
    .select({ id: t.applicationDays.eventDayId })
    .from(t.applicationDays)
    .where(eq(t.applicationDays.applicationId, id))
    .all()
    .map((row) => row.id);
  const spots = conn
    .select({ dayId: t.stallAssignments.eventDayId, code: t.spots.code })
    .from(t.stallAssignments)
    .innerJoin(t.assignmentSpots, eq(t.assignmentSpots.assignmentId, t.stallAssignments.id))
    .innerJoin(t.spots, eq(t.spots.id, t.assignmentSpots.spotId))
    .where(eq(t.stallAssignments.applicationId, id))
    .orderBy(asc(t.spots.code))
    .all();
  const organiserNames = new Map(
    conn.select({ id: t.organisers.id, name: t.organisers.name, email: t.organisers.email }).from(t.organisers).all().map((o) => [o.id, o.name || o.email]),
  );
  const history = auditTrail("application", id).map((entry) => ({
    id: entry.id,
    at: entry.at,
    action: entry.action,
    actor: entry.actorType === "organiser" && entry.actorOrganiserId ? (organiserNames.get(entry.actorOrganiserId) ?? "?") : entry.actorType,
    detail: JSON.parse(entry.detailJson) as Record<string, unknown>,
  }));
  const mails = listOutbox({ applicationId: id, limit: 100 }).map((m) => ({
    id: m.id,
    subject: m.subject,
    template: m.template,
    language: m.language,
    status: m.status,
    createdAt: m.createdAt,
    sentAt: m.sentAt,
    lastError: m.lastError,
  }));
  const breakdown = JSON.parse(application.feeBreakdownJson) as FeeBreakdown;
  // What a rejection now would refund (money held for this application).
  const heldCents = refundableCents(paymentsOf(id, conn), refundsOf(id, conn));
  return { application, dayIds, spots, history, mails, breakdown, heldCents };
}

// ---------------------------------------------------------------------------------------------
// Decisions

export interface DecisionOutcome {
  changed: { id: number; stallName: string; mailId: number | null }[];
  refused: { id: number; stallName: string; from: ReviewState; refusal: TransitionRefusal }[];
  conflict: boolean;
}

/**
 * Approve, waitlist or reject one or many applications, with one message. Per application, in
 * one transaction: the new state, the mail in the stallholder's language, the audit entry.
 * Applications the state machine refuses are left as they are and reported.
 * With `expectedVersion` (one application, from its page) a save against stale data is refused.
 */
export function decideApplications(input: {
  editionId: number;
  applicationIds: number[];
  to: Decision;
  reason: string;
  organiserId: number;
  appUrl: string;
  now: Date;
  expectedVersion?: number;
}): DecisionOutcome {
  return transaction((tx) => {
    const outcome: DecisionOutcome = { changed: [], refused: [], conflict: false };
    const edition = getEdition(input.editionId, tx);
    if (!edition) return outcome;
    const ids = [...new Set(input.applicationIds)];
    if (ids.length === 0) return outcome;
    const rows = tx
      .select()
      .from(t.applications)
      .where(and(inArray(t.applications.id, ids), eq(t.applications.editionId, input.editionId)))
      .orderBy(asc(t.applications.id))
      .all();
    if (input.expectedVersion !== undefined && rows[0] && rows[0].version !== input.expectedVersion) {
      return { ...outcome, conflict: true };
    }
    for (const row of rows) {
      const refusal = transitionRefusal(row.reviewState, input.to, "organiser");
      if (refusal) {
        outcome.refused.push({ id: row.id, stallName: row.stallName, from: row.reviewState, refusal });
        continue;
      }
      const mailId = applyDecision(tx, { edition, row, to: input.to, reason: input.reason, now: input.now, appUrl: input.appUrl, actor: { type: "organiser", organiserId: input.organiserId } });
      outcome.changed.push({ id: row.id, stallName: row.stallName, mailId });
    }
    return outcome;
  });
}

/**
 * One decision inside the caller's transaction, the state machine already asked: the new state,
 * the payment request on approval, the mail in the stallholder's language, the audit entry, and
 * for a decision that frees or ends a waitlist offer the offer step (app/data/waitlist.server.ts).
 * Also the path an accepted waitlist offer takes, so its pay link mail is the same as ever.
 */
export function applyDecision(
  tx: Tx,
  input: { edition: EditionRow; row: ApplicationRow; to: Decision; reason: string; now: Date; appUrl: string; actor: Actor },
): number | null {
  const { edition, row } = input;
  const approving = input.to === "approved";
  const paymentState: PaymentState =
    approving && row.paymentState === "pending" && row.feeTotalCents === 0 ? "not_required" : row.paymentState;
  tx.update(t.applications)
    .set({
      reviewState: input.to,
      reviewReason: input.reason,
      paymentState,
      paymentDueAt: approving && paymentState === "pending" ? (edition.paymentDeadline ?? null) : row.paymentDueAt,
      version: row.version + 1,
      updatedAt: input.now,
    })
    .where(eq(t.applications.id, row.id))
    .run();
  // Approval asks for the fee in the same transaction: the approval mail below announces this
  // separate mail with the pay link. A free stall's approval mail already confirms it.
  if (approving && paymentState === "pending") queuePaymentRequest(tx, row.id, input.now);
  const leaving = row.reviewState === "approved" && input.to === "rejected" ? releaseRejectedStall(tx, row, input.actor, input.now) : null;
  const mail = renderReviewMail({
    decision: input.to,
    language: row.language,
    contactName: row.contactName,
    stallName: row.stallName,
    feeTotalCents: row.feeTotalCents,
    reason: input.reason,
    edition,
    privateUrl: `${input.appUrl}/a/${row.accessToken}`,
    afterApproval: leaving ? { refundCents: leaving.refundCents } : undefined,
  });
  const mailId = enqueueMail(
    tx,
    {
      ...mail,
      to: row.email,
      template: `review-${input.to}`,
      language: row.language,
      editionId: row.editionId,
      applicationId: row.id,
      dedupeKey: `review:${row.id}:${row.version + 1}`,
    },
    input.now,
  );
  recordAudit(tx, {
    actor: input.actor,
    editionId: row.editionId,
    entityType: "application",
    entityId: row.id,
    action: `application_${input.to}`,
    detail: { from: row.reviewState, to: input.to, reason: input.reason, mailId, ...(leaving ?? {}) },
    at: input.now,
  });
  afterDecision(tx, { row, to: input.to, now: input.now, appUrl: input.appUrl });
  return mailId;
}

/**
 * An approved stall the organisers reject after all leaves as a withdrawn one does, in the
 * decision's transaction: its spots are freed (the public map changes), and what it paid comes
 * back (the waitlist offer follows in afterDecision). All of it, whatever the date: the refund
 * period (app/rules/payment-state.ts) is for a stallholder's own late withdrawal, while here the
 * organisers end the stall, and money paid for a stall that is no longer approved is always
 * returned in full. Through requestRefund, the one refund path (Stripe refund or "pay back by
 * hand" for cash and bank payments).
 */
function releaseRejectedStall(tx: Tx, row: ApplicationRow, actor: Actor, now: Date): { refundCents: number; freedAssignments: number } {
  const freedAssignments = tx.delete(t.stallAssignments).where(eq(t.stallAssignments.applicationId, row.id)).run().changes;
  if (freedAssignments > 0) bumpPublicRevision(row.editionId, tx);
  const refundCents = refundableCents(paymentsOf(row.id, tx), refundsOf(row.id, tx));
  if (refundCents > 0) {
    const organiserId = actor.type === "organiser" ? actor.organiserId : null;
    const result = requestRefund(row.id, refundCents, "rejected_after_approval", organiserId, now, tx, organiserId === null ? RECORDED_BY.notActive : RECORDED_BY.organiser);
    if (!result.ok) throw new Error(`Refund on rejection refused: ${result.reason}`);
  }
  return { refundCents, freedAssignments };
}

// ---------------------------------------------------------------------------------------------
// Edits

export interface ApplicationDetails {
  stallName: string;
  description: string;
  categoryId: number;
  contactName: string;
  email: string;
  phone: string;
  postcode: string | null;
  applicantKind: ApplicationRow["applicantKind"];
  kvkNumber: string | null;
  frontageCm: number;
  depthCm: number;
  needsElectricity: boolean;
  electricityWatts: number | null;
  rentedStalls: number;
  remarks: string;
  language: Language;
  dayIds: number[];
  /** The wishes for the spot, canonical (see canonicalWishes). */
  wishes: Wish[];
}

export type EditResult =
  | { ok: true; version: number }
  | { ok: false; problem: "not_found" | "conflict" | "unknown_category" | "unknown_day" | AdjustmentProblem };

function editable(tx: Tx, id: number, editionId: number, version: number): { row?: ApplicationRow; problem?: "not_found" | "conflict" } {
  const row = getApplication(id, tx);
  if (!row || row.editionId !== editionId) return { problem: "not_found" };
  if (row.version !== version) return { problem: "conflict" };
  return { row };
}

function bump(tx: Tx, row: ApplicationRow, values: Partial<typeof t.applications.$inferInsert>, now: Date): boolean {
  // The version in the WHERE makes the check and the write one step.
  return (
    tx
      .update(t.applications)
      .set({ ...values, version: row.version + 1, updatedAt: now })
      .where(and(eq(t.applications.id, row.id), eq(t.applications.version, row.version)))
      .run().changes === 1
  );
}

/** Saves the application's details; the fee is computed again while nothing has been paid. */
export function updateApplicationDetails(input: {
  id: number;
  editionId: number;
  version: number;
  details: ApplicationDetails;
  organiserId: number;
  now: Date;
}): EditResult {
  return transaction((tx): EditResult => {
    const { row, problem } = editable(tx, input.id, input.editionId, input.version);
    if (!row) return { ok: false, problem: problem! };
    const edition = getEdition(input.editionId, tx)!;
    const d = input.details;
    const category = listCategories(input.editionId, tx).find((c) => c.id === d.categoryId);
    if (!category) return { ok: false, problem: "unknown_category" };
    const editionDayIds = new Set(
      tx.select({ id: t.eventDays.id }).from(t.eventDays).where(eq(t.eventDays.editionId, input.editionId)).all().map((r) => r.id),
    );
    if (d.dayIds.length === 0 || d.dayIds.some((dayId) => !editionDayIds.has(dayId))) return { ok: false, problem: "unknown_day" };

    const { dayIds, wishes, ...fields } = d;
    const values: Partial<typeof t.applications.$inferInsert> = { ...fields, electricityWatts: d.needsElectricity ? d.electricityWatts : null };
    // Wishes compared as wishes (an older row may hold the same ones written differently).
    const wishesBefore = wishesFromJson(row.placementWishesJson);
    const wishesChanged = wishesToJson(wishesBefore) !== wishesToJson(wishes);
    if (wishesChanged) values.placementWishesJson = wishesToJson(wishes);
    if (feeMayChange(row.paymentState)) {
      const fee = computeFee(
        {
          applicantKind: d.applicantKind,
          frontageCm: d.frontageCm,
          needsElectricity: d.needsElectricity,
          rentedStalls: d.rentedStalls,
          dayCount: dayIds.length,
          stallUnitCm: edition.stallUnitCm,
          categoryIsFree: category.isFree,
          depositCents: edition.depositCents,
        },
        listFeeRates(input.editionId, tx),
      );
      if (fee.totalCents + row.feeAdjustmentCents < 0) return { ok: false, problem: "negative_total" };
      const total = adjustedTotal(fee.totalCents, row.feeAdjustmentCents);
      Object.assign(values, { feeBreakdownJson: JSON.stringify(fee), feeTotalCents: total.totalCents, paymentState: total.paymentState });
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, value] of Object.entries(values)) {
      const before = row[key as keyof ApplicationRow];
      if (key !== "feeBreakdownJson" && key !== "placementWishesJson" && before !== value) changes[key] = { from: before, to: value };
    }
    if (wishesChanged) changes.wishes = { from: wishesForHistory(wishesBefore), to: wishesForHistory(wishes) };
    const previousDays = tx
      .select({ id: t.applicationDays.eventDayId })
      .from(t.applicationDays)
      .where(eq(t.applicationDays.applicationId, row.id))
      .all()
      .map((r) => r.id)
      .sort();
    const nextDays = [...new Set(dayIds)].sort();
    if (previousDays.join() !== nextDays.join()) changes.days = { from: previousDays, to: nextDays };
    if (!bump(tx, row, values, input.now)) return { ok: false, problem: "conflict" };
    if (changes.days) {
      tx.delete(t.applicationDays).where(eq(t.applicationDays.applicationId, row.id)).run();
      tx.insert(t.applicationDays).values(nextDays.map((eventDayId) => ({ applicationId: row.id, eventDayId }))).run();
      // A stall no longer coming on a day loses its spot on that day.
      const dropped = previousDays.filter((dayId) => !nextDays.includes(dayId));
      if (dropped.length) {
        tx.delete(t.stallAssignments)
          .where(and(eq(t.stallAssignments.applicationId, row.id), inArray(t.stallAssignments.eventDayId, dropped)))
          .run();
      }
    }
    recordAudit(tx, {
      actor: { type: "organiser", organiserId: input.organiserId },
      editionId: row.editionId,
      entityType: "application",
      entityId: row.id,
      action: "application_edited",
      detail: { changes },
      at: input.now,
    });
    return { ok: true, version: row.version + 1 };
  });
}

/** A correction of the computed fee, with its reason; only before payment, never below zero. */
export function adjustFee(input: {
  id: number;
  editionId: number;
  version: number;
  adjustmentCents: number;
  reason: string;
  organiserId: number;
  now: Date;
}): EditResult {
  return transaction((tx): EditResult => {
    const { row, problem } = editable(tx, input.id, input.editionId, input.version);
    if (!row) return { ok: false, problem: problem! };
    const computed = (JSON.parse(row.feeBreakdownJson) as FeeBreakdown).totalCents;
    const refused = adjustmentProblem({ computedCents: computed, adjustmentCents: input.adjustmentCents, reason: input.reason, payment: row.paymentState });
    if (refused) return { ok: false, problem: refused };
    const total = adjustedTotal(computed, input.adjustmentCents);
    const reason = input.adjustmentCents === 0 ? "" : input.reason.trim();
    if (!bump(tx, row, { feeAdjustmentCents: input.adjustmentCents, feeAdjustmentReason: reason, feeTotalCents: total.totalCents, paymentState: total.paymentState }, input.now)) {
      return { ok: false, problem: "conflict" };
    }
    recordAudit(tx, {
      actor: { type: "organiser", organiserId: input.organiserId },
      editionId: row.editionId,
      entityType: "application",
      entityId: row.id,
      action: "fee_adjusted",
      detail: { fromCents: row.feeTotalCents, toCents: total.totalCents, adjustmentCents: input.adjustmentCents, reason },
      at: input.now,
    });
    return { ok: true, version: row.version + 1 };
  });
}

export function saveInternalNotes(input: { id: number; editionId: number; version: number; notes: string; organiserId: number; now: Date }): EditResult {
  return transaction((tx): EditResult => {
    const { row, problem } = editable(tx, input.id, input.editionId, input.version);
    if (!row) return { ok: false, problem: problem! };
    if (!bump(tx, row, { internalNotes: input.notes }, input.now)) return { ok: false, problem: "conflict" };
    recordAudit(tx, {
      actor: { type: "organiser", organiserId: input.organiserId },
      editionId: row.editionId,
      entityType: "application",
      entityId: row.id,
      action: "notes_changed",
      at: input.now,
    });
    return { ok: true, version: row.version + 1 };
  });
}

/** On the day: a volunteer marks a stall arrived or absent (or back to expected). */
export function markArrival(input: { id: number; editionId: number; state: ArrivalState; organiserId: number; now: Date }): boolean {
  return transaction((tx) => {
    const row = getApplication(input.id, tx);
    if (!row || row.editionId !== input.editionId || row.reviewState !== "approved") return false;
    tx.update(t.applications)
      .set({ arrivalState: input.state, arrivalMarkedAt: input.state === "expected" ? null : input.now, updatedAt: input.now })
      .where(eq(t.applications.id, row.id))
      .run();
    recordAudit(tx, {
      actor: { type: "organiser", organiserId: input.organiserId },
      editionId: row.editionId,
      entityType: "application",
      entityId: row.id,
      action: "arrival_marked",
      detail: { from: row.arrivalState, to: input.state },
      at: input.now,
    });
    return true;
  });
}

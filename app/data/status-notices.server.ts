/**
 * The news of a status change reaching everyone (issue 17): one notice per stallholder told, with
 * their read confirmation, a volunteer's call and, on a postponement, their choice to keep the spot
 * for the new date or withdraw with a full refund (through the refund machinery, once).
 */
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import * as t from "#db/schema";
import { localDate } from "~/rules/calendar";
import { isDueForCall, mailState, type MailState } from "~/rules/status-notices";
import { answerChoice, deadlinePassed, parsePostponement, type ChoiceAnswer, type MarketDay, type Postponement, type PostponementChoice } from "~/rules/postponement";
import { recordAudit } from "./audit.server";
import { bumpPublicRevision } from "./assignments.server";
import { db, transaction, type DbOrTx, type Tx } from "./db.server";
import { findApplicationByToken } from "./applications.server";
import { listEventDays } from "./editions.server";
import { paymentsOf, refundsOf, requestRefund } from "./money.server";
import { RECORDED_BY } from "~/rules/vocabularies";
import { refundableCents } from "~/rules/payment-state";
import type { EditionStatus } from "~/rules/edition-status";

export function recordNotice(tx: Tx, input: { historyId: number; applicationId: number; outboxId: number | null }) {
  tx.insert(t.statusNotices).values(input).onConflictDoNothing().run();
}

// ---------------------------------------------------------------------------------------------
// Moving the market days

/**
 * Moves the edition's days (in place: every assignment and its spots follow the day row) and
 * writes one history entry per application that had a spot on a moved day. Two passes, because
 * the new dates may swap with old ones and (edition, date) is unique.
 */
export function moveMarketDays(tx: Tx, input: { editionId: number; to: MarketDay[]; organiserId: number; now: Date; reason: "postponed" | "back_to_old_dates" }) {
  const current = listEventDays(input.editionId, tx);
  const byId = new Map(current.map((d) => [d.id, d]));
  const moves = input.to.filter((d) => byId.has(d.dayId));
  moves.forEach((d, i) => tx.update(t.eventDays).set({ date: `1000-01-${String(i + 1).padStart(2, "0")}` }).where(eq(t.eventDays.id, d.dayId)).run());
  for (const d of moves) tx.update(t.eventDays).set({ date: d.date, startsAt: d.startsAt, endsAt: d.endsAt }).where(eq(t.eventDays.id, d.dayId)).run();
  const assigned = tx
    .select({ applicationId: t.stallAssignments.applicationId, eventDayId: t.stallAssignments.eventDayId, code: t.spots.code })
    .from(t.stallAssignments)
    .innerJoin(t.assignmentSpots, eq(t.assignmentSpots.assignmentId, t.stallAssignments.id))
    .innerJoin(t.spots, eq(t.spots.id, t.assignmentSpots.spotId))
    .where(inArray(t.stallAssignments.eventDayId, moves.map((d) => d.dayId)))
    .all();
  const perApplication = new Map<number, { from: string; to: string; spots: string[] }[]>();
  for (const row of assigned) {
    const list = perApplication.get(row.applicationId) ?? [];
    const from = byId.get(row.eventDayId)!.date;
    const to = moves.find((d) => d.dayId === row.eventDayId)!.date;
    const entry = list.find((e) => e.from === from) ?? (list.push({ from, to, spots: [] }), list[list.length - 1]!);
    entry.spots.push(row.code);
    perApplication.set(row.applicationId, list);
  }
  for (const [applicationId, days] of perApplication) {
    recordAudit(tx, {
      actor: { type: "organiser", organiserId: input.organiserId },
      editionId: input.editionId,
      entityType: "application",
      entityId: applicationId,
      action: "assignment.moved_with_market_day",
      detail: { days, reason: input.reason },
      at: input.now,
    });
  }
  recordAudit(tx, {
    actor: { type: "organiser", organiserId: input.organiserId },
    editionId: input.editionId,
    entityType: "edition",
    entityId: input.editionId,
    action: "market_days_moved",
    detail: { from: current.map((d) => d.date), to: moves.map((d) => d.date), reason: input.reason, assignmentsMoved: assigned.length },
    at: input.now,
  });
  return { applicationsMoved: perApplication.size };
}

/** The postponement behind the latest `postponed` change of the edition, if there is one. */
export function latestPostponement(editionId: number, conn: DbOrTx = db()): { historyId: number; postponement: Postponement } | null {
  const row = conn
    .select({ id: t.editionStatusHistory.id, json: t.editionStatusHistory.postponementJson })
    .from(t.editionStatusHistory)
    .where(and(eq(t.editionStatusHistory.editionId, editionId), eq(t.editionStatusHistory.status, "postponed")))
    .orderBy(desc(t.editionStatusHistory.id))
    .get();
  const postponement = row ? parsePostponement(row.json) : null;
  return row && postponement ? { historyId: row.id, postponement } : null;
}

/** The market days as they were before the first postponement since the edition last went ahead. */
export function originalDays(editionId: number, conn: DbOrTx = db()): MarketDay[] | null {
  const rows = conn
    .select({ status: t.editionStatusHistory.status, json: t.editionStatusHistory.postponementJson })
    .from(t.editionStatusHistory)
    .where(eq(t.editionStatusHistory.editionId, editionId))
    .orderBy(desc(t.editionStatusHistory.id))
    .all();
  let days: MarketDay[] | null = null;
  for (const row of rows) {
    if (row.status === "postponed") days = parsePostponement(row.json)?.daysBefore ?? days;
    else if (days) break;
  }
  return days;
}

// ---------------------------------------------------------------------------------------------
// Read confirmations

export type ConfirmOutcome =
  | { kind: "not_found" }
  | { kind: "confirmed" | "already_confirmed"; status: EditionStatus; changedAt: Date; latest: boolean };

/** The stallholder confirms reading one change (an old link still works and names its change). */
export function confirmReading(input: { token: string; historyId: number; now: Date }): ConfirmOutcome {
  return transaction((tx): ConfirmOutcome => {
    const found = findApplicationByToken(input.token, tx);
    if (!found) return { kind: "not_found" };
    const notice = tx
      .select()
      .from(t.statusNotices)
      .where(and(eq(t.statusNotices.historyId, input.historyId), eq(t.statusNotices.applicationId, found.application.id)))
      .get();
    const change = tx.select().from(t.editionStatusHistory).where(eq(t.editionStatusHistory.id, input.historyId)).get();
    if (!notice || !change) return { kind: "not_found" };
    const newest = tx.select({ id: t.editionStatusHistory.id }).from(t.editionStatusHistory).where(eq(t.editionStatusHistory.editionId, change.editionId)).orderBy(desc(t.editionStatusHistory.id)).get();
    const base = { status: change.status, changedAt: change.changedAt, latest: newest?.id === change.id };
    if (notice.confirmedAt) return { kind: "already_confirmed", ...base };
    tx.update(t.statusNotices).set({ confirmedAt: input.now }).where(eq(t.statusNotices.id, notice.id)).run();
    recordAudit(tx, { actor: { type: "stallholder" }, editionId: change.editionId, entityType: "application", entityId: found.application.id, action: "status_notice.confirmed", detail: { status: change.status }, at: input.now });
    return { kind: "confirmed", ...base };
  });
}

/** The latest change this application was told of, and whether it has been confirmed. */
export function latestNoticeOf(applicationId: number, conn: DbOrTx = db()) {
  return conn
    .select({ id: t.statusNotices.id, historyId: t.statusNotices.historyId, confirmedAt: t.statusNotices.confirmedAt, choice: t.statusNotices.choice, chosenAt: t.statusNotices.chosenAt, choiceBy: t.statusNotices.choiceBy, status: t.editionStatusHistory.status, changedAt: t.editionStatusHistory.changedAt })
    .from(t.statusNotices)
    .innerJoin(t.editionStatusHistory, eq(t.editionStatusHistory.id, t.statusNotices.historyId))
    .where(eq(t.statusNotices.applicationId, applicationId))
    .orderBy(desc(t.statusNotices.historyId))
    .get();
}

/** Per change: how many were told and how many confirmed reading it. */
export function confirmationCounts(editionId: number, conn: DbOrTx = db()): Map<number, { told: number; confirmed: number }> {
  const rows = conn
    .select({ historyId: t.statusNotices.historyId, told: sql<number>`count(*)`, confirmed: sql<number>`count(${t.statusNotices.confirmedAt})` })
    .from(t.statusNotices)
    .innerJoin(t.editionStatusHistory, eq(t.editionStatusHistory.id, t.statusNotices.historyId))
    .where(eq(t.editionStatusHistory.editionId, editionId))
    .groupBy(t.statusNotices.historyId)
    .all();
  return new Map(rows.map((r) => [r.historyId, { told: r.told, confirmed: r.confirmed }]));
}

// ---------------------------------------------------------------------------------------------
// The call list

export interface CallListEntry {
  noticeId: number;
  stallName: string;
  contactName: string;
  phone: string;
  language: "nl" | "en";
  mailState: MailState;
  calledAt: Date | null;
  calledBy: string | null;
  callNote: string;
}

/**
 * Everyone told of the latest change who has not confirmed it and is due for a call (rules in
 * app/rules/status-notices.ts); the ones already phoned stay on the list, ticked, with their note.
 */
export function callList(editionId: number, now: Date, conn: DbOrTx = db()): { historyId: number; callAfterHours: number; entries: CallListEntry[]; notYetDue: number } | null {
  const change = conn.select().from(t.editionStatusHistory).where(eq(t.editionStatusHistory.editionId, editionId)).orderBy(desc(t.editionStatusHistory.id)).get();
  if (!change) return null;
  const firstMarketDay = listEventDays(editionId, conn)[0]?.date ?? null;
  const rows = conn
    .select({ notice: t.statusNotices, application: t.applications, mail: t.outbox, calledBy: t.organisers.name })
    .from(t.statusNotices)
    .innerJoin(t.applications, eq(t.applications.id, t.statusNotices.applicationId))
    .leftJoin(t.outbox, eq(t.outbox.id, t.statusNotices.outboxId))
    .leftJoin(t.organisers, eq(t.organisers.id, t.statusNotices.calledByOrganiserId))
    .where(and(eq(t.statusNotices.historyId, change.id), isNull(t.statusNotices.confirmedAt)))
    .orderBy(asc(t.applications.stallName), asc(t.statusNotices.id))
    .all();
  const today = localDate(now);
  const entries: CallListEntry[] = [];
  let notYetDue = 0;
  for (const row of rows) {
    const due = isDueForCall({ changedAt: change.changedAt, callAfterHours: change.callAfterHours, confirmedAt: null, today, firstMarketDay, now });
    if (!due) {
      notYetDue += 1;
      continue;
    }
    entries.push({
      noticeId: row.notice.id,
      stallName: row.application.stallName,
      contactName: row.application.contactName,
      phone: row.application.phone,
      language: row.application.language,
      mailState: mailState(row.mail),
      calledAt: row.notice.calledAt,
      calledBy: row.calledBy,
      callNote: row.notice.callNote,
    });
  }
  // Whose mail never arrived first: for them the phone is the only way the news reaches them.
  const urgency: Record<MailState, number> = { bounced: 0, failed: 1, none: 2, waiting: 3, sent: 4 };
  entries.sort((a, b) => Number(a.calledAt !== null) - Number(b.calledAt !== null) || urgency[a.mailState] - urgency[b.mailState]);
  return { historyId: change.id, callAfterHours: change.callAfterHours, entries, notYetDue };
}

export function markCalled(input: { noticeId: number; editionId: number; organiserId: number; note: string; now: Date }): boolean {
  return transaction((tx) => {
    const notice = tx
      .select({ id: t.statusNotices.id, applicationId: t.statusNotices.applicationId })
      .from(t.statusNotices)
      .innerJoin(t.editionStatusHistory, eq(t.editionStatusHistory.id, t.statusNotices.historyId))
      .where(and(eq(t.statusNotices.id, input.noticeId), eq(t.editionStatusHistory.editionId, input.editionId)))
      .get();
    if (!notice) return false;
    tx.update(t.statusNotices).set({ calledAt: input.now, calledByOrganiserId: input.organiserId, callNote: input.note }).where(eq(t.statusNotices.id, notice.id)).run();
    recordAudit(tx, { actor: { type: "organiser", organiserId: input.organiserId }, editionId: input.editionId, entityType: "application", entityId: notice.applicationId, action: "status_notice.called", detail: { note: input.note }, at: input.now });
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// The choice on a postponement

export type ChoiceOutcome = { kind: "not_found" } | { kind: "not_asked" } | ChoiceAnswer;

/** Which choice this application is asked for, on the private page. */
export function postponementChoiceOf(applicationId: number, editionId: number, conn: DbOrTx = db()) {
  const current = latestPostponement(editionId, conn);
  if (!current) return null;
  const edition = conn.select({ status: t.editions.status }).from(t.editions).where(eq(t.editions.id, editionId)).get();
  if (edition?.status !== "postponed") return null;
  const notice = conn.select().from(t.statusNotices).where(and(eq(t.statusNotices.historyId, current.historyId), eq(t.statusNotices.applicationId, applicationId))).get();
  if (!notice) return null;
  const application = conn.select({ reviewState: t.applications.reviewState }).from(t.applications).where(eq(t.applications.id, applicationId)).get();
  // Only approved stalls hold a spot (and maybe money) to keep or give back.
  if (notice.choice === null && application?.reviewState !== "approved") return null;
  return { historyId: current.historyId, postponement: current.postponement, choice: notice.choice, chosenAt: notice.chosenAt, choiceBy: notice.choiceBy };
}

/** Applies a choice inside a transaction: keep, or withdraw with a full refund (created once). */
function applyChoice(tx: Tx, input: { noticeId: number; applicationId: number; editionId: number; choice: PostponementChoice; by: "stallholder" | "default"; now: Date }) {
  // Compare-and-set on the empty choice: two clicks, two tabs or a second worker apply it once.
  const set = tx
    .update(t.statusNotices)
    .set({ choice: input.choice, chosenAt: input.now, choiceBy: input.by })
    .where(and(eq(t.statusNotices.id, input.noticeId), isNull(t.statusNotices.choice)))
    .run();
  if (set.changes === 0) return false;
  let refundCents = 0;
  if (input.choice === "refund") {
    tx.update(t.applications).set({ reviewState: "withdrawn", updatedAt: input.now, version: sql`${t.applications.version} + 1` }).where(eq(t.applications.id, input.applicationId)).run();
    refundCents = refundableCents(paymentsOf(input.applicationId, tx), refundsOf(input.applicationId, tx));
    if (refundCents > 0) {
      const result = requestRefund(input.applicationId, refundCents, "edition_postponed", null, input.now, tx, RECORDED_BY.withdrawal);
      if (!result.ok) throw new Error(`Refund on postponement refused: ${result.reason}`);
    }
    const freed = tx.delete(t.stallAssignments).where(eq(t.stallAssignments.applicationId, input.applicationId)).run().changes;
    if (freed > 0) bumpPublicRevision(input.editionId, tx);
  }
  recordAudit(tx, {
    actor: input.by === "stallholder" ? { type: "stallholder" } : { type: "system" },
    editionId: input.editionId,
    entityType: "application",
    entityId: input.applicationId,
    action: input.choice === "keep" ? "postponement.kept" : "postponement.refund_chosen",
    detail: { by: input.by, refundCents },
    at: input.now,
  });
  return true;
}

export function chooseOnPostponement(input: { token: string; choice: PostponementChoice; now: Date }): ChoiceOutcome {
  return transaction((tx): ChoiceOutcome => {
    const found = findApplicationByToken(input.token, tx);
    if (!found) return { kind: "not_found" };
    const asked = postponementChoiceOf(found.application.id, found.edition.id, tx);
    if (!asked) return { kind: "not_asked" };
    const answer = answerChoice(asked.postponement, asked.choice, input.choice, input.now);
    if (answer.kind !== "chosen") return answer;
    const notice = tx.select({ id: t.statusNotices.id }).from(t.statusNotices).where(and(eq(t.statusNotices.historyId, asked.historyId), eq(t.statusNotices.applicationId, found.application.id))).get()!;
    applyChoice(tx, { noticeId: notice.id, applicationId: found.application.id, editionId: found.edition.id, choice: input.choice, by: "stallholder", now: input.now });
    return answer;
  });
}

/**
 * After the deadline the organisers' default applies to every approved stall that did not choose:
 * one transaction per stall, so a crash halfway leaves the rest for the next run and none twice.
 */
export function applyPostponementDefaults(now: Date): number {
  const postponed = db().select({ id: t.editions.id }).from(t.editions).where(eq(t.editions.status, "postponed")).all();
  let applied = 0;
  for (const edition of postponed) {
    const current = latestPostponement(edition.id);
    if (!current || !deadlinePassed(current.postponement, now)) continue;
    const open = db()
      .select({ id: t.statusNotices.id, applicationId: t.statusNotices.applicationId })
      .from(t.statusNotices)
      .innerJoin(t.applications, eq(t.applications.id, t.statusNotices.applicationId))
      .where(and(eq(t.statusNotices.historyId, current.historyId), isNull(t.statusNotices.choice), eq(t.applications.reviewState, "approved")))
      .all();
    for (const notice of open) {
      const done = transaction((tx) => applyChoice(tx, { noticeId: notice.id, applicationId: notice.applicationId, editionId: edition.id, choice: current.postponement.defaultChoice, by: "default", now }));
      if (done) applied += 1;
    }
  }
  return applied;
}

/** Per choice on the current postponement: how many kept, how many asked for a refund, how many still open. */
export function choiceCounts(editionId: number, conn: DbOrTx = db()) {
  const current = latestPostponement(editionId, conn);
  if (!current) return null;
  const rows = conn
    .select({ choice: t.statusNotices.choice, reviewState: t.applications.reviewState })
    .from(t.statusNotices)
    .innerJoin(t.applications, eq(t.applications.id, t.statusNotices.applicationId))
    .where(eq(t.statusNotices.historyId, current.historyId))
    .all();
  return {
    postponement: current.postponement,
    kept: rows.filter((r) => r.choice === "keep").length,
    refund: rows.filter((r) => r.choice === "refund").length,
    open: rows.filter((r) => r.choice === null && r.reviewState === "approved").length,
  };
}

/** What the private page shows about the latest change: the "Gelezen" button and, on a postponement, the choice. */
export function privateStatusNotice(applicationId: number, editionId: number, now: Date, conn: DbOrTx = db()) {
  const notice = latestNoticeOf(applicationId, conn);
  if (!notice) return null;
  const asked = postponementChoiceOf(applicationId, editionId, conn);
  return {
    historyId: notice.historyId,
    status: notice.status,
    changedAt: notice.changedAt.toISOString(),
    confirmed: notice.confirmedAt !== null,
    paidCents: refundableCents(paymentsOf(applicationId, conn), refundsOf(applicationId, conn)),
    choice: asked
      ? {
          deadline: asked.postponement.choiceDeadline,
          defaultChoice: asked.postponement.defaultChoice,
          deadlinePassed: deadlinePassed(asked.postponement, now),
          chosen: asked.choice,
          chosenBy: asked.choiceBy,
        }
      : null,
  };
}

/** The change this link is about, whether it is confirmed, and whether newer news came since. */
export function noticeAbout(applicationId: number, historyId: number, conn: DbOrTx = db()) {
  const row = conn
    .select({ confirmedAt: t.statusNotices.confirmedAt, status: t.editionStatusHistory.status, changedAt: t.editionStatusHistory.changedAt, editionId: t.editionStatusHistory.editionId })
    .from(t.statusNotices)
    .innerJoin(t.editionStatusHistory, eq(t.editionStatusHistory.id, t.statusNotices.historyId))
    .where(and(eq(t.statusNotices.historyId, historyId), eq(t.statusNotices.applicationId, applicationId)))
    .get();
  if (!row) return undefined;
  const newest = conn.select({ id: t.editionStatusHistory.id }).from(t.editionStatusHistory).where(eq(t.editionStatusHistory.editionId, row.editionId)).orderBy(desc(t.editionStatusHistory.id)).get();
  return { confirmed: row.confirmedAt !== null, status: row.status, changedAt: row.changedAt.toISOString(), latest: newest?.id === historyId };
}


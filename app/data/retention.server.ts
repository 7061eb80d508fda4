/**
 * Keeping the privacy statement's promise: personal data of an edition's applications is
 * anonymised once the edition's retention period is over (app/rules/retention.ts decides which).
 *
 * Removed: the contact's name, e-mail, phone, postcode, KvK number, the house number among the
 * wishes for the spot, the free texts (description, remarks, internal notes, review reason), the private link (the token becomes `anonymised:<id>`,
 * which no lookup ever matches), the recipient and bodies of every mail to them in the outbox,
 * and any copy of those values in the audit history and in organisers' notes on payments,
 * refunds, fee adjustments and spot assignments.
 * Kept for the bookkeeping: amounts, the fee breakdown, payment and refund rows with their Stripe
 * ids, the stall's public name and category, the days and spots, and every state.
 *
 * One transaction per edition; running it again changes nothing (idempotent); each anonymised
 * application gets an `anonymised` entry in the audit history.
 */
import { and, eq, inArray, like, sql } from "drizzle-orm";
import * as t from "#db/schema";
import { amsterdamMoment, localDate } from "~/rules/calendar";
import { wishesFromJson, wishesToJson } from "~/rules/placement-wishes";
import { summariseRetention, type RetentionCandidate, type RetentionSummary } from "~/rules/retention";
import { recordAudit } from "./audit.server";
import { db, transaction, type DbOrTx, type Tx } from "./db.server";
import { prunePasswordLinks } from "./organisers.server";
import { pruneLimits } from "./rate-limits.server";
import { pruneSessions } from "./sessions.server";

export const ANONYMISED_TOKEN_PREFIX = "anonymised:";

/** The fields that are gone after anonymisation, in the order the preview names them. */
export const ANONYMISED_FIELDS = ["contactName", "email", "phone", "postcode", "kvkNumber", "description", "remarks", "internalNotes", "reviewReason"] as const;

type EditionRef = { id: number; year: number; nameNl: string; nameEn: string; isDemo: boolean; retentionMonths: number };

function candidatesOf(editionId: number, conn: DbOrTx): RetentionCandidate[] {
  const apps = conn
    .select({ id: t.applications.id, token: t.applications.accessToken })
    .from(t.applications)
    .where(eq(t.applications.editionId, editionId))
    .all();
  if (apps.length === 0) return [];
  const payments = conn
    .select({ applicationId: t.payments.applicationId, status: t.payments.status })
    .from(t.payments)
    .innerJoin(t.applications, eq(t.applications.id, t.payments.applicationId))
    .where(eq(t.applications.editionId, editionId))
    .all();
  const refunds = conn
    .select({ applicationId: t.refunds.applicationId, status: t.refunds.status })
    .from(t.refunds)
    .innerJoin(t.applications, eq(t.applications.id, t.refunds.applicationId))
    .where(eq(t.applications.editionId, editionId))
    .all();
  const byApp = new Map(apps.map((a) => [a.id, { id: a.id, anonymised: a.token.startsWith(ANONYMISED_TOKEN_PREFIX), paymentStatuses: [] as RetentionCandidate["paymentStatuses"][number][], refundStatuses: [] as RetentionCandidate["refundStatuses"][number][] }]));
  for (const p of payments) byApp.get(p.applicationId)?.paymentStatuses.push(p.status);
  for (const r of refunds) byApp.get(r.applicationId)?.refundStatuses.push(r.status);
  return [...byApp.values()];
}

function marketDaysOf(editionId: number, conn: DbOrTx): string[] {
  return conn.select({ date: t.eventDays.date }).from(t.eventDays).where(eq(t.eventDays.editionId, editionId)).all().map((d) => d.date);
}

function editions(conn: DbOrTx): EditionRef[] {
  return conn
    .select({ id: t.editions.id, year: t.editions.year, nameNl: t.editions.nameNl, nameEn: t.editions.nameEn, isDemo: t.editions.isDemo, retentionMonths: t.editions.retentionMonths })
    .from(t.editions)
    .orderBy(t.editions.year, t.editions.id)
    .all();
}

export interface EditionRetention extends RetentionSummary {
  edition: EditionRef;
}

/** For the settings page: per edition, what goes when. Editions with nothing left to remove are left out. */
export function retentionPreview(now: Date, conn: DbOrTx = db()): EditionRetention[] {
  const today = localDate(now);
  return editions(conn)
    .map((edition) => ({
      edition,
      ...summariseRetention({ marketDays: marketDaysOf(edition.id, conn), retentionMonths: edition.retentionMonths }, candidatesOf(edition.id, conn), today),
    }))
    .filter((r) => r.waiting + r.due.length + r.held.length > 0);
}

/** Replaces every occurrence of the given personal values inside a free text. */
function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 3) out = out.split(secret).join("");
  return out;
}

function scrubJson(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return scrub(value, secrets);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, secrets));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [key, (ANONYMISED_FIELDS as readonly string[]).includes(key) ? null : scrubJson(v, secrets)]),
    );
  }
  return value;
}

function anonymiseApplication(tx: Tx, applicationId: number, editionId: number, mailsBefore: Date, now: Date): boolean {
  const row = tx.select().from(t.applications).where(eq(t.applications.id, applicationId)).get();
  if (!row || row.accessToken.startsWith(ANONYMISED_TOKEN_PREFIX)) return false;
  const secrets = [row.contactName, row.email, row.phone, row.postcode ?? "", row.kvkNumber ?? "", row.remarks, row.internalNotes, row.reviewReason, row.description]
    .map((s) => s.trim())
    .filter((s) => s.length >= 3)
    // Longest first, so a name inside an e-mail address does not leave the rest of the address behind.
    .sort((a, b) => b.length - a.length);

  tx.update(t.applications)
    .set({
      accessToken: `${ANONYMISED_TOKEN_PREFIX}${row.id}`,
      submissionKey: null,
      contactName: "",
      email: "",
      phone: "",
      postcode: null,
      kvkNumber: null,
      description: "",
      remarks: "",
      internalNotes: "",
      reviewReason: "",
      // A resident's own house number (a wish for the spot) is part of their address.
      placementWishesJson: wishesToJson(wishesFromJson(row.placementWishesJson).filter((w) => w.kind !== "house_number")),
      feeAdjustmentReason: scrub(row.feeAdjustmentReason, secrets),
      version: row.version + 1,
      updatedAt: now,
    })
    .where(eq(t.applications.id, row.id))
    .run();

  // Mail to them: the application's own, and address-only mails ("lost your link?") to the same
  // address from before the retention date. One still waiting is never sent.
  const mailScope = row.email
    ? sql`(${t.outbox.applicationId} = ${row.id} or (${t.outbox.applicationId} is null and lower(${t.outbox.toAddress}) = lower(${row.email}) and ${t.outbox.createdAt} < ${mailsBefore.getTime()}))`
    : eq(t.outbox.applicationId, row.id);
  tx.update(t.outbox)
    .set({ status: "failed", nextAttemptAt: null })
    .where(and(mailScope, inArray(t.outbox.status, ["pending", "sending"])))
    .run();
  tx.update(t.outbox).set({ toAddress: "", textBody: "", htmlBody: "", lastError: null }).where(mailScope).run();
  for (const mail of tx.select({ id: t.outbox.id, subject: t.outbox.subject }).from(t.outbox).where(eq(t.outbox.applicationId, row.id)).all()) {
    const subject = scrub(mail.subject, secrets);
    if (subject !== mail.subject) tx.update(t.outbox).set({ subject }).where(eq(t.outbox.id, mail.id)).run();
  }

  // Copies in organisers' notes and in the history.
  for (const p of tx.select({ id: t.payments.id, note: t.payments.note }).from(t.payments).where(eq(t.payments.applicationId, row.id)).all()) {
    const note = scrub(p.note, secrets);
    if (note !== p.note) tx.update(t.payments).set({ note }).where(eq(t.payments.id, p.id)).run();
  }
  for (const r of tx.select({ id: t.refunds.id, reason: t.refunds.reason, failureReason: t.refunds.failureReason }).from(t.refunds).where(eq(t.refunds.applicationId, row.id)).all()) {
    const reason = scrub(r.reason, secrets);
    const failureReason = r.failureReason === null ? null : scrub(r.failureReason, secrets);
    if (reason !== r.reason || failureReason !== r.failureReason) tx.update(t.refunds).set({ reason, failureReason }).where(eq(t.refunds.id, r.id)).run();
  }
  for (const a of tx.select({ id: t.stallAssignments.id, acceptReason: t.stallAssignments.acceptReason }).from(t.stallAssignments).where(eq(t.stallAssignments.applicationId, row.id)).all()) {
    const acceptReason = scrub(a.acceptReason, secrets);
    if (acceptReason !== a.acceptReason) tx.update(t.stallAssignments).set({ acceptReason }).where(eq(t.stallAssignments.id, a.id)).run();
  }
  for (const entry of tx
    .select({ id: t.auditLog.id, detailJson: t.auditLog.detailJson })
    .from(t.auditLog)
    .where(and(eq(t.auditLog.entityType, "application"), eq(t.auditLog.entityId, row.id)))
    .all()) {
    const detailJson = JSON.stringify(scrubJson(JSON.parse(entry.detailJson), secrets));
    if (detailJson !== entry.detailJson) tx.update(t.auditLog).set({ detailJson }).where(eq(t.auditLog.id, entry.id)).run();
  }
  recordAudit(tx, {
    actor: { type: "system" },
    editionId,
    entityType: "application",
    entityId: row.id,
    action: "anonymised",
    detail: { fields: ANONYMISED_FIELDS, mails: true },
    at: now,
  });
  return true;
}

/** The daily run: anonymises every application that is due. Returns how many per edition. */
export function anonymiseDueApplications(now: Date): { editionId: number; anonymised: number; held: number }[] {
  const today = localDate(now);
  const results: { editionId: number; anonymised: number; held: number }[] = [];
  for (const edition of editions(db())) {
    const result = transaction((tx) => {
      // Decided again inside the transaction, so a refund started meanwhile keeps its application.
      const summary = summariseRetention({ marketDays: marketDaysOf(edition.id, tx), retentionMonths: edition.retentionMonths }, candidatesOf(edition.id, tx), today);
      let anonymised = 0;
      const mailsBefore = summary.anonymiseOn ? amsterdamMoment(summary.anonymiseOn) : now;
      for (const id of summary.due) if (anonymiseApplication(tx, id, edition.id, mailsBefore, now)) anonymised += 1;
      return { editionId: edition.id, anonymised, held: summary.held.length };
    });
    if (result.anonymised > 0 || result.held > 0) results.push(result);
  }
  return results;
}

export function anonymisedCount(editionId: number, conn: DbOrTx = db()): number {
  return (
    conn
      .select({ n: sql<number>`count(*)` })
      .from(t.applications)
      .where(and(eq(t.applications.editionId, editionId), like(t.applications.accessToken, `${ANONYMISED_TOKEN_PREFIX}%`)))
      .get()?.n ?? 0
  );
}

/** Rate-limit windows are at most an hour (blocks a quarter of an hour more); a day is ample margin. */
export const RATE_LIMIT_KEEP_MS = 24 * 3600_000;

export interface DailyRun {
  anonymised: { editionId: number; anonymised: number; held: number }[];
  sessions: number;
  passwordLinks: number;
  rateLimits: number;
}

/**
 * The daily housekeeping of the background workers: anonymise what is due, and delete sessions
 * that can no longer sign in, used or expired password links, and rate-limit rows long past.
 */
export function runDailyRetention(now: Date): DailyRun {
  const anonymised = anonymiseDueApplications(now);
  return transaction((tx) => ({
    anonymised,
    sessions: pruneSessions(now, tx),
    passwordLinks: prunePasswordLinks(now, tx),
    rateLimits: pruneLimits(new Date(now.getTime() - RATE_LIMIT_KEEP_MS), tx),
  }));
}

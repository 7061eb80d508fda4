/**
 * Outgoing mail. A change that causes mail writes it here in its own transaction
 * (`enqueueMail(tx, …)`), so mail is never lost and never sent for a change that rolled back.
 * `deliverDueMail` (a worker) sends what is due and retries failures with backoff.
 */
import { isBounce } from "~/rules/status-notices";
import { and, asc, desc, eq, inArray, isNull, like, lte, or, sql } from "drizzle-orm";
import * as t from "#db/schema";
import { db, type DbOrTx } from "./db.server";

export type OutboxRow = typeof t.outbox.$inferSelect;
export type MailLanguage = (typeof t.LANGUAGES)[number];

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface NewMail extends RenderedMail {
  to: string;
  template: string;
  language: MailLanguage;
  editionId?: number | null;
  applicationId?: number | null;
  /** When set, a second mail with the same key is not queued (e.g. "each applicant once per change"). */
  dedupeKey?: string | null;
}

/**
 * The one ordering rule: a pay-link mail (or the "nothing to pay" confirmation) waits while a
 * decision mail of the same application is still pending or being sent, so the approval that
 * announces the pay link always arrives first, whatever the queue order. A failed decision mail
 * does not hold the pay link back for good.
 */
export function waitsForDecisionMail(template: string): boolean {
  return template === "payment-request" || template === "payment-confirmed-free";
}

function decisionMailUnsent(conn: DbOrTx, applicationId: number): boolean {
  const row = conn
    .select({ id: t.outbox.id })
    .from(t.outbox)
    .where(
      and(
        eq(t.outbox.applicationId, applicationId),
        like(t.outbox.template, "review-%"),
        inArray(t.outbox.status, ["pending", "sending"]),
      ),
    )
    .limit(1)
    .get();
  return row !== undefined;
}

/** Queues a mail; returns its id, or null when a mail with the same dedupe key already exists. */
export function enqueueMail(conn: DbOrTx, mail: NewMail, now = new Date()): number | null {
  const row = conn
    .insert(t.outbox)
    .values({
      toAddress: mail.to,
      template: mail.template,
      language: mail.language,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html,
      editionId: mail.editionId ?? null,
      applicationId: mail.applicationId ?? null,
      dedupeKey: mail.dedupeKey ?? null,
      status: "pending",
      nextAttemptAt: now,
      createdAt: now,
    })
    .onConflictDoNothing({ target: t.outbox.dedupeKey })
    .returning({ id: t.outbox.id })
    .get();
  return row?.id ?? null;
}

/** Sends one message; throws on failure. */
export type MailTransport = (mail: { to: string; subject: string; text: string; html: string }) => Promise<void>;

/** Thrown by a transport when the mail server cannot be reached or does not answer: the rest of
 *  the round waits for the next one instead of each mail waiting for the same silent server. */
export class MailServerUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MailServerUnavailableError";
  }
}

export const MAX_ATTEMPTS = 8;

/** 1 min, 2, 4, 8 … capped at 6 hours: a mail server that is down for a night is waited out. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

/**
 * Sends every mail that is due. Each row is claimed (status `sending`) before the network call
 * with a compare-and-set on what was read (its status and attempt count, which every claim
 * raises), so two senders, in one process or two, never both claim the same mail; a crash
 * mid-send leaves it `sending`, and such rows are retried after 10 minutes (at-least-once, as
 * with any mail queue; the transport's timeouts keep a send far shorter than that). When the
 * server cannot be reached, the round stops after that mail: the others are not attempted.
 */
export async function deliverDueMail(transport: MailTransport, now = new Date(), limit = 50, conn = db()) {
  const staleSending = new Date(now.getTime() - 10 * 60_000);
  const due = conn
    .select()
    .from(t.outbox)
    .where(
      or(
        and(eq(t.outbox.status, "pending"), or(isNull(t.outbox.nextAttemptAt), lte(t.outbox.nextAttemptAt, now))),
        and(eq(t.outbox.status, "sending"), lte(t.outbox.nextAttemptAt, staleSending)),
      ),
    )
    .orderBy(asc(t.outbox.id))
    .limit(limit)
    .all();
  let sent = 0;
  let failed = 0;
  for (const mail of due) {
    if (waitsForDecisionMail(mail.template) && mail.applicationId !== null && decisionMailUnsent(conn, mail.applicationId)) continue;
    const claimed = conn
      .update(t.outbox)
      .set({ status: "sending", nextAttemptAt: now, attempts: sql`${t.outbox.attempts} + 1` })
      .where(and(eq(t.outbox.id, mail.id), eq(t.outbox.status, mail.status), eq(t.outbox.attempts, mail.attempts)))
      .run();
    if (claimed.changes === 0) continue; // another sender claimed it after we read it
    try {
      await transport({ to: mail.toAddress, subject: mail.subject, text: mail.textBody, html: mail.htmlBody });
      conn.update(t.outbox).set({ status: "sent", sentAt: new Date(), lastError: null }).where(eq(t.outbox.id, mail.id)).run();
      sent += 1;
    } catch (error) {
      const attempts = mail.attempts + 1;
      // A bounce (the receiving server refused the address for good) never gets better by retrying.
      const giveUp = attempts >= MAX_ATTEMPTS || isBounce(error instanceof Error ? error.message : String(error));
      conn
        .update(t.outbox)
        .set({
          status: giveUp ? "failed" : "pending",
          lastError: error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500),
          nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)),
        })
        .where(eq(t.outbox.id, mail.id))
        .run();
      failed += 1;
      if (error instanceof MailServerUnavailableError) break;
    }
  }
  return { sent, failed };
}

/** An organiser asks to try a failed mail again. */
export function retryMail(id: number, now = new Date(), conn: DbOrTx = db()): boolean {
  const result = conn
    .update(t.outbox)
    .set({ status: "pending", nextAttemptAt: now, attempts: 0 })
    .where(and(eq(t.outbox.id, id), eq(t.outbox.status, "failed")))
    .run();
  return result.changes > 0;
}

export function listOutbox(
  filter: {
    editionId?: number;
    /** With `editionId`: also the account mails (invitations, password resets), which belong to no edition. */
    withAccountMail?: boolean;
    applicationId?: number;
    status?: OutboxRow["status"];
    limit?: number;
  } = {},
  conn: DbOrTx = db(),
): OutboxRow[] {
  const conditions = [
    filter.editionId !== undefined
      ? filter.withAccountMail
        ? or(eq(t.outbox.editionId, filter.editionId), and(isNull(t.outbox.editionId), like(t.outbox.template, "organiser-%")))
        : eq(t.outbox.editionId, filter.editionId)
      : undefined,
    filter.applicationId !== undefined ? eq(t.outbox.applicationId, filter.applicationId) : undefined,
    filter.status ? eq(t.outbox.status, filter.status) : undefined,
  ].filter((c) => c !== undefined);
  return conn
    .select()
    .from(t.outbox)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(t.outbox.id))
    .limit(filter.limit ?? 500)
    .all();
}

export function getMail(id: number, conn: DbOrTx = db()): OutboxRow | undefined {
  return conn.select().from(t.outbox).where(eq(t.outbox.id, id)).get();
}

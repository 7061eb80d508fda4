/** Organiser accounts. */
import { and, asc, eq, gt, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import * as t from "#db/schema";
import {
  looksLikeEmail,
  normaliseEmail,
  passwordProblem,
  type PasswordProblem,
} from "~/rules/password-policy";
import { hashPassword } from "~/services/password.server";
import type { Language } from "~/i18n/i18n";
import { renderPasswordResetMail } from "~/mail/password-reset";
import { recordAudit } from "./audit.server";
import { db, transaction, type DbOrTx, type Tx } from "./db.server";
import { enqueueMail } from "./outbox.server";
import { newToken, revokeSessionsOf, sha256 } from "./sessions.server";

export type OrganiserRole = (typeof t.ORGANISER_ROLES)[number];
export type OrganiserRow = typeof t.organisers.$inferSelect;

export type CreateOrganiserResult =
  | { ok: true; organiser: OrganiserRow }
  | { ok: false; problem: "invalid_email" | "email_taken" | PasswordProblem };

export async function createOrganiser(
  input: { email: string; password: string; name?: string; role?: OrganiserRole },
  conn: DbOrTx = db(),
): Promise<CreateOrganiserResult> {
  const email = normaliseEmail(input.email);
  if (!looksLikeEmail(email)) return { ok: false, problem: "invalid_email" };
  const problem = passwordProblem(input.password, email);
  if (problem) return { ok: false, problem };
  if (findOrganiserByEmail(email, conn)) return { ok: false, problem: "email_taken" };
  const passwordHash = await hashPassword(input.password);
  try {
    const organiser = conn
      .insert(t.organisers)
      .values({ email, passwordHash, name: input.name?.trim() ?? "", role: input.role ?? "organiser" })
      .returning()
      .get();
    return { ok: true, organiser };
  } catch (error) {
    // Lost a race with another create for the same address: the unique index decided.
    if (String(error).includes("UNIQUE")) return { ok: false, problem: "email_taken" };
    throw error;
  }
}

export function findOrganiserByEmail(email: string, conn: DbOrTx = db()): OrganiserRow | undefined {
  return conn.select().from(t.organisers).where(eq(t.organisers.email, normaliseEmail(email))).get();
}

// ---------------------------------------------------------------------------------------------
// Accounts managed by admins, and passwords chosen through a link (reset or invitation).

export const RESET_VALID_HOURS = 1;
export const INVITE_VALID_HOURS = 72;

export function getOrganiser(id: number, conn: DbOrTx = db()): OrganiserRow | undefined {
  return conn.select().from(t.organisers).where(eq(t.organisers.id, id)).get();
}

export function listOrganisers(conn: DbOrTx = db()) {
  return conn
    .select({
      id: t.organisers.id,
      email: t.organisers.email,
      name: t.organisers.name,
      role: t.organisers.role,
      disabledAt: t.organisers.disabledAt,
      createdAt: t.organisers.createdAt,
    })
    .from(t.organisers)
    .orderBy(asc(t.organisers.email))
    .all();
}

function countActiveAdmins(conn: DbOrTx): number {
  return (
    conn
      .select({ n: sql<number>`count(*)` })
      .from(t.organisers)
      .where(and(eq(t.organisers.role, "admin"), isNull(t.organisers.disabledAt)))
      .get()?.n ?? 0
  );
}

/** Writes a one-time link for `organiserId` and queues its mail; the token is only in the mail. */
function issuePasswordLink(
  tx: Tx,
  input: { organiser: OrganiserRow; kind: "reset" | "invite"; language: Language; appUrl: string; now: Date },
) {
  const token = newToken();
  const hours = input.kind === "invite" ? INVITE_VALID_HOURS : RESET_VALID_HOURS;
  tx.insert(t.passwordResets)
    .values({
      tokenHash: sha256(token),
      organiserId: input.organiser.id,
      expiresAt: new Date(input.now.getTime() + hours * 3600_000),
      createdAt: input.now,
    })
    .run();
  const mail = renderPasswordResetMail({
    kind: input.kind,
    language: input.language,
    name: input.organiser.name,
    url: `${input.appUrl}/organiser/reset-password/${token}`,
    validHours: hours,
    role: input.organiser.role,
  });
  enqueueMail(tx, { ...mail, to: input.organiser.email, template: `organiser-${input.kind}`, language: input.language }, input.now);
  return token;
}

/**
 * "Forgot password": when an enabled account has this address, a link valid for an hour is
 * mailed. The caller says the same thing either way, so nobody learns which addresses exist.
 */
export function requestPasswordReset(input: { email: string; language: Language; appUrl: string; now: Date }): void {
  transaction((tx) => {
    const organiser = findOrganiserByEmail(input.email, tx);
    if (!organiser || organiser.disabledAt) return;
    issuePasswordLink(tx, { organiser, kind: "reset", language: input.language, appUrl: input.appUrl, now: input.now });
    recordAudit(tx, { actor: { type: "system" }, entityType: "organiser", entityId: organiser.id, action: "password_reset_requested", at: input.now });
  });
}

/** Whether a link can still be used (for showing the form). */
export function passwordLinkIsValid(token: string, now: Date, conn: DbOrTx = db()): boolean {
  const row = conn.select().from(t.passwordResets).where(eq(t.passwordResets.tokenHash, sha256(token))).get();
  return !!row && !row.usedAt && row.expiresAt > now;
}

/** Housekeeping: reset and invitation links that were used or have expired are deleted. */
export function prunePasswordLinks(now: Date, conn: DbOrTx = db()): number {
  return conn
    .delete(t.passwordResets)
    .where(or(isNotNull(t.passwordResets.usedAt), lte(t.passwordResets.expiresAt, now)))
    .run().changes;
}

export type ResetResult = { ok: true; organiser: OrganiserRow } | { ok: false; problem: "invalid_link" | PasswordProblem };

/** Sets a new password through a link: only before it expires, only once; signs out every session. */
export async function resetPassword(input: { token: string; password: string; now: Date }): Promise<ResetResult> {
  const row = db().select().from(t.passwordResets).where(eq(t.passwordResets.tokenHash, sha256(input.token))).get();
  if (!row || row.usedAt || row.expiresAt <= input.now) return { ok: false, problem: "invalid_link" };
  const organiser = getOrganiser(row.organiserId);
  if (!organiser || organiser.disabledAt) return { ok: false, problem: "invalid_link" };
  const problem = passwordProblem(input.password, organiser.email);
  if (problem) return { ok: false, problem };
  const passwordHash = await hashPassword(input.password);
  return transaction((tx): ResetResult => {
    // Claimed with a condition, so two submits of one link cannot both succeed.
    const claimed = tx
      .update(t.passwordResets)
      .set({ usedAt: input.now })
      .where(and(eq(t.passwordResets.tokenHash, row.tokenHash), isNull(t.passwordResets.usedAt), gt(t.passwordResets.expiresAt, input.now)))
      .run();
    if (claimed.changes === 0) return { ok: false, problem: "invalid_link" };
    tx.update(t.organisers).set({ passwordHash }).where(eq(t.organisers.id, organiser.id)).run();
    revokeSessionsOf(organiser.id, input.now, tx);
    recordAudit(tx, { actor: { type: "system" }, entityType: "organiser", entityId: organiser.id, action: "password_reset", at: input.now });
    return { ok: true, organiser };
  });
}

export type InviteResult = { ok: true; organiser: OrganiserRow; link: string } | { ok: false; problem: "invalid_email" | "email_taken" };

/** An admin adds an organiser: the account gets an unusable password and an invitation link to choose one. */
export async function inviteOrganiser(input: {
  email: string;
  name: string;
  role: OrganiserRole;
  byOrganiserId: number;
  language: Language;
  appUrl: string;
  now: Date;
}): Promise<InviteResult> {
  const email = normaliseEmail(input.email);
  if (!looksLikeEmail(email)) return { ok: false, problem: "invalid_email" };
  // Nobody knows this password; the invitation link is the only way in.
  const passwordHash = await hashPassword(newToken());
  return transaction((tx): InviteResult => {
    if (findOrganiserByEmail(email, tx)) return { ok: false, problem: "email_taken" };
    const organiser = tx
      .insert(t.organisers)
      .values({ email, name: input.name.trim(), role: input.role, passwordHash, createdAt: input.now })
      .returning()
      .get();
    const token = issuePasswordLink(tx, { organiser, kind: "invite", language: input.language, appUrl: input.appUrl, now: input.now });
    recordAudit(tx, {
      actor: { type: "organiser", organiserId: input.byOrganiserId },
      entityType: "organiser",
      entityId: organiser.id,
      action: "organiser_invited",
      detail: { email, role: input.role },
      at: input.now,
    });
    // Shown once to the admin who invited (no SMTP needed); it is never stored in the clear.
    return { ok: true, organiser, link: `${input.appUrl}/organiser/reset-password/${token}?lang=${input.language}` };
  });
}

export type AccountChangeResult = { ok: true } | { ok: false; problem: "not_found" | "last_admin" | "self" };

/** Changes a role or disables/enables an account. The last enabled admin cannot be removed, nor can an admin lock themself out. */
export function changeOrganiserAccount(input: {
  organiserId: number;
  change: { role: OrganiserRole } | { disabled: boolean };
  byOrganiserId: number;
  now: Date;
}): AccountChangeResult {
  return transaction((tx): AccountChangeResult => {
    const target = getOrganiser(input.organiserId, tx);
    if (!target) return { ok: false, problem: "not_found" };
    if (target.id === input.byOrganiserId) return { ok: false, problem: "self" };
    const losesAdmin =
      target.role === "admin" &&
      !target.disabledAt &&
      ("role" in input.change ? input.change.role !== "admin" : input.change.disabled);
    if (losesAdmin && countActiveAdmins(tx) <= 1) return { ok: false, problem: "last_admin" };
    if ("role" in input.change) {
      tx.update(t.organisers).set({ role: input.change.role }).where(eq(t.organisers.id, target.id)).run();
    } else {
      tx.update(t.organisers)
        .set({ disabledAt: input.change.disabled ? input.now : null })
        .where(eq(t.organisers.id, target.id))
        .run();
      if (input.change.disabled) revokeSessionsOf(target.id, input.now, tx);
    }
    recordAudit(tx, {
      actor: { type: "organiser", organiserId: input.byOrganiserId },
      entityType: "organiser",
      entityId: target.id,
      action: "role" in input.change ? "organiser_role_changed" : input.change.disabled ? "organiser_disabled" : "organiser_enabled",
      detail: "role" in input.change ? { from: target.role, to: input.change.role } : {},
      at: input.now,
    });
    return { ok: true };
  });
}

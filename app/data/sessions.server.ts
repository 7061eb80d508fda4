/**
 * Organiser sessions, kept server-side so they can be revoked. The cookie holds a random id; the
 * table stores only its SHA-256, so a copy of the database cannot be used to sign in.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNotNull, isNull, lte, or } from "drizzle-orm";
import * as t from "#db/schema";
import { db, type DbOrTx } from "./db.server";
import type { OrganiserRow } from "./organisers.server";

export const SESSION_LIFETIME_MS = 7 * 24 * 3600_000;

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Starts a session; returns the cookie value (never stored) and its expiry. */
export function createSession(
  conn: DbOrTx,
  input: { organiserId: number; userAgent: string; now: Date },
): { token: string; expiresAt: Date } {
  const token = newToken();
  const expiresAt = new Date(input.now.getTime() + SESSION_LIFETIME_MS);
  conn
    .insert(t.organiserSessions)
    .values({
      idHash: sha256(token),
      organiserId: input.organiserId,
      createdAt: input.now,
      expiresAt,
      userAgent: input.userAgent.slice(0, 300),
    })
    .run();
  return { token, expiresAt };
}

/** The signed-in organiser for a cookie value: the session must be unrevoked, unexpired, the account enabled. */
export function findSessionOrganiser(token: string, now: Date, conn: DbOrTx = db()): OrganiserRow | null {
  const row = conn
    .select({ organiser: t.organisers })
    .from(t.organiserSessions)
    .innerJoin(t.organisers, eq(t.organisers.id, t.organiserSessions.organiserId))
    .where(
      and(
        eq(t.organiserSessions.idHash, sha256(token)),
        isNull(t.organiserSessions.revokedAt),
        gt(t.organiserSessions.expiresAt, now),
        isNull(t.organisers.disabledAt),
      ),
    )
    .get();
  return row?.organiser ?? null;
}

export function revokeSession(token: string, now: Date, conn: DbOrTx = db()) {
  conn
    .update(t.organiserSessions)
    .set({ revokedAt: now })
    .where(and(eq(t.organiserSessions.idHash, sha256(token)), isNull(t.organiserSessions.revokedAt)))
    .run();
}

/** Signs an organiser out everywhere (disabled account, new password). */
export function revokeSessionsOf(organiserId: number, now: Date, conn: DbOrTx = db()): number {
  return conn
    .update(t.organiserSessions)
    .set({ revokedAt: now })
    .where(and(eq(t.organiserSessions.organiserId, organiserId), isNull(t.organiserSessions.revokedAt)))
    .run().changes;
}

/** Housekeeping: sessions that can never sign anyone in again (expired or revoked) are deleted. */
export function pruneSessions(now: Date, conn: DbOrTx = db()): number {
  return conn
    .delete(t.organiserSessions)
    .where(or(lte(t.organiserSessions.expiresAt, now), isNotNull(t.organiserSessions.revokedAt)))
    .run().changes;
}

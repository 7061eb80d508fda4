/**
 * Fixed-window rate limits in the `rate_limits` table, shared by every process that opens the
 * database. `hit` counts one attempt and says whether it is within the limit; the count and the
 * window move in one atomic upsert, so concurrent requests cannot both slip under the limit.
 * Used by the apply form and "lost your link?" (per e-mail address) and by organiser sign-in,
 * whose failures also block for a growing time (`recordBlockingFailure`, policy in
 * app/rules/sign-in-throttle.ts). Keys never hold an e-mail or network address itself.
 */
import { createHash } from "node:crypto";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import * as t from "#db/schema";
import { blockAfterFailure, THROTTLE_WINDOW_MS } from "~/rules/sign-in-throttle";
import { db, transaction, type DbOrTx } from "./db.server";

export interface RateLimitResult {
  allowed: boolean;
  /** Attempts in the current window, this one included. */
  count: number;
  remaining: number;
  /** 0 when allowed; else how long until the window ends. */
  retryAfterMs: number;
}

/** A key that names a scope and a value without storing the value (e.g. an e-mail address) itself. */
export function limitKey(scope: string, value: string): string {
  return `${scope}:${createHash("sha256").update(value.trim().toLowerCase()).digest("base64url").slice(0, 32)}`;
}

/** Counts one attempt for `key`: at most `limit` attempts per `windowMs`. */
export function hit(key: string, limit: number, windowMs: number, now = new Date(), conn: DbOrTx = db()): RateLimitResult {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`limit must be a whole number ≥ 1, got ${limit}`);
  if (!Number.isSafeInteger(windowMs) || windowMs < 1) throw new Error(`windowMs must be a whole number ≥ 1, got ${windowMs}`);
  const at = now.getTime();
  const expired = sql`${t.rateLimits.windowStart} <= ${at - windowMs}`;
  const row = conn
    .insert(t.rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: t.rateLimits.key,
      // SQLite evaluates every SET expression against the row as it was, so both see the old window.
      set: {
        windowStart: sql`case when ${expired} then ${at} else ${t.rateLimits.windowStart} end`,
        count: sql`case when ${expired} then 1 else ${t.rateLimits.count} + 1 end`,
      },
    })
    .returning({ windowStart: t.rateLimits.windowStart, count: t.rateLimits.count })
    .get();
  const allowed = row.count <= limit;
  return {
    allowed,
    count: row.count,
    remaining: Math.max(0, limit - row.count),
    retryAfterMs: allowed ? 0 : Math.max(0, row.windowStart.getTime() + windowMs - at),
  };
}

/** The keys for sign-in failures: per account and per client address, hashed like every key. */
export function signInKeys(email: string, address: string): string[] {
  return [limitKey("signin:account", email), limitKey("signin:address", address)];
}

/** The moment until which any of `keys` is blocked, or null when an attempt may be made now. */
export function blockedUntil(keys: string[], now: Date, conn: DbOrTx = db()): Date | null {
  let until: Date | null = null;
  for (const key of keys) {
    const row = conn.select({ blockedUntil: t.rateLimits.blockedUntil }).from(t.rateLimits).where(eq(t.rateLimits.key, key)).get();
    if (row?.blockedUntil && row.blockedUntil > now && (!until || row.blockedUntil > until)) until = row.blockedUntil;
  }
  return until;
}

/**
 * Counts a failed sign-in on every key (the same atomic count as `hit`) and blocks each for as long
 * as the policy says for that count; one transaction, so two failures at once count as two.
 */
export function recordBlockingFailure(keys: string[], now: Date) {
  transaction((tx) => {
    for (const key of keys) {
      const { count } = hit(key, Number.MAX_SAFE_INTEGER, THROTTLE_WINDOW_MS, now, tx);
      const blockMs = blockAfterFailure(count);
      tx.update(t.rateLimits)
        .set({ blockedUntil: blockMs > 0 ? new Date(now.getTime() + blockMs) : null })
        .where(eq(t.rateLimits.key, key))
        .run();
    }
  });
}

/** Forgets the attempts for `key` (e.g. after a successful sign-in). */
export function resetLimit(key: string, conn: DbOrTx = db()) {
  conn.delete(t.rateLimits).where(eq(t.rateLimits.key, key)).run();
}

/** Removes windows that began before `before` and hold no block beyond it (housekeeping). */
export function pruneLimits(before: Date, conn: DbOrTx = db()): number {
  return conn
    .delete(t.rateLimits)
    .where(and(lt(t.rateLimits.windowStart, before), or(isNull(t.rateLimits.blockedUntil), lt(t.rateLimits.blockedUntil, before))))
    .run().changes;
}

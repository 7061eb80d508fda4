/**
 * Counters for failed sign-ins on the rate_limits table (keys `signin:account:<email>` and
 * `signin:address:<ip>`); the policy is app/rules/sign-in-throttle.ts.
 */
import { eq, inArray } from "drizzle-orm";
import * as t from "#db/schema";
import { blockAfterFailure, THROTTLE_WINDOW_MS } from "~/rules/sign-in-throttle";
import { db, type DbOrTx } from "./db.server";

export function signInKeys(email: string, address: string): string[] {
  return [`signin:account:${email.trim().toLowerCase()}`, `signin:address:${address}`];
}

/** The moment until which any of `keys` is blocked, or null when an attempt may be made now. */
export function blockedUntil(keys: string[], now: Date, conn: DbOrTx = db()): Date | null {
  const rows = conn.select().from(t.rateLimits).where(inArray(t.rateLimits.key, keys)).all();
  let until: Date | null = null;
  for (const row of rows) {
    if (row.blockedUntil && row.blockedUntil > now && (!until || row.blockedUntil > until)) until = row.blockedUntil;
  }
  return until;
}

/** Counts a failure on every key and blocks each as the policy says. */
export function recordFailure(keys: string[], now: Date, conn: DbOrTx = db()) {
  for (const key of keys) {
    const row = conn.select().from(t.rateLimits).where(eq(t.rateLimits.key, key)).get();
    const fresh = !row || row.windowStart.getTime() + THROTTLE_WINDOW_MS <= now.getTime();
    const count = fresh ? 1 : row.count + 1;
    const blockMs = blockAfterFailure(count);
    const values = {
      windowStart: fresh ? now : row.windowStart,
      count,
      blockedUntil: blockMs > 0 ? new Date(now.getTime() + blockMs) : null,
    };
    conn
      .insert(t.rateLimits)
      .values({ key, ...values })
      .onConflictDoUpdate({ target: t.rateLimits.key, set: values })
      .run();
  }
}

export function clearFailures(key: string, conn: DbOrTx = db()) {
  conn.delete(t.rateLimits).where(eq(t.rateLimits.key, key)).run();
}

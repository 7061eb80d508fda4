import { describe, expect, test } from "vitest";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { blockedUntil, hit, limitKey, pruneLimits, recordBlockingFailure, resetLimit, signInKeys } from "~/data/rate-limits.server";
import { blockAfterFailure } from "~/rules/sign-in-throttle";

const MINUTE = 60_000;

describe("rate limits", () => {
  test("allow `limit` hits per window, then refuse until the window has passed", () => {
    const t0 = new Date("2099-01-01T10:00:00Z");
    const at = (ms: number) => new Date(t0.getTime() + ms);
    expect([1, 2, 3].map((i) => hit("k", 3, 10 * MINUTE, at(i)))).toEqual([
      { allowed: true, count: 1, remaining: 2, retryAfterMs: 0 },
      { allowed: true, count: 2, remaining: 1, retryAfterMs: 0 },
      { allowed: true, count: 3, remaining: 0, retryAfterMs: 0 },
    ]);
    expect(hit("k", 3, 10 * MINUTE, at(4 * MINUTE))).toEqual({ allowed: false, count: 4, remaining: 0, retryAfterMs: 6 * MINUTE + 1 });
    // The window started at the first hit: just before its end still refused, at its end a fresh one.
    expect(hit("k", 3, 10 * MINUTE, at(10 * MINUTE)).allowed).toBe(false);
    expect(hit("k", 3, 10 * MINUTE, at(10 * MINUTE + 1))).toEqual({ allowed: true, count: 1, remaining: 2, retryAfterMs: 0 });
  });

  test("keys are independent; reset forgets one; prune removes old windows", () => {
    const now = new Date("2099-01-01T10:00:00Z");
    expect(hit("a", 1, MINUTE, now).allowed).toBe(true);
    expect(hit("a", 1, MINUTE, now).allowed).toBe(false);
    expect(hit("b", 1, MINUTE, now).allowed).toBe(true);
    resetLimit("a");
    expect(hit("a", 1, MINUTE, now).allowed).toBe(true);
    expect(pruneLimits(new Date(now.getTime() + 1))).toBe(2);
    expect(db().select().from(t.rateLimits).all()).toEqual([]);
  });

  test("a key names an address without storing it", () => {
    const key = limitKey("apply", " Someone@Example.org ");
    expect(key).toBe(limitKey("apply", "someone@example.org"));
    expect(key).not.toContain("someone");
    expect(key).toMatch(/^apply:[A-Za-z0-9_-]{32}$/);
    expect(limitKey("lost-link", "someone@example.org")).not.toBe(key);
  });

  test("refuses nonsense limits", () => {
    expect(() => hit("k", 0, MINUTE)).toThrow();
    expect(() => hit("k", 1, 0)).toThrow();
    expect(() => hit("k", 1.5, MINUTE)).toThrow();
  });

  test("sign-in failures are counted on hashed keys (no e-mail or address stored) and block as the policy says", () => {
    const now = new Date("2099-01-01T10:00:00Z");
    const keys = signInKeys("Jansje@Example.org", "203.0.113.9");
    const failures = 8;
    for (let i = 0; i < failures; i++) recordBlockingFailure(keys, now);
    const rows = db().select().from(t.rateLimits).all();
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.key).not.toMatch(/jansje|example|203\.0/i);
      expect(row.count).toBe(failures);
    }
    const expected = blockAfterFailure(failures);
    expect(expected).toBeGreaterThan(0);
    expect(blockedUntil(keys, now)!.getTime()).toBe(now.getTime() + expected);
    expect(blockedUntil(signInKeys("someone.else@example.org", "198.51.100.1"), now)).toBeNull();
  });
});

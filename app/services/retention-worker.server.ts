/**
 * The daily housekeeping run in the background workers: anonymise applications past their
 * retention period and prune sessions, password links and rate-limit rows
 * (app/data/retention.server.ts). The worker ticks often; the work runs once per local day, at
 * the first tick after start and after each midnight. Running it twice is harmless (idempotent).
 */
import { runDailyRetention } from "~/data/retention.server";
import { localDate } from "~/rules/calendar";
import { registerWorker } from "./workers.server";

let lastRunOn: string | null = null;

/** One tick: runs the daily work when it has not run yet today. Returns whether it ran. */
export function retentionTick(now: Date): boolean {
  const today = localDate(now);
  if (lastRunOn === today) return false;
  const result = runDailyRetention(now);
  lastRunOn = today;
  const anonymised = result.anonymised.reduce((sum, r) => sum + r.anonymised, 0);
  const held = result.anonymised.reduce((sum, r) => sum + r.held, 0);
  if (anonymised + held + result.sessions + result.passwordLinks + result.rateLimits > 0) {
    console.info(
      `[zomerparade] daily retention: ${anonymised} applications anonymised, ${held} kept while money is open; pruned ${result.sessions} sessions, ${result.passwordLinks} password links, ${result.rateLimits} rate-limit rows`,
    );
  }
  return true;
}

/** For tests: forget that today's run happened. */
export function resetRetentionTickForTests() {
  lastRunOn = null;
}

export function registerRetentionWorker() {
  registerWorker({ name: "daily-retention", run: (now) => void retentionTick(now) });
}

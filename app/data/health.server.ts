/**
 * Health of the database this process depends on, for GET /healthz, for refusing writes and for
 * the workers. Two checks:
 * - the file: is the file we opened still the one at DATABASE_PATH (not removed, not replaced)?
 *   One stat call (app/data/db.server.ts `databaseFileProblem`), done on every write and check;
 * - the content: `PRAGMA quick_check` on a connection of its own, opened for the check, so the
 *   pages are read from the disk and not from the page cache of the serving connection (which
 *   kept answering from memory while the file under it was overwritten). Run by /healthz (at most
 *   once a second) and by a timer (`watchDatabase`).
 * A change of state is logged once, with the reason.
 */
import Database from "better-sqlite3";
import { databaseFileProblem, openDatabaseFile, reportDatabaseDamage, sqlite } from "./db.server";

export type Health = { ok: true } | { ok: false; reason: string };

/** A check younger than this is reused: /healthz polled in a loop costs one check a second. */
const CHECK_REUSE_MS = 1_000;

let lastCheck: { file: string; at: number; problem: string | null } | undefined;
let reported: string | null = null;

/** Reads every page of the file from the disk through a fresh connection; the problem, or null. */
export function checkDatabaseContent(file: string): string | null {
  let checker: Database.Database | undefined;
  try {
    checker = new Database(file, { fileMustExist: true });
    checker.pragma("busy_timeout = 2000");
    const rows = checker.pragma("quick_check(5)") as { quick_check: string }[];
    const findings = rows.map((r) => r.quick_check).filter((r) => r !== "ok");
    return findings.length ? `the database file ${file} is damaged: ${findings.join("; ").slice(0, 300)}` : null;
  } catch (error) {
    return `the database file ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    checker?.close();
  }
}

/** The current problem of the database, checking its content again when the last check is older than `maxAgeMs`. */
export function databaseProblem(maxAgeMs = CHECK_REUSE_MS): string | null {
  const fileProblem = databaseFileProblem();
  const file = openDatabaseFile();
  let problem = fileProblem;
  if (!problem && file) {
    if (!lastCheck || lastCheck.file !== file || Date.now() - lastCheck.at >= maxAgeMs) {
      lastCheck = { file, at: Date.now(), problem: checkDatabaseContent(file) };
      reportDatabaseDamage(lastCheck.problem);
    }
    problem = lastCheck.problem;
  }
  report(problem);
  return problem;
}

function report(problem: string | null) {
  if (problem === reported) return;
  if (problem) console.error(`[zomerparade] database unavailable, refusing writes: ${problem}`);
  else console.info("[zomerparade] database available again");
  reported = problem;
}

export function checkHealth(): Health {
  try {
    const problem = databaseProblem();
    if (problem) return { ok: false, reason: problem };
    // The serving connection itself must answer too (an in-memory database has only this check).
    sqlite().prepare("select count(*) as n from editions").get();
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

let watchTimer: NodeJS.Timeout | undefined;

/** Checks the database every `intervalMs` while the server runs, so a loss is noticed (and logged) without a request. */
export function watchDatabase(intervalMs = 5_000) {
  if (watchTimer) return;
  watchTimer = setInterval(() => {
    try {
      databaseProblem(intervalMs / 2);
    } catch (error) {
      console.error("[zomerparade] database check failed", error);
    }
  }, intervalMs);
  watchTimer.unref();
}

export function stopWatchingDatabase() {
  if (watchTimer) clearInterval(watchTimer);
  watchTimer = undefined;
}

/** For tests: forget the last check and what was logged. */
export function resetHealthForTests() {
  lastCheck = undefined;
  reported = null;
  reportDatabaseDamage(null);
}

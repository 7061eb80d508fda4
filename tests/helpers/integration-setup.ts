/**
 * Runs before every integration test file: each test gets its own freshly migrated SQLite file,
 * and nothing reaches outside (workers off, mail to the outbox, Stripe off unless a test sets it).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach } from "vitest";
import { closeDatabase, switchDatabaseFile } from "~/data/db.server";
import { resetEnvForTests } from "~/env.server";

const folder = mkdtempSync(path.join(tmpdir(), "zomerparade-test-"));
let counter = 0;

process.env.NODE_ENV = "test";
process.env.WORKER_INTERVAL_MS = "0";
process.env.SESSION_SECRET = "test-session-secret-0123456789abcdef";
process.env.DATABASE_PATH = path.join(folder, "unused.db");
delete process.env.STRIPE_SECRET_KEY;
delete process.env.STRIPE_WEBHOOK_SECRET;
delete process.env.SMTP_URL;

beforeEach(() => {
  resetEnvForTests();
  counter += 1;
  const file = path.join(folder, `test-${counter}.db`);
  process.env.DATABASE_PATH = file;
  switchDatabaseFile(file);
});

afterEach(() => {
  closeDatabase();
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

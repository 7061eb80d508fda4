/**
 * The one SQLite connection of this process. Data modules (app/data/*.server.ts) are the only
 * callers; routes never touch drizzle directly.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "#db/schema";
import { env } from "~/env.server";

export type Db = BetterSQLite3Database<typeof schema>;
/** A transaction handle; data functions accept either, so callers can compose them in one transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

interface Connection {
  file: string;
  sqlite: Database.Database;
  db: Db;
  /** Which file was opened (device and inode), to notice when another file, or none, is at the path. */
  identity: FileIdentity | null;
}

interface FileIdentity {
  dev: number;
  ino: number;
}

/** Thrown by a write while the database file is missing, replaced or damaged: nothing is acknowledged. */
export class DatabaseUnavailableError extends Error {
  constructor(reason: string) {
    super(`The database cannot be written: ${reason}`);
    this.name = "DatabaseUnavailableError";
  }
}

// Kept on globalThis so a dev rebuild of the server bundle does not open a second connection.
const holder = globalThis as unknown as { __zomerparadeDb?: Connection };

/** Resolved from the project root (the working directory of every npm script), never from build/. */
export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");

export function openDatabase(file: string): Connection {
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle(sqlite, { schema });
  // Migrations that rebuild a table (a changed CHECK) drop the old one: with foreign keys on, that
  // drop would cascade-delete every row pointing at it. The migrator runs in one transaction, where
  // SQLite ignores `PRAGMA foreign_keys`, so keys are off around it and checked afterwards.
  sqlite.pragma("foreign_keys = OFF");
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  const broken = sqlite.pragma("foreign_key_check") as unknown[];
  if (broken.length > 0) throw new Error(`Migrations left ${broken.length} rows pointing at nothing; the database was not opened.`);
  // SQLite leaves foreign keys off unless each connection turns them on.
  sqlite.pragma("foreign_keys = ON");
  return { file, sqlite, db, identity: file === ":memory:" ? null : identityOf(file) };
}

function identityOf(file: string): FileIdentity | null {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat ? { dev: stat.dev, ino: stat.ino } : null;
}

function connection(): Connection {
  if (!holder.__zomerparadeDb) {
    const file = env().DATABASE_PATH;
    refuseLostDatabase(file);
    holder.__zomerparadeDb = openDatabase(file);
    markFolderAsHoldingDatabase(file);
  }
  return holder.__zomerparadeDb;
}

/** Set when this folder has held the database: a later start without it is a loss, not a first start. */
export function databaseMarkerFile(file: string): string {
  const resolved = path.resolve(file);
  // A dot file that `rm zomerparade.db*` does not take along.
  return path.join(path.dirname(resolved), `.${path.basename(resolved)}.created`);
}

function markFolderAsHoldingDatabase(file: string) {
  if (file === ":memory:") return;
  const marker = databaseMarkerFile(file);
  if (!existsSync(marker)) writeFileSync(marker, `${new Date().toISOString()}\n`, { mode: 0o600 });
}

/**
 * A brand-new folder gets a new, empty database. A folder that held one (its marker, or a
 * `.session-secret` older than this process) but has lost the file is refused: starting would
 * quietly create an empty market in place of the real one.
 */
export function refuseLostDatabase(file: string) {
  if (file === ":memory:" || existsSync(file)) return;
  const folder = path.dirname(path.resolve(file));
  const marker = databaseMarkerFile(file);
  const secret = path.join(folder, ".session-secret");
  const startedAt = performance.timeOrigin;
  // The secret may have been written a moment ago by this very start (app/env.server.ts).
  const secretFromEarlier = (statSync(secret, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < startedAt - 2_000;
  // Markers name the databases this folder held; without any (a folder from before markers) the secret speaks for it.
  const otherMarkers = readdirSync(folder).some((name) => /^\..+\.created$/.test(name));
  const evidence = existsSync(marker) ? marker : secretFromEarlier && !otherMarkers ? secret : null;
  if (!evidence) return;
  throw new Error(
    `The database ${path.resolve(file)} is missing, but this folder held one (${evidence} is there). ` +
      `Not starting with a new, empty database. Restore the database file from a backup; ` +
      `to start an empty market here on purpose, delete ${evidence} first.`,
  );
}

/**
 * What is wrong with the file of the open database, or null: removed, or another file now at
 * its path. One stat call, cheap enough for every write.
 */
export function databaseFileProblem(): string | null {
  const current = holder.__zomerparadeDb;
  if (!current?.identity) return null;
  const now = identityOf(current.file);
  if (!now) return `the database file ${path.resolve(current.file)} was removed while the server was running`;
  if (now.dev !== current.identity.dev || now.ino !== current.identity.ino) {
    return `the database file ${path.resolve(current.file)} was replaced by another file while the server was running`;
  }
  return damage;
}

let damage: string | null = null;

/** The integrity check (app/data/health.server.ts) reports what it found; writes are refused while damaged. */
export function reportDatabaseDamage(reason: string | null) {
  damage = reason;
}

/** The path of the open database file, or null for an in-memory database or none open. */
export function openDatabaseFile(): string | null {
  const current = holder.__zomerparadeDb;
  return current?.identity ? current.file : null;
}

export function db(): Db {
  return connection().db;
}

export function sqlite(): Database.Database {
  return connection().sqlite;
}

/** Switch this process to another database file (tests, the demo and scripts). */
export function switchDatabaseFile(file: string): Db {
  closeDatabase();
  holder.__zomerparadeDb = openDatabase(file);
  return holder.__zomerparadeDb.db;
}

export function closeDatabase() {
  holder.__zomerparadeDb?.sqlite.close();
  holder.__zomerparadeDb = undefined;
  damage = null;
}

/** Runs `work` in one IMMEDIATE transaction: the write lock is taken at the start, so two
 *  requests that read-then-write cannot both pass their checks. Refused while the database file
 *  is missing, replaced or damaged, so nothing is acknowledged into a file that is gone. */
export function transaction<T>(work: (tx: Tx) => T): T {
  const handle = db();
  const problem = databaseFileProblem();
  if (problem) throw new DatabaseUnavailableError(problem);
  return handle.transaction(work, { behavior: "immediate" });
}

/**
 * The one SQLite connection of this process. Data modules (app/data/*.server.ts) are the only
 * callers; routes never touch drizzle directly.
 */
import { mkdirSync } from "node:fs";
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
  // SQLite leaves foreign keys off unless each connection turns them on.
  sqlite.pragma("foreign_keys = ON");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { file, sqlite, db };
}

function connection(): Connection {
  holder.__zomerparadeDb ??= openDatabase(env().DATABASE_PATH);
  return holder.__zomerparadeDb;
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
}

/** Runs `work` in one IMMEDIATE transaction: the write lock is taken at the start, so two
 *  requests that read-then-write cannot both pass their checks. */
export function transaction<T>(work: (tx: Tx) => T): T {
  return db().transaction(work, { behavior: "immediate" });
}

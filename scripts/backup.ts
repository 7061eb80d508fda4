/**
 * npm run backup -- <file>
 * A consistent copy of the live database (DATABASE_PATH) with SQLite's online backup API: safe
 * while the server runs and writes. Restore: stop the server, replace the database file with the
 * copy (and delete any -wal/-shm files beside the old one), start again.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { env } from "~/env.server";

async function main(): Promise<number> {
  const target = process.argv[2];
  if (!target) {
    console.error("usage: npm run backup -- <file>");
    return 2;
  }
  const source = env().DATABASE_PATH;
  if (!existsSync(source)) {
    console.error(`No database at ${source} (set DATABASE_PATH).`);
    return 1;
  }
  if (path.resolve(target) === path.resolve(source)) {
    console.error("The backup file must not be the database itself.");
    return 1;
  }
  const database = new Database(source, { readonly: true, fileMustExist: true });
  database.pragma("busy_timeout = 5000");
  try {
    const started = Date.now();
    const progress = await database.backup(target);
    const check = new Database(target, { readonly: true });
    const integrity = check.pragma("integrity_check", { simple: true });
    check.close();
    if (integrity !== "ok") {
      console.error(`The copy failed its integrity check: ${String(integrity)}`);
      return 1;
    }
    console.info(
      `Backed up ${source} to ${target}: ${progress.totalPages} pages in ${Date.now() - started} ms, integrity ok.`,
    );
    return 0;
  } finally {
    database.close();
  }
}

process.exit(await main());

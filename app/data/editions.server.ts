/** Editions: the current edition, its days, categories and fee table. */
import { asc, desc, eq, sql } from "drizzle-orm";
import * as t from "#db/schema";
import { db, type DbOrTx } from "./db.server";

export type EditionRow = typeof t.editions.$inferSelect;
export type EventDayRow = typeof t.eventDays.$inferSelect;
export type CategoryRow = typeof t.categories.$inferSelect;
export type FeeRateRow = typeof t.feeRates.$inferSelect;

/**
 * The edition the public pages are about: the first one whose last market day is today or
 * later, or, when all are past, the most recent one. `today` is a local date (YYYY-MM-DD).
 */
export function findCurrentEdition(today: string, conn: DbOrTx = db()): EditionRow | undefined {
  const all = conn.select().from(t.editions).orderBy(asc(t.editions.year), asc(t.editions.id)).all();
  if (all.length === 0) return undefined;
  const lastDayOf = lastDayByEdition(conn);
  const upcoming = all.find((edition) => (lastDayOf.get(edition.id) ?? "") >= today);
  return upcoming ?? all[all.length - 1];
}

function lastDayByEdition(conn: DbOrTx): Map<number, string> {
  const rows = conn
    .select({ editionId: t.eventDays.editionId, date: t.eventDays.date })
    .from(t.eventDays)
    .all();
  const result = new Map<number, string>();
  for (const row of rows) {
    const seen = result.get(row.editionId);
    if (!seen || row.date > seen) result.set(row.editionId, row.date);
  }
  return result;
}

export function getEdition(id: number, conn: DbOrTx = db()): EditionRow | undefined {
  return conn.select().from(t.editions).where(eq(t.editions.id, id)).get();
}

export function listEventDays(editionId: number, conn: DbOrTx = db()): EventDayRow[] {
  return conn
    .select()
    .from(t.eventDays)
    .where(eq(t.eventDays.editionId, editionId))
    .orderBy(asc(t.eventDays.date))
    .all();
}

export function listCategories(editionId: number, conn: DbOrTx = db()): CategoryRow[] {
  return conn
    .select()
    .from(t.categories)
    .where(eq(t.categories.editionId, editionId))
    .orderBy(asc(t.categories.sortOrder), asc(t.categories.id))
    .all();
}

export function listFeeRates(editionId: number, conn: DbOrTx = db()): FeeRateRow[] {
  return conn.select().from(t.feeRates).where(eq(t.feeRates.editionId, editionId)).all();
}

export function latestStatusChange(editionId: number, conn: DbOrTx = db()) {
  return conn
    .select()
    .from(t.editionStatusHistory)
    .where(eq(t.editionStatusHistory.editionId, editionId))
    .orderBy(desc(t.editionStatusHistory.changedAt), desc(t.editionStatusHistory.id))
    .get();
}

export function countEditions(conn: DbOrTx = db()): number {
  return conn.select({ n: sql<number>`count(*)` }).from(t.editions).get()?.n ?? 0;
}


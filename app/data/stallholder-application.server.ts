/** The application behind a stallholder's private link, with what its pages need. */
import { asc, eq } from "drizzle-orm";
import * as t from "#db/schema";
import type { FeeBreakdown } from "~/rules/fees";
import { db, type DbOrTx } from "./db.server";
import { getEdition } from "./editions.server";

type ApplicationRow = typeof t.applications.$inferSelect;
type CategoryRow = typeof t.categories.$inferSelect;
type EditionRow = typeof t.editions.$inferSelect;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,64}$/;

export interface StallholderApplication {
  application: ApplicationRow;
  fee: FeeBreakdown;
  days: { id: number; date: string }[];
  category: CategoryRow;
  edition: EditionRow;
}

/** The application behind a private link, or undefined: an unknown token learns nothing. */
export function findApplicationByToken(token: string, conn: DbOrTx = db()): StallholderApplication | undefined {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const application = conn.select().from(t.applications).where(eq(t.applications.accessToken, token)).get();
  // The index lookup is exact; compare again so a collation or trailing-space quirk can never match.
  if (!application || application.accessToken !== token) return undefined;
  const edition = getEdition(application.editionId, conn);
  const category = conn.select().from(t.categories).where(eq(t.categories.id, application.categoryId)).get();
  if (!edition || !category) return undefined;
  const days = conn
    .select({ id: t.eventDays.id, date: t.eventDays.date })
    .from(t.applicationDays)
    .innerJoin(t.eventDays, eq(t.eventDays.id, t.applicationDays.eventDayId))
    .where(eq(t.applicationDays.applicationId, application.id))
    .orderBy(asc(t.eventDays.date))
    .all();
  return { application, fee: parseFee(application.feeBreakdownJson), days, category, edition };
}

function parseFee(json: string): FeeBreakdown {
  try {
    const fee = JSON.parse(json) as FeeBreakdown;
    if (Array.isArray(fee.lines) && typeof fee.totalCents === "number") return fee;
  } catch {
    // fall through
  }
  return { lines: [], dayCount: 1, free: false, totalCents: 0 };
}

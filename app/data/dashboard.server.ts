/** The organisers' overview of one edition: counts, money, spots per day, the waitlist's offers and what needs attention. */
import { and, eq, inArray, lt, ne, sql } from "drizzle-orm";
import * as t from "#db/schema";
import { applicationWindow } from "~/rules/edition-status";
import { db, type DbOrTx } from "./db.server";
import { getEdition, listCategories, listEventDays } from "./editions.server";
import { waitlistOverview } from "./waitlist.server";

export const WINDOW_CLOSING_DAYS = 7;

export function loadDashboard(editionId: number, now: Date, conn: DbOrTx = db()) {
  const edition = getEdition(editionId, conn);
  if (!edition) return null;
  const a = t.applications;

  const byState = Object.fromEntries(
    conn
      .select({ state: a.reviewState, n: sql<number>`count(*)` })
      .from(a)
      .where(eq(a.editionId, editionId))
      .groupBy(a.reviewState)
      .all()
      .map((row) => [row.state, row.n]),
  ) as Partial<Record<(typeof t.REVIEW_STATES)[number], number>>;

  const confirmed = and(eq(a.editionId, editionId), eq(a.reviewState, "approved"), inArray(a.paymentState, ["paid", "not_required"]));
  const confirmedCounts = new Map(
    conn
      .select({ categoryId: a.categoryId, n: sql<number>`count(*)` })
      .from(a)
      .where(confirmed)
      .groupBy(a.categoryId)
      .all()
      .map((row) => [row.categoryId, row.n]),
  );
  const perCategory = listCategories(editionId, conn).map((c) => ({
    id: c.id,
    nameNl: c.nameNl,
    nameEn: c.nameEn,
    colour: c.colour,
    confirmed: confirmedCounts.get(c.id) ?? 0,
  }));

  const expectedCents =
    conn.select({ s: sql<number>`coalesce(sum(${a.feeTotalCents}), 0)` }).from(a).where(and(eq(a.editionId, editionId), eq(a.reviewState, "approved"))).get()?.s ?? 0;
  const receivedCents =
    conn
      .select({ s: sql<number>`coalesce(sum(${t.payments.amountCents}), 0)` })
      .from(t.payments)
      .innerJoin(a, eq(a.id, t.payments.applicationId))
      .where(and(eq(a.editionId, editionId), eq(t.payments.status, "succeeded")))
      .get()?.s ?? 0;
  const refundedCents =
    conn
      .select({ s: sql<number>`coalesce(sum(${t.refunds.amountCents}), 0)` })
      .from(t.refunds)
      .innerJoin(a, eq(a.id, t.refunds.applicationId))
      .where(and(eq(a.editionId, editionId), inArray(t.refunds.status, ["succeeded", "paid_manually"])))
      .get()?.s ?? 0;

  const usableSpots =
    conn.select({ n: sql<number>`count(*)` }).from(t.spots).where(and(eq(t.spots.editionId, editionId), ne(t.spots.kind, "blocked"))).get()?.n ?? 0;
  const takenByDay = new Map(
    conn
      .select({ dayId: t.assignmentSpots.eventDayId, n: sql<number>`count(*)` })
      .from(t.assignmentSpots)
      .innerJoin(t.eventDays, eq(t.eventDays.id, t.assignmentSpots.eventDayId))
      .where(eq(t.eventDays.editionId, editionId))
      .groupBy(t.assignmentSpots.eventDayId)
      .all()
      .map((row) => [row.dayId, row.n]),
  );
  const spotsPerDay = listEventDays(editionId, conn).map((day) => {
    const taken = takenByDay.get(day.id) ?? 0;
    return { dayId: day.id, date: day.date, taken, free: Math.max(0, usableSpots - taken) };
  });

  // What needs attention
  const unpaidAfterDeadline = conn
    .select({ id: a.id, stallName: a.stallName })
    .from(a)
    .where(
      and(
        eq(a.editionId, editionId),
        eq(a.reviewState, "approved"),
        eq(a.paymentState, "pending"),
        lt(sql`coalesce(${a.paymentDueAt}, ${edition.paymentDeadline?.getTime() ?? null})`, now.getTime()),
      ),
    )
    .limit(100)
    .all();
  const confirmedWithoutSpot = conn
    .select({ id: a.id, stallName: a.stallName })
    .from(a)
    .where(
      and(
        confirmed,
        sql`exists (select 1 from ${t.applicationDays} d where d.application_id = ${a.id} and not exists (select 1 from ${t.stallAssignments} s where s.application_id = ${a.id} and s.event_day_id = d.event_day_id))`,
      ),
    )
    .limit(100)
    .all();
  const window = applicationWindow(edition, now);
  const windowClosingAt =
    window.state === "open" && window.closesAt && window.closesAt.getTime() - now.getTime() < WINDOW_CLOSING_DAYS * 86_400_000 ? window.closesAt : null;
  const failedMail =
    conn.select({ n: sql<number>`count(*)` }).from(t.outbox).where(and(eq(t.outbox.editionId, editionId), eq(t.outbox.status, "failed"))).get()?.n ?? 0;

  return {
    byState,
    perCategory,
    money: { expectedCents, receivedCents, refundedCents },
    spotsPerDay,
    attention: { unpaidAfterDeadline, confirmedWithoutSpot, windowClosingAt, failedMail },
    waitlist: waitlistOverview(editionId, now, conn),
  };
}

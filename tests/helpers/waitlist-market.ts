/**
 * The market the waitlist tests start from: an edition of one day (in a year of its own, so tests
 * in one file never share an edition), its two paid categories, and a maker of stalls that applied
 * in order — one hour apart, a year before the market — so the first made is first in the queue.
 */
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { makeApplication, makeEdition } from "#tests/helpers/factories";

const HOUR = 3600_000;

type ApplicationOverrides = Partial<typeof t.applications.$inferInsert>;

export function oneDayMarket(year: number) {
  const made = makeEdition({ days: [`${year}-07-03`], year });
  const [food, crafts] = made.categories.filter((c) => !c.isFree) as [(typeof made.categories)[0], (typeof made.categories)[0]];
  const day = made.days[0]!;
  let hour = 0;
  /** An unpaid 3 m stall of € 25 on the market's day, applied an hour after the one made before it. */
  const stall = (overrides: ApplicationOverrides = {}, categoryId = food.id) => {
    const row = makeApplication(made.edition, categoryId, {
      paymentState: "pending",
      feeTotalCents: 2500,
      createdAt: new Date(Date.UTC(year - 1, 4, 1) + hour++ * HOUR),
      ...overrides,
    });
    db().insert(t.applicationDays).values({ applicationId: row.id, eventDayId: day.id }).run();
    return row;
  };
  return { ...made, day, food, crafts, stall };
}

/** `approved` approved stalls, then `waiting` waitlisted ones, all in the first paid category. */
export function marketWithQueue(year: number, options: { approved: number; waiting: number; approvedOverrides?: (i: number) => ApplicationOverrides; waitingOverrides?: (i: number) => ApplicationOverrides }) {
  const market = oneDayMarket(year);
  const approved = Array.from({ length: options.approved }, (_, i) => market.stall({ reviewState: "approved", ...options.approvedOverrides?.(i) }));
  const waiting = Array.from({ length: options.waiting }, (_, i) => market.stall({ reviewState: "waitlisted", ...options.waitingOverrides?.(i) }));
  return { ...market, category: market.food, approved, waiting };
}

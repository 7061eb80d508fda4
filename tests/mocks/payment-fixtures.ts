/** Test data for payments: an edition with a payment deadline and an approved application that owes € 27,50. */
import { eq } from "drizzle-orm";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import type { FeeBreakdown } from "~/rules/fees";
import { makeApplication, makeEdition } from "#tests/helpers/factories";

export const DAY_MS = 24 * 3600_000;
let editionYear = 3000;

export const BREAKDOWN: FeeBreakdown = {
  lines: [
    { kind: "first_unit", quantity: 1, unitCents: 2000, days: 1, totalCents: 2000 },
    { kind: "electricity", quantity: 1, unitCents: 750, days: 1, totalCents: 750 },
  ],
  dayCount: 1,
  free: false,
  totalCents: 2750,
};

export function payableApplication(
  options: { days?: string[]; deadline?: Date | null; overrides?: Partial<typeof t.applications.$inferInsert> } = {},
) {
  editionYear += 1; // several editions in one test: each its own year
  const made = makeEdition({ days: options.days, year: editionYear });
  const category = made.categories.find((c) => !c.isFree)!;
  const deadline = options.deadline === undefined ? new Date(Date.now() + 10 * DAY_MS) : options.deadline;
  db().update(t.editions).set({ paymentDeadline: deadline }).where(eq(t.editions.id, made.edition.id)).run();
  const application = makeApplication(made.edition, category.id, {
    reviewState: "approved",
    paymentState: "pending",
    feeBreakdownJson: JSON.stringify(BREAKDOWN),
    feeTotalCents: 2750,
    paymentDueAt: deadline,
    language: "nl",
    ...options.overrides,
  });
  db().insert(t.applicationDays).values({ applicationId: application.id, eventDayId: made.days[0]!.id }).run();
  return { ...made, category, application, deadline };
}

export function applicationRow(id: number) {
  return db().select().from(t.applications).where(eq(t.applications.id, id)).get()!;
}

export function paymentRows(applicationId: number) {
  return db().select().from(t.payments).where(eq(t.payments.applicationId, applicationId)).all();
}

export function refundRows(applicationId: number) {
  return db().select().from(t.refunds).where(eq(t.refunds.applicationId, applicationId)).all();
}

export function mailsOf(applicationId: number, template?: string) {
  return db()
    .select()
    .from(t.outbox)
    .where(eq(t.outbox.applicationId, applicationId))
    .all()
    .filter((m) => !template || m.template === template);
}

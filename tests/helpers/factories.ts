/** Test data: an edition with the default layout, applications, assignments. */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { createEditionWithDefaults, ensureMarket } from "~/data/setup.server";

export function makeEdition(
  options: { days?: string[]; published?: boolean; year?: number; status?: "scheduled" | "uncertain" | "cancelled" } = {},
) {
  const conn = db();
  const market = ensureMarket(conn);
  const dates = options.days ?? ["2099-07-03"];
  const created = createEditionWithDefaults(conn, {
    marketId: market.id,
    year: options.year ?? Number(dates[0]!.slice(0, 4)),
    nameNl: "SK Zomerparade test",
    nameEn: "SK Zomerparade test (en)",
    days: dates.map((date) => ({ date, startsAt: "12:00", endsAt: "18:00" })),
  });
  const patch: Partial<typeof t.editions.$inferInsert> = {};
  if (options.published) patch.mapPublishedAt = new Date("2099-06-01T10:00:00Z");
  if (options.status) patch.status = options.status;
  if (Object.keys(patch).length > 0) {
    conn.update(t.editions).set(patch).where(eq(t.editions.id, created.edition.id)).run();
  }
  return created;
}

let sequence = 0;

export function makeApplication(
  edition: { id: number },
  categoryId: number,
  overrides: Partial<typeof t.applications.$inferInsert> = {},
) {
  sequence += 1;
  return db()
    .insert(t.applications)
    .values({
      editionId: edition.id,
      accessToken: randomBytes(24).toString("base64url"),
      stallName: `Kraam ${sequence}`,
      description: `Omschrijving ${sequence}`,
      categoryId,
      contactName: `Secret Person ${sequence}`,
      email: `secret.person.${sequence}@private.example`,
      phone: `+31 6 1234 ${String(5000 + sequence)}`,
      postcode: "3812 AB",
      applicantKind: "resident",
      frontageCm: 300,
      depthCm: 300,
      consentedAt: new Date("2099-01-01T10:00:00Z"),
      reviewState: "approved",
      paymentState: "paid",
      feeBreakdownJson: JSON.stringify({ lines: [], dayCount: 1, free: false, totalCents: 1500 }),
      feeTotalCents: 1500,
      ...overrides,
    })
    .returning()
    .get();
}

export function assign(applicationId: number, eventDayId: number, spotIds: number[]) {
  const conn = db();
  conn.insert(t.applicationDays).values({ applicationId, eventDayId }).onConflictDoNothing().run();
  const assignment = conn
    .insert(t.stallAssignments)
    .values({ applicationId, eventDayId })
    .returning()
    .get();
  for (const spotId of spotIds) {
    conn.insert(t.assignmentSpots).values({ assignmentId: assignment.id, eventDayId, spotId }).run();
  }
  return assignment;
}

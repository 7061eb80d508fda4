// "In front of their own house number" (issue 14): the organisers write on a spot which house
// numbers it stands before; the planner then meets a resident's wish for that house. Until then the
// wish is reported as not met, with the reason, never dropped.
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { proposePlan } from "~/data/placement-proposal.server";
import { action } from "~/routes/organiser.map";
import { makeApplication, makeEdition } from "#tests/helpers/factories";
import { formRequest, signedIn } from "#tests/helpers/signed-in";

function setup() {
  const made = makeEdition({ days: ["2099-07-03"] });
  const food = made.categories.find((c) => c.key === "food")!;
  const resident = makeApplication(made.edition, food.id, { stallName: "Limonade van Lotte", applicantKind: "resident", reviewState: "approved", placementWishesJson: JSON.stringify([{ kind: "house_number", houseNumber: "14a" }]) });
  db().insert(t.applicationDays).values({ applicationId: resident.id, eventDayId: made.days[0]!.id }).run();
  const { cookie } = signedIn("organiser");
  return { ...made, resident, cookie };
}

async function saveSpot(cookie: string, spot: typeof t.spots.$inferSelect, houseNumbers: string) {
  const fields = {
    intent: "update-spot",
    spotId: spot.id,
    version: spot.version,
    centre: JSON.stringify([spot.centreLon, spot.centreLat]),
    widthM: spot.widthCm / 100,
    depthM: spot.depthCm / 100,
    bearingDeg: spot.bearingDeg,
    kind: spot.kind,
    note: spot.note,
    houseNumbers,
  };
  const response = (await action(formRequest("/organiser/map", fields, cookie))) as Response;
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const spotRow = (id: number) => db().select().from(t.spots).where(eq(t.spots.id, id)).get()!;
const scope = { day: "all" as const, mode: "unplaced" as const };

test("a resident's house-number wish is met once a spot says it stands before that house; until then it is reported", async () => {
  const { edition, spots, resident, cookie } = setup();
  const before = proposePlan(edition.id, scope).plan;
  expect(before.unmetWishes).toMatchObject([{ applicationId: resident.id, wish: { kind: "house_number", houseNumber: "14a" }, reason: "house_unknown" }]);

  // A spot far from where the planner would otherwise put the first stall.
  const target = spots.filter((s) => s.kind === "stall" && !s.hasElectricity)[20]!;
  expect(await saveSpot(cookie, target, "12, 14A")).toMatchObject({ status: 200 });
  expect(spotRow(target.id).houseNumbers).toBe("12, 14a");

  const after = proposePlan(edition.id, scope).plan;
  const placement = after.placements.find((p) => p.applicationId === resident.id)!;
  expect(placement.spotCodes).toEqual([target.code]);
  expect(placement.reasons).toContainEqual({ code: "wish_house_number", houseNumber: "14a" });
  expect(after.unmetWishes).toEqual([]);
});

test("house numbers that are not house numbers are refused at the field and the spot is unchanged", async () => {
  const { spots, cookie } = setup();
  const target = spots[3]!;
  expect((await saveSpot(cookie, target, "12")).status).toBe(200);
  const saved = spotRow(target.id);
  const refused = await saveSpot(cookie, saved, "twaalf");
  expect(refused).toEqual({ status: 400, body: { ok: false, intent: "update-spot", error: "fields", fieldErrors: { houseNumbers: "editor.err_houseNumbers" } } });
  expect(spotRow(target.id)).toEqual(saved);
});

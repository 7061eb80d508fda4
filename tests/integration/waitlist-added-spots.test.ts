// The waitlist that fills itself, part 3 (issue 14): a spot the organisers add to the layout (by
// hand, or new codes of a regenerated layout) is a place, offered in the layout save's own
// transaction to the next waitlisted applicant who fits it; paused offers and caps hold; the same
// layout saved again offers nothing more; a declined offer passes on while the spot is still free.
import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { savePlacementSettings } from "~/data/placement-proposal.server";
import { answerOffer } from "~/data/waitlist-answer.server";
import { translator } from "~/i18n/i18n";
import { action, loader } from "~/routes/organiser.map";
import { editionCookie } from "~/services/auth.server";
import { assign } from "#tests/helpers/factories";
import { oneDayMarket } from "#tests/helpers/waitlist-market";
import { loaderArgs } from "#tests/helpers/remix";
import { formRequest, signedIn } from "#tests/helpers/signed-in";

let year = 5400;

function market() {
  year += 1;
  const made = oneDayMarket(year);
  /** Waitlisted (or approved) in order of applying: the first made is first in the queue. */
  const stall = (overrides: Parameters<typeof made.stall>[0] = {}, categoryId = made.food.id) => made.stall({ reviewState: "waitlisted", ...overrides }, categoryId);
  const organiser = signedIn("organiser");
  const cookie = `${organiser.cookie}; ${editionCookie(made.edition.id).split(";")[0]}`;
  return { ...made, stall, cookie };
}

async function post(m: ReturnType<typeof market>, fields: Record<string, string | number>) {
  const response = (await action(formRequest("/organiser/map", fields, m.cookie))) as Response;
  return { status: response.status, body: (await response.json()) as { ok: boolean; message?: { key: string; params?: Record<string, number> } } };
}

/** A spot 40 m beside the street (free ground), the layout's own size, without power. */
function addSpotFields(m: ReturnType<typeof market>, code: string, metresAside = 40) {
  const neighbour = m.spots.find((s) => s.code === "N-05")!;
  return { intent: "add-spot", code, centre: JSON.stringify([neighbour.centreLon, neighbour.centreLat + metresAside / 111_195]), bearingDeg: neighbour.bearingDeg };
}

const offersIn = (editionId: number) => db().select().from(t.waitlistOffers).where(eq(t.waitlistOffers.editionId, editionId)).all();
const spotId = (editionId: number, code: string) => db().select().from(t.spots).where(and(eq(t.spots.editionId, editionId), eq(t.spots.code, code))).get()!.id;
const offerMails = (applicationId: number) => db().select().from(t.outbox).where(and(eq(t.outbox.applicationId, applicationId), eq(t.outbox.template, "waitlist-offer"))).all();

test("a spot added by hand goes to the first waiting who fits it: not the one too wide, not the one who needs power", async () => {
  const m = market();
  const wide = m.stall({ frontageCm: 600 });
  const power = m.stall({ needsElectricity: true, electricityWatts: 500 });
  const fits = m.stall();
  const later = m.stall();
  const added = await post(m, addSpotFields(m, "X-01"));
  expect(added).toEqual({ status: 200, body: { ok: true, intent: "add-spot", message: { key: "editor.spotsOffered" } } });
  expect(offersIn(m.edition.id)).toMatchObject([{ applicationId: fits.id, slotKey: `spot:${spotId(m.edition.id, "X-01")}`, cause: "capacity", state: "open" }]);
  expect(offerMails(fits.id)).toHaveLength(1);
  for (const other of [wide, power, later]) expect(offerMails(other.id)).toEqual([]);
  expect(translator("nl")("editor.spotsOffered")).toBe("Plek toegevoegd en aangeboden aan de eerste op de wachtlijst die erop past.");
});

test("nobody waiting who fits, or offers paused: the spot is added, nobody is offered it, and the editor says only that", async () => {
  const m = market();
  m.stall({ frontageCm: 900 });
  expect((await post(m, addSpotFields(m, "X-01"))).body).toEqual({ ok: true, intent: "add-spot" });
  expect(offersIn(m.edition.id)).toEqual([]);

  const fits = m.stall();
  savePlacementSettings(m.edition.id, { offersPaused: true }, null);
  expect((await post(m, addSpotFields(m, "X-02", 60))).body).toEqual({ ok: true, intent: "add-spot" });
  expect(offersIn(m.edition.id)).toEqual([]);
  expect(offerMails(fits.id)).toEqual([]);
});

test("a full category cap holds: the added spot goes past the food stall to the crafts stall behind it", async () => {
  const m = market();
  m.stall({ reviewState: "approved" });
  const food = m.stall();
  const crafts = m.stall({}, m.crafts.id);
  savePlacementSettings(m.edition.id, { caps: { [m.food.key]: 1 } }, null);
  await post(m, addSpotFields(m, "X-01"));
  expect(offersIn(m.edition.id).map((o) => o.applicationId)).toEqual([crafts.id]);
  expect(offerMails(food.id)).toEqual([]);
});

test("a regenerated layout with more spots offers each new spot once, to different people; the same layout again offers nothing more", async () => {
  const m = market();
  const waiting = Array.from({ length: 30 }, () => m.stall());
  const data = await (loader(loaderArgs("/organiser/map", { headers: { Cookie: m.cookie } })) as Response).json();
  const before = new Set(data.spots.map((s: { code: string }) => s.code));
  // Smaller gaps: more spots fit on the same street.
  const params = JSON.stringify({ ...data.layoutParams, gapM: 0.5 });
  const applied = await post(m, { intent: "apply-layout", line: JSON.stringify(data.streetLine), params });
  expect(applied.status).toBe(200);
  const newSpots = db().select().from(t.spots).where(eq(t.spots.editionId, m.edition.id)).all().filter((s) => !before.has(s.code));
  const newStallSpots = newSpots.filter((s) => s.kind === "stall" && !s.hasElectricity);
  expect(newStallSpots.length).toBeGreaterThan(1);
  const offers = offersIn(m.edition.id);
  // Nobody waiting needs power, and every one fits a spot of the layout: one offer per new stall spot.
  expect(offers.length).toBe(newSpots.filter((s) => s.kind === "stall").length);
  expect(offers.length).toBeLessThan(waiting.length);
  expect(new Set(offers.map((o) => o.applicationId)).size).toBe(offers.length);
  expect(offers.map((o) => o.applicationId).sort((a, b) => a - b)).toEqual(waiting.slice(0, offers.length).map((w) => w.id));
  expect(new Set(offers.map((o) => o.slotKey))).toEqual(new Set(newSpots.filter((s) => s.kind === "stall").map((s) => `spot:${s.id}`)));
  expect(applied.body.message).toEqual({ key: "editor.layoutApplied", params: { offers: offers.length } });
  expect(translator("nl")("editor.layoutApplied", { offers: offers.length })).toBe(`Indeling vervangen. ${offers.length} nieuwe plekken zijn aangeboden aan de wachtlijst.`);
  expect(translator("en")("editor.layoutApplied", { offers: 0 })).toBe("Layout replaced.");

  const again = await post(m, { intent: "apply-layout", line: JSON.stringify(data.streetLine), params });
  expect(again.body.message).toEqual({ key: "editor.layoutApplied", params: { offers: 0 } });
  expect(offersIn(m.edition.id)).toHaveLength(offers.length);
});

test("a declined offer of an added spot passes on to the next who fits; once the spot has a stall, a decline passes nothing on", async () => {
  const m = market();
  const first = m.stall();
  const second = m.stall();
  const third = m.stall();
  await post(m, addSpotFields(m, "X-01"));
  const tokenOf = (applicationId: number) => /\/offer\/([A-Za-z0-9_-]+)/.exec(offerMails(applicationId)[0]!.textBody)![1]!;
  expect(answerOffer({ token: tokenOf(first.id), answer: "decline", now: new Date(), appUrl: "http://localhost" }).kind).toBe("declined");
  const open = () => offersIn(m.edition.id).filter((o) => o.state === "open");
  expect(open().map((o) => o.applicationId)).toEqual([second.id]);

  // The organisers put a stall on the spot meanwhile: the second says no, the third is not offered a taken spot.
  const placed = m.stall({ reviewState: "approved" });
  assign(placed.id, m.days[0]!.id, [spotId(m.edition.id, "X-01")]);
  expect(answerOffer({ token: tokenOf(second.id), answer: "decline", now: new Date(), appUrl: "http://localhost" }).kind).toBe("declined");
  expect(open()).toEqual([]);
  expect(offerMails(third.id)).toEqual([]);
});

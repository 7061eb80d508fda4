// The placement proposal's goals as settings organisers change (issue 14, item 1): a level per goal,
// a cap and a zone per category, saved on /organiser/map/goals, refused field by field with nothing
// saved, refused for a volunteer, and used by the next proposal.
import { expect, test } from "vitest";
import * as t from "#db/schema";
import { listSpots } from "~/data/assignments.server";
import { db } from "~/data/db.server";
import { getPlacementSettings, proposePlan, savePlacementSettings } from "~/data/placement-proposal.server";
import { action, loader } from "~/routes/organiser.map_.goals";
import { editionCookie } from "~/services/auth.server";
import { makeApplication, makeEdition } from "#tests/helpers/factories";
import { readableText } from "#tests/helpers/page-text";
import { loaderArgs, renderPage } from "#tests/helpers/remix";
import { formRequest, signedIn } from "#tests/helpers/signed-in";

let year = 5300;

function market(role: "organiser" | "volunteer" | "admin" = "organiser") {
  year += 1;
  const made = makeEdition({ days: [`${year}-07-03`], year });
  const [food, crafts] = made.categories.filter((c) => !c.isFree) as [(typeof made.categories)[0], (typeof made.categories)[0]];
  const codes = listSpots(made.edition.id).map((s) => s.code);
  const who = signedIn(role);
  const cookie = `${who.cookie}; ${editionCookie(made.edition.id).split(";")[0]}`;
  return { ...made, food, crafts, codes, cookie };
}

async function save(m: ReturnType<typeof market>, fields: Record<string, string>) {
  const response = (await action(formRequest("/organiser/map/goals", fields, m.cookie))) as Response;
  return { status: response.status, body: (await response.json()) as { ok: boolean; offersMade?: number; errors?: Record<string, string>; values?: Record<string, string> } };
}

async function thrownStatus(run: () => unknown) {
  try {
    await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
  return 200;
}

test("the form shows what is stored: a level per goal, caps as numbers, a zone written as a run", async () => {
  const m = market();
  savePlacementSettings(m.edition.id, { weights: { ...getPlacementSettings(m.edition.id).weights, returning: 200, sameCategory: 0 }, caps: { [m.food.key]: 12 }, zones: [{ categoryKey: m.food.key, spotCodes: m.codes.slice(0, 4) }] }, null);
  const response = (await loader(loaderArgs("/organiser/map/goals", { headers: { Cookie: m.cookie } }))) as Response;
  const { values } = (await response.json()) as { values: Record<string, string> };
  expect(values["weight.returning"]).toBe("high");
  expect(values["weight.wish"]).toBe("normal");
  expect(values["weight.sameCategory"]).toBe("off");
  expect(values[`cap.${m.food.key}`]).toBe("12");
  expect(values[`cap.${m.crafts.key}`]).toBe("");
  expect(values[`zone.${m.food.key}`]).toBe(`${m.codes[0]}–${m.codes[3]}`);
});

test("saving stores the weights, the caps (empty: none) and the zones, read from runs and single codes in any case", async () => {
  const m = market();
  const saved = await save(m, {
    "weight.returning": "off",
    "weight.wish": "high",
    "weight.sameCategory": "low",
    "weight.zone": "normal",
    [`cap.${m.food.key}`]: " 7 ",
    [`cap.${m.crafts.key}`]: "",
    [`zone.${m.food.key}`]: `${m.codes[0]}–${m.codes[2]}, ${m.codes[5]!.toLowerCase()}`,
  });
  expect(saved).toEqual({ status: 200, body: { ok: true, offersMade: 0 } });
  const settings = getPlacementSettings(m.edition.id);
  expect(settings.weights).toMatchObject({ returning: 0, wish: 100, sameCategory: 20, zone: 30 });
  expect(settings.caps).toEqual({ [m.food.key]: 7 });
  expect(settings.zones).toEqual([{ categoryKey: m.food.key, spotCodes: [m.codes[0], m.codes[1], m.codes[2], m.codes[5]] }]);
});

test("a bad cap or an unknown spot is refused on its own field, keeps what was typed and saves nothing", async () => {
  const m = market();
  savePlacementSettings(m.edition.id, { caps: { [m.food.key]: 4 } }, null);
  const before = getPlacementSettings(m.edition.id);
  const typed = {
    "weight.returning": "high",
    [`cap.${m.food.key}`]: "twaalf",
    [`cap.${m.crafts.key}`]: "5000",
    [`zone.${m.crafts.key}`]: `${m.codes[0]}, X-99`,
  };
  const refused = await save(m, typed);
  expect(refused.status).toBe(400);
  expect(refused.body.errors).toEqual({
    [`cap.${m.food.key}`]: "organiser.errWholeNumber",
    [`cap.${m.crafts.key}`]: "organiser.errCapTooHigh",
    [`zone.${m.crafts.key}`]: "organiser.errUnknownSpotCodes?codes=X-99",
  });
  expect(refused.body.values).toMatchObject(typed);
  expect(getPlacementSettings(m.edition.id)).toEqual(before);
  // A level that is not one of the four is refused too.
  expect((await save(m, { "weight.wish": "veel" })).body.errors).toEqual({ "weight.wish": "organiser.errChoose" });
  expect(getPlacementSettings(m.edition.id)).toEqual(before);
});

test("the refused form reads as sentences at the field, in Dutch and in English, with the spot that does not exist", async () => {
  const m = market();
  for (const [language, sentence] of [
    ["nl", "Deze plekken staan niet op de kaart: X-99."],
    ["en", "These spots are not on the map: X-99."],
  ] as const) {
    const body = new URLSearchParams({ [`zone.${m.food.key}`]: "X-99", [`cap.${m.food.key}`]: "abc" });
    const page = await renderPage(`/organiser/map/goals?lang=${language}`, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: m.cookie }, duplex: "half" } as RequestInit);
    expect(page.status).toBe(400);
    const html = await page.text();
    const text = readableText(html);
    expect(text).toContain(sentence);
    expect(text).toContain(language === "nl" ? "Vul een heel getal in." : "Enter a whole number.");
    expect(text).not.toContain("organiser.err");
    expect(html).toMatch(/name="zone\.[^"]+"[^>]*value="X-99"|value="X-99"[^>]*name="zone\./);
  }
});

test("raising a full cap on the goals page offers the new place to the first food stall waiting", async () => {
  const m = market();
  const day = m.days[0]!;
  const make = (reviewState: "approved" | "waitlisted", hour: number) => {
    const row = makeApplication(m.edition, m.food.id, { reviewState, paymentState: "pending", feeTotalCents: 2500, createdAt: new Date(Date.UTC(year - 1, 4, 1, hour)) });
    db().insert(t.applicationDays).values({ applicationId: row.id, eventDayId: day.id }).run();
    return row;
  };
  make("approved", 0);
  const first = make("waitlisted", 1);
  make("waitlisted", 2);
  savePlacementSettings(m.edition.id, { caps: { [m.food.key]: 1 } }, null);
  const saved = await save(m, { [`cap.${m.food.key}`]: "2" });
  expect(saved.body).toEqual({ ok: true, offersMade: 1 });
  const offers = db().select().from(t.waitlistOffers).all().filter((o) => o.editionId === m.edition.id);
  expect(offers.map((o) => o.applicationId)).toEqual([first.id]);
  const page = readableText(await (await renderPage("/organiser/map/goals?lang=nl", { method: "POST", body: new URLSearchParams({ [`cap.${m.food.key}`]: "3" }), headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: m.cookie }, duplex: "half" } as RequestInit)).text());
  expect(page).toContain("De doelen zijn opgeslagen. Er kwam ruimte bij: 1 plek is aangeboden aan de wachtlijst.");
});

test("a volunteer can neither open nor save the goals; nothing changes", async () => {
  const m = market("volunteer");
  const before = getPlacementSettings(m.edition.id);
  expect(await thrownStatus(() => loader(loaderArgs("/organiser/map/goals", { headers: { Cookie: m.cookie } })))).toBe(403);
  expect(await thrownStatus(() => action(formRequest("/organiser/map/goals", { [`cap.${m.food.key}`]: "1" }, m.cookie)))).toBe(403);
  expect(getPlacementSettings(m.edition.id)).toEqual(before);
});

test("the next proposal uses a saved zone: a food stall is proposed inside it", async () => {
  const m = market();
  const stall = makeApplication(m.edition, m.food.id, { stallName: "Friet", reviewState: "approved", frontageCm: 300, depthCm: 300 });
  db().insert(t.applicationDays).values({ applicationId: stall.id, eventDayId: m.days[0]!.id }).run();
  const scope = { day: "all" as const, mode: "unplaced" as const };
  const zone = m.codes.slice(-3);
  const outside = proposePlan(m.edition.id, scope).plan.placements[0]!;
  expect(outside.spotCodes.some((c) => zone.includes(c))).toBe(false); // without a zone it goes elsewhere
  expect((await save(m, { [`zone.${m.food.key}`]: zone.join(", "), "weight.zone": "high" })).status).toBe(200);
  const inside = proposePlan(m.edition.id, scope).plan.placements[0]!;
  expect(inside.spotCodes.every((c) => zone.includes(c))).toBe(true);
  expect(inside.reasons.map((r) => r.code)).toContain("in_zone");

  // Switched off, the zone no longer pulls the stall there.
  await save(m, { [`zone.${m.food.key}`]: zone.join(", "), "weight.zone": "off" });
  expect(proposePlan(m.edition.id, scope).plan.placements[0]!.spotCodes).toEqual(outside.spotCodes);
});

test("the map editor's proposal panel says the goals in a line and links to the form", async () => {
  const m = market();
  const html = async (language: "nl" | "en") => readableText(await (await renderPage(`/organiser/map?lang=${language}`, { headers: { Cookie: m.cookie } })).text());
  expect(await html("nl")).toContain("Alle doelen wegen normaal. Doelen wijzigen");
  await save(m, { "weight.wish": "high", "weight.zone": "off", [`cap.${m.food.key}`]: "12", [`zone.${m.crafts.key}`]: `${m.codes[0]}–${m.codes[2]}` });
  expect(await html("nl")).toContain(`Doelen: wensen van de standhouder: hoog; in het vak van de categorie: uit; de rest normaal. Hoogstens: ${m.food.nameNl} 12. Vakken: ${m.crafts.nameNl} (3 plekken). Doelen wijzigen`);
  expect(await html("en")).toContain(`Goals: the stallholder's wishes: high; in the category's zone: off; the rest normal. At most: ${m.food.nameEn} 12. Zones: ${m.crafts.nameEn} (3 spots). Change the goals`);
  const page = await (await renderPage("/organiser/map?lang=nl", { headers: { Cookie: m.cookie } })).text();
  expect(page).toMatch(/<a[^>]*href="\/organiser\/map\/goals"/);
});

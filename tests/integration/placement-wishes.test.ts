// The stallholder's wishes for their spot (issue 14), end to end through the routes: the apply
// form saves them, the private page's change edits them (with a history sentence), the organiser's
// application page shows them, and the placement proposal honours them or says why it could not.
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { translator } from "~/i18n/i18n";
import { action as applyAction } from "~/routes/apply";
import { action as editAction, loader as editLoader } from "~/routes/a.$token_.edit";
import { loader as organiserLoader } from "~/routes/organiser.applications.$id";
import { action as proposalAction, type ProposalActionData } from "~/routes/organiser.map_.proposal";
import { placementSentence, unmetWishText } from "~/rules/placement-text";
import { wishesFromJson } from "~/rules/placement-wishes";
import { makeApplication, makeEdition } from "#tests/helpers/factories";
import { BASE, asResponse, renderPage } from "#tests/helpers/remix";
import { formRequest, signedIn } from "#tests/helpers/signed-in";

const HOUR = 3600_000;
const nl = translator("nl");
const en = translator("en");

function openEdition() {
  const created = makeEdition({ days: ["2099-07-03"] });
  const now = Date.now();
  db().update(t.editions).set({ applicationsOpenAt: new Date(now - 24 * HOUR), applicationsCloseAt: new Date(now + 30 * 24 * HOUR) }).where(eq(t.editions.id, created.edition.id)).run();
  const food = created.categories.find((c) => c.key === "food")!;
  return { ...created, food };
}

let counter = 0;
type Fields = Record<string, string | string[]>;

function fields(edition: ReturnType<typeof openEdition>, overrides: Fields = {}): Fields {
  counter += 1;
  return {
    submissionKey: `wishes-submission-key-${String(counter).padStart(6, "0")}`,
    language: "nl",
    stallName: `Kraam ${counter}`,
    description: "",
    categoryId: String(edition.food.id),
    contactName: "Karin Jansen",
    email: `karin.${counter}@example.org`,
    phone: "06 12345678",
    applicantKind: "resident",
    postcode: "3812 AB",
    kvkNumber: "",
    frontageCm: "300",
    depthCm: "300",
    rentedStalls: "0",
    days: edition.days.map((d) => String(d.id)),
    remarks: "",
    consent: "on",
    website: "",
    ...overrides,
  };
}

function post(path: string, body: Fields) {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
  return new Request(`${BASE}${path}`, { method: "POST", body: form, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
}

async function apply(body: Fields) {
  return (await applyAction({ request: post("/apply", body), params: {}, context: {} })) as Response;
}

function tokenOf(response: Response): string {
  const match = /^\/a\/([A-Za-z0-9_-]+)\/sent$/.exec(response.headers.get("Location") ?? "");
  if (!match) throw new Error(`not a confirmation redirect: ${response.status}`);
  return match[1]!;
}

const byToken = (token: string) => db().select().from(t.applications).where(eq(t.applications.accessToken, token)).get()!;

describe("wishes on the apply form", () => {
  test("are saved with the application, in their canonical shape", async () => {
    const edition = openEdition();
    const response = await apply(fields(edition, { stallName: "Koffie van Karin", wishNextTo: "  Wafels van Wim ", wishNearPower: "on", wishHouseNumber: "12 A" }));
    expect(response.status).toBe(303);
    const saved = byToken(tokenOf(response));
    expect(JSON.parse(saved.placementWishesJson)).toEqual([
      { kind: "next_to", stallName: "Wafels van Wim" },
      { kind: "near_power" },
      { kind: "house_number", houseNumber: "12a" },
    ]);
    // Without wishes the column stays an empty list.
    const plain = byToken(tokenOf(await apply(fields(edition))));
    expect(plain.placementWishesJson).toBe("[]");
  });

  test("a house number from someone who is not a resident is refused on that field, nothing is saved, and what was typed comes back", async () => {
    const edition = openEdition();
    const typed = fields(edition, { applicantKind: "commercial", kvkNumber: "12345678", postcode: "", wishNextTo: "Wafels van Wim", wishHouseNumber: "12" });
    const response = await apply(typed);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { values: Fields; errors: Record<string, { key: string }> };
    expect(body.errors).toEqual({ wishHouseNumber: { key: "errHouseNumberResidentOnly" } });
    expect(body.values).toMatchObject({ wishNextTo: "Wafels van Wim", wishHouseNumber: "12" });
    expect(db().select().from(t.applications).all()).toEqual([]);
  });
});

describe("wishes on the private page", () => {
  test("the change form shows them, a change saves them and the history says so in a sentence (without the house number)", async () => {
    const edition = openEdition();
    const token = tokenOf(await apply(fields(edition, { wishNextTo: "Wafels van Wim", wishNearPower: "on", wishHouseNumber: "12a" })));
    const loaded = (await (await asResponse(editLoader({ request: new Request(`${BASE}/a/${token}/edit`), params: { token }, context: {} }))).json()) as { defaults: Fields };
    expect(loaded.defaults).toMatchObject({ wishNextTo: "Wafels van Wim", wishNearPower: "on", wishHouseNumber: "12a" });
    expect(loaded.defaults.wishNearSquare).toBeUndefined();

    // As the browser sends it: near power unticked (absent), near the square ticked, another stall.
    const { wishNearPower: _unticked, ...kept } = loaded.defaults;
    const changed = { ...kept, wishNextTo: "Bloemen van Bep", wishNearSquare: "on" };
    const response = (await editAction({ request: post(`/a/${token}/edit`, changed), params: { token }, context: {} })) as Response;
    expect(response.status).toBe(303);
    const row = byToken(token);
    expect(wishesFromJson(row.placementWishesJson)).toEqual([
      { kind: "next_to", stallName: "Bloemen van Bep" },
      { kind: "near_square" },
      { kind: "house_number", houseNumber: "12a" },
    ]);
    const audit = db().select().from(t.auditLog).all().find((a) => a.action === "application.changed_by_stallholder")!;
    const detail = JSON.parse(audit.detailJson) as { fields: string[]; changes: Record<string, unknown> };
    expect(detail.fields).toEqual(["wishes"]);
    expect(JSON.stringify(detail)).not.toContain("12a");

    const { cookie } = signedIn("organiser");
    const page = (await (await asResponse(organiserLoader({ request: new Request(`${BASE}/organiser/applications/${row.id}`, { headers: { Cookie: cookie } }), params: { id: String(row.id) }, context: {} }))).json()) as {
      wishes: unknown;
    };
    expect(page.wishes).toEqual(wishesFromJson(row.placementWishesJson));

    // The same form with the same wishes changes nothing about them.
    const again = (await editAction({ request: post(`/a/${token}/edit`, { ...changed, version: String(row.version), phone: "06 87654321" }), params: { token }, context: {} })) as Response;
    expect(again.status).toBe(303);
    const second = db().select().from(t.auditLog).all().filter((a) => a.action === "application.changed_by_stallholder")[1]!;
    expect((JSON.parse(second.detailJson) as { fields: string[] }).fields).toEqual(["phone"]);
  });

  test("a change to a non-resident with a house number left in is refused on that field", async () => {
    const edition = openEdition();
    const token = tokenOf(await apply(fields(edition, { wishHouseNumber: "7" })));
    const loaded = (await (await asResponse(editLoader({ request: new Request(`${BASE}/a/${token}/edit`), params: { token }, context: {} }))).json()) as { defaults: Fields };
    const response = (await editAction({ request: post(`/a/${token}/edit`, { ...loaded.defaults, applicantKind: "non_profit", postcode: "" }), params: { token }, context: {} })) as Response;
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: unknown }).errors).toEqual({ wishHouseNumber: { key: "errHouseNumberResidentOnly" } });
    expect(wishesFromJson(byToken(token).placementWishesJson)).toEqual([{ kind: "house_number", houseNumber: "7" }]);
  });
});

describe("wishes in the placement proposal", () => {
  test("applied-for wishes are honoured (next to, near power) and an unmet one is reported with why, in both languages", async () => {
    const edition = openEdition();
    const other = edition.categories.find((c) => c.key !== "food")!;
    const approved = { reviewState: "approved" as const };
    const dayRows = (id: number) => {
      for (const day of edition.days) db().insert(t.applicationDays).values({ applicationId: id, eventDayId: day.id }).onConflictDoNothing().run();
    };
    const wim = makeApplication(edition.edition, edition.food.id, { stallName: "Wafels van Wim", ...approved });
    dayRows(wim.id);
    // Too deep for any spot on the street: it cannot be placed, so standing next to it cannot be either.
    const kees = makeApplication(edition.edition, edition.food.id, { stallName: "Kaas van Kees", depthCm: 5000, ...approved });
    dayRows(kees.id);
    const koffie = byToken(tokenOf(await apply(fields(edition, { stallName: "Koffie van Karin", categoryId: String(other.id), wishNextTo: "wafels van wim" }))));
    const lampen = byToken(tokenOf(await apply(fields(edition, { stallName: "Lampen van Lies", categoryId: String(other.id), wishNearPower: "on" }))));
    const bloemen = byToken(tokenOf(await apply(fields(edition, { stallName: "Bloemen van Bep", categoryId: String(other.id), wishNextTo: "Kaas van Kees" }))));
    db().update(t.applications).set(approved).where(eq(t.applications.editionId, edition.edition.id)).run();

    const { cookie } = signedIn("organiser");
    const response = (await proposalAction(formRequest("/organiser/map/proposal", { intent: "propose", day: "all", mode: "unplaced" }, cookie))) as Response;
    const body = (await response.json()) as ProposalActionData;
    if (!body.ok || body.intent !== "propose") throw new Error("no proposal");
    const { plan } = body;
    const placement = (id: number) => plan.placements.find((p) => p.applicationId === id)!;

    // Typed loosely by the stallholder; said with the stall's own name.
    expect(placement(koffie.id).reasons).toContainEqual({ code: "wish_next_to", stallName: "Wafels van Wim" });
    expect(placementSentence(placement(koffie.id), nl)).toContain("naast Wafels van Wim zoals gevraagd");
    expect(placementSentence(placement(koffie.id), en)).toContain("next to Wafels van Wim as asked");
    const spotOf = (id: number) => edition.spots.find((s) => s.id === placement(id).spotIds[0])!;
    expect(spotOf(koffie.id).side).toBe(spotOf(wim.id).side);

    expect(placement(lampen.id).reasons).toContainEqual({ code: "wish_near_power" });
    expect(placementSentence(placement(lampen.id), nl)).toContain("bij stroom zoals gevraagd");
    expect(placementSentence(placement(lampen.id), en)).toContain("near power as asked");

    expect(plan.unplaced.map((u) => u.applicationId)).toContain(kees.id);
    const unmet = plan.unmetWishes.filter((u) => u.applicationId === bloemen.id);
    expect(unmet.map((u) => unmetWishText(u, nl))).toEqual(["naast Kaas van Kees: die kraam is (nog) niet geplaatst"]);
    expect(unmet.map((u) => unmetWishText(u, en))).toEqual(["next to Kaas van Kees: that stall is not placed (yet)"]);
    // Met wishes are not reported as unmet.
    expect(plan.unmetWishes.map((u) => u.applicationId)).not.toContain(koffie.id);
    expect(plan.unmetWishes.map((u) => u.applicationId)).not.toContain(lampen.id);
  });
});

// Whole pages through the server build (`npx remix build` first; `npm test` builds).
describe("the pages", () => {
  test("the apply form has the wishes fieldset with its hint, in Dutch and in English", async () => {
    openEdition();
    const nlPage = await (await renderPage("/apply", { headers: { Cookie: "lang=nl" } })).text();
    expect(nlPage).toContain("Wensen voor je plek");
    expect(nlPage).toContain("We houden rekening met je wensen bij het indelen van de straat, maar kunnen ze niet beloven.");
    expect(nlPage).toContain('name="wishNextTo"');
    expect(nlPage).toContain('name="wishNearPower"');
    expect(nlPage).toContain('name="wishNearSquare"');
    // Without JavaScript every field shows; the server refuses a house number from a non-resident.
    expect(nlPage).toContain('name="wishHouseNumber"');
    const enPage = await (await renderPage("/apply?lang=en")).text();
    expect(enPage).toContain("Wishes for your spot");
    expect(enPage).toContain("In front of my own house number on the Noordewierweg");
  });

  test("the organiser's application page shows the wishes as a sentence, and the change in the history", async () => {
    const edition = openEdition();
    const token = tokenOf(await apply(fields(edition, { wishNearPower: "on" })));
    const loaded = (await (await asResponse(editLoader({ request: new Request(`${BASE}/a/${token}/edit`), params: { token }, context: {} }))).json()) as { defaults: Fields };
    await editAction({ request: post(`/a/${token}/edit`, { ...loaded.defaults, wishNextTo: "Wafels van Wim" }), params: { token }, context: {} });
    const row = byToken(token);
    const { cookie } = signedIn("organiser");
    const nlPage = await (await renderPage(`/organiser/applications/${row.id}`, { headers: { Cookie: `${cookie}; lang=nl` } })).text();
    expect(nlPage).toContain("Wil graag naast Wafels van Wim en dicht bij stroom staan.");
    expect(nlPage).toContain("wijzigde de wensen voor de plek van “dicht bij stroom” naar “naast Wafels van Wim en dicht bij stroom”.");
    const enPage = await (await renderPage(`/organiser/applications/${row.id}`, { headers: { Cookie: `${cookie}; lang=en` } })).text();
    expect(enPage).toContain("Would like to stand next to Wafels van Wim and close to power.");
    expect(enPage).toContain("changed the wishes for the spot from “close to power” to “next to Wafels van Wim and close to power”.");
    // The stallholder sees them on their private page too.
    const own = await (await renderPage(`/a/${token}`, { headers: { Cookie: "lang=en" } })).text();
    expect(own).toContain("next to Wafels van Wim and close to power");
  });

  test("the edit form shows the cooking answers as given, and changing one keeps the others", async () => {
    const edition = openEdition();
    const token = tokenOf(await apply(fields(edition, { heatKind: "gas", deepFrying: "yes", fireExtinguisher: "no" })));
    expect(byToken(token)).toMatchObject({ heatKind: "gas", deepFrying: true, fireExtinguisher: false });
    const loaded = (await (await asResponse(editLoader({ request: new Request(`${BASE}/a/${token}/edit`), params: { token }, context: {} }))).json()) as { defaults: Fields };
    expect(loaded.defaults).toMatchObject({ heatKind: "gas", deepFrying: "yes", fireExtinguisher: "no" });
    const response = (await editAction({ request: post(`/a/${token}/edit`, { ...loaded.defaults, heatKind: "electric" }), params: { token }, context: {} })) as Response;
    expect(response.status).toBe(303);
    expect(byToken(token)).toMatchObject({ heatKind: "electric", deepFrying: true, fireExtinguisher: false });
  });
});

import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { listAssignments } from "~/data/assignments.server";
import { loader as geojsonLoader } from "~/routes/api.editions.current.stalls[.]geojson";
import { action as dayAction, loader as dayLoader } from "~/routes/organiser.day";
import { action, loader } from "~/routes/organiser.map";
import { makeApplication, makeEdition } from "#tests/helpers/factories";
import { loaderArgs } from "#tests/helpers/remix";
import { formRequest, signedIn } from "#tests/helpers/signed-in";
import { translator } from "~/i18n/i18n";

function setup() {
  const made = makeEdition();
  const food = made.categories.find((c) => c.key === "food")!;
  const stall = (overrides: Partial<typeof t.applications.$inferInsert> = {}) => {
    const application = makeApplication(made.edition, food.id, overrides);
    db().insert(t.applicationDays).values({ applicationId: application.id, eventDayId: made.days[0]!.id }).run();
    return application;
  };
  const spot = (code: string) => made.spots.find((s) => s.code === code)!;
  return { ...made, stall, spot };
}

async function post(fields: Record<string, string | number>, cookie?: string) {
  try {
    return (await action(formRequest("/organiser/map", fields, cookie))) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("the map editor's gate", () => {
  test("an anonymous visitor is sent to sign in; an anonymous post is refused with 401", async () => {
    const { stall, spot } = setup();
    let thrown: unknown;
    try {
      loader(loaderArgs("/organiser/map"));
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Response).status).toBe(302);
    expect((thrown as Response).headers.get("Location")).toBe("/organiser/sign-in?next=%2Forganiser%2Fmap");
    expect((await post({ intent: "assign", applicationId: stall().id, spotId: spot("N-01").id, day: "all" })).status).toBe(401);
    expect(db().select().from(t.stallAssignments).all()).toEqual([]);
  });

  test("a volunteer may look at the map and mark arrivals, but not place stalls or publish", async () => {
    const { stall, spot } = setup();
    const { cookie } = signedIn("volunteer");
    const data = await (loader(loaderArgs("/organiser/map", { headers: { Cookie: cookie } })) as Response).json();
    expect(data.canEdit).toBe(false);
    expect(data.spots.length).toBeGreaterThan(70);
    const wafels = stall();
    expect((await post({ intent: "assign", applicationId: wafels.id, spotId: spot("N-01").id, day: "all" }, cookie)).status).toBe(403);
    expect((await post({ intent: "publish" }, cookie)).status).toBe(403);
    const arrival = (await dayAction(formRequest("/organiser/day", { applicationId: wafels.id, state: "arrived" }, cookie))) as Response;
    expect(arrival.status).toBe(200);
    expect(db().select().from(t.applications).where(eq(t.applications.id, wafels.id)).get()!.arrivalState).toBe("arrived");
  });
});

describe("placing stalls", () => {
  test("assign, refuse a taken spot naming the stall, accept a power warning with a reason, publish, see it on the public map", async () => {
    const { stall, spot, spots } = setup();
    const { cookie } = signedIn("organiser");
    const kaas = stall({ stallName: "Kaashandel" });
    const soep = stall({ stallName: "Soep van de Dag", needsElectricity: true });

    expect((await post({ intent: "assign", applicationId: kaas.id, spotId: spot("N-01").id, day: "all" }, cookie)).status).toBe(200);
    const taken = await post({ intent: "assign", applicationId: soep.id, spotId: spot("N-01").id, day: "all" }, cookie);
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ ok: false, result: { problems: [{ code: "spot_taken", takenBy: "Kaashandel" }] } });

    const noPower = spots.find((s) => !s.hasElectricity && s.code.startsWith("Z-"))!;
    const warned = await post({ intent: "assign", applicationId: soep.id, spotId: noPower.id, day: "all" }, cookie);
    expect(warned.status).toBe(409);
    expect(await warned.json()).toMatchObject({ result: { reason: "warnings", warnings: [{ code: "no_electricity" }] } });
    const noReason = await post({ intent: "assign", applicationId: soep.id, spotId: noPower.id, day: "all", acceptedWarnings: '["no_electricity"]' }, cookie);
    expect(noReason.status).toBe(400);
    expect(await noReason.json()).toMatchObject({ error: "reason_required" });
    const blank = await post({ intent: "assign", applicationId: soep.id, spotId: noPower.id, day: "all", acceptedWarnings: '["no_electricity"]', acceptReason: "   " }, cookie);
    expect(blank.status).toBe(400);
    expect(listAssignments(soep.editionId).map((a) => a.applicationId)).toEqual([kaas.id]);
    // A warning accepted in advance that does not apply (a spot with power) needs no reason.
    const powered = spots.find((s) => s.hasElectricity && s.code.startsWith("Z-"))!;
    const moot = await post({ intent: "assign", applicationId: kaas.id, spotId: powered.id, day: "all", acceptedWarnings: '["no_electricity"]' }, cookie);
    expect(moot.status).toBe(200);
    const accepted = await post({ intent: "assign", applicationId: soep.id, spotId: noPower.id, day: "all", acceptedWarnings: '["no_electricity"]', acceptReason: "Eigen aggregaat" }, cookie);
    expect(accepted.status).toBe(200);

    const before = await (await geojsonLoader(loaderArgs("/api/editions/current/stalls.geojson"))).json();
    expect(before.features).toEqual([]);
    expect((await post({ intent: "publish" }, cookie)).status).toBe(200);
    const after = await (await geojsonLoader(loaderArgs("/api/editions/current/stalls.geojson"))).json();
    const names = after.features.flatMap((f: { properties: { stalls?: { name: string }[] } }) => (f.properties.stalls ?? []).map((s) => s.name));
    expect(names.sort()).toEqual(["Kaashandel", "Soep van de Dag"]);
  });

  test("a wide stall dropped on a spot takes the adjacent spot too", async () => {
    const { stall, spot } = setup();
    const { cookie } = signedIn("organiser");
    const wide = stall({ frontageCm: 600 });
    expect((await post({ intent: "assign", applicationId: wide.id, spotId: spot("N-02").id, day: "all" }, cookie)).status).toBe(200);
    expect(listAssignments(wide.editionId)[0]!.spotIds.sort()).toEqual([spot("N-02").id, spot("N-03").id].sort());
  });

  test("send spot notices: one mail per confirmed stall in its language, and none twice for the same map", async () => {
    const { stall, spot } = setup();
    const { cookie } = signedIn("organiser");
    const nl = stall({ language: "nl", paymentState: "paid" });
    const en = stall({ language: "en", paymentState: "not_required" });
    const unpaid = stall({ paymentState: "pending" });
    for (const [application, code] of [[nl, "N-01"], [en, "N-05"], [unpaid, "N-09"]] as const) {
      await post({ intent: "assign", applicationId: application.id, spotId: spot(code).id, day: "all" }, cookie);
    }
    const first = await (await post({ intent: "send-spot-notices" }, cookie)).json();
    expect(first.message).toEqual({ key: "editor.noticesQueued", params: { count: 2 } });
    const mails = db().select().from(t.outbox).all();
    expect(mails.map((m) => [m.toAddress, m.language]).sort()).toEqual([[en.email, "en"], [nl.email, "nl"]].sort());
    expect(mails.find((m) => m.language === "nl")!.textBody).toContain("standplaats N-01");
    expect(mails.find((m) => m.language === "en")!.textBody).toContain("spot N-05");
    expect(mails[0]!.textBody).toMatch(/\/a\/[\w-]{20,}/);
    const again = await (await post({ intent: "send-spot-notices" }, cookie)).json();
    expect(again.message.params.count).toBe(0);
  });
});

describe("editing the layout", () => {
  test("a spot edit with an absurd size is refused; a concurrent edit of the same spot is refused as stale", async () => {
    const { spot } = setup();
    const { cookie } = signedIn("organiser");
    const target = spot("N-04");
    const base = { intent: "update-spot", spotId: target.id, version: target.version, centre: JSON.stringify([target.centreLon, target.centreLat]), widthM: 3, depthM: 3, bearingDeg: 90, kind: "stall" };
    const absurd = await post({ ...base, widthM: 49, depthM: 49 }, cookie);
    expect(absurd.status).toBe(409);
    expect(await absurd.json()).toMatchObject({ problem: "too_large" });
    const outside = await post({ ...base, centre: JSON.stringify([2.35, 48.85]) }, cookie);
    expect(await outside.json()).toMatchObject({ problem: "outside_netherlands" });
    expect((await post({ ...base, hasElectricity: "true" }, cookie)).status).toBe(200);
    const stale = await post({ ...base, hasWater: "true" }, cookie);
    expect(await stale.json()).toMatchObject({ problem: "stale" });
    const row = db().select().from(t.spots).where(eq(t.spots.id, target.id)).get()!;
    expect(row).toMatchObject({ hasElectricity: true, hasWater: false, version: target.version + 1 });
  });

  test("a spot moved or added over another spot is refused, naming that spot; a new spot takes the layout's size", async () => {
    const { spot, edition } = setup();
    const { cookie } = signedIn("organiser");
    const target = spot("N-04");
    const neighbour = spot("N-05");
    const moved = await post(
      { intent: "update-spot", spotId: target.id, version: target.version, centre: JSON.stringify([neighbour.centreLon, neighbour.centreLat]), widthM: target.widthCm / 100, depthM: target.depthCm / 100, bearingDeg: target.bearingDeg, kind: "stall" },
      cookie,
    );
    expect(moved.status).toBe(409);
    expect(await moved.json()).toMatchObject({ problem: "overlaps_spot", overlapsCode: "N-05" });
    expect(db().select().from(t.spots).where(eq(t.spots.id, target.id)).get()!.version).toBe(target.version); // nothing saved
    // The same spot where it is (its own shape is not "another spot").
    const inPlace = await post(
      { intent: "update-spot", spotId: target.id, version: target.version, centre: JSON.stringify([target.centreLon, target.centreLat]), widthM: target.widthCm / 100, depthM: target.depthCm / 100, bearingDeg: target.bearingDeg, kind: "stall", hasWater: "true" },
      cookie,
    );
    expect(inPlace.status).toBe(200);
    const onTop = await post({ intent: "add-spot", code: "X-01", centre: JSON.stringify([neighbour.centreLon, neighbour.centreLat]), bearingDeg: neighbour.bearingDeg }, cookie);
    expect(onTop.status).toBe(409);
    expect(await onTop.json()).toMatchObject({ problem: "overlaps_spot", overlapsCode: "N-05" });
    // 40 m beside the street: free ground. The layout's spots are the size to copy.
    const free = [neighbour.centreLon, neighbour.centreLat + 40 / 111_195];
    const added = await post({ intent: "add-spot", code: "X-01", centre: JSON.stringify(free), bearingDeg: neighbour.bearingDeg }, cookie);
    expect(added.status).toBe(200);
    const row = db().select().from(t.spots).where(eq(t.spots.code, "X-01")).get()!;
    const layout = JSON.parse(db().select().from(t.editions).where(eq(t.editions.id, edition.id)).get()!.layoutParamsJson);
    expect(row).toMatchObject({ widthCm: Math.round(layout.spotWidthM * 100), depthCm: Math.round(layout.spotDepthM * 100) });
  });

  test("regenerating keeps assignments on surviving codes and lists those that would be lost before replacing", async () => {
    const { stall, spot, edition } = setup();
    const { cookie } = signedIn("organiser");
    const data = await (loader(loaderArgs("/organiser/map", { headers: { Cookie: cookie } })) as Response).json();
    const first = stall({ stallName: "Blijft Staan" });
    const last = stall({ stallName: "Valt Weg" });
    const nCodes = data.spots.filter((s: { code: string }) => s.code.startsWith("N-")).map((s: { code: string }) => s.code);
    const lastCode = nCodes[nCodes.length - 1];
    await post({ intent: "assign", applicationId: first.id, spotId: spot("N-01").id, day: "all" }, cookie);
    await post({ intent: "assign", applicationId: last.id, spotId: spot(lastCode).id, day: "all" }, cookie);
    // Wider gaps: fewer spots fit, so the last codes disappear.
    const params = JSON.stringify({ ...data.layoutParams, gapM: 4 });
    const preview = await (await post({ intent: "preview-layout", line: JSON.stringify(data.streetLine), params }, cookie)).json();
    expect(preview.preview.plan.removed).toContain(lastCode);
    expect(preview.preview.plan.lostAssignments).toEqual([expect.objectContaining({ stallName: "Valt Weg", spotCode: lastCode })]);
    expect(listAssignments(edition.id)).toHaveLength(2); // a preview changes nothing
    expect((await post({ intent: "apply-layout", line: JSON.stringify(data.streetLine), params }, cookie)).status).toBe(200);
    const remaining = listAssignments(edition.id);
    expect(remaining.map((a) => a.applicationId)).toEqual([first.id]);
    expect(remaining[0]!.spotIds).toEqual([spot("N-01").id]);
  });

  test("the day list, for volunteers too, is in walking order with the stall and its contact", async () => {
    const { stall, spot } = setup();
    const { cookie } = signedIn("volunteer");
    const application = stall({ stallName: "Op De Lijst" });
    const organiser = signedIn("organiser");
    await post({ intent: "assign", applicationId: application.id, spotId: spot("Z-02").id, day: "all" }, organiser.cookie);
    // With free spots shown (by default the list holds only spots with a stall: tests/integration/setup-list.test.ts).
    const data = await (dayLoader(loaderArgs("/organiser/day?free=1", { headers: { Cookie: cookie } })) as Response).json();
    const along = data.rows.map((r: { code: string }) => r.code);
    expect(along.length).toBeGreaterThan(70);
    const row = data.rows.find((r: { code: string }) => r.code === "Z-02");
    expect(row.stand).toMatchObject({ stallName: "Op De Lijst", phone: application.phone });
  });
});

describe("layout values a person types", () => {
  const spotRows = (editionId: number) => db().select().from(t.spots).where(eq(t.spots.editionId, editionId)).all().map((s) => [s.code, s.polygonJson, s.version]);

  test("a value out of range gets a field error as a sentence in the user's language, never validator text, and nothing is saved", async () => {
    const { edition } = setup();
    const { cookie } = signedIn("organiser");
    const data = await (loader(loaderArgs("/organiser/map", { headers: { Cookie: cookie } })) as Response).json();
    const before = spotRows(edition.id);
    const editionBefore = db().select().from(t.editions).where(eq(t.editions.id, edition.id)).get()!;
    // As the layout tab sends them: the typed text, with a Dutch decimal comma.
    const params = JSON.stringify({ ...data.layoutParams, spotWidthM: "0,2", gapM: "1,5", startM: "", endM: "" });
    for (const intent of ["preview-layout", "apply-layout"]) {
      const response = await post({ intent, line: JSON.stringify(data.streetLine), params }, cookie);
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body).toMatchObject({ ok: false, error: "fields", fieldErrors: { spotWidthM: "editor.err_spotWidthM" } });
      // Only the field that is wrong: "1,5" is a good gap, empty start and end mean the whole line.
      expect(Object.keys(body.fieldErrors)).toEqual(["spotWidthM"]);
      expect(JSON.stringify(body)).not.toMatch(/Too small|expected|params\./);
    }
    expect(translator("nl")("editor.err_spotWidthM")).toBe("De breedte van een plek moet tussen 0,5 en 10 m liggen.");
    expect(translator("en")("editor.err_spotWidthM")).toBe("A spot's width must be between 0.5 and 10 m.");
    expect(spotRows(edition.id)).toEqual(before);
    const editionAfter = db().select().from(t.editions).where(eq(t.editions.id, edition.id)).get()!;
    expect(editionAfter.layoutParamsJson).toBe(editionBefore.layoutParamsJson);
  });

  test("every layout field has its own sentence in both languages; an end before the start is an error on the end", async () => {
    const { edition } = setup();
    const { cookie } = signedIn("organiser");
    const data = await (loader(loaderArgs("/organiser/map", { headers: { Cookie: cookie } })) as Response).json();
    const params = JSON.stringify({ ...data.layoutParams, spotWidthM: "11", spotDepthM: "", gapM: "-1", offsetM: "veel", startM: "300", endM: "200" });
    const body = await (await post({ intent: "preview-layout", line: JSON.stringify(data.streetLine), params }, cookie)).json();
    expect(body.fieldErrors).toEqual({
      spotWidthM: "editor.err_spotWidthM",
      spotDepthM: "editor.err_spotDepthM",
      gapM: "editor.err_gapM",
      offsetM: "editor.err_offsetM",
      endM: "editor.err_endM",
    });
    for (const language of ["nl", "en"] as const) {
      for (const key of [...Object.values(body.fieldErrors), "editor.err_startM"] as string[]) {
        const sentence = translator(language)(key as Parameters<ReturnType<typeof translator>>[0]);
        expect(sentence, key).toMatch(/^[A-Z].+\.$/);
        expect(sentence).not.toContain("editor.");
      }
    }
    expect(db().select().from(t.editions).where(eq(t.editions.id, edition.id)).get()!.layoutParamsJson).toBe(JSON.stringify(data.layoutParams));
  });

  test("typed values in range are read as a person means them (\"2,5\" is two and a half metres) and the layout is replaced", async () => {
    const { edition } = setup();
    const { cookie } = signedIn("organiser");
    const data = await (loader(loaderArgs("/organiser/map", { headers: { Cookie: cookie } })) as Response).json();
    const params = JSON.stringify({ ...data.layoutParams, spotWidthM: "2,5", spotDepthM: "3", gapM: "1,5", offsetM: "3,5", startM: "110", endM: "340" });
    const applied = await post({ intent: "apply-layout", line: JSON.stringify(data.streetLine), params }, cookie);
    expect(applied.status).toBe(200);
    expect(JSON.parse(db().select().from(t.editions).where(eq(t.editions.id, edition.id)).get()!.layoutParamsJson)).toMatchObject({ spotWidthM: 2.5, gapM: 1.5, offsetM: 3.5 });
    expect(db().select().from(t.spots).where(eq(t.spots.editionId, edition.id)).all().every((s) => s.widthCm === 250)).toBe(true);
  });

  test("a street line without length is refused with a sentence key, not the geometry module's English", async () => {
    setup();
    const { cookie } = signedIn("organiser");
    const data = await (loader(loaderArgs("/organiser/map", { headers: { Cookie: cookie } })) as Response).json();
    const point = data.streetLine[0];
    const body = await (await post({ intent: "preview-layout", line: JSON.stringify([point, point]), params: JSON.stringify(data.layoutParams) }, cookie)).json();
    expect(body).toEqual({ ok: false, intent: "preview-layout", error: "layout", layoutProblem: "line" });
    expect(translator("nl")("editor.layout_line")).toMatch(/^De straatlijn/);
  });

  test("a spot's size out of range is a field error on that field and the spot is unchanged", async () => {
    const { spot } = setup();
    const { cookie } = signedIn("organiser");
    const target = spot("N-04");
    const response = await post({ intent: "update-spot", spotId: target.id, version: target.version, centre: JSON.stringify([target.centreLon, target.centreLat]), widthM: "0,1", depthM: "3", bearingDeg: "90", kind: "stall" }, cookie);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "fields", fieldErrors: { widthM: "editor.err_widthM" } });
    expect(db().select().from(t.spots).where(eq(t.spots.id, target.id)).get()!.version).toBe(target.version);
  });
});

import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { loader as geojsonLoader } from "~/routes/api.editions.current.stalls[.]geojson";
import { loader as mapLoader } from "~/routes/map";
import { loader as homeLoader } from "~/routes/_index";
import { loader as rootLoader } from "~/root";
import { loader as healthLoader } from "~/routes/healthz";
import { assign, makeApplication, makeEdition } from "#tests/helpers/factories";
import { asResponse, loaderArgs } from "#tests/helpers/remix";

function publishedEditionWithStalls() {
  const { edition, days, categories, spots } = makeEdition({ published: true });
  const food = categories.find((c) => c.key === "food")!;
  const crafts = categories.find((c) => c.key === "crafts")!;
  const waffles = makeApplication(edition, food.id, { stallName: "Wafels van Wim", description: "Verse wafels" });
  const pottery = makeApplication(edition, crafts.id, { stallName: "Keramiek Klei", frontageCm: 600 });
  const withdrawn = makeApplication(edition, crafts.id, { stallName: "Teruggetrokken Kraam", reviewState: "withdrawn" });
  assign(waffles.id, days[0]!.id, [spots[0]!.id]);
  assign(pottery.id, days[0]!.id, [spots[1]!.id, spots[2]!.id]);
  assign(withdrawn.id, days[0]!.id, [spots[5]!.id]);
  return { edition, days, spots, applications: [waffles, pottery, withdrawn] };
}

async function geojson(init: RequestInit = {}) {
  return geojsonLoader(loaderArgs("/api/editions/current/stalls.geojson", init));
}

describe("GET /api/editions/current/stalls.geojson", () => {
  test("is the published map as GeoJSON with open CORS, an ETag and shared caching", async () => {
    const { spots } = publishedEditionWithStalls();
    const response = await geojson();
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("application/geo+json");
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    // A CDN may hold it for a minute (s-maxage), so a cancellation shows everywhere within one.
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=60, s-maxage=60, stale-while-revalidate=300");
    expect(response.headers.get("ETag")).toMatch(/^"[\w-]+"$/);
    const body = await response.json();
    expect(body.type).toBe("FeatureCollection");
    expect(body.edition.status).toBe("scheduled");
    const spotFeatures = body.features.filter((f: { properties: { feature: string } }) => f.properties.feature === "spot");
    expect(spotFeatures).toHaveLength(spots.length);
    const first = spotFeatures.find((f: { id: string }) => f.id === spots[0]!.code);
    expect(first.geometry.type).toBe("Polygon");
    expect(first.properties.stalls).toEqual([
      expect.objectContaining({ name: "Wafels van Wim", description: "Verse wafels", category: "food", colour: "#c0392b" }),
    ]);
    const potterySpots = spotFeatures.filter((f: { properties: { stalls: { name: string }[] } }) =>
      f.properties.stalls.some((s) => s.name === "Keramiek Klei"),
    );
    expect(potterySpots.map((f: { id: string }) => f.id)).toEqual([spots[1]!.code, spots[2]!.code]);
    expect(body.features.some((f: { properties: { feature: string } }) => f.properties.feature === "landmark")).toBe(true);
  });

  test("answers 304 to a matching If-None-Match, and 200 again after a change", async () => {
    const { edition } = publishedEditionWithStalls();
    const etag = (await geojson()).headers.get("ETag")!;
    const again = await geojson({ headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    db().update(t.editions).set({ status: "uncertain", statusMessageNl: "Misschien regen" }).where(eq(t.editions.id, edition.id)).run();
    const changed = await geojson({ headers: { "If-None-Match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).not.toBe(etag);
    expect((await changed.json()).edition.statusMessage.nl).toBe("Misschien regen");
  });

  test("never contains personal data, nor stalls of applications that are not approved", async () => {
    const { applications } = publishedEditionWithStalls();
    const text = await (await geojson()).text();
    for (const application of applications) {
      expect(text).not.toContain(application.email);
      expect(text).not.toContain(application.phone);
      expect(text).not.toContain(application.contactName);
      expect(text).not.toContain(application.accessToken);
    }
    expect(text).not.toContain("3812 AB");
    expect(text).not.toContain("Teruggetrokken Kraam");
  });

  test("is an empty collection while the map is not published", async () => {
    const { edition, days, categories, spots } = makeEdition({ published: false });
    const application = makeApplication(edition, categories[0]!.id, { stallName: "Geheim Nog" });
    assign(application.id, days[0]!.id, [spots[0]!.id]);
    const response = await geojson();
    const body = await response.json();
    expect(body.features).toEqual([]);
    expect(JSON.stringify(body)).not.toContain("Geheim Nog");
    expect(body.edition.published).toBe(false);
  });
});

describe("public page loaders", () => {
  test("/ shows the current edition, its days and the application window", async () => {
    makeEdition({ days: ["2099-07-03", "2099-07-04"] });
    const data = await (await asResponse(homeLoader(loaderArgs("/")))).json();
    expect(data.edition.name).toBe("SK Zomerparade test");
    expect(data.edition.days).toEqual([
      { date: "2099-07-03", startsAt: "12:00", endsAt: "18:00" },
      { date: "2099-07-04", startsAt: "12:00", endsAt: "18:00" },
    ]);
    expect(data.edition.window.state).toBe("not_open_yet");
    expect(data.edition.mapPublished).toBe(false);
  });

  test("the root loader carries the status and message in the visitor's language", async () => {
    const { edition } = makeEdition();
    db()
      .update(t.editions)
      .set({ status: "uncertain", statusMessageNl: "Onzeker door corona", statusMessageEn: "Uncertain because of corona", decisionExpectedOn: "2099-06-01" })
      .where(eq(t.editions.id, edition.id))
      .run();
    const nl = await (await asResponse(await rootLoader(loaderArgs("/")))).json();
    expect(nl.language).toBe("nl");
    expect(nl.edition.status).toEqual({ status: "uncertain", message: "Onzeker door corona", decisionExpectedOn: "2099-06-01" });
    const en = await (await asResponse(await rootLoader(loaderArgs("/?lang=en")))).json();
    expect(en.language).toBe("en");
    expect(en.edition.status.message).toBe("Uncertain because of corona");
    const unknown = await (await asResponse(await rootLoader(loaderArgs("/?lang=fr")))).json();
    expect(unknown.language).toBe("nl");
  });

  test("/map gives the published spots with public stall data only", async () => {
    const { applications } = publishedEditionWithStalls();
    const response = await asResponse(mapLoader(loaderArgs("/map")));
    const text = await response.text();
    const data = JSON.parse(text);
    expect(data.map.edition.published).toBe(true);
    const taken = data.map.spots.filter((s: { stalls: unknown[] }) => s.stalls.length > 0);
    expect(taken).toHaveLength(3);
    expect(data.tiles.url).toContain("{z}");
    for (const application of applications) {
      expect(text).not.toContain(application.email);
      expect(text).not.toContain(application.contactName);
    }
  });
});

describe("GET /healthz", () => {
  test("is 200 {ok:true} when the database answers", async () => {
    makeEdition();
    const response = healthLoader();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  test("is 503 when the database does not answer", async () => {
    const { sqlite } = await import("~/data/db.server");
    sqlite().close();
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(" "));
    try {
      const response = healthLoader();
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ ok: false });
      expect(String(errors[0])).toMatch(/database does not answer/);
    } finally {
      console.error = original;
    }
  });
});

/**
 * Issue 15, item 2: the narrowest free passage as a warning in the map editor. A layout with a
 * stretch narrower than the edition's minimum gets a sentence over the map naming the spots, the
 * metres along the street and the width; a wide layout gets none.
 */
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { editorPassage } from "~/data/permit.server";
import { loader } from "~/routes/organiser.map";
import type { PolygonGeometry } from "~/rules/layout-geometry";
import { makeEdition } from "#tests/helpers/factories";
import { loaderArgs, renderPage } from "#tests/helpers/remix";
import { signedIn } from "#tests/helpers/signed-in";

type EditorData = { passage: { minimumM: number; stretches: { fromM: number; toM: number; narrowestM: number; codes: string[] }[] } };

async function editorData(cookie: string): Promise<EditorData> {
  const response = (await loader(loaderArgs("/organiser/map", { headers: { Cookie: cookie } }))) as Response;
  return (await response.json()) as EditorData;
}

/** Moves one stall on the right across the street until the passage in front of it is `targetM`. */
function narrow(edition: { id: number }, targetM: number) {
  const report = editorPassage(edition as never);
  const [leftCode, rightCode] = report.narrowest!.codes;
  const spots = db().select().from(t.spots).where(eq(t.spots.editionId, edition.id)).all();
  const left = spots.find((s) => s.code === leftCode)!;
  const right = spots.find((s) => s.code === rightCode)!;
  const cos = Math.cos((left.centreLat * Math.PI) / 180);
  const dx = (left.centreLon - right.centreLon) * 111_320 * cos;
  const dy = (left.centreLat - right.centreLat) * 110_540;
  const f = (report.narrowest!.widthM - targetM) / Math.hypot(dx, dy);
  const polygon = JSON.parse(right.polygonJson) as PolygonGeometry;
  const moved = { ...polygon, coordinates: polygon.coordinates.map((ring) => ring.map(([lon, lat]) => [lon! + f * (left.centreLon - right.centreLon), lat! + f * (left.centreLat - right.centreLat)])) };
  db().update(t.spots).set({ polygonJson: JSON.stringify(moved) }).where(eq(t.spots.id, right.id)).run();
  return { leftCode: leftCode!, rightCode: rightCode! };
}

describe("narrow passage warning in the map editor", () => {
  test("a wide layout (the default) has no stretch below 3.5 m, and the page shows no warning", async () => {
    const { edition } = makeEdition();
    const { cookie } = signedIn("organiser");
    const data = await editorData(cookie);
    expect(data.passage.minimumM).toBe(3.5);
    expect(editorPassage(edition).narrowest!.widthM).toBeGreaterThanOrEqual(3.5);
    expect(data.passage.stretches).toEqual([]);
    const html = await (await renderPage("/organiser/map?lang=nl", { headers: { Cookie: cookie } })).text();
    expect(html).not.toContain('data-testid="editor-passage"');
  });

  test("a stall moved into the street gives a warning naming the spots, the metres along the street and the width", async () => {
    const { edition } = makeEdition();
    const { cookie } = signedIn("organiser");
    const { leftCode, rightCode } = narrow(edition as never, 2);
    const data = await editorData(cookie);
    expect(data.passage.stretches).toHaveLength(1);
    const stretch = data.passage.stretches[0]!;
    expect(stretch.codes).toEqual(expect.arrayContaining([leftCode, rightCode]));
    expect(stretch.narrowestM).toBeGreaterThan(1.5);
    expect(stretch.narrowestM).toBeLessThan(2.5);

    const html = await (await renderPage("/organiser/map?lang=nl", { headers: { Cookie: cookie } })).text();
    const warning = html.slice(html.indexOf('data-testid="editor-passage"'));
    expect(html).toContain('data-testid="editor-passage"');
    expect(warning).toContain("smaller dan de minimale 3,5 m voor de brandweer");
    expect(warning).toContain(leftCode);
    expect(warning).toContain(rightCode);
    expect(warning).toMatch(/\d+(,\d)?–\d+(,\d)? m langs de straat/);
    expect(warning).toMatch(/smalste doorgang [12](,\d)? m/);
    // In a live region, so a screen reader announces it.
    const before = html.slice(0, html.indexOf('data-testid="editor-passage"'));
    const opening = before.slice(0, before.lastIndexOf("<div"));
    expect(opening.slice(opening.lastIndexOf("<div"))).toContain('aria-live="polite"');

    const en = await (await renderPage("/organiser/map?lang=en", { headers: { Cookie: cookie } })).text();
    expect(en).toContain("narrower than the minimum of 3.5 m");
  });

  test("a higher minimum set by the organisers makes the default layout too narrow", async () => {
    const { edition } = makeEdition();
    const { cookie } = signedIn("organiser");
    db().update(t.editions).set({ minPassageCm: 2500 }).where(eq(t.editions.id, edition.id)).run();
    const data = await editorData(cookie);
    expect(data.passage.minimumM).toBe(25);
    expect(data.passage.stretches.length).toBeGreaterThan(0);
  });
});

/** The streets drawn on the maps so they read without tiles (issue 11, item 5). */
import { describe, expect, test } from "vitest";
import { buildDefaultLayout } from "#db/seed/default-layout";
import { positionOnLine, type LngLat } from "~/rules/layout-geometry";
import { crossingsOf } from "~/rules/side-streets";
import { SIDE_STREET_REACH_M, streetDrawing } from "~/rules/street-drawing";

const M_LON = 1 / (111_195 * Math.cos((52 * Math.PI) / 180));
const M_LAT = 1 / 111_195;
const at = (eastM: number, northM = 0): LngLat => [5.37 + eastM * M_LON, 52 + northM * M_LAT];

describe("crossingsOf", () => {
  test("a skip on both sides named 'Zijstraat …' is a crossing; one side only, or another reason, is not", () => {
    expect(
      crossingsOf([
        { fromM: 310, toM: 320, reason: "Zijstraat Goudsbloemstraat" },
        { fromM: 200, toM: 240, side: "left", reason: "Plein Emmaüskerk" },
        { fromM: 144, toM: 156, reason: "zijstraat  Anemoonstraat " },
        { fromM: 50, toM: 60, reason: "Werkzaamheden" },
        { fromM: 70, toM: 80 },
      ]),
    ).toEqual([
      { name: "Anemoonstraat", atM: 150, widthM: 12 },
      { name: "Goudsbloemstraat", atM: 315, widthM: 10 },
    ]);
  });
  test("no skips, or skips that are not a list (a hand-edited layout), give no crossings", () => {
    expect(crossingsOf(undefined)).toEqual([]);
    expect(crossingsOf("nonsense" as never)).toEqual([]);
  });
});

describe("streetDrawing", () => {
  const line: LngLat[] = [at(0), at(500)]; // west to east
  test("a side street is a line across the street at its place, reaching out on both sides, named from past the stalls outwards", () => {
    const { sideStreets } = streetDrawing({ line, crossings: [{ name: "Anemoonstraat", atM: 150, widthM: 12 }], streetName: "", spotAlongM: [] });
    expect(sideStreets).toHaveLength(1);
    const street = sideStreets[0]!;
    expect(street.name).toBe("Anemoonstraat");
    for (const end of street.line) expect(positionOnLine(line, end).alongM).toBeCloseTo(150, 0);
    const norths = street.line.map((p) => (p[1] - 52) / M_LAT);
    expect(norths[0]).toBeCloseTo(SIDE_STREET_REACH_M, 0); // left of west–east is north
    expect(norths[1]).toBeCloseTo(-SIDE_STREET_REACH_M, 0);
    // Left of a west–east line is north: the name starts 9 m north and runs up the screen; or south, down.
    const [north, south, across] = street.labels;
    // Last, centred on the crossing itself, along the side street.
    expect(across!.hang).toBe("centred");
    expect(positionOnLine(line, across!.at).alongM).toBeCloseTo(150, 0);
    expect((across!.at[1] - 52) / M_LAT).toBeCloseTo(0, 3);
    expect((north!.at[1] - 52) / M_LAT).toBeCloseTo(9, 0);
    expect(north!.angleDeg).toBeCloseTo(-90, 3);
    expect((south!.at[1] - 52) / M_LAT).toBeCloseTo(-9, 0);
    expect(south!.angleDeg).toBeCloseTo(90, 3);
  });
  test("the street's name starts just past each end of the market, running outwards, the end with more room first", () => {
    const [east, west] = streetDrawing({ line, crossings: [], streetName: "Noordewierweg", spotAlongM: [100, 200, 300] }).streetNames;
    expect(east!.name).toBe("Noordewierweg");
    expect(positionOnLine(line, east!.at).alongM).toBeCloseTo(305, 0);
    expect(east!.angleDeg).toBeCloseTo(0, 3);
    expect(positionOnLine(line, west!.at).alongM).toBeCloseTo(95, 0);
    expect(Math.abs(west!.angleDeg)).toBeCloseTo(180, 3);
    // Only the west end has room: one name, there.
    const only = streetDrawing({ line, crossings: [], streetName: "Noordewierweg", spotAlongM: [250, 480] }).streetNames.filter((n) => n.kind === "end");
    expect(only).toHaveLength(1);
    expect(positionOnLine(line, only[0]!.at).alongM).toBeCloseTo(245, 0);
  });
  test("last, a place beside the middle of the market, past the stalls, along the street", () => {
    const names = streetDrawing({ line, crossings: [], streetName: "Noordewierweg", spotAlongM: [100, 300] }).streetNames;
    const beside = names[names.length - 1]!;
    expect(beside.kind).toBe("beside");
    expect(positionOnLine(line, beside.at).alongM).toBeCloseTo(200, 0);
    expect((beside.at[1] - 52) / M_LAT).toBeCloseTo(-16, 0); // right of west–east is south
    expect(beside.angleDeg).toBeCloseTo(0, 3);
  });
  test("no name past an end without room there; none at all without a name or without stalls", () => {
    expect(streetDrawing({ line, crossings: [], streetName: "Noordewierweg", spotAlongM: [20, 480] }).streetNames.map((n) => n.kind)).toEqual(["beside"]);
    expect(streetDrawing({ line, crossings: [], streetName: " ", spotAlongM: [100] }).streetNames).toEqual([]);
    expect(streetDrawing({ line, crossings: [], streetName: "Noordewierweg", spotAlongM: [] }).streetNames).toEqual([]);
  });
  test("an unusable line draws nothing instead of failing the page; a crossing off the line is left out", () => {
    expect(streetDrawing({ line: [at(0)], crossings: [{ name: "A", atM: 1, widthM: 5 }], streetName: "X", spotAlongM: [1] })).toEqual({ sideStreets: [], streetNames: [] });
    expect(streetDrawing({ line, crossings: [{ name: "Ver", atM: 900, widthM: 12 }], streetName: "", spotAlongM: [] }).sideStreets).toEqual([]);
  });
  test("the Noordewierweg's default layout: both side streets and the street's name", () => {
    const layout = buildDefaultLayout();
    const drawing = streetDrawing({ line: layout.streetLine, crossings: crossingsOf(layout.params.skips), streetName: "Noordewierweg", spotAlongM: layout.spots.map((s) => s.alongM) });
    expect(drawing.sideStreets.map((s) => s.name)).toEqual(["Anemoonstraat", "Goudsbloemstraat"]);
    expect(drawing.streetNames.map((s) => `${s.kind} ${s.name}`)).toEqual(["end Noordewierweg", "end Noordewierweg", "beside Noordewierweg"]);
  });
});

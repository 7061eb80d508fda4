/** Where the own spot is, in words, and who stands next to it (issue 11, item 6). */
import { describe, expect, test } from "vitest";
import { translator } from "~/i18n/i18n";
import { neighboursText, whereaboutsText } from "~/i18n/whereabouts";
import { positionOnLine, type LngLat } from "~/rules/layout-geometry";
import { compassSide, neighbours, placeAlongStreet, whereabouts, type NeighbourSpot, type StreetReference } from "~/rules/spot-whereabouts";

// A straight street along lat 52, drawn west to east: left of it is north, right is south.
const M_LON = 1 / (111_195 * Math.cos((52 * Math.PI) / 180)); // about a metre east
const M_LAT = 1 / 111_195; // about a metre north
const at = (eastM: number, northM = 0): LngLat => [5.37 + eastM * M_LON, 52 + northM * M_LAT];
const westEast: LngLat[] = [at(0), at(500)];

const square: StreetReference = { kind: "place", placeKind: "square", nameNl: "Plein Emmaüskerk", nameEn: "Emmaüskerk square", fromM: 200, toM: 240, side: "left" };
const references: StreetReference[] = [
  { kind: "crossing", name: "Anemoonstraat", atM: 150 },
  { kind: "crossing", name: "Goudsbloemstraat", atM: 315 },
  square,
];

describe("compassSide", () => {
  test("a street drawn west to east: left is north, right is south", () => {
    expect(compassSide(westEast, "left")).toBe("north");
    expect(compassSide(westEast, "right")).toBe("south");
  });
  test("drawn north to south: left is east, right is west", () => {
    const line: LngLat[] = [at(0, 300), at(0, 0)];
    expect(compassSide(line, "left")).toBe("east");
    expect(compassSide(line, "right")).toBe("west");
  });
  test("the Noordewierweg, drawn north-west to south-east: its sides are north and south (as the N- and Z- codes)", () => {
    const line: LngLat[] = [at(0, 350), at(346, 0)];
    expect(compassSide(line, "left")).toBe("north");
    expect(compassSide(line, "right")).toBe("south");
  });
  test("a street within 35° of north–south has east and west sides", () => {
    const line: LngLat[] = [at(0, 0), at(100, 173)]; // bearing 30°
    expect(compassSide(line, "left")).toBe("west");
    expect(compassSide(line, "right")).toBe("east");
  });
});

describe("whereabouts", () => {
  const where = (side: "left" | "right" | null, fromM: number, toM = fromM, refs = references) => whereabouts({ line: westEast, side, fromM, toM, references: refs });

  test("between a side street and the square", () => {
    expect(where("left", 170, 175)).toEqual({
      kind: "between",
      side: "north",
      first: { kind: "crossing", name: "Anemoonstraat" },
      second: { kind: "place", placeKind: "square", nameNl: "Plein Emmaüskerk", nameEn: "Emmaüskerk square" },
    });
  });
  test("between the square and the next side street", () => {
    const result = where("left", 260, 264.5);
    expect(result.kind).toBe("between");
    expect(result.kind === "between" && [result.first.kind, result.second]).toEqual(["place", { kind: "crossing", name: "Goudsbloemstraat" }]);
  });
  test("across the street from the square: opposite it", () => {
    expect(where("right", 210, 214.5)).toEqual({ kind: "opposite", side: "south", place: { kind: "place", placeKind: "square", nameNl: "Plein Emmaüskerk", nameEn: "Emmaüskerk square" } });
  });
  test("past the last side street: how far from it, in steps of 5 m", () => {
    expect(where("left", 332)).toEqual({ kind: "from", side: "north", reference: { kind: "crossing", name: "Goudsbloemstraat" }, metres: 15 });
    expect(where("right", 118)).toEqual({ kind: "from", side: "south", reference: { kind: "crossing", name: "Anemoonstraat" }, metres: 30 });
    expect(where("left", 316)).toMatchObject({ kind: "from", metres: 5 });
  });
  test("nothing along the street to name: only the side", () => {
    expect(where("left", 100, 100, [])).toEqual({ kind: "street", side: "north" });
  });
  test("a spot off the street has no side", () => {
    expect(where(null, 170)).toMatchObject({ kind: "between", side: null });
  });
});

describe("placeAlongStreet and positionOnLine", () => {
  test("the church square north of the street from 200 to 240 m", () => {
    const ring = [at(200, 3.5), at(240, 3.5), at(240, 33.5), at(200, 33.5), at(200, 3.5)];
    const stretch = placeAlongStreet(westEast, ring);
    expect(stretch.side).toBe("left");
    expect(stretch.fromM).toBeCloseTo(200, 0);
    expect(stretch.toM).toBeCloseTo(240, 0);
  });
  test("a point south of the street at 120 m", () => {
    const p = positionOnLine(westEast, at(120, -6));
    expect(p.side).toBe("right");
    expect(p.alongM).toBeCloseTo(120, 0);
  });
});

describe("neighbours", () => {
  const row: NeighbourSpot[] = [
    { code: "N-01", side: "left", alongM: 0, stallName: "Ballonnen Bart" },
    { code: "N-02", side: "left", alongM: 4.5, stallName: null },
    { code: "N-03", side: "left", alongM: 9, stallName: "Eigen kraam" },
    { code: "N-04", side: "left", alongM: 13.5, stallName: "Eigen kraam" },
    { code: "N-05", side: "left", alongM: 18, stallName: "Wafels van Wim" },
    { code: "Z-03", side: "right", alongM: 9, stallName: "Over de straat" },
  ];
  test("the nearest stall on either side along the same side of the street; free spots and the other side passed over", () => {
    expect(neighbours(row, new Set(["N-03", "N-04"]))).toEqual({ before: { name: "Ballonnen Bart", code: "N-01" }, after: { name: "Wafels van Wim", code: "N-05" } });
    expect(neighbours(row, new Set(["N-05"]))).toEqual({ before: { name: "Eigen kraam", code: "N-04" }, after: null });
    expect(neighbours(row, new Set(["Z-03"]))).toEqual({ before: null, after: null });
    expect(neighbours(row, new Set(["X-99"]))).toEqual({ before: null, after: null });
  });
});

describe("in words", () => {
  const nl = translator("nl");
  const en = translator("en");
  const where = (side: "left" | "right", fromM: number) => whereabouts({ line: westEast, side, fromM, toM: fromM, references });
  test("Dutch and English sentences", () => {
    expect(whereaboutsText(nl, "nl", where("left", 170))).toBe("Noordkant, tussen de Anemoonstraat en het Plein Emmaüskerk");
    expect(whereaboutsText(en, "en", where("left", 170))).toBe("North side, between Anemoonstraat and the Emmaüskerk square");
    expect(whereaboutsText(nl, "nl", where("right", 212))).toBe("Zuidkant, tegenover het Plein Emmaüskerk");
    expect(whereaboutsText(en, "en", where("right", 212))).toBe("South side, opposite the Emmaüskerk square");
    expect(whereaboutsText(nl, "nl", where("left", 332))).toBe("Noordkant, 15 m van de Goudsbloemstraat");
    expect(whereaboutsText(en, "en", where("left", 332))).toBe("North side, 15 m from Goudsbloemstraat");
    expect(whereaboutsText(nl, "nl", { kind: "street", side: "south" })).toBe("Zuidkant van de straat");
    expect(whereaboutsText(nl, "nl", { kind: "street", side: null })).toBeNull();
  });
  test("neighbours", () => {
    const both = { before: { name: "Ballonnen Bart", code: "N-01" }, after: { name: "Wafels van Wim", code: "N-05" } };
    expect(neighboursText(nl, both)).toBe("Je buren: Ballonnen Bart (N-01) en Wafels van Wim (N-05).");
    expect(neighboursText(en, both)).toBe("Your neighbours: Ballonnen Bart (N-01) and Wafels van Wim (N-05).");
    expect(neighboursText(nl, { before: null, after: both.after })).toBe("Naast je staat Wafels van Wim (N-05).");
    expect(neighboursText(en, { before: null, after: null })).toBeNull();
  });
});

/** "Waar ben ik?": the nearest stall or landmark, or how far the market is (issue 11, item 5). */
import { describe, expect, test } from "vitest";
import { AT_MARKET_M, metresBetween, roundedDistance, whereAmI } from "~/rules/nearby";

const M_LON = 1 / (111_195 * Math.cos((52 * Math.PI) / 180));
const M_LAT = 1 / 111_195;
const at = (eastM: number, northM = 0): [number, number] => [5.37 + eastM * M_LON, 52 + northM * M_LAT];

describe("metresBetween", () => {
  test("east and north, in metres", () => {
    expect(metresBetween(at(0), at(100))).toBeCloseTo(100, 0);
    expect(metresBetween(at(0), at(0, 250))).toBeCloseTo(250, 0);
    expect(metresBetween(at(0), at(30, 40))).toBeCloseTo(50, 0);
  });
});

describe("whereAmI", () => {
  const things = [
    { name: "Wafels van Wim", point: at(0) },
    { name: "EHBO-post", point: at(60) },
  ];
  test("at the market: the nearest stall or landmark and how far", () => {
    expect(whereAmI(at(45, 5), things)).toEqual({ kind: "near", name: "EHBO-post", metres: expect.closeTo(15.8, 0) });
    expect(whereAmI(at(-20), things)).toMatchObject({ kind: "near", name: "Wafels van Wim" });
  });
  test("far from everything: how far the market is, no name", () => {
    const away = whereAmI(at(-2000), things);
    expect(away.kind).toBe("away");
    expect(away.kind === "away" && away.metres).toBeCloseTo(2000, 0);
    expect(whereAmI(at(-AT_MARKET_M - 1), things).kind).toBe("away");
  });
  test("nothing on the map: unknown", () => {
    expect(whereAmI(at(0), [])).toEqual({ kind: "unknown" });
  });
});

describe("roundedDistance", () => {
  test("5 m steps close by (never 0), 10 m steps further, kilometres past 1 km", () => {
    expect(roundedDistance(1)).toEqual({ unit: "m", value: 5 });
    expect(roundedDistance(23)).toEqual({ unit: "m", value: 25 });
    expect(roundedDistance(97)).toEqual({ unit: "m", value: 95 });
    expect(roundedDistance(98)).toEqual({ unit: "m", value: 100 });
    expect(roundedDistance(434)).toEqual({ unit: "m", value: 430 });
    expect(roundedDistance(996)).toEqual({ unit: "km", value: 1 });
    expect(roundedDistance(3449)).toEqual({ unit: "km", value: 3.4 });
  });
});

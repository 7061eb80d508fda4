import { describe, expect, test } from "vitest";
import {
  areNeighbours,
  checkFit,
  isAdjacentRun,
  needsAcceptReason,
  runFrom,
  unacceptedWarnings,
  type FitSpot,
  type FitStall,
  type Occupancy,
  type Warning,
} from "~/rules/spot-fit";

// A row of 3 m spots with 1.5 m gaps on the left, a side street (20 m) after L-04, and one right-side spot.
function spot(id: number, alongM: number, overrides: Partial<FitSpot> = {}): FitSpot {
  return { id, code: `L-0${id}`, side: "left", alongM, widthCm: 300, depthCm: 300, hasElectricity: false, kind: "stall", ...overrides };
}
const row: FitSpot[] = [
  spot(1, 1.5),
  spot(2, 6, { hasElectricity: true }),
  spot(3, 10.5),
  spot(4, 15),
  spot(5, 38), // across the side street
  spot(6, 42.5, { kind: "blocked" }),
  { ...spot(9, 6), code: "R-01", side: "right" },
];
const stall: FitStall = { applicationId: 100, stallName: "Wafels", frontageCm: 300, depthCm: 300, needsElectricity: false, categoryKey: "food", dayIds: [1] };
const nobody: Occupancy = new Map();
const byId = (id: number) => row.find((s) => s.id === id)!;

describe("neighbours and runs", () => {
  test("consecutive spots on one side are neighbours; across a side street, the street or another spot they are not", () => {
    expect(areNeighbours(byId(1), byId(2), row)).toBe(true);
    expect(areNeighbours(byId(2), byId(1), row)).toBe(true);
    expect(areNeighbours(byId(1), byId(3), row)).toBe(false);
    expect(areNeighbours(byId(4), byId(5), row)).toBe(false);
    expect(areNeighbours(byId(2), byId(9), row)).toBe(false);
    expect(isAdjacentRun([byId(3), byId(2), byId(1)], row)).toBe(true);
    expect(isAdjacentRun([byId(1), byId(3)], row)).toBe(false);
    expect(isAdjacentRun([byId(4), byId(5)], row)).toBe(false);
  });

  test("a 6 m stall dropped on a spot takes it and the next free neighbour; at the end of a row, the previous one", () => {
    const wide = { ...stall, frontageCm: 600 };
    expect(runFrom(byId(1), wide, row, nobody).map((s) => s.id)).toEqual([1, 2]);
    expect(runFrom(byId(4), wide, row, nobody).map((s) => s.id)).toEqual([3, 4]);
    const taken: Occupancy = new Map([[2, { applicationId: 7, stallName: "Other", categoryKey: "crafts" }]]);
    expect(runFrom(byId(3), wide, row, taken).map((s) => s.id)).toEqual([3, 4]);
    // No run long enough: only the spot itself (the fit check then warns).
    expect(runFrom(byId(5), wide, row, nobody).map((s) => s.id)).toEqual([5]);
    expect(runFrom(byId(1), { ...stall, frontageCm: 700 }, row, nobody).map((s) => s.id)).toEqual([1, 2, 3]);
  });
});

describe("checkFit", () => {
  test("a stall that fits has no problems", () => {
    expect(checkFit(stall, [byId(1)], 1, nobody, row)).toEqual({ hard: [], warnings: [] });
  });

  test("hard: a spot taken by another stall, a blocked spot, a day not applied for, spots not adjacent, no spots", () => {
    const taken: Occupancy = new Map([[1, { applicationId: 7, stallName: "Kaas", categoryKey: "market_trader" }]]);
    expect(checkFit(stall, [byId(1)], 1, taken, row).hard).toEqual([{ code: "spot_taken", spotCode: "L-01", takenBy: "Kaas" }]);
    // Its own spot is not "taken" (re-assigning in place).
    const own: Occupancy = new Map([[1, { applicationId: 100, stallName: "Wafels", categoryKey: "food" }]]);
    expect(checkFit(stall, [byId(1)], 1, own, row).hard).toEqual([]);
    expect(checkFit(stall, [byId(6)], 1, nobody, row).hard).toEqual([{ code: "blocked_spot", spotCode: "L-06" }]);
    expect(checkFit(stall, [byId(1)], 2, nobody, row).hard).toEqual([{ code: "day_not_applied" }]);
    expect(checkFit(stall, [byId(1), byId(3)], 1, nobody, row).hard).toEqual([{ code: "spots_not_adjacent" }]);
    expect(checkFit(stall, [], 1, nobody, row).hard).toEqual([{ code: "no_spots" }]);
  });

  test("warnings: too small in frontage or depth, no electricity, same category next door", () => {
    const big = { ...stall, frontageCm: 600, depthCm: 400, needsElectricity: true };
    expect(checkFit(big, [byId(1)], 1, nobody, row).warnings).toEqual([
      { code: "too_small", dimension: "frontage", needCm: 600, haveCm: 300 },
      { code: "too_small", dimension: "depth", needCm: 400, haveCm: 300 },
      { code: "no_electricity" },
    ]);
    expect(checkFit(big, [byId(1), byId(2)], 1, nobody, row).warnings).toEqual([
      { code: "too_small", dimension: "depth", needCm: 400, haveCm: 300 },
    ]);
    const foodNextDoor: Occupancy = new Map([[2, { applicationId: 8, stallName: "Soep", categoryKey: "food" }]]);
    expect(checkFit(stall, [byId(1)], 1, foodNextDoor, row).warnings).toEqual([
      { code: "same_category_neighbour", neighbourCode: "L-02", neighbourName: "Soep" },
    ]);
    const craftsNextDoor: Occupancy = new Map([[2, { applicationId: 8, stallName: "Klei", categoryKey: "crafts" }]]);
    expect(checkFit(stall, [byId(1)], 1, craftsNextDoor, row).warnings).toEqual([]);
  });

  test("accepted warnings are no longer in the way; others still are", () => {
    const result = checkFit({ ...stall, needsElectricity: true, frontageCm: 600 }, [byId(1)], 1, nobody, row);
    expect(unacceptedWarnings(result, ["no_electricity"]).map((w) => w.code)).toEqual(["too_small"]);
    expect(unacceptedWarnings(result, ["no_electricity", "too_small"])).toEqual([]);
  });
});

describe("needsAcceptReason", () => {
  test("a placement against a warning needs a reason; blank is no reason; no warning needs none", () => {
    const warning = { code: "no_electricity" } as Warning;
    expect(needsAcceptReason([warning], "")).toBe(true);
    expect(needsAcceptReason([warning], "   ")).toBe(true);
    expect(needsAcceptReason([warning], undefined)).toBe(true);
    expect(needsAcceptReason([warning], "Eigen aggregaat")).toBe(false);
    expect(needsAcceptReason([], "")).toBe(false);
  });
});

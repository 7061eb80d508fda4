// The goals form (issue 14): spot codes as runs, weight levels, and the one schema the page and
// the server share.
import { describe, expect, test } from "vitest";
import { levelOfWeight, placementGoalsSchema, weightOfLevel } from "~/forms/placement-goals";
import { planPlacements, type PlanSpot } from "~/rules/placement-plan";
import { formatSpotCodeRuns, parseSpotCodeList } from "~/rules/spot-code-runs";

const known = ["N-01", "N-02", "N-03", "N-04", "N-10", "Z-01", "Z-02", "Z-03", "Kerk"];

describe("spot codes as runs", () => {
  test("single codes, runs with an en dash, 't/m', 'to', '..' or ' - ', in any case, each once, in code order", () => {
    expect(parseSpotCodeList("z-02, N-01–N-03", known)).toEqual({ ok: true, codes: ["N-01", "N-02", "N-03", "Z-02"] });
    expect(parseSpotCodeList("N-02 t/m N-04; Z-01 to Z-02\nkerk", known)).toEqual({ ok: true, codes: ["Kerk", "N-02", "N-03", "N-04", "Z-01", "Z-02"] });
    expect(parseSpotCodeList("N-03..N-01, N-02 - N-02, N-01", known)).toEqual({ ok: true, codes: ["N-01", "N-02", "N-03"] });
    // A run takes the codes that exist between its ends: N-05 … N-09 are not on this street.
    expect(parseSpotCodeList("N-03–N-10", known)).toEqual({ ok: true, codes: ["N-03", "N-04", "N-10"] });
    expect(parseSpotCodeList("  ", known)).toEqual({ ok: true, codes: [] });
  });

  test("codes that are not on the map, runs across two sides and half runs are reported as typed", () => {
    expect(parseSpotCodeList("N-01, X-99, n-77", known)).toEqual({ ok: false, unknown: ["X-99", "n-77"] });
    expect(parseSpotCodeList("N-01–Z-03", known)).toEqual({ ok: false, unknown: ["N-01–Z-03"] });
    expect(parseSpotCodeList("N-01–", known)).toEqual({ ok: false, unknown: ["N-01–"] });
  });

  test("written back as short runs of neighbouring codes; a code no longer on the map stays visible", () => {
    expect(formatSpotCodeRuns(["N-01", "N-02", "N-03", "Z-02", "Z-03"], known)).toBe("N-01–N-03, Z-02–Z-03");
    expect(formatSpotCodeRuns(["N-01", "N-03"], known)).toBe("N-01, N-03");
    expect(formatSpotCodeRuns(["N-04", "N-10"], known)).toBe("N-04–N-10"); // neighbours on this street
    expect(formatSpotCodeRuns(["N-02", "Q-09"], known)).toBe("N-02, Q-09");
    const back = parseSpotCodeList(formatSpotCodeRuns(["N-01", "N-02", "Z-03"], known), known);
    expect(back).toEqual({ ok: true, codes: ["N-01", "N-02", "Z-03"] });
  });
});

describe("weight levels", () => {
  test("normal is the planner's own weight; off is 0; stored weights land on the nearest level", () => {
    expect(weightOfLevel("returning", "normal")).toBe(100);
    expect(weightOfLevel("returning", "high")).toBe(200);
    expect(weightOfLevel("wish", "low")).toBe(25);
    expect(weightOfLevel("zone", "off")).toBe(0);
    expect(levelOfWeight("returning", 0)).toBe("off");
    expect(levelOfWeight("returning", 10)).toBe("low");
    expect(levelOfWeight("returning", 120)).toBe("normal");
    expect(levelOfWeight("returning", 900)).toBe("high");
  });
});

describe("the goals schema", () => {
  const schema = placementGoalsSchema({ categoryKeys: ["food", "crafts"], spotCodes: known });

  test("levels, caps (empty: none) and zones become the planner's settings", () => {
    const parsed = schema.parse({ "weight.returning": "high", "weight.zone": "off", "cap.food": "12", "cap.crafts": "", "zone.food": "N-01–N-02" });
    expect(parsed).toEqual({
      weights: { returning: 200, wish: 50, sameCategory: 40, zone: 0 },
      caps: { food: 12 },
      zones: [{ categoryKey: "food", spotCodes: ["N-01", "N-02"] }],
    });
    // A cap of 0 is a cap: no stall of that category.
    expect(schema.parse({ "cap.crafts": "0" }).caps).toEqual({ crafts: 0 });
  });

  test("each bad field is an issue on that field", () => {
    const result = schema.safeParse({ "weight.wish": "veel", "cap.food": "-1", "cap.crafts": "1000", "zone.crafts": "Z-09" });
    expect(result.success).toBe(false);
    const issues = Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(issues).toEqual({
      "weight.wish": "organiser.errChoose",
      "cap.food": "organiser.errWholeNumber",
      "cap.crafts": "organiser.errCapTooHigh",
      "zone.crafts": "organiser.errUnknownSpotCodes?codes=Z-09",
    });
  });
});

describe("a goal switched off", () => {
  const spots: PlanSpot[] = ["L-01", "L-02", "L-03"].map((code, i) => ({ id: i + 1, code, side: "left", alongM: i * 3.5, widthCm: 300, depthCm: 300, hasElectricity: false, kind: "stall" }));
  const stalls = [
    { applicationId: 1, stallName: "Friet", frontageCm: 300, depthCm: 300, needsElectricity: false, categoryKey: "food", dayIds: [1] },
    { applicationId: 2, stallName: "Poffertjes", frontageCm: 300, depthCm: 300, needsElectricity: false, categoryKey: "food", dayIds: [1] },
  ];
  const fixed = [{ applicationId: 3, stallName: "Wafels", categoryKey: "food", dayId: 1, spotIds: [2], locked: true }];

  test("a zone that is off is no reason and no note; same-category neighbours that are off are no note", () => {
    const zones = [{ categoryKey: "food", spotCodes: ["L-03"] }];
    const on = planPlacements({ spots, dayIds: [1], fixed, stalls, zones });
    expect(on.placements.flatMap((p) => p.notes.map((n) => n.code))).toEqual(expect.arrayContaining(["outside_zone", "same_category_neighbour"]));
    const off = planPlacements({ spots, dayIds: [1], fixed, stalls, zones, weights: { zone: 0, sameCategory: 0 } });
    expect(off.placements).toHaveLength(2);
    expect(off.placements.flatMap((p) => [...p.notes, ...p.reasons].map((r) => r.code)).filter((c) => c === "outside_zone" || c === "in_zone" || c === "same_category_neighbour")).toEqual([]);
  });
});

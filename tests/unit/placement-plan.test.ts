import { describe, expect, test } from "vitest";
import { translator } from "~/i18n/i18n";
import {
  evaluatePlan,
  planPlacements,
  type FixedPlacement,
  type PlanInput,
  type PlanSpot,
  type PlanStall,
} from "~/rules/placement-plan";
import { placementSentence, unmetWishText, unplacedText } from "~/rules/placement-text";

// A row of 3 m spots 3.5 m apart on the left (L-01 … L-n), a few on the right.
function row(count: number, side: "left" | "right" = "left", from = 1, extra: (i: number) => Partial<PlanSpot> = () => ({})): PlanSpot[] {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const prefix = side === "left" ? "L" : "R";
    return { id: (side === "left" ? 0 : 1000) + i, code: `${prefix}-${String(i).padStart(2, "0")}`, side, alongM: i * 3.5, widthCm: 300, depthCm: 300, hasElectricity: false, kind: "stall" as const, ...extra(i) };
  });
}
let nextId = 1;
function stall(name: string, overrides: Partial<PlanStall> = {}): PlanStall {
  return { applicationId: nextId++, stallName: name, frontageCm: 300, depthCm: 300, needsElectricity: false, categoryKey: "crafts", dayIds: [1], ...overrides };
}
const base = (spots: PlanSpot[], stalls: PlanStall[], more: Partial<PlanInput> = {}): PlanInput => ({ spots, dayIds: [1], fixed: [], stalls, ...more });
const where = (plan: ReturnType<typeof planPlacements>, name: string) => plan.placements.filter((p) => p.stallName === name).map((p) => p.spotCodes.join("+"));
const nl = translator("nl");
const en = translator("en");

describe("hard rules", () => {
  test("the only spot with power goes to the only stall that needs it, even when that stall comes last", () => {
    const spots = row(3, "left", 1, (i) => ({ hasElectricity: i === 1 }));
    const stalls = [stall("Kaas"), stall("Boeken"), stall("Wafels", { needsElectricity: true, categoryKey: "food" })];
    const plan = planPlacements(base(spots, stalls));
    expect(where(plan, "Wafels")).toEqual(["L-01"]);
    expect(plan.unplaced).toEqual([]);
    expect(evaluatePlan(base(spots, stalls), plan).hardViolations).toBe(0);
    // The one that needs power is told so.
    expect(placementSentence(plan.placements.find((p) => p.stallName === "Wafels")!, nl)).toContain("stroom nodig");
  });

  test("a stall that needs power is not put on a spot without, even if that leaves it unplaced", () => {
    const spots = row(2);
    const stalls = [stall("Wafels", { needsElectricity: true, frontageCm: 600 })];
    const plan = planPlacements(base(spots, stalls));
    expect(plan.placements).toEqual([]);
    expect(plan.unplaced).toMatchObject([{ stallName: "Wafels", reason: { code: "no_spot_big_enough", frontageCm: 600, needsElectricity: true } }]);
    expect(unplacedText(plan.unplaced[0]!.reason, nl)).toBe("geen plek van 6 m met stroom op de straat");
  });

  test("all fitting spots taken: 'geen vrije plek van 6 m met stroom'", () => {
    const spots = row(2, "left", 1, (i) => ({ hasElectricity: i === 1 }));
    const fixed: FixedPlacement[] = [{ applicationId: 900, stallName: "Vast", categoryKey: "crafts", dayId: 1, spotIds: [2], locked: true }];
    const plan = planPlacements(base(spots, [stall("Poffertjes", { frontageCm: 600, needsElectricity: true })], { fixed }));
    expect(unplacedText(plan.unplaced[0]!.reason, nl)).toBe("geen vrije plek van 6 m met stroom");
    expect(unplacedText(plan.unplaced[0]!.reason, en)).toBe("no free spot of 6 m with power");
  });

  test("a locked stall never moves and its spot is never given to another, even to a returning stallholder", () => {
    const spots = row(3);
    const fixed: FixedPlacement[] = [{ applicationId: 901, stallName: "Vast", categoryKey: "crafts", dayId: 1, spotIds: [1], locked: true }];
    const stalls = [stall("Terug", { previousSpotCodes: ["L-01"], previousYear: 2026 })];
    const input = base(spots, stalls, { fixed });
    const plan = planPlacements(input);
    expect(plan.placements.some((p) => p.applicationId === 901)).toBe(false);
    expect(where(plan, "Terug")).not.toContain("L-01");
    expect(evaluatePlan(input, plan).hardViolations).toBe(0);
  });

  test("a cap is never exceeded; the stalls over it are reported with the cap, returning stallholders first", () => {
    const spots = row(6);
    const stalls = [stall("Friet 1", { categoryKey: "food" }), stall("Friet 2", { categoryKey: "food" }), stall("Friet 3", { categoryKey: "food", previousSpotCodes: ["L-06"] }), stall("Boek")];
    const fixed: FixedPlacement[] = [{ applicationId: 902, stallName: "Friet vast", categoryKey: "food", dayId: 1, spotIds: [1], locked: false }];
    const input = base(spots, stalls, { caps: { food: 2 }, fixed });
    const plan = planPlacements(input);
    const food = plan.placements.filter((p) => p.categoryKey === "food").map((p) => p.stallName);
    expect(food).toEqual(["Friet 3"]);
    expect(plan.unplaced.map((u) => [u.stallName, u.reason.code])).toEqual([["Friet 1", "cap_reached"], ["Friet 2", "cap_reached"]]);
    expect(unplacedText(plan.unplaced[0]!.reason, nl)).toBe("het maximum van 2 kramen in deze categorie is bereikt");
    expect(evaluatePlan(input, plan).hardViolations).toBe(0);
  });

  test("wide stalls get a run of neighbouring spots on one side, never across a side street, a blocked spot or a day they did not apply for", () => {
    const spots = [...row(2), ...row(2, "left", 10), ...row(3, "right", 1, (i) => ({ kind: i === 2 ? "blocked" : "stall" }))];
    const stalls = [stall("Breed", { frontageCm: 600 }), stall("Zaterdag", { dayIds: [2] })];
    const input = base(spots, stalls);
    const plan = planPlacements(input);
    expect(where(plan, "Breed")).toEqual(["L-01+L-02"]);
    expect(plan.unplaced).toMatchObject([{ stallName: "Zaterdag", reason: { code: "no_days" } }]);
    expect(evaluatePlan(input, plan).hardViolations).toBe(0);
    expect(placementSentence(plan.placements[0]!, nl)).toBe("2 plekken naast elkaar (6 m)");
  });

  test("one stall per spot-day over two days, and the same spot on both days when it can", () => {
    const spots = row(2);
    const fixed: FixedPlacement[] = [{ applicationId: 903, stallName: "Alleen zaterdag", categoryKey: "food", dayId: 2, spotIds: [1], locked: true }];
    const stalls = [stall("Twee dagen", { dayIds: [1, 2] }), stall("Vrijdag", { dayIds: [1], categoryKey: "books" })];
    const input: PlanInput = { spots, dayIds: [1, 2], fixed, stalls };
    const plan = planPlacements(input);
    expect(where(plan, "Twee dagen")).toEqual(["L-02"]);
    expect(plan.placements.find((p) => p.stallName === "Twee dagen")!.dayIds).toEqual([1, 2]);
    expect(where(plan, "Vrijdag")).toEqual(["L-01"]);
    expect(evaluatePlan(input, plan).hardViolations).toBe(0);
  });
});

describe("goals", () => {
  test("same-category neighbours are avoided when there is room, and reported when not", () => {
    const spots = row(4);
    const stalls = [stall("Kaas A", { categoryKey: "food" }), stall("Kaas B", { categoryKey: "food" }), stall("Boek", { categoryKey: "books" })];
    const input = base(spots, stalls);
    const plan = planPlacements(input);
    expect(evaluatePlan(input, plan).sameCategoryPairs).toBe(0);
    const tight = base(row(2), [stall("Friet A", { categoryKey: "food" }), stall("Friet B", { categoryKey: "food" })]);
    const tightPlan = planPlacements(tight);
    expect(tightPlan.placements).toHaveLength(2);
    expect(placementSentence(tightPlan.placements[0]!, nl)).toContain("let op: naast Friet B uit dezelfde categorie");
  });

  test("returning stallholders get last year's spot, with the year in the reason", () => {
    const spots = row(5);
    const stalls = [stall("Nieuw"), stall("Terug", { previousSpotCodes: ["L-01"], previousYear: 2026, categoryKey: "books" })];
    const plan = planPlacements(base(spots, stalls));
    expect(where(plan, "Terug")).toEqual(["L-01"]);
    expect(placementSentence(plan.placements.find((p) => p.stallName === "Terug")!, nl)).toBe("zelfde plek als 2026");
  });

  test("wishes: next to another stall, near power, near the square, in front of a house; unmet ones are reported with why", () => {
    const spots = [...row(10, "left", 1, (i) => ({ hasElectricity: i === 8 })), ...row(4, "right")];
    const wim = stall("Wafels van Wim", { categoryKey: "food" });
    const stalls = [
      wim,
      stall("Koffie", { categoryKey: "drinks", wishes: [{ kind: "next_to", stallName: "wafels van wim" }] }),
      stall("Lampen", { wishes: [{ kind: "near_power" }] }),
      stall("Bloemen", { categoryKey: "flowers", wishes: [{ kind: "near_square" }] }),
      stall("Bewoner", { categoryKey: "resident", wishes: [{ kind: "house_number", houseNumber: "12" }, { kind: "house_number", houseNumber: "99" }, { kind: "next_to", stallName: "Bestaat niet" }] }),
    ];
    const input = base(spots, stalls, { squareAlongM: 35, squareRadiusM: 2, houses: [{ houseNumber: "12", side: "right", alongM: 7 }] });
    const plan = planPlacements(input);
    const koffie = plan.placements.find((p) => p.stallName === "Koffie")!;
    const wimAt = plan.placements.find((p) => p.stallName === "Wafels van Wim")!;
    expect(Math.abs(Number(koffie.spotCodes[0]!.slice(2)) - Number(wimAt.spotCodes[0]!.slice(2)))).toBe(1);
    expect(koffie.spotCodes[0]!.slice(0, 1)).toBe(wimAt.spotCodes[0]!.slice(0, 1));
    expect(placementSentence(koffie, nl)).toContain("naast Wafels van Wim zoals gevraagd");
    expect(["L-07", "L-08", "L-09"]).toContain(where(plan, "Lampen")[0]);
    expect(where(plan, "Bloemen")).toEqual(["L-10"]);
    expect(["R-01", "R-02", "R-03"]).toContain(where(plan, "Bewoner")[0]);
    expect(plan.unmetWishes.map((u) => unmetWishText(u, nl))).toEqual([
      "voor huisnummer 99: bij geen plek staat dat huisnummer (vul het in bij de plek die ervoor ligt)",
      "naast Bestaat niet: die kraam staat niet op de lijst",
    ]);
    const quality = evaluatePlan(input, plan);
    expect(quality).toMatchObject({ hardViolations: 0, wishesMet: 4, wishesTotal: 6 });
  });

  test("category zones are preferred, and a placement outside its zone says so", () => {
    const spots = row(6);
    const stalls = [stall("Friet", { categoryKey: "food" }), stall("Boek", { categoryKey: "books" })];
    const plan = planPlacements(base(spots, stalls, { zones: [{ categoryKey: "food", spotCodes: ["L-05", "L-06"] }] }));
    expect(["L-05", "L-06"]).toContain(where(plan, "Friet")[0]);
    expect(placementSentence(plan.placements.find((p) => p.stallName === "Friet")!, en)).toBe("in the category's zone");
  });

  test("a stall that does not need power leaves the power spot free for one that does, later in the list", () => {
    const spots = row(3, "left", 1, (i) => ({ hasElectricity: i === 2 }));
    const stalls = [stall("A"), stall("B", { categoryKey: "books" }), stall("C", { needsElectricity: true, categoryKey: "food" })];
    const plan = planPlacements(base(spots, stalls));
    expect(where(plan, "C")).toEqual(["L-02"]);
  });
});

describe("determinism", () => {
  test("the same input gives the same plan, and the input order of equal stalls only decides ties", () => {
    const spots = [...row(20, "left", 1, (i) => ({ hasElectricity: i % 5 === 0 })), ...row(20, "right", 1, (i) => ({ hasElectricity: i % 7 === 0 }))];
    const stalls = Array.from({ length: 30 }, (_, i) =>
      stall(`Kraam ${i}`, { categoryKey: ["food", "books", "crafts"][i % 3]!, frontageCm: i % 4 === 0 ? 600 : 300, needsElectricity: i % 6 === 0, dayIds: i % 5 === 0 ? [1] : [1, 2], previousSpotCodes: i % 7 === 0 ? [`R-${String(i % 20 + 1).padStart(2, "0")}`] : undefined }),
    );
    const input: PlanInput = { spots, dayIds: [1, 2], fixed: [], stalls };
    const first = planPlacements(input);
    const second = planPlacements(structuredClone(input));
    expect(second).toEqual(first);
    expect(evaluatePlan(input, first).hardViolations).toBe(0);
  });
});

/**
 * The placement proposal (issue 14): a plan for 200 stalls on 280 spots over 2 days, timed (≤ 2 s),
 * and its quality next to a simple greedy baseline (stalls in list order, each on the first
 * fitting free run in walking order): hard-rule violations (must be 0), same-category
 * neighbours, wishes met, returning stallholders on their old spot. Pure rules, no database.
 * Runs inside `npm run bench`, or alone: npx tsx scripts/bench/placement.bench.ts
 */
import { pathToFileURL } from "node:url";
import { evaluatePlan, planPlacements, type Plan, type PlanInput, type PlanSpot, type PlanStall, type Wish } from "~/rules/placement-plan";
import { areNeighbours } from "~/rules/spot-fit";
import type { BenchRow } from "./context";

export const name = "placement";

/** A deterministic pseudo-random sequence (the bench must give the same street every run). */
function lcg(seed: number) {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

export function benchInput(): PlanInput {
  const random = lcg(14);
  const spots: PlanSpot[] = [];
  let id = 1;
  for (const side of ["left", "right"] as const) {
    let along = 0;
    for (let i = 1; i <= 140; i++) {
      along += i % 20 === 1 && i > 1 ? 15 : 3.5; // a side street every 20 spots
      spots.push({
        id: id++,
        code: `${side === "left" ? "N" : "Z"}-${String(i).padStart(3, "0")}`,
        side,
        alongM: along,
        widthCm: 300,
        depthCm: i % 9 === 0 ? 250 : 300,
        hasElectricity: i % 6 === 0,
        kind: i % 47 === 0 ? "blocked" : "stall",
      });
    }
  }
  const categories = ["food", "crafts", "books", "clothes", "plants", "games"];
  const stalls: PlanStall[] = [];
  for (let i = 0; i < 200; i++) {
    const roll = random();
    stalls.push({
      applicationId: 1000 + i,
      stallName: `Kraam ${i}`,
      frontageCm: roll < 0.12 ? 600 : roll < 0.15 ? 900 : 300,
      depthCm: random() < 0.1 ? 300 : 250,
      needsElectricity: random() < 0.18,
      categoryKey: categories[Math.floor(random() * categories.length)]!,
      dayIds: random() < 0.6 ? [1, 2] : random() < 0.5 ? [1] : [2],
    });
  }
  for (const stall of stalls) {
    if (random() < 0.3) {
      const spot = spots[Math.floor(random() * spots.length)]!;
      stall.previousSpotCodes = [spot.code];
      stall.previousYear = 2026;
    }
    if (random() < 0.25) {
      const wishes: Wish[] = [];
      const kind = random();
      if (kind < 0.5) wishes.push({ kind: "next_to", stallName: stalls[Math.floor(random() * stalls.length)]!.stallName });
      else if (kind < 0.75) wishes.push({ kind: "near_power" });
      else wishes.push({ kind: "near_square" });
      stall.wishes = wishes;
    }
  }
  return { spots, dayIds: [1, 2], fixed: [], stalls, caps: { food: 40 }, squareAlongM: 240 };
}

/** The baseline: each stall in list order on the first free run (walking order) that fits, on all its days. */
export function greedyPlan(input: PlanInput): Plan {
  const rows = (["left", "right"] as const).map((side) => input.spots.filter((s) => s.side === side).sort((a, b) => a.alongM - b.alongM));
  const taken = new Map<number, Set<number>>(input.dayIds.map((d) => [d, new Set()]));
  const perCategory = new Map<string, number>();
  const plan: Plan = { placements: [], unplaced: [], unmetWishes: [] };
  for (const stall of input.stalls) {
    const days = stall.dayIds.filter((d) => input.dayIds.includes(d));
    const cap = input.caps?.[stall.categoryKey];
    if (cap !== undefined && (perCategory.get(stall.categoryKey) ?? 0) >= cap) continue;
    let found: PlanSpot[] | null = null;
    for (const row of rows) {
      for (let start = 0; start < row.length && !found; start++) {
        const run: PlanSpot[] = [];
        let width = 0;
        for (let k = start; k < row.length && width < stall.frontageCm; k++) {
          const spot = row[k]!;
          if (k > start && !areNeighbours(row[k - 1]!, spot, row)) break;
          if (spot.kind === "blocked" || spot.depthCm < stall.depthCm || days.some((d) => taken.get(d)!.has(spot.id))) break;
          run.push(spot);
          width += spot.widthCm;
        }
        if (width >= stall.frontageCm && (!stall.needsElectricity || run.some((s) => s.hasElectricity))) found = run;
      }
      if (found) break;
    }
    if (!found) continue;
    for (const d of days) for (const s of found) taken.get(d)!.add(s.id);
    perCategory.set(stall.categoryKey, (perCategory.get(stall.categoryKey) ?? 0) + 1);
    plan.placements.push({ applicationId: stall.applicationId, stallName: stall.stallName, categoryKey: stall.categoryKey, dayIds: days, spotIds: found.map((s) => s.id), spotCodes: found.map((s) => s.code), reasons: [], notes: [] });
  }
  return plan;
}

export async function run(): Promise<BenchRow[]> {
  const input = benchInput();
  planPlacements(input); // warm up
  const times: number[] = [];
  let plan: Plan | undefined;
  for (let i = 0; i < 3; i++) {
    const began = performance.now();
    plan = planPlacements(input);
    times.push(performance.now() - began);
  }
  const ms = times.sort((a, b) => a - b)[1]!;
  const ours = evaluatePlan(input, plan!);
  const greedy = evaluatePlan(input, greedyPlan(input));
  const side = (a: number | string, b: number | string) => `${a} (greedy ${b})`;
  return [
    { metric: "plan 200 stalls, 280 spots, 2 days (median of 3)", value: `${(ms / 1000).toFixed(2)} s`, target: "≤ 2 s", ok: ms <= 2000 },
    { metric: "hard-rule violations", value: side(ours.hardViolations, greedy.hardViolations), target: "0", ok: ours.hardViolations === 0 },
    { metric: "stall-days placed", value: side(ours.placedStallDays, greedy.placedStallDays) },
    { metric: "same-category neighbours (pairs)", value: side(ours.sameCategoryPairs, greedy.sameCategoryPairs) },
    { metric: "wishes met", value: side(`${ours.wishesMet}/${ours.wishesTotal}`, `${greedy.wishesMet}/${greedy.wishesTotal}`) },
    { metric: "returning on their old spot", value: side(`${ours.returningOnOldSpot}/${ours.returningTotal}`, `${greedy.returningOnOldSpot}/${greedy.returningTotal}`) },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const row of await run()) console.info(`${row.metric}: ${row.value}${row.target ? ` (target ${row.target})` : ""}`);
}

/**
 * The placement proposal's goals as the organisers set them on /organiser/map/goals (issue 14):
 * how much each goal weighs (off, low, normal, high), a maximum number of stalls per category and
 * a zone of spots per category. One schema for the page and the server; field errors are
 * organiser message keys, with the codes that do not exist as a parameter.
 */
import * as z from "zod";
import { DEFAULT_WEIGHTS, type CategoryZone, type PlanWeights } from "~/rules/placement-plan";
import { parseSpotCodeList } from "~/rules/spot-code-runs";

export const GOALS = ["returning", "wish", "sameCategory", "zone"] as const;
export type Goal = (typeof GOALS)[number];
export const WEIGHT_LEVELS = ["off", "low", "normal", "high"] as const;
export type WeightLevel = (typeof WEIGHT_LEVELS)[number];

// A level is a multiple of the planner's own default weight, so "normal" is what it was built with.
const FACTOR: Record<WeightLevel, number> = { off: 0, low: 0.5, normal: 1, high: 2 };

export const weightOfLevel = (goal: Goal, level: WeightLevel) => Math.round(DEFAULT_WEIGHTS[goal] * FACTOR[level]);

/** The level closest to a stored weight (weights saved before there were levels land on the nearest). */
export function levelOfWeight(goal: Goal, weight: number): WeightLevel {
  if (weight <= 0) return "off";
  const ratio = weight / DEFAULT_WEIGHTS[goal];
  let best: WeightLevel = "normal";
  for (const level of WEIGHT_LEVELS) if (level !== "off" && Math.abs(FACTOR[level] - ratio) < Math.abs(FACTOR[best] - ratio)) best = level;
  return best;
}

export const weightField = (goal: Goal) => `weight.${goal}`;
export const capField = (categoryKey: string) => `cap.${categoryKey}`;
export const zoneField = (categoryKey: string) => `zone.${categoryKey}`;

export interface PlacementGoals {
  weights: Pick<PlanWeights, Goal>;
  caps: Record<string, number>;
  zones: CategoryZone[];
}

/** The schema for this edition: a cap and a zone field per category, zones checked against its spot codes. */
export function placementGoalsSchema(edition: { categoryKeys: readonly string[]; spotCodes: readonly string[] }) {
  const shape: Record<string, z.ZodType> = {};
  for (const goal of GOALS) shape[weightField(goal)] = z.enum(WEIGHT_LEVELS, { message: "organiser.errChoose" }).default("normal");
  for (const key of edition.categoryKeys) {
    shape[capField(key)] = z
      .string()
      .trim()
      .default("")
      .refine((v) => v === "" || /^\d+$/.test(v), "organiser.errWholeNumber")
      .refine((v) => v === "" || Number(v) <= 999, "organiser.errCapTooHigh")
      .transform((v) => (v === "" ? null : Number(v)));
    shape[zoneField(key)] = z
      .string()
      .max(2000, "organiser.errTooLong")
      .default("")
      .transform((v, ctx) => {
        const read = parseSpotCodeList(v, edition.spotCodes);
        if (read.ok) return read.codes;
        ctx.addIssue({ code: "custom", message: `organiser.errUnknownSpotCodes?codes=${encodeURIComponent(read.unknown.join(", "))}` });
        return z.NEVER;
      });
  }
  return z.object(shape).transform((data): PlacementGoals => {
    const weights = Object.fromEntries(GOALS.map((goal) => [goal, weightOfLevel(goal, data[weightField(goal)] as WeightLevel)])) as PlacementGoals["weights"];
    const caps: Record<string, number> = {};
    const zones: CategoryZone[] = [];
    for (const key of edition.categoryKeys) {
      const cap = data[capField(key)] as number | null;
      if (cap !== null) caps[key] = cap;
      const codes = data[zoneField(key)] as string[];
      if (codes.length > 0) zones.push({ categoryKey: key, spotCodes: codes });
    }
    return { weights, caps, zones };
  });
}

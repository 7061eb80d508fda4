/**
 * Whether a stall may stand on a spot (or a run of adjacent spots) on a day, and what an organiser
 * should be warned about. Hard problems refuse the assignment; warnings may be accepted with a
 * reason.
 */
export type SpotKind = "stall" | "food_truck" | "activity" | "blocked";

export interface FitSpot {
  id: number;
  code: string;
  side: "left" | "right" | null;
  alongM: number;
  widthCm: number;
  depthCm: number;
  hasElectricity: boolean;
  kind: SpotKind;
}

export interface FitStall {
  applicationId: number;
  stallName: string;
  frontageCm: number;
  depthCm: number;
  needsElectricity: boolean;
  categoryKey: string;
  /** The market days the stallholder applied for. */
  dayIds: number[];
}

/** Who stands where on one day: spot id → the stall there. */
export type Occupancy = Map<number, { applicationId: number; stallName: string; categoryKey: string }>;

export type HardProblem =
  | { code: "spot_taken"; spotCode: string; takenBy: string }
  | { code: "blocked_spot"; spotCode: string }
  | { code: "day_not_applied" }
  | { code: "spots_not_adjacent" }
  | { code: "no_spots" };

export type Warning =
  | { code: "too_small"; needCm: number; haveCm: number; dimension: "frontage" | "depth" }
  | { code: "no_electricity" }
  | { code: "same_category_neighbour"; neighbourCode: string; neighbourName: string };

export type WarningCode = Warning["code"];

export interface FitResult {
  hard: HardProblem[];
  warnings: Warning[];
}

/** Spots further apart than this (edge to edge) are not neighbours: a side street or the square lies between. */
export const MAX_NEIGHBOUR_GAP_M = 3;

/** The spots on the same side as `spot`, in walking order. */
function sameSide(spot: FitSpot, all: FitSpot[]): FitSpot[] {
  return all.filter((s) => s.side !== null && s.side === spot.side).sort((a, b) => a.alongM - b.alongM);
}

/** Whether two spots stand next to each other on the same side with no gap wider than MAX_NEIGHBOUR_GAP_M. */
export function areNeighbours(a: FitSpot, b: FitSpot, all: FitSpot[]): boolean {
  if (a.side === null || a.side !== b.side || a.id === b.id) return false;
  const row = sameSide(a, all);
  const ia = row.findIndex((s) => s.id === a.id);
  const ib = row.findIndex((s) => s.id === b.id);
  if (Math.abs(ia - ib) !== 1) return false;
  const edgeGap = Math.abs(a.alongM - b.alongM) - (a.widthCm + b.widthCm) / 200;
  return edgeGap <= MAX_NEIGHBOUR_GAP_M + 1e-6;
}

/** Whether `run` is a contiguous run of neighbouring spots on one side (any order given). */
export function isAdjacentRun(run: FitSpot[], all: FitSpot[]): boolean {
  if (run.length <= 1) return true;
  const ordered = [...run].sort((a, b) => a.alongM - b.alongM);
  return ordered.every((spot, i) => i === 0 || areNeighbours(ordered[i - 1]!, spot, all));
}

export function neighboursOf(run: FitSpot[], all: FitSpot[]): FitSpot[] {
  const inRun = new Set(run.map((s) => s.id));
  return all.filter((candidate) => !inRun.has(candidate.id) && run.some((s) => areNeighbours(s, candidate, all)));
}

export function checkFit(
  stall: FitStall,
  run: FitSpot[],
  dayId: number,
  occupancy: Occupancy,
  all: FitSpot[],
): FitResult {
  const hard: HardProblem[] = [];
  const warnings: Warning[] = [];
  if (run.length === 0) return { hard: [{ code: "no_spots" }], warnings };
  if (!stall.dayIds.includes(dayId)) hard.push({ code: "day_not_applied" });
  for (const spot of run) {
    if (spot.kind === "blocked") hard.push({ code: "blocked_spot", spotCode: spot.code });
    const occupant = occupancy.get(spot.id);
    if (occupant && occupant.applicationId !== stall.applicationId) {
      hard.push({ code: "spot_taken", spotCode: spot.code, takenBy: occupant.stallName });
    }
  }
  if (!isAdjacentRun(run, all)) hard.push({ code: "spots_not_adjacent" });

  const frontageCm = run.reduce((sum, s) => sum + s.widthCm, 0);
  if (stall.frontageCm > frontageCm) {
    warnings.push({ code: "too_small", dimension: "frontage", needCm: stall.frontageCm, haveCm: frontageCm });
  }
  const depthCm = Math.min(...run.map((s) => s.depthCm));
  if (stall.depthCm > depthCm) {
    warnings.push({ code: "too_small", dimension: "depth", needCm: stall.depthCm, haveCm: depthCm });
  }
  if (stall.needsElectricity && !run.some((s) => s.hasElectricity)) warnings.push({ code: "no_electricity" });
  for (const neighbour of neighboursOf(run, all)) {
    const occupant = occupancy.get(neighbour.id);
    if (occupant && occupant.applicationId !== stall.applicationId && occupant.categoryKey === stall.categoryKey) {
      warnings.push({ code: "same_category_neighbour", neighbourCode: neighbour.code, neighbourName: occupant.stallName });
    }
  }
  return { hard, warnings };
}

/** Warnings not covered by what the organiser accepted. */
export function unacceptedWarnings(result: FitResult, accepted: readonly WarningCode[]): Warning[] {
  return result.warnings.filter((w) => !accepted.includes(w.code));
}

/**
 * A placement that goes against a warning is kept only with a reason, so the next organiser (and
 * the history) knows why. Warnings accepted in advance that do not apply need none.
 */
export function needsAcceptReason(applyingWarnings: readonly Warning[], reason: string | undefined): boolean {
  return applyingWarnings.length > 0 && (reason ?? "").trim() === "";
}

/**
 * The run a stall takes when dropped on `start`: `start` and as many neighbours after it (then
 * before it) as its frontage needs. Returns the shortest such run of spots not taken by others,
 * or just `[start]` when none is long enough (the fit check then warns "too small").
 */
export function runFrom(start: FitSpot, stall: Pick<FitStall, "frontageCm" | "applicationId">, all: FitSpot[], occupancy: Occupancy): FitSpot[] {
  const free = (s: FitSpot) => {
    const occupant = occupancy.get(s.id);
    return s.kind !== "blocked" && (!occupant || occupant.applicationId === stall.applicationId);
  };
  if (start.side === null) return [start];
  const row = sameSide(start, all);
  const index = row.findIndex((s) => s.id === start.id);
  const run = [start];
  let width = start.widthCm;
  // Forward first (walking order), then backward.
  for (let i = index + 1; width < stall.frontageCm && i < row.length; i++) {
    const next = row[i]!;
    if (!free(next) || !areNeighbours(row[i - 1]!, next, all)) break;
    run.push(next);
    width += next.widthCm;
  }
  for (let i = index - 1; width < stall.frontageCm && i >= 0; i--) {
    const previous = row[i]!;
    if (!free(previous) || !areNeighbours(previous, row[i + 1]!, all)) break;
    run.unshift(previous);
    width += previous.widthCm;
  }
  return width >= stall.frontageCm ? run : [start];
}

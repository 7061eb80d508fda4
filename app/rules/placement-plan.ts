/**
 * The placement proposal ("Indeling voorstellen", issue 14): which spot, or run of adjacent spots,
 * each approved stall that is not placed yet should get. Pure: no database, no clock, no
 * randomness; the same input gives the same plan.
 *
 * Hard rules are never broken: the spot-fit rules (frontage and depth, electricity, spot kind,
 * blocked spots), runs of neighbouring spots on one side for wide stalls, one stall per spot-day,
 * the days a stall applied for, fixed (locked or kept) placements, and caps per category.
 * Goals are weighed (organisers can change the weights): the same spot as last edition, the
 * stallholder's wishes, no two stalls of one category side by side, category zones, and not
 * spending power spots or width on stalls that do not need them.
 *
 * Algorithm: most-constrained-first greedy (fewest possible runs on the empty street first, then
 * power need, width, returning stallholders), each stall taking its best-scoring free run;
 * then a bounded local-improvement pass (moves to a free run, swaps of two stalls) that only
 * accepts changes raising the total score. Ties break on side, position along the street, code.
 */
import { areNeighbours, checkFit, isAdjacentRun, type FitSpot, type FitStall, type Occupancy, type SpotKind } from "./spot-fit";

export type PlanSpot = FitSpot;

export type Wish =
  | { kind: "next_to"; stallName: string }
  | { kind: "near_power" }
  | { kind: "near_square" }
  | { kind: "house_number"; houseNumber: string };

/** A stall to place: what the fit rules need (spot-fit.ts), plus wishes and last edition's spot. */
export interface PlanStall extends FitStall {
  wishes?: Wish[];
  /** Spot codes this stallholder had last edition (matched by e-mail or stall name by the caller). */
  previousSpotCodes?: string[];
  previousYear?: number;
  /** Spot kinds this stall may stand on; default every kind but blocked. */
  spotKinds?: SpotKind[];
}

/** A placement that stays where it is: locked by an organiser, or kept when only the unplaced are planned. */
export interface FixedPlacement {
  applicationId: number;
  stallName: string;
  categoryKey: string;
  dayId: number;
  spotIds: number[];
  locked: boolean;
}

export interface PlanWeights {
  /** Same spot as last edition, for a returning stallholder. */
  returning: number;
  /** Each wish met. */
  wish: number;
  /** Each pair of neighbouring stalls of one category (a penalty). */
  sameCategory: number;
  /** In its category's zone (and the same as a penalty outside it). */
  zone: number;
  /** A power spot used by a stall that does not need power (a penalty). */
  powerWaste: number;
  /** Per metre of frontage more than the stall needs (a penalty). */
  widthWaste: number;
  /** Taking a spot a returning stallholder still waiting had last year (a penalty). */
  reserved: number;
  /** The same run as the stall has on its other days. */
  sameAcrossDays: number;
}

export const DEFAULT_WEIGHTS: PlanWeights = {
  returning: 100,
  wish: 50,
  sameCategory: 40,
  zone: 30,
  powerWaste: 25,
  widthWaste: 2,
  reserved: 60,
  sameAcrossDays: 20,
};

export interface CategoryZone {
  categoryKey: string;
  spotCodes: string[];
}

export interface PlanInput {
  spots: PlanSpot[];
  /** The days to plan (one day, or all days). */
  dayIds: number[];
  fixed: FixedPlacement[];
  /** Approved stalls to place, in the organisers' order (it decides who gets a capped place). */
  stalls: PlanStall[];
  weights?: Partial<PlanWeights>;
  /** At most this many stalls per category key. */
  caps?: Record<string, number>;
  zones?: CategoryZone[];
  /** Where the church square is along the street, for "near the church square". */
  squareAlongM?: number;
  /** Within this many metres of the square counts as near (default 40). */
  squareRadiusM?: number;
  /** House numbers along the street, for residents who want to stand in front of their house. */
  houses?: { houseNumber: string; side: "left" | "right" | null; alongM: number }[];
}

export type PlacementReason =
  | { code: "same_spot_as_last"; year: number | null }
  | { code: "power_needed" }
  | { code: "wish_next_to"; stallName: string }
  | { code: "wish_near_power" }
  | { code: "wish_near_square" }
  | { code: "wish_house_number"; houseNumber: string }
  | { code: "in_zone" }
  | { code: "run_of_spots"; count: number; widthCm: number }
  | { code: "same_spot_all_days" }
  | { code: "fits"; frontageCm: number };

export type PlacementNote = { code: "same_category_neighbour"; neighbourName: string } | { code: "outside_zone" };

export interface ProposedPlacement {
  applicationId: number;
  stallName: string;
  categoryKey: string;
  dayIds: number[];
  spotIds: number[];
  spotCodes: string[];
  reasons: PlacementReason[];
  /** Goals this placement does not meet (shown, never hidden). */
  notes: PlacementNote[];
}

export type UnplacedReason =
  | { code: "cap_reached"; categoryKey: string; cap: number }
  | { code: "no_days" }
  | { code: "no_spot_big_enough"; frontageCm: number; depthCm: number; needsElectricity: boolean }
  | { code: "no_free_spot"; frontageCm: number; depthCm: number; needsElectricity: boolean };

export interface UnplacedStall {
  applicationId: number;
  stallName: string;
  dayIds: number[];
  reason: UnplacedReason;
}

export type UnmetWishReason = "other_stall_unknown" | "other_stall_not_placed" | "house_unknown" | "square_unknown" | "no_room";

export interface UnmetWish {
  applicationId: number;
  stallName: string;
  wish: Wish;
  reason: UnmetWishReason;
}

export interface Plan {
  placements: ProposedPlacement[];
  unplaced: UnplacedStall[];
  unmetWishes: UnmetWish[];
}

// ---------------------------------------------------------------------------------------------

interface Occupant {
  applicationId: number;
  stallName: string;
  categoryKey: string;
  /** Index into `stalls`, or -1 for a fixed placement. */
  stall: number;
}

interface Street {
  spots: PlanSpot[];
  indexById: Map<number, number>;
  indexByCode: Map<string, number>;
  /** Per spot: the neighbouring spot before/after it on its side (-1: none). */
  prev: Int32Array;
  next: Int32Array;
  rows: number[][];
  /** A stable order of spots: side, along, code. */
  rank: Int32Array;
}

function buildStreet(spots: PlanSpot[]): Street {
  const indexById = new Map(spots.map((s, i) => [s.id, i]));
  const indexByCode = new Map(spots.map((s, i) => [s.code, i]));
  const prev = new Int32Array(spots.length).fill(-1);
  const next = new Int32Array(spots.length).fill(-1);
  const rows: number[][] = [];
  for (const side of ["left", "right"] as const) {
    const row = spots
      .map((_, i) => i)
      .filter((i) => spots[i]!.side === side)
      .sort((a, b) => spots[a]!.alongM - spots[b]!.alongM || spots[a]!.code.localeCompare(spots[b]!.code));
    const rowSpots = row.map((i) => spots[i]!);
    for (let k = 1; k < row.length; k++) {
      // spot-fit's own neighbour rule, once per consecutive pair.
      if (areNeighbours(rowSpots[k - 1]!, rowSpots[k]!, rowSpots)) {
        next[row[k - 1]!] = row[k]!;
        prev[row[k]!] = row[k - 1]!;
      }
    }
    rows.push(row);
  }
  // Spots off the street stand alone.
  rows.push(spots.map((_, i) => i).filter((i) => spots[i]!.side === null).sort((a, b) => spots[a]!.code.localeCompare(spots[b]!.code)));
  const rank = new Int32Array(spots.length);
  let r = 0;
  for (const row of rows) for (const i of row) rank[i] = r++;
  return { spots, indexById, indexByCode, prev, next, rows, rank };
}

/** Every minimal run of neighbouring spots (walking order) on which the stall fits on an empty street. */
function staticRuns(stall: PlanStall, street: Street): number[][] {
  const kinds = stall.spotKinds;
  const usable = (i: number) => {
    const s = street.spots[i]!;
    return s.kind !== "blocked" && (!kinds || kinds.includes(s.kind)) && s.depthCm >= stall.depthCm;
  };
  const runs: number[][] = [];
  for (const row of street.rows) {
    for (const start of row) {
      if (!usable(start)) continue;
      const run = [start];
      let width = street.spots[start]!.widthCm;
      let at = start;
      while (width < stall.frontageCm) {
        const n = street.next[at]!;
        if (n < 0 || !usable(n)) break;
        run.push(n);
        width += street.spots[n]!.widthCm;
        at = n;
      }
      if (width < stall.frontageCm) continue;
      if (stall.needsElectricity && !run.some((i) => street.spots[i]!.hasElectricity)) continue;
      runs.push(run);
    }
  }
  return runs;
}

/** Standing within this many metres of a house number counts as "in front of" it. */
export const HOUSE_RADIUS_M = 5;

const normalise = (name: string) =>
  name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();

interface State {
  input: PlanInput;
  w: PlanWeights;
  street: Street;
  stalls: PlanStall[];
  /** day id → per spot index the occupant, or undefined. */
  occ: Map<number, (Occupant | undefined)[]>;
  /** Per stall: the days still to place within the plan's days. */
  needDays: number[][];
  /** Per stall: the runs it has on fixed days (for "same run on all days"). */
  fixedRunKey: (string | null)[];
  runs: number[][][];
  /** Per stall: planned run per day. */
  planned: Map<number, number[]>[];
  /** Per stall: indexes of spots it had last year. */
  previous: number[][];
  /** Spot index → stalls (indexes) that had it last year. */
  reservedBy: Map<number, number[]>;
  /** Stall name (normalised) → application ids, over stalls and fixed placements. */
  byName: Map<string, Set<number>>;
  zoneOf: Map<string, Set<number>>;
  houses: Map<string, { side: "left" | "right" | null; alongM: number }>;
}

function centreAlong(state: State, run: number[]): number {
  let sum = 0;
  for (const i of run) sum += state.street.spots[i]!.alongM;
  return sum / run.length;
}

/** The spots directly before and after a run on its side. */
function runNeighbours(state: State, run: number[]): number[] {
  const out: number[] = [];
  const first = state.street.prev[run[0]!]!;
  const last = state.street.next[run[run.length - 1]!]!;
  if (first >= 0) out.push(first);
  if (last >= 0) out.push(last);
  return out;
}

function isFree(state: State, s: number, run: number[], days: number[]): boolean {
  for (const day of days) {
    const occ = state.occ.get(day)!;
    for (const i of run) {
      const o = occ[i];
      if (o && o.applicationId !== state.stalls[s]!.applicationId) return false;
    }
  }
  return true;
}

function wishMet(state: State, s: number, wish: Wish, run: number[], days: number[]): boolean {
  const spots = state.street.spots;
  switch (wish.kind) {
    case "near_power":
      return run.some((i) => spots[i]!.hasElectricity) || runNeighbours(state, run).some((i) => spots[i]!.hasElectricity);
    case "near_square": {
      if (state.input.squareAlongM === undefined) return false;
      return Math.abs(centreAlong(state, run) - state.input.squareAlongM) <= (state.input.squareRadiusM ?? 40);
    }
    case "house_number": {
      const house = state.houses.get(normalise(wish.houseNumber));
      if (!house) return false;
      const side = spots[run[0]!]!.side;
      return (house.side === null || house.side === side) && Math.abs(centreAlong(state, run) - house.alongM) <= HOUSE_RADIUS_M;
    }
    case "next_to": {
      const targets = state.byName.get(normalise(wish.stallName));
      if (!targets) return false;
      const me = state.stalls[s]!.applicationId;
      for (const n of runNeighbours(state, run)) {
        let everyDay = days.length > 0;
        for (const day of days) {
          const o = state.occ.get(day)![n];
          if (!o || o.applicationId === me || !targets.has(o.applicationId)) everyDay = false;
        }
        if (everyDay) return true;
      }
      return false;
    }
  }
}

/** The name of the neighbour that meets a "next to" wish (the wish as typed when none is found). */
function wishedNeighbourName(state: State, s: number, wished: string, run: number[], days: number[]): string {
  const targets = state.byName.get(normalise(wished));
  const me = state.stalls[s]!.applicationId;
  const day = days[0];
  if (!targets || day === undefined) return wished;
  for (const n of runNeighbours(state, run)) {
    const o = state.occ.get(day)![n];
    if (o && o.applicationId !== me && targets.has(o.applicationId)) return o.stallName;
  }
  return wished;
}

/** Whether stall `s` on `run` meets another stall's wish to stand next to it (for the pair term). */
function wishedByNeighbours(state: State, s: number, run: number[], days: number[]): number {
  const me = normalise(state.stalls[s]!.stallName);
  let count = 0;
  for (const n of runNeighbours(state, run)) {
    const seen = new Set<number>();
    for (const day of days) {
      const o = state.occ.get(day)![n];
      if (!o || o.stall < 0 || seen.has(o.stall) || o.stall === s) continue;
      seen.add(o.stall);
      const other = state.stalls[o.stall]!;
      if (other.wishes?.some((w) => w.kind === "next_to" && normalise(w.stallName) === me)) count++;
    }
  }
  return count;
}

function sameCategoryNeighbours(state: State, s: number, run: number[], days: number[]): Occupant[] {
  const stall = state.stalls[s]!;
  const found: Occupant[] = [];
  for (const n of runNeighbours(state, run)) {
    for (const day of days) {
      const o = state.occ.get(day)![n];
      if (o && o.applicationId !== stall.applicationId && o.categoryKey === stall.categoryKey) {
        if (!found.some((f) => f.applicationId === o.applicationId)) found.push(o);
      }
    }
  }
  return found;
}

function returningMatch(state: State, s: number, run: number[]): number {
  const previous = state.previous[s]!;
  if (previous.length === 0) return 0;
  const hits = previous.filter((i) => run.includes(i)).length;
  if (hits === 0) return 0;
  return hits === previous.length ? 1 : 0.5;
}

/** The score of stall `s` standing on `run` on `days`, given everyone else where they are now. */
function score(state: State, s: number, run: number[], days: number[]): number {
  const { w, street } = state;
  const stall = state.stalls[s]!;
  let total = 0;
  let width = 0;
  let power = false;
  for (const i of run) {
    width += street.spots[i]!.widthCm;
    if (street.spots[i]!.hasElectricity) power = true;
  }
  total -= ((width - stall.frontageCm) / 100) * w.widthWaste;
  if (power && !stall.needsElectricity) total -= w.powerWaste;
  total += returningMatch(state, s, run) * w.returning;
  for (const wish of stall.wishes ?? []) if (wishMet(state, s, wish, run, days)) total += w.wish;
  total += wishedByNeighbours(state, s, run, days) * w.wish;
  total -= sameCategoryNeighbours(state, s, run, days).length * w.sameCategory;
  const zone = state.zoneOf.get(stall.categoryKey);
  if (zone) total += run.every((i) => zone.has(i)) ? w.zone : -w.zone;
  for (const i of run) {
    for (const other of state.reservedBy.get(i) ?? []) {
      if (other !== s && state.planned[other]!.size === 0 && state.needDays[other]!.length > 0) total -= w.reserved;
    }
  }
  const key = state.fixedRunKey[s];
  if (key !== null && key === runKey(state, run)) total += w.sameAcrossDays;
  return total;
}

function runKey(state: State, run: number[]): string {
  return run.map((i) => state.street.spots[i]!.id).join(",");
}

function put(state: State, s: number, run: number[], days: number[]) {
  const stall = state.stalls[s]!;
  const occupant: Occupant = { applicationId: stall.applicationId, stallName: stall.stallName, categoryKey: stall.categoryKey, stall: s };
  for (const day of days) {
    const occ = state.occ.get(day)!;
    for (const i of run) occ[i] = occupant;
    state.planned[s]!.set(day, run);
  }
}

function lift(state: State, s: number, days: number[]) {
  for (const day of days) {
    const run = state.planned[s]!.get(day);
    if (!run) continue;
    const occ = state.occ.get(day)!;
    for (const i of run) occ[i] = undefined;
    state.planned[s]!.delete(day);
  }
}

function compareRuns(state: State, a: number[], b: number[]): number {
  return state.street.rank[a[0]!]! - state.street.rank[b[0]!]! || a.length - b.length;
}

/** The best free run for stall `s` on all of `days`, or null. */
function bestRun(state: State, s: number, days: number[]): { run: number[]; score: number } | null {
  let best: { run: number[]; score: number } | null = null;
  for (const run of state.runs[s]!) {
    if (!isFree(state, s, run, days)) continue;
    const value = score(state, s, run, days);
    if (!best || value > best.score + 1e-9 || (Math.abs(value - best.score) <= 1e-9 && compareRuns(state, run, best.run) < 0)) {
      best = { run, score: value };
    }
  }
  return best;
}

/** Groups a stall's planned days by run (a stall normally has one run on all its days). */
function plannedGroups(state: State, s: number): { run: number[]; days: number[] }[] {
  const groups = new Map<string, { run: number[]; days: number[] }>();
  for (const [day, run] of [...state.planned[s]!.entries()].sort((a, b) => a[0] - b[0])) {
    const key = runKey(state, run);
    const group = groups.get(key) ?? { run, days: [] };
    group.days.push(day);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function placeStall(state: State, s: number) {
  const days = state.needDays[s]!;
  const together = bestRun(state, s, days);
  if (together) {
    put(state, s, together.run, days);
    return;
  }
  // No run free on all its days: place each day on its own.
  for (const day of days) {
    const alone = bestRun(state, s, [day]);
    if (alone) put(state, s, alone.run, [day]);
  }
}

function improve(state: State, order: number[]) {
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    // Moves to a better free run.
    for (const s of order) {
      for (const group of plannedGroups(state, s)) {
        const current = score(state, s, group.run, group.days);
        lift(state, s, group.days);
        const best = bestRun(state, s, group.days);
        if (best && best.score > current + 1e-6) {
          put(state, s, best.run, group.days);
          changed = true;
        } else {
          put(state, s, group.run, group.days);
        }
      }
    }
    // Swaps of two stalls that each fit where the other stands, on the same days.
    const single = order.filter((s) => plannedGroups(state, s).length === 1);
    const runSets = new Map<number, Set<string>>();
    const fitsOn = (s: number, run: number[]) => {
      let set = runSets.get(s);
      if (!set) {
        set = new Set(state.runs[s]!.map((r) => runKey(state, r)));
        runSets.set(s, set);
      }
      return set.has(runKey(state, run));
    };
    for (let x = 0; x < single.length; x++) {
      const a = single[x]!;
      const ga = plannedGroups(state, a)[0]!;
      const scoreA = score(state, a, ga.run, ga.days);
      const unhappy = scoreA < 0 || (state.stalls[a]!.wishes?.length ?? 0) > 0 || state.previous[a]!.length > 0;
      if (!unhappy) continue;
      for (let y = 0; y < single.length; y++) {
        const b = single[y]!;
        if (a === b) continue;
        const gb = plannedGroups(state, b)[0]!;
        if (ga.days.join() !== gb.days.join() || !fitsOn(a, gb.run) || !fitsOn(b, ga.run)) continue;
        const before = score(state, a, ga.run, ga.days) + score(state, b, gb.run, gb.days);
        lift(state, a, ga.days);
        lift(state, b, gb.days);
        put(state, a, gb.run, gb.days);
        put(state, b, ga.run, ga.days);
        const after = score(state, a, gb.run, gb.days) + score(state, b, ga.run, ga.days);
        if (after > before + 1e-6) {
          changed = true;
          break;
        }
        lift(state, a, gb.days);
        lift(state, b, ga.days);
        put(state, a, ga.run, ga.days);
        put(state, b, gb.run, gb.days);
      }
    }
    if (!changed) break;
  }
}

function makeState(input: PlanInput) {
  const w: PlanWeights = { ...DEFAULT_WEIGHTS, ...input.weights };
  const street = buildStreet(input.spots);
  const planDays = [...new Set(input.dayIds)].sort((a, b) => a - b);
  const stalls = input.stalls;
  const occ = new Map<number, (Occupant | undefined)[]>();
  for (const day of planDays) occ.set(day, new Array<Occupant | undefined>(input.spots.length).fill(undefined));

  const fixedDays = new Map<number, Map<number, number[]>>();
  const byName = new Map<string, Set<number>>();
  const addName = (name: string, id: number) => {
    const key = normalise(name);
    byName.set(key, (byName.get(key) ?? new Set()).add(id));
  };
  const counted = new Map<string, Set<number>>();
  for (const f of input.fixed) {
    addName(f.stallName, f.applicationId);
    (counted.get(f.categoryKey) ?? counted.set(f.categoryKey, new Set()).get(f.categoryKey)!).add(f.applicationId);
    const runIdx = f.spotIds.map((id) => street.indexById.get(id)).filter((i): i is number => i !== undefined);
    (fixedDays.get(f.applicationId) ?? fixedDays.set(f.applicationId, new Map()).get(f.applicationId)!).set(f.dayId, runIdx);
    const dayOcc = occ.get(f.dayId);
    if (!dayOcc) continue;
    for (const i of runIdx) dayOcc[i] = { applicationId: f.applicationId, stallName: f.stallName, categoryKey: f.categoryKey, stall: -1 };
  }
  for (const s of stalls) addName(s.stallName, s.applicationId);

  const zoneOf = new Map<string, Set<number>>();
  for (const zone of input.zones ?? []) {
    const set = zoneOf.get(zone.categoryKey) ?? new Set<number>();
    for (const code of zone.spotCodes) {
      const i = street.indexByCode.get(code);
      if (i !== undefined) set.add(i);
    }
    zoneOf.set(zone.categoryKey, set);
  }

  const state: State = {
    input,
    w,
    street,
    stalls,
    occ,
    needDays: stalls.map((s) => {
      const fixed = fixedDays.get(s.applicationId);
      return planDays.filter((d) => s.dayIds.includes(d) && !fixed?.has(d));
    }),
    fixedRunKey: [],
    runs: stalls.map((s) => staticRuns(s, street)),
    planned: stalls.map(() => new Map()),
    previous: stalls.map((s) =>
      (s.previousSpotCodes ?? []).map((code) => street.indexByCode.get(code)).filter((i): i is number => i !== undefined),
    ),
    reservedBy: new Map(),
    byName,
    zoneOf,
    houses: new Map((input.houses ?? []).map((h) => [normalise(h.houseNumber), { side: h.side, alongM: h.alongM }])),
  };
  state.fixedRunKey = stalls.map((s) => {
    const runs = [...(fixedDays.get(s.applicationId)?.values() ?? [])];
    return runs.length > 0 ? runKey(state, runs[0]!) : null;
  });
  state.previous.forEach((list, s) => {
    for (const i of list) state.reservedBy.set(i, [...(state.reservedBy.get(i) ?? []), s]);
  });
  return { state, fixedDays, counted };
}

export function planPlacements(input: PlanInput): Plan {
  const { state, fixedDays, counted } = makeState(input);
  const stalls = input.stalls;

  const unplaced: UnplacedStall[] = [];
  const size = (s: PlanStall) => ({ frontageCm: s.frontageCm, depthCm: s.depthCm, needsElectricity: s.needsElectricity });

  // Caps: who may be placed at all. Stalls already standing count; then returning stallholders,
  // then the organisers' order.
  const capped = new Set<number>();
  const waiting: number[] = [];
  for (const [categoryKey, cap] of Object.entries(input.caps ?? {})) {
    const already = counted.get(categoryKey) ?? new Set<number>();
    const candidates = stalls
      .map((s, i) => i)
      .filter((i) => stalls[i]!.categoryKey === categoryKey && !already.has(stalls[i]!.applicationId) && state.needDays[i]!.length > 0)
      .sort((a, b) => Number(state.previous[b]!.length > 0) - Number(state.previous[a]!.length > 0) || a - b);
    const room = Math.max(0, cap - already.size);
    candidates.slice(room).forEach((i) => {
      capped.add(i);
      waiting.push(i);
    });
  }

  const order = stalls
    .map((_, i) => i)
    .filter((i) => !capped.has(i) && state.needDays[i]!.length > 0)
    .sort((a, b) => {
      const sa = stalls[a]!;
      const sb = stalls[b]!;
      return (
        state.runs[a]!.length - state.runs[b]!.length ||
        Number(sb.needsElectricity) - Number(sa.needsElectricity) ||
        sb.frontageCm - sa.frontageCm ||
        Number(state.previous[b]!.length > 0) - Number(state.previous[a]!.length > 0) ||
        state.needDays[b]!.length - state.needDays[a]!.length ||
        a - b
      );
    });
  for (const s of order) placeStall(state, s);

  // A capped category with room left (a stall within the cap could not be placed): the next in line.
  for (const [categoryKey, cap] of Object.entries(input.caps ?? {})) {
    const placedCount = () =>
      (counted.get(categoryKey)?.size ?? 0) +
      stalls.filter((s, i) => s.categoryKey === categoryKey && state.planned[i]!.size > 0 && !counted.get(categoryKey)?.has(s.applicationId)).length;
    for (const s of waiting.filter((i) => stalls[i]!.categoryKey === categoryKey)) {
      if (placedCount() >= cap) break;
      capped.delete(s);
      placeStall(state, s);
      if (state.planned[s]!.size > 0) order.push(s);
    }
  }

  improve(state, order);

  // Results.
  const placements: ProposedPlacement[] = [];
  const unmetWishes: UnmetWish[] = [];
  stalls.forEach((stall, s) => {
    const need = state.needDays[s]!;
    if (need.length === 0) {
      if (!fixedDays.has(stall.applicationId)) unplaced.push({ applicationId: stall.applicationId, stallName: stall.stallName, dayIds: [], reason: { code: "no_days" } });
      return;
    }
    if (capped.has(s)) {
      unplaced.push({ applicationId: stall.applicationId, stallName: stall.stallName, dayIds: need, reason: { code: "cap_reached", categoryKey: stall.categoryKey, cap: input.caps![stall.categoryKey]! } });
      return;
    }
    const missing = need.filter((d) => !state.planned[s]!.has(d));
    if (missing.length > 0) {
      unplaced.push({
        applicationId: stall.applicationId,
        stallName: stall.stallName,
        dayIds: missing,
        reason: state.runs[s]!.length === 0 ? { code: "no_spot_big_enough", ...size(stall) } : { code: "no_free_spot", ...size(stall) },
      });
    }
    const groups = plannedGroups(state, s);
    for (const group of groups) placements.push(describe(state, s, group.run, group.days, groups.length === 1 && missing.length === 0));
    if (groups.length === 0) {
      for (const wish of stall.wishes ?? []) unmetWishes.push({ applicationId: stall.applicationId, stallName: stall.stallName, wish, reason: "no_room" });
      return;
    }
    for (const wish of stall.wishes ?? []) {
      if (groups.every((g) => wishMet(state, s, wish, g.run, g.days))) continue;
      unmetWishes.push({ applicationId: stall.applicationId, stallName: stall.stallName, wish, reason: unmetReason(state, s, wish) });
    }
  });
  placements.sort((a, b) => a.stallName.localeCompare(b.stallName) || a.applicationId - b.applicationId || a.dayIds[0]! - b.dayIds[0]!);
  unplaced.sort((a, b) => a.stallName.localeCompare(b.stallName) || a.applicationId - b.applicationId);
  return { placements, unplaced, unmetWishes };
}

function unmetReason(state: State, s: number, wish: Wish): UnmetWishReason {
  switch (wish.kind) {
    case "next_to": {
      const targets = state.byName.get(normalise(wish.stallName));
      if (!targets || (targets.size === 1 && targets.has(state.stalls[s]!.applicationId))) return "other_stall_unknown";
      const placed = [...targets].some((id) => {
        for (const day of state.needDays[s]!) {
          if (state.occ.get(day)!.some((o) => o?.applicationId === id)) return true;
        }
        return false;
      });
      return placed ? "no_room" : "other_stall_not_placed";
    }
    case "house_number":
      return state.houses.has(normalise(wish.houseNumber)) ? "no_room" : "house_unknown";
    case "near_square":
      return state.input.squareAlongM === undefined ? "square_unknown" : "no_room";
    case "near_power":
      return "no_room";
  }
}

function describe(state: State, s: number, run: number[], days: number[], allDays: boolean): ProposedPlacement {
  const stall = state.stalls[s]!;
  const spots = run.map((i) => state.street.spots[i]!);
  const reasons: PlacementReason[] = [];
  const notes: PlacementNote[] = [];
  const match = returningMatch(state, s, run);
  if (match > 0) reasons.push({ code: "same_spot_as_last", year: stall.previousYear ?? null });
  if (stall.needsElectricity) reasons.push({ code: "power_needed" });
  for (const wish of stall.wishes ?? []) {
    if (!wishMet(state, s, wish, run, days)) continue;
    // The neighbour's own name, as the organisers know it (the wish is typed by the stallholder).
    if (wish.kind === "next_to") reasons.push({ code: "wish_next_to", stallName: wishedNeighbourName(state, s, wish.stallName, run, days) });
    else if (wish.kind === "near_power") reasons.push({ code: "wish_near_power" });
    else if (wish.kind === "near_square") reasons.push({ code: "wish_near_square" });
    else reasons.push({ code: "wish_house_number", houseNumber: wish.houseNumber });
  }
  // A goal the organisers switched off is neither a reason nor a note.
  const zone = state.w.zone > 0 ? state.zoneOf.get(stall.categoryKey) : undefined;
  if (zone) {
    if (run.every((i) => zone.has(i))) reasons.push({ code: "in_zone" });
    else notes.push({ code: "outside_zone" });
  }
  const width = spots.reduce((sum, spot) => sum + spot.widthCm, 0);
  if (run.length > 1) reasons.push({ code: "run_of_spots", count: run.length, widthCm: width });
  if (state.fixedRunKey[s] !== null && state.fixedRunKey[s] === runKey(state, run)) reasons.push({ code: "same_spot_all_days" });
  else if (allDays && days.length > 1) reasons.push({ code: "same_spot_all_days" });
  if (reasons.length === 0) reasons.push({ code: "fits", frontageCm: stall.frontageCm });
  if (state.w.sameCategory > 0) for (const o of sameCategoryNeighbours(state, s, run, days)) notes.push({ code: "same_category_neighbour", neighbourName: o.stallName });
  return {
    applicationId: stall.applicationId,
    stallName: stall.stallName,
    categoryKey: stall.categoryKey,
    dayIds: days,
    spotIds: spots.map((spot) => spot.id),
    spotCodes: spots.map((spot) => spot.code),
    reasons,
    notes,
  };
}

// ---------------------------------------------------------------------------------------------
// Quality of a plan (bench and tests): hard-rule violations, goals met.

export interface PlanQuality {
  hardViolations: number;
  violationsDetail: string[];
  sameCategoryPairs: number;
  wishesMet: number;
  wishesTotal: number;
  returningOnOldSpot: number;
  returningTotal: number;
  placedStallDays: number;
  unplacedStalls: number;
}

/**
 * Checks a plan against the input with spot-fit's own `checkFit` on every proposed stall-day
 * (a hard problem, too small or no power is a violation), plus fixed placements moved, caps
 * exceeded and days the stall is not in the plan for.
 */
export function evaluatePlan(input: PlanInput, plan: Plan): PlanQuality {
  const street = buildStreet(input.spots);
  const violations: string[] = [];
  const byApp = new Map(input.stalls.map((s) => [s.applicationId, s]));
  type Who = { applicationId: number; stallName: string; categoryKey: string };
  const occ = new Map<number, Map<number, Who>>();
  const place = (day: number, spotId: number, who: Who) => {
    const dayOcc = occ.get(day) ?? occ.set(day, new Map()).get(day)!;
    const there = dayOcc.get(spotId);
    if (there && there.applicationId !== who.applicationId) violations.push(`two stalls on spot ${spotId} day ${day}`);
    dayOcc.set(spotId, who);
  };
  const fixedKeys = new Set(input.fixed.map((f) => `${f.applicationId}:${f.dayId}`));
  for (const f of input.fixed) for (const id of f.spotIds) place(f.dayId, id, f);
  const seenDays = new Set<string>();
  for (const p of plan.placements) {
    const stall = byApp.get(p.applicationId);
    if (!stall) {
      violations.push(`unknown stall ${p.applicationId}`);
      continue;
    }
    for (const day of p.dayIds) {
      const key = `${p.applicationId}:${day}`;
      if (fixedKeys.has(key)) violations.push(`${stall.stallName} moved on a fixed day`);
      if (seenDays.has(key)) violations.push(`${stall.stallName} twice on day ${day}`);
      seenDays.add(key);
      if (!input.dayIds.includes(day)) violations.push(`${stall.stallName} on a day outside the plan`);
      for (const id of p.spotIds) place(day, id, stall);
    }
  }
  // spot-fit's checks, per stall-day, against everyone else.
  for (const p of plan.placements) {
    const stall = byApp.get(p.applicationId);
    if (!stall) continue;
    const run = p.spotIds.map((id) => input.spots[street.indexById.get(id) ?? -1]).filter((s): s is PlanSpot => Boolean(s));
    if (run.length !== p.spotIds.length) violations.push(`${stall.stallName}: unknown spot`);
    if (stall.spotKinds && run.some((s) => !stall.spotKinds!.includes(s.kind))) violations.push(`${stall.stallName}: wrong spot kind`);
    if (!isAdjacentRun(run, input.spots)) violations.push(`${stall.stallName}: spots not adjacent`);
    for (const day of p.dayIds) {
      const others: Occupancy = new Map();
      for (const [spotId, who] of occ.get(day) ?? []) if (who.applicationId !== stall.applicationId) others.set(spotId, who);
      // Only the row around the run matters for checkFit's neighbours: pass that slice.
      const fit = checkFit(stall, run, day, others, rowSlice(street, run));
      for (const problem of fit.hard) violations.push(`${stall.stallName}: ${problem.code}`);
      for (const warning of fit.warnings) if (warning.code !== "same_category_neighbour") violations.push(`${stall.stallName}: ${warning.code}`);
    }
  }
  for (const [categoryKey, cap] of Object.entries(input.caps ?? {})) {
    const ids = new Set<number>();
    for (const f of input.fixed) if (f.categoryKey === categoryKey) ids.add(f.applicationId);
    for (const p of plan.placements) if (p.categoryKey === categoryKey) ids.add(p.applicationId);
    if (ids.size > cap) violations.push(`cap of ${categoryKey} exceeded: ${ids.size} > ${cap}`);
  }

  let sameCategoryPairs = 0;
  for (const [, dayOcc] of occ) {
    for (let i = 0; i < input.spots.length; i++) {
      const n = street.next[i]!;
      if (n < 0) continue;
      const a = dayOcc.get(input.spots[i]!.id);
      const b = dayOcc.get(input.spots[n]!.id);
      if (a && b && a.applicationId !== b.applicationId && a.categoryKey === b.categoryKey) sameCategoryPairs++;
    }
  }
  // Goals, judged on the final street (independently of what the planner says about itself).
  const { state } = makeState(input);
  const index = new Map(input.stalls.map((st, i) => [st.applicationId, i]));
  for (const p of plan.placements) {
    const s = index.get(p.applicationId);
    const run = p.spotIds.map((id) => street.indexById.get(id)).filter((i): i is number => i !== undefined);
    if (s !== undefined) put(state, s, run, p.dayIds.filter((d) => state.occ.has(d)));
  }
  let wishesTotal = 0;
  let wishesMet = 0;
  let returningOnOldSpot = 0;
  let returningTotal = 0;
  input.stalls.forEach((stall, s) => {
    const groups = plannedGroups(state, s);
    for (const wish of stall.wishes ?? []) {
      wishesTotal++;
      if (groups.length > 0 && groups.every((g) => wishMet(state, s, wish, g.run, g.days))) wishesMet++;
    }
    if (state.previous[s]!.length === 0) return;
    returningTotal++;
    if (groups.length > 0 && groups.every((g) => returningMatch(state, s, g.run) > 0)) returningOnOldSpot++;
  });
  return {
    hardViolations: violations.length,
    violationsDetail: violations,
    sameCategoryPairs,
    wishesMet,
    wishesTotal,
    returningOnOldSpot,
    returningTotal,
    placedStallDays: plan.placements.reduce((sum, p) => sum + p.dayIds.length, 0),
    unplacedStalls: new Set(plan.unplaced.map((u) => u.applicationId)).size,
  };
}

function rowSlice(street: Street, run: PlanSpot[]): PlanSpot[] {
  const idx = run.map((s) => street.indexById.get(s.id)!);
  const row = street.rows.find((r) => r.includes(idx[0]!));
  if (!row) return run;
  const positions = idx.map((i) => row.indexOf(i)).filter((p) => p >= 0);
  if (positions.length === 0) return run;
  const from = Math.max(0, Math.min(...positions) - 1);
  const to = Math.min(row.length - 1, Math.max(...positions) + 1);
  return row.slice(from, to + 1).map((i) => street.spots[i]!);
}

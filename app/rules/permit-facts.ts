/**
 * The facts the event permit asks for, from the stalls standing on one day: stalls per category,
 * total frontage, power demand per connection point (each stall with power is fed by the nearest
 * power point), the cooking / gas / open-fire / deep-frying list with what is missing, and the
 * rental order (kraamhuur) in walking order. Pure: no I/O, no clock.
 */
import { createLocalProjection, type LngLat } from "./layout-geometry";

export type HeatKind = "electric" | "gas" | "open_fire" | "none";

export interface DayStall {
  applicationId: number;
  stallName: string;
  categoryName: string;
  cooks: boolean;
  frontageCm: number;
  needsElectricity: boolean;
  electricityWatts: number | null;
  heatKind: HeatKind | null;
  deepFrying: boolean | null;
  fireExtinguisher: boolean | null;
  rentedStalls: number;
  /** The spots it stands on, in walking order. */
  spotCodes: string[];
  /** Centre of its first spot (for the nearest power point). */
  position: LngLat;
  /** Walking order: metres along the street of its first spot, and the side. */
  alongM: number;
  side: "left" | "right" | null;
}

export interface PowerPointInput {
  code: string;
  capacityWatts: number | null;
  position: LngLat;
}

export interface PowerPointDemand {
  code: string;
  capacityWatts: number | null;
  demandWatts: number;
  stalls: { stallName: string; spotCodes: string[]; watts: number | null }[];
  over: boolean;
}

export interface CookingStall {
  stallName: string;
  spotCodes: string[];
  categoryName: string;
  heatKind: HeatKind | null;
  deepFrying: boolean | null;
  fireExtinguisher: boolean | null;
  /** Facts the stallholder did not give. */
  missing: ("heatKind" | "deepFrying" | "fireExtinguisher")[];
}

export interface RentalLine {
  stallName: string;
  spotCodes: string[];
  count: number;
  sizeM: number;
  side: "left" | "right" | null;
  alongM: number;
}

export interface PermitFacts {
  stallCount: number;
  perCategory: { categoryName: string; stalls: number; frontageCm: number }[];
  totalFrontageCm: number;
  power: {
    /** Empty when no power points are set: then `unassigned` carries all demand. */
    points: PowerPointDemand[];
    unassigned: PowerPointDemand["stalls"];
    totalWatts: number;
    stallsWithoutWatts: string[];
  };
  cooking: CookingStall[];
  rental: { sizes: { sizeM: number; count: number }[]; lines: RentalLine[]; total: number };
}

export function walkingOrder<T extends { alongM: number; side: "left" | "right" | null }>(a: T, b: T): number {
  return a.alongM - b.alongM || (a.side ?? "").localeCompare(b.side ?? "");
}

/** Metres of one rented market stall: the stall's frontage shared over its rented stalls, in whole metres (at least 1). */
export function rentedStallSizeM(frontageCm: number, rentedStalls: number): number {
  return Math.max(1, Math.round(frontageCm / 100 / Math.max(1, rentedStalls)));
}

/** A stall "cooks" for the permit when its category cooks or it said it heats with gas or open fire or deep-fries. */
export function isCookingStall(stall: DayStall): boolean {
  return stall.cooks || stall.heatKind === "gas" || stall.heatKind === "open_fire" || stall.deepFrying === true;
}

export function permitFacts(stalls: DayStall[], powerPoints: PowerPointInput[]): PermitFacts {
  const ordered = [...stalls].sort(walkingOrder);
  const byCategory = new Map<string, { stalls: number; frontageCm: number }>();
  for (const s of ordered) {
    const entry = byCategory.get(s.categoryName) ?? { stalls: 0, frontageCm: 0 };
    entry.stalls += 1;
    entry.frontageCm += s.frontageCm;
    byCategory.set(s.categoryName, entry);
  }

  const origin = ordered[0]?.position ?? powerPoints[0]?.position ?? ([0, 0] as LngLat);
  const projection = createLocalProjection(origin);
  const pointPlanes = powerPoints.map((p) => ({ ...p, plane: projection.toPlane(p.position) }));
  const points: PowerPointDemand[] = powerPoints.map((p) => ({ code: p.code, capacityWatts: p.capacityWatts, demandWatts: 0, stalls: [], over: false }));
  const unassigned: PowerPointDemand["stalls"] = [];
  let totalWatts = 0;
  const stallsWithoutWatts: string[] = [];
  for (const s of ordered.filter((x) => x.needsElectricity)) {
    const entry = { stallName: s.stallName, spotCodes: s.spotCodes, watts: s.electricityWatts };
    if (s.electricityWatts === null) stallsWithoutWatts.push(s.stallName);
    totalWatts += s.electricityWatts ?? 0;
    if (pointPlanes.length === 0) {
      unassigned.push(entry);
      continue;
    }
    const here = projection.toPlane(s.position);
    let nearest = 0;
    let best = Infinity;
    pointPlanes.forEach((p, i) => {
      const d = Math.hypot(p.plane.x - here.x, p.plane.y - here.y);
      if (d < best) [best, nearest] = [d, i];
    });
    const point = points[nearest]!;
    point.stalls.push(entry);
    point.demandWatts += s.electricityWatts ?? 0;
  }
  for (const p of points) p.over = p.capacityWatts !== null && p.demandWatts > p.capacityWatts;

  const cooking: CookingStall[] = ordered.filter(isCookingStall).map((s) => {
    const missing: CookingStall["missing"] = [];
    if (s.heatKind === null) missing.push("heatKind");
    if (s.deepFrying === null) missing.push("deepFrying");
    if (s.fireExtinguisher === null) missing.push("fireExtinguisher");
    return { stallName: s.stallName, spotCodes: s.spotCodes, categoryName: s.categoryName, heatKind: s.heatKind, deepFrying: s.deepFrying, fireExtinguisher: s.fireExtinguisher, missing };
  });

  const lines: RentalLine[] = ordered
    .filter((s) => s.rentedStalls > 0)
    .map((s) => ({ stallName: s.stallName, spotCodes: s.spotCodes, count: s.rentedStalls, sizeM: rentedStallSizeM(s.frontageCm, s.rentedStalls), side: s.side, alongM: s.alongM }));
  const sizes = new Map<number, number>();
  for (const l of lines) sizes.set(l.sizeM, (sizes.get(l.sizeM) ?? 0) + l.count);

  return {
    stallCount: ordered.length,
    perCategory: [...byCategory].map(([categoryName, v]) => ({ categoryName, ...v })).sort((a, b) => b.stalls - a.stalls || a.categoryName.localeCompare(b.categoryName)),
    totalFrontageCm: ordered.reduce((sum, s) => sum + s.frontageCm, 0),
    power: { points, unassigned, totalWatts, stallsWithoutWatts },
    cooking,
    rental: { sizes: [...sizes].map(([sizeM, count]) => ({ sizeM, count })).sort((a, b) => a.sizeM - b.sizeM), lines, total: lines.reduce((n, l) => n + l.count, 0) },
  };
}

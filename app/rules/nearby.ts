/**
 * "Waar ben ik?" in words (issue 11, item 5): how far the visitor is from the nearest stall or
 * landmark, or from the market when they are not there yet. Plain numbers; the page words it.
 */
import { EARTH_RADIUS_M } from "./layout-geometry";

type LngLat = [number, number];

export interface Nearby {
  name: string;
  point: LngLat;
}

export type WhereAmI =
  | { kind: "near"; name: string; metres: number }
  | { kind: "away"; metres: number }
  | { kind: "unknown" };

/** Further than this from everything on the map, the visitor is not at the market yet. */
export const AT_MARKET_M = 300;

/** Metres between two points (equirectangular: exact enough over a street, and cheap on a phone). */
export function metresBetween([lon1, lat1]: LngLat, [lon2, lat2]: LngLat): number {
  const rad = Math.PI / 180;
  const x = (lon2 - lon1) * rad * Math.cos(((lat1 + lat2) / 2) * rad);
  const y = (lat2 - lat1) * rad;
  return Math.hypot(x, y) * EARTH_RADIUS_M;
}

export function whereAmI(position: LngLat, things: Nearby[]): WhereAmI {
  let best: { thing: Nearby; metres: number } | null = null;
  for (const thing of things) {
    const metres = metresBetween(position, thing.point);
    if (!best || metres < best.metres) best = { thing, metres };
  }
  if (!best) return { kind: "unknown" };
  return best.metres > AT_MARKET_M ? { kind: "away", metres: best.metres } : { kind: "near", name: best.thing.name, metres: best.metres };
}

/**
 * A distance as a person says it: at least 5 m, in steps of 5 m up to 100 m, of 10 m up to 1 km,
 * then in kilometres with one decimal. A phone's position is not closer than that anyway.
 */
export function roundedDistance(metres: number): { unit: "m"; value: number } | { unit: "km"; value: number } {
  if (metres < 97.5) return { unit: "m", value: Math.max(5, Math.round(metres / 5) * 5) };
  if (metres < 995) return { unit: "m", value: Math.round(metres / 10) * 10 };
  return { unit: "km", value: Math.round(metres / 100) / 10 };
}

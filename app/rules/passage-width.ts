/**
 * The free passage between stalls on opposite sides of the street (the emergency lane the fire
 * brigade asks for in the event permit).
 *
 * For every spot, the passage in front of it is the shortest distance from its polygon to any
 * spot polygon on the other side of the street (exact polygon-to-polygon distance in the local
 * plane, so a bend, a rotated spot or a spot that pokes out is measured as it is drawn). The
 * narrowest of those is the narrowest passage of the whole street; spots whose passage is below
 * the organisers' minimum are grouped into stretches along the street line.
 *
 * A spot with nothing opposite within `maxReachM` (a side street, the church square, the end of
 * the market) has no passage to measure and is left out. Pure: no I/O, no clock.
 */
import { createLocalProjection, type LngLat, type PlanePoint, type PolygonGeometry, type StreetSide } from "./layout-geometry";

export const DEFAULT_MIN_PASSAGE_M = 3.5;
/** Opposite stalls further apart than this do not face each other across the street. */
export const DEFAULT_MAX_REACH_M = 25;

export interface PassageSpot {
  code: string;
  /** `left`/`right` of the street line; null = decided from where the polygon lies. */
  side: StreetSide | null;
  polygon: PolygonGeometry;
}

export interface PassagePoint {
  widthM: number;
  /** Metres along the street line (of the spot the passage is measured from). */
  atM: number;
  /** The two spots that face each other there: [left, right]. */
  codes: [string, string];
}

export interface PassageStretch {
  fromM: number;
  toM: number;
  narrowestM: number;
  codes: string[];
}

export interface PassageReport {
  /** The narrowest passage along the whole street, null when no two stalls face each other. */
  narrowest: PassagePoint | null;
  minimumM: number;
  /** Every stretch where the passage is below the minimum, in walking order. */
  stretches: PassageStretch[];
  /** Per spot (by code) the passage in front of it, where one was measured. */
  bySpot: Map<string, PassagePoint>;
}

interface PreparedSpot {
  code: string;
  side: StreetSide;
  ring: PlanePoint[]; // without the closing duplicate
  alongM: number;
  fromM: number;
  toM: number;
  centre: PlanePoint;
  radius: number;
}

const sub = (a: PlanePoint, b: PlanePoint): PlanePoint => ({ x: a.x - b.x, y: a.y - b.y });
const dot = (a: PlanePoint, b: PlanePoint) => a.x * b.x + a.y * b.y;
const cross = (a: PlanePoint, b: PlanePoint) => a.x * b.y - a.y * b.x;

/** Nearest point of the polyline to `p`: metres along it and the signed side (cross > 0 = left). */
function projectOnLine(line: PlanePoint[], p: PlanePoint): { alongM: number; side: StreetSide } {
  let best = { d2: Infinity, alongM: 0, cross: 0 };
  let travelled = 0;
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i]!;
    const b = line[i + 1]!;
    const ab = sub(b, a);
    const len2 = dot(ab, ab);
    const len = Math.sqrt(len2);
    if (len2 === 0) continue;
    const t = Math.max(0, Math.min(1, dot(sub(p, a), ab) / len2));
    const q = { x: a.x + ab.x * t, y: a.y + ab.y * t };
    const d2 = dot(sub(p, q), sub(p, q));
    if (d2 < best.d2) best = { d2, alongM: travelled + t * len, cross: cross(ab, sub(p, a)) };
    travelled += len;
  }
  return { alongM: best.alongM, side: best.cross >= 0 ? "left" : "right" };
}

function pointSegmentDistance(p: PlanePoint, a: PlanePoint, b: PlanePoint): number {
  const ab = sub(b, a);
  const len2 = dot(ab, ab);
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, dot(sub(p, a), ab) / len2));
  return Math.hypot(p.x - (a.x + ab.x * t), p.y - (a.y + ab.y * t));
}

function segmentsCross(a: PlanePoint, b: PlanePoint, c: PlanePoint, d: PlanePoint): boolean {
  const d1 = cross(sub(b, a), sub(c, a));
  const d2 = cross(sub(b, a), sub(d, a));
  const d3 = cross(sub(d, c), sub(a, c));
  const d4 = cross(sub(d, c), sub(b, c));
  return d1 * d2 < 0 && d3 * d4 < 0;
}

function pointInRing(p: PlanePoint, ring: PlanePoint[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** Shortest distance between two polygons in the plane; 0 when they touch or overlap. */
export function ringDistance(a: PlanePoint[], b: PlanePoint[]): number {
  if (pointInRing(a[0]!, b) || pointInRing(b[0]!, a)) return 0;
  let best = Infinity;
  for (let i = 0; i < a.length; i++) {
    const a1 = a[i]!;
    const a2 = a[(i + 1) % a.length]!;
    for (let j = 0; j < b.length; j++) {
      const b1 = b[j]!;
      const b2 = b[(j + 1) % b.length]!;
      if (segmentsCross(a1, a2, b1, b2)) return 0;
      best = Math.min(best, pointSegmentDistance(a1, b1, b2), pointSegmentDistance(a2, b1, b2), pointSegmentDistance(b1, a1, a2), pointSegmentDistance(b2, a1, a2));
    }
  }
  return best;
}

function boundingCentre(line: LngLat[]): LngLat {
  const lons = line.map((p) => p[0]);
  const lats = line.map((p) => p[1]);
  return [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
}

/**
 * The passage along the street. `line` is the street centre line (GeoJSON order); `spots` are the
 * stalls standing there (callers leave out blocked or empty spots as they see fit).
 */
export function measurePassage(
  line: LngLat[],
  spots: PassageSpot[],
  options: { minimumM?: number; maxReachM?: number } = {},
): PassageReport {
  const minimumM = options.minimumM ?? DEFAULT_MIN_PASSAGE_M;
  const maxReachM = options.maxReachM ?? DEFAULT_MAX_REACH_M;
  const bySpot = new Map<string, PassagePoint>();
  if (line.length < 2 || spots.length === 0) return { narrowest: null, minimumM, stretches: [], bySpot };

  const projection = createLocalProjection(boundingCentre(line));
  const planeLine = line.map((p) => projection.toPlane(p));
  const prepared: PreparedSpot[] = [];
  for (const spot of spots) {
    const outer = spot.polygon.coordinates[0] ?? [];
    const ring = outer.slice(0, outer.length > 1 && outer[0]![0] === outer.at(-1)![0] && outer[0]![1] === outer.at(-1)![1] ? -1 : undefined).map((p) => projection.toPlane(p));
    if (ring.length < 3) continue;
    const centre = { x: ring.reduce((s, p) => s + p.x, 0) / ring.length, y: ring.reduce((s, p) => s + p.y, 0) / ring.length };
    const radius = Math.max(...ring.map((p) => Math.hypot(p.x - centre.x, p.y - centre.y)));
    const alongs = ring.map((p) => projectOnLine(planeLine, p).alongM);
    const at = projectOnLine(planeLine, centre);
    prepared.push({ code: spot.code, side: spot.side ?? at.side, ring, centre, radius, alongM: at.alongM, fromM: Math.min(...alongs), toM: Math.max(...alongs) });
  }

  const left = prepared.filter((s) => s.side === "left");
  const right = prepared.filter((s) => s.side === "right");
  const measureFrom = (spot: PreparedSpot, others: PreparedSpot[]) => {
    let best: { widthM: number; other: PreparedSpot } | null = null;
    for (const other of others) {
      // Cheap reject: the bounding circles are already further apart than the best so far or the reach.
      const gap = Math.hypot(spot.centre.x - other.centre.x, spot.centre.y - other.centre.y) - spot.radius - other.radius;
      if (gap > maxReachM || (best && gap >= best.widthM)) continue;
      const d = ringDistance(spot.ring, other.ring);
      if (d <= maxReachM && (!best || d < best.widthM)) best = { widthM: d, other };
    }
    return best;
  };
  for (const [own, others] of [
    [left, right],
    [right, left],
  ] as const) {
    for (const spot of own) {
      const found = measureFrom(spot, others);
      if (!found) continue;
      const codes: [string, string] = spot.side === "left" ? [spot.code, found.other.code] : [found.other.code, spot.code];
      bySpot.set(spot.code, { widthM: found.widthM, atM: spot.alongM, codes });
    }
  }

  let narrowest: PassagePoint | null = null;
  for (const point of bySpot.values()) if (!narrowest || point.widthM < narrowest.widthM - 1e-9 || (Math.abs(point.widthM - narrowest.widthM) <= 1e-9 && point.atM < narrowest.atM)) narrowest = point;

  // Stretches: the spots below the minimum (and the spots they face), merged where they overlap
  // or touch along the street.
  const byCode = new Map(prepared.map((s) => [s.code, s]));
  const tooNarrow = [...bySpot.values()]
    .filter((p) => p.widthM < minimumM - 1e-9)
    .map((p) => {
      const [a, b] = p.codes.map((c) => byCode.get(c)!);
      return { fromM: Math.min(a!.fromM, b!.fromM), toM: Math.max(a!.toM, b!.toM), widthM: p.widthM, codes: p.codes };
    })
    .sort((a, b) => a.fromM - b.fromM);
  const stretches: PassageStretch[] = [];
  for (const piece of tooNarrow) {
    const last = stretches.at(-1);
    if (last && piece.fromM <= last.toM + 0.5) {
      last.toM = Math.max(last.toM, piece.toM);
      last.narrowestM = Math.min(last.narrowestM, piece.widthM);
      for (const code of piece.codes) if (!last.codes.includes(code)) last.codes.push(code);
    } else {
      stretches.push({ fromM: piece.fromM, toM: piece.toM, narrowestM: piece.widthM, codes: [...piece.codes] });
    }
  }
  for (const stretch of stretches) stretch.codes.sort((a, b) => (byCode.get(a)!.alongM - byCode.get(b)!.alongM) || a.localeCompare(b));
  return { narrowest, minimumM, stretches, bySpot };
}

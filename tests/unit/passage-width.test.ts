/**
 * The free passage between stalls on opposite sides, on a straight and on a bent street. The
 * oracle is independent of the rule: boundary points sampled every few centimetres and measured
 * with turf's haversine distance.
 */
import distance from "@turf/distance";
import { describe, expect, test } from "vitest";
import { createLocalProjection, generateSpots, rectangleAt, type LayoutParams, type LngLat, type PolygonGeometry } from "~/rules/layout-geometry";
import { measurePassage, type PassageSpot } from "~/rules/passage-width";

const ORIGIN: LngLat = [5.3725, 52.1588];
const plane = createLocalProjection(ORIGIN);
/** A line from metres east/north of the origin. */
const path = (...points: [number, number][]): LngLat[] => points.map(([x, y]) => plane.toLngLat({ x, y }));

const params = (offsetM = 2): LayoutParams => ({
  spotWidthM: 3,
  spotDepthM: 3,
  gapM: 0,
  offsetM,
  sides: [
    { side: "left", codePrefix: "N" },
    { side: "right", codePrefix: "Z" },
  ],
  skips: [],
});

const asSpots = (line: LngLat[], p = params()): PassageSpot[] => generateSpots(line, p).map((s) => ({ code: s.code, side: s.side, polygon: s.polygon }));

function boundarySamples(polygon: PolygonGeometry, stepM = 0.1): LngLat[] {
  const ring = polygon.coordinates[0]!.map((p) => plane.toPlane(p));
  const out: LngLat[] = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    const n = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / stepM));
    for (let k = 0; k <= n; k++) out.push(plane.toLngLat({ x: a.x + ((b.x - a.x) * k) / n, y: a.y + ((b.y - a.y) * k) / n }));
  }
  return out;
}

/** Independent oracle: the smallest haversine distance between sampled boundary points of a left and a right spot. */
function oracleNarrowest(spots: PassageSpot[]): number {
  let best = Infinity;
  const left = spots.filter((s) => s.side === "left").map((s) => boundarySamples(s.polygon));
  const right = spots.filter((s) => s.side === "right").map((s) => boundarySamples(s.polygon));
  for (const a of left) {
    for (const b of right) {
      // Skip pairs that cannot be the narrowest (their first samples are more than 12 m apart).
      if (distance(a[0]!, b[0]!, { units: "meters" }) > 12) continue;
      for (const p of a) for (const q of b) best = Math.min(best, distance(p, q, { units: "meters" }));
    }
  }
  return best;
}

describe("passage width on a straight street", { timeout: 30_000 }, () => {
  const line = path([0, 0], [120, 0]);

  test("stalls 2 m either side of the centre line leave 4 m everywhere, no stretch below 3.5 m", () => {
    const report = measurePassage(line, asSpots(line));
    expect(report.narrowest!.widthM).toBeCloseTo(4, 3);
    expect(report.stretches).toEqual([]);
    expect(report.bySpot.size).toBe(asSpots(line).length);
  });

  test("a higher minimum makes the whole street one stretch", () => {
    const spots = asSpots(line);
    const report = measurePassage(line, spots, { minimumM: 4.5 });
    expect(report.stretches).toHaveLength(1);
    expect(report.stretches[0]!.fromM).toBeCloseTo(0, 1);
    expect(report.stretches[0]!.toM).toBeCloseTo(120, 1);
    expect(report.stretches[0]!.codes).toHaveLength(spots.length);
  });

  test("one stall moved 1 m into the street makes one stretch of 3 m around it", () => {
    const spots = asSpots(line);
    const index = spots.findIndex((s) => s.code === "Z-10");
    // Z-10 stands from 27 to 30 m; move it 1 m towards the centre line (north).
    const moved = spots[index]!.polygon.coordinates[0]!.map((p) => plane.toPlane(p)).map(({ x, y }) => plane.toLngLat({ x, y: y + 1 }));
    spots[index] = { ...spots[index]!, polygon: { type: "Polygon", coordinates: [moved] } };
    const report = measurePassage(line, spots);
    expect(report.narrowest!.widthM).toBeCloseTo(3, 3);
    expect(report.narrowest!.codes).toContain("Z-10");
    expect(report.stretches).toHaveLength(1);
    const [stretch] = report.stretches;
    expect(stretch!.narrowestM).toBeCloseTo(3, 3);
    expect(stretch!.codes).toContain("Z-10");
    expect(stretch!.codes).toContain("N-10");
    expect(stretch!.fromM).toBeGreaterThanOrEqual(23.9);
    expect(stretch!.toM).toBeLessThanOrEqual(33.1);
    expect(Math.abs(report.narrowest!.widthM - oracleNarrowest(spots))).toBeLessThan(0.02);
  });

  test("no stalls opposite (one side only) measures nothing", () => {
    const report = measurePassage(line, asSpots(line).filter((s) => s.side === "left"));
    expect(report.narrowest).toBeNull();
    expect(report.stretches).toEqual([]);
  });
});

describe("passage width on a bent street", { timeout: 30_000 }, () => {
  // East for 60 m, then a 35° bend to the right (south-east) for 60 m.
  const bend = (35 * Math.PI) / 180;
  const line = path([0, 0], [60, 0], [60 + 60 * Math.cos(bend), -60 * Math.sin(bend)]);

  test("the generated layout keeps 4 m through the bend, as the sampled oracle measures", () => {
    const spots = asSpots(line);
    const report = measurePassage(line, spots);
    const oracle = oracleNarrowest(spots);
    expect(oracle).toBeGreaterThan(3.99);
    expect(Math.abs(report.narrowest!.widthM - oracle)).toBeLessThan(0.02);
    expect(report.stretches).toEqual([]);
  });

  test("a food truck parked across the outside of the bend narrows the passage there, measured diagonally", () => {
    const spots = asSpots(line);
    // A 6 × 2.5 m truck on the outer (left) side of the bend, turned halfway between the two
    // segments, its inner edge 1.2 m from the centre line.
    const half = bend / 2;
    const normal = { x: -Math.sin(-half), y: Math.cos(-half) }; // left of the bisector direction
    const centre = plane.toLngLat({ x: 60 + normal.x * (1.2 + 1.25), y: normal.y * (1.2 + 1.25) });
    const truck: PassageSpot = { code: "N-T1", side: "left", polygon: rectangleAt(centre, 6, 2.5, 90 + (half * 180) / Math.PI) };
    const all = [...spots.filter((s) => s.side === "right" || !polygonsClash(s.polygon, truck.polygon)), truck];
    const report = measurePassage(line, all);
    const oracle = oracleNarrowest(all);
    expect(oracle).toBeLessThan(3.5);
    expect(Math.abs(report.narrowest!.widthM - oracle)).toBeLessThan(0.02);
    expect(report.narrowest!.codes[0]).toBe("N-T1");
    expect(report.stretches).toHaveLength(1);
    expect(report.stretches[0]!.codes).toContain("N-T1");
    expect(report.stretches[0]!.fromM).toBeGreaterThan(50);
    expect(report.stretches[0]!.toM).toBeLessThan(70);
  });
});

/** Left spots that the truck would overlap are taken away (they are not there when the truck is). */
function polygonsClash(a: PolygonGeometry, b: PolygonGeometry): boolean {
  const ca = a.coordinates[0]!.map((p) => plane.toPlane(p));
  const cb = b.coordinates[0]!.map((p) => plane.toPlane(p));
  const centre = (r: { x: number; y: number }[]) => ({ x: r.reduce((s, p) => s + p.x, 0) / r.length, y: r.reduce((s, p) => s + p.y, 0) / r.length });
  const x = centre(ca);
  const y = centre(cb);
  return Math.hypot(x.x - y.x, x.y - y.y) < 5;
}

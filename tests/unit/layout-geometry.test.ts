/**
 * Spot layout geometry, checked against turf as an independent oracle: edge lengths and distances
 * with @turf/distance (haversine), areas with @turf/area, overlaps with @turf/intersect. The few
 * planar helpers below (nearest point on the line, crossing segments) work in east/north metres
 * that are themselves measured with turf distance, not with the module's projection.
 */
import area from "@turf/area";
import distance from "@turf/distance";
import { featureCollection, polygon as turfPolygon } from "@turf/helpers";
import intersect from "@turf/intersect";
import { describe, expect, test } from "vitest";
import {
  generateSpots,
  isSelfIntersecting,
  lineLengthM,
  polygonAreaM2,
  polygonsOverlap,
  rectangleAt,
  validateParams,
  type GeneratedSpot,
  type LayoutParams,
  type LngLat,
  type PolygonGeometry,
  type StreetSide,
} from "~/rules/layout-geometry";

// ---------------------------------------------------------------------------------------------
// Building test geometry
// ---------------------------------------------------------------------------------------------

const ORIGIN: LngLat = [5.3733, 52.1586]; // Amersfoort
const METRES_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;
const CM = 0.02; // the tolerance the brief asks for: 2 cm

/** The position `east`/`north` metres from `origin` (only to build inputs; turf measures the results). */
function moved(origin: LngLat, east: number, north: number): LngLat {
  const metresPerDegreeLon = METRES_PER_DEGREE * Math.cos((origin[1] * Math.PI) / 180);
  return [origin[0] + east / metresPerDegreeLon, origin[1] + north / METRES_PER_DEGREE];
}

/** A polyline from ORIGIN made of legs of the given length and compass bearing. */
function path(...legs: [lengthM: number, bearingDeg: number][]): LngLat[] {
  const points: LngLat[] = [ORIGIN];
  let east = 0;
  let north = 0;
  for (const [lengthM, bearingDeg] of legs) {
    east += lengthM * Math.sin((bearingDeg * Math.PI) / 180);
    north += lengthM * Math.cos((bearingDeg * Math.PI) / 180);
    points.push(moved(ORIGIN, east, north));
  }
  return points;
}

function params(overrides: Partial<LayoutParams> = {}): LayoutParams {
  return {
    spotWidthM: 3,
    spotDepthM: 2.5, // deliberately not square, so width and depth cannot be mixed up unnoticed
    gapM: 1,
    offsetM: 3.5,
    sides: [
      { side: "left", codePrefix: "N" },
      { side: "right", codePrefix: "Z" },
    ],
    skips: [],
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// Oracle helpers (turf)
// ---------------------------------------------------------------------------------------------

const metres = (a: LngLat, b: LngLat) => distance(a, b, { units: "meters" });

function cornersOf(polygon: PolygonGeometry): LngLat[] {
  const ring = polygon.coordinates[0]!;
  return ring.slice(0, -1);
}

function overlapAreaM2(a: PolygonGeometry, b: PolygonGeometry): number {
  const shared = intersect(featureCollection([turfPolygon(a.coordinates), turfPolygon(b.coordinates)]));
  return shared ? area(shared) : 0;
}

interface Plane {
  x: number;
  y: number;
}

/** East/north metres from ORIGIN, each measured with turf distance. */
function enu(position: LngLat): Plane {
  const [lon, lat] = position;
  return {
    x: Math.sign(lon - ORIGIN[0]) * metres([ORIGIN[0], lat], position),
    y: Math.sign(lat - ORIGIN[1]) * metres([lon, ORIGIN[1]], position),
  };
}

const crossZ = (o: Plane, a: Plane, b: Plane) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);

function closestOnSegment(p: Plane, a: Plane, b: Plane): { t: number; distanceM: number } {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.min(1, Math.max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)));
  return { t, distanceM: Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy)) };
}

function segmentsCross(a1: Plane, a2: Plane, b1: Plane, b2: Plane): boolean {
  return crossZ(a1, a2, b1) * crossZ(a1, a2, b2) < 0 && crossZ(b1, b2, a1) * crossZ(b1, b2, a2) < 0;
}

interface MeasuredLine {
  points: Plane[];
  vertexAlongM: number[]; // turf distance along the line at each vertex
}

function measureLine(line: LngLat[]): MeasuredLine {
  const vertexAlongM = [0];
  for (let i = 1; i < line.length; i++) vertexAlongM.push(vertexAlongM[i - 1]! + metres(line[i - 1]!, line[i]!));
  return { points: line.map(enu), vertexAlongM };
}

/** The nearest point of the line to `position`: how far along, how far away, on which side. */
function nearestOnLine(measured: MeasuredLine, position: LngLat) {
  const p = enu(position);
  let best = { alongM: 0, distanceM: Infinity, side: "left" as StreetSide };
  for (let i = 0; i + 1 < measured.points.length; i++) {
    const a = measured.points[i]!;
    const b = measured.points[i + 1]!;
    const { t, distanceM } = closestOnSegment(p, a, b);
    if (distanceM < best.distanceM) {
      const along = measured.vertexAlongM[i]! + t * (measured.vertexAlongM[i + 1]! - measured.vertexAlongM[i]!);
      best = { alongM: along, distanceM, side: crossZ(a, b, p) > 0 ? "left" : "right" };
    }
  }
  return best;
}

/** Shortest distance between a spot polygon and the centre line, 0 if the line runs through it. */
function distanceToLine(measured: MeasuredLine, polygon: PolygonGeometry): number {
  const corners = cornersOf(polygon).map(enu);
  const edges = corners.map((c, i) => [c, corners[(i + 1) % corners.length]!] as const);
  let shortest = Infinity;
  for (let i = 0; i + 1 < measured.points.length; i++) {
    const a = measured.points[i]!;
    const b = measured.points[i + 1]!;
    for (const corner of corners) shortest = Math.min(shortest, closestOnSegment(corner, a, b).distanceM);
    for (const [c1, c2] of edges) {
      if (segmentsCross(a, b, c1, c2)) return 0;
      shortest = Math.min(shortest, closestOnSegment(a, c1, c2).distanceM, closestOnSegment(b, c1, c2).distanceM);
    }
  }
  return shortest;
}

function bearingBetween(from: LngLat, to: LngLat): number {
  const a = enu(from);
  const b = enu(to);
  return (((Math.atan2(b.x - a.x, b.y - a.y) * 180) / Math.PI) % 360 + 360) % 360;
}

const angleDifference = (a: number, b: number) => Math.abs(((a - b + 540) % 360) - 180);

// ---------------------------------------------------------------------------------------------
// The invariants every layout must satisfy
// ---------------------------------------------------------------------------------------------

function expectSoundLayout(line: LngLat[], layoutParams: LayoutParams, spots: GeneratedSpot[]): void {
  const measured = measureLine(line);
  const { spotWidthM: width, spotDepthM: depth, offsetM } = layoutParams;

  for (const spot of spots) {
    const corners = cornersOf(spot.polygon);
    expect(corners, spot.code).toHaveLength(4);
    expect(spot.polygon.coordinates[0]![4], `${spot.code} ring is closed`).toEqual(corners[0]);

    // Rectangle of the requested size: opposite edges equal, diagonals prove the right angles.
    const edges = corners.map((corner, i) => metres(corner, corners[(i + 1) % 4]!));
    const [e0, e1, e2, e3] = edges as [number, number, number, number];
    const widthEdges = e0 > e1 ? [e0, e2] : [e1, e3];
    const depthEdges = e0 > e1 ? [e1, e3] : [e0, e2];
    for (const edge of widthEdges) expect(Math.abs(edge - width), `${spot.code} width`).toBeLessThan(CM);
    for (const edge of depthEdges) expect(Math.abs(edge - depth), `${spot.code} depth`).toBeLessThan(CM);
    const diagonal = Math.hypot(width, depth);
    expect(Math.abs(metres(corners[0]!, corners[2]!) - diagonal), `${spot.code} diagonal`).toBeLessThan(CM);
    expect(Math.abs(metres(corners[1]!, corners[3]!) - diagonal), `${spot.code} diagonal`).toBeLessThan(CM);
    expect(Math.abs(area(turfPolygon(spot.polygon.coordinates)) / (width * depth) - 1), `${spot.code} area`).toBeLessThan(0.01);

    // The centre is the middle of the rectangle.
    for (const corner of corners) expect(Math.abs(metres(spot.centre, corner) - diagonal / 2)).toBeLessThan(CM);

    // On the requested side, never closer to (or across) the centre line than the offset.
    expect(nearestOnLine(measured, spot.centre).side, `${spot.code} side`).toBe(spot.side);
    expect(distanceToLine(measured, spot.polygon), `${spot.code} offset`).toBeGreaterThanOrEqual(offsetM - CM);

    // The frontage stands wholly beside one straight segment, and the spot is aligned with it.
    const frontageFrom = spot.alongM - width / 2;
    const frontageTo = spot.alongM + width / 2;
    const segmentIndex = measured.vertexAlongM.findIndex(
      (vertexM, i) => i + 1 < measured.vertexAlongM.length && frontageFrom >= vertexM - CM && frontageTo <= measured.vertexAlongM[i + 1]! + CM,
    );
    expect(segmentIndex, `${spot.code} stands beside one segment`).toBeGreaterThanOrEqual(0);
    const segmentBearing = bearingBetween(line[segmentIndex]!, line[segmentIndex + 1]!);
    expect(angleDifference(spot.bearingDeg, segmentBearing), `${spot.code} bearing`).toBeLessThan(0.1);

    // Skips: project the corners on the line; no part of the spot may fall inside a skip on its side.
    const cornerAlong = corners.map((corner) => nearestOnLine(measured, corner).alongM);
    const spotFrom = Math.min(...cornerAlong);
    const spotTo = Math.max(...cornerAlong);
    for (const skip of layoutParams.skips.filter((s) => s.side === undefined || s.side === spot.side)) {
      const clear = spotTo <= skip.fromM + CM || spotFrom >= skip.toM - CM;
      expect(clear, `${spot.code} (${spotFrom.toFixed(2)}–${spotTo.toFixed(2)} m) vs skip ${skip.fromM}–${skip.toM} m`).toBe(true);
    }
  }

  // No two spots overlap (turf intersection area; touching edges give none).
  for (let i = 0; i < spots.length; i++) {
    for (let j = i + 1; j < spots.length; j++) {
      const a = spots[i]!;
      const b = spots[j]!;
      if (metres(a.centre, b.centre) > width + depth) continue; // too far apart to touch
      expect(overlapAreaM2(a.polygon, b.polygon), `${a.code} overlaps ${b.code}`).toBeLessThan(0.01);
    }
  }

  // Codes: per side unique, contiguous from 1, in walking order along the line.
  for (const { side, codePrefix } of layoutParams.sides) {
    const onSide = spots.filter((spot) => spot.side === side);
    expect(onSide.map((spot) => spot.sequence)).toEqual(onSide.map((_, i) => i + 1));
    expect(onSide.map((spot) => spot.code)).toEqual(onSide.map((_, i) => `${codePrefix}-${String(i + 1).padStart(2, "0")}`));
    expect(new Set(onSide.map((spot) => spot.code)).size).toBe(onSide.length);
    for (let i = 1; i < onSide.length; i++) expect(onSide[i]!.alongM).toBeGreaterThan(onSide[i - 1]!.alongM);
  }
}

const countOn = (spots: GeneratedSpot[], side: StreetSide) => spots.filter((spot) => spot.side === side).length;

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe("the oracle itself", () => {
  test("notices an overlap and a spot on the wrong side", () => {
    const a = rectangleAt(ORIGIN, 3, 3, 0);
    const b = rectangleAt(moved(ORIGIN, 2.9, 0), 3, 3, 0); // 10 cm overlap
    expect(overlapAreaM2(a, b)).toBeGreaterThan(0.25);
    const measured = measureLine(path([100, 0]));
    expect(nearestOnLine(measured, moved(ORIGIN, 5, 50)).side).toBe("right"); // east of a northbound line
    expect(distanceToLine(measured, rectangleAt(moved(ORIGIN, 1, 50), 3, 3, 0))).toBe(0); // straddles the line
  });
});

describe("lineLengthM", () => {
  test("agrees with turf on a straight and a bent line", () => {
    for (const line of [path([100, 0]), path([250, 127]), path([60, 0], [60, 90], [40, 200])]) {
      const turfLength = measureLine(line).vertexAlongM.at(-1)!;
      expect(Math.abs(lineLengthM(line) - turfLength)).toBeLessThan(0.001);
    }
    expect(lineLengthM([ORIGIN])).toBe(0);
  });
});

describe("generateSpots on a straight line", () => {
  test("a 100 m line with 3 m spots and 1 m gaps holds 25 spots per side", () => {
    // n spots need 3n + 1(n − 1) metres: 25 need 99 m, 26 would need 103 m.
    const line = path([100, 127]);
    const spots = generateSpots(line, params());
    expect(countOn(spots, "left")).toBe(25);
    expect(countOn(spots, "right")).toBe(25);
    expect(spots.filter((s) => s.side === "left").map((s) => s.alongM)).toEqual(
      Array.from({ length: 25 }, (_, i) => expect.closeTo(1.5 + 4 * i, 6)),
    );
    expectSoundLayout(line, params(), spots);
  });

  test("fencepost: 99 m is just enough for 25 spots, 98.9 m only for 24, 103 m for 26", () => {
    const counts = [98.9, 99, 102.9, 103].map((lengthM) => {
      const line = path([lengthM, 0]);
      expect(Math.abs(metres(line[0]!, line[1]!) - lengthM)).toBeLessThan(0.001); // the premise
      return countOn(generateSpots(line, params({ sides: [{ side: "left", codePrefix: "N" }] })), "left");
    });
    expect(counts).toEqual([24, 25, 25, 26]);
  });

  test("places the spots on the requested side at the requested offset", () => {
    const line = path([100, 0]); // northbound: left is west, right is east
    const spots = generateSpots(line, params());
    const firstLeft = spots.find((s) => s.code === "N-01")!;
    const firstRight = spots.find((s) => s.code === "Z-01")!;
    expect(firstLeft.centre[0]).toBeLessThan(ORIGIN[0]);
    expect(firstRight.centre[0]).toBeGreaterThan(ORIGIN[0]);
    // Centre 3.5 + 2.5/2 = 4.75 m beside the line, 1.5 m along it.
    const measured = measureLine(line);
    for (const spot of [firstLeft, firstRight]) {
      const nearest = nearestOnLine(measured, spot.centre);
      expect(nearest.distanceM).toBeCloseTo(4.75, 2);
      expect(nearest.alongM).toBeCloseTo(1.5, 2);
      expect(distanceToLine(measured, spot.polygon)).toBeCloseTo(3.5, 2);
      expect(spot.bearingDeg).toBeCloseTo(0, 3);
    }
  });

  test("uses only startM–endM when given", () => {
    // 40 m of street: floor((40 + 1) / 4) = 10 spots, the first starting at 10 m.
    const line = path([100, 45]);
    const spots = generateSpots(line, params({ startM: 10, endM: 50 }));
    expect(countOn(spots, "left")).toBe(10);
    expect(spots[0]!.alongM).toBeCloseTo(11.5, 6);
    expect(spots.filter((s) => s.side === "left").at(-1)!.alongM).toBeCloseTo(47.5, 6);
    expectSoundLayout(line, params({ startM: 10, endM: 50 }), spots);
  });

  test("skips a stretch on both sides and continues right after it", () => {
    // Frontages 0–3 … 16–19 (5 spots), then 20–23 would touch the skip: next spot starts at 30,
    // and 30 + 4k + 3 ≤ 100 gives k = 0…16 (17 spots): 22 per side.
    const line = path([100, 127]);
    const skipped = params({ skips: [{ fromM: 20, toM: 30, reason: "side street" }] });
    const spots = generateSpots(line, skipped);
    expect(countOn(spots, "left")).toBe(22);
    expect(countOn(spots, "right")).toBe(22);
    expect(spots.find((s) => s.code === "N-06")!.alongM).toBeCloseTo(31.5, 6);
    expectSoundLayout(line, skipped, spots);
  });

  test("a frontage may end exactly where a skip starts, but not a centimetre into it", () => {
    const line = path([100, 127]);
    const touching = generateSpots(line, params({ skips: [{ fromM: 19, toM: 30 }] }));
    const intruding = generateSpots(line, params({ skips: [{ fromM: 18.99, toM: 30 }] }));
    expect(countOn(touching, "left")).toBe(22); // 16–19 still fits
    expect(countOn(intruding, "left")).toBe(21); // 16–19 would reach 1 cm into the skip
  });

  test("a one-sided skip leaves the other side alone", () => {
    const line = path([100, 127]);
    const oneSided = params({ skips: [{ fromM: 20, toM: 30, side: "left" }] });
    const spots = generateSpots(line, oneSided);
    expect(countOn(spots, "left")).toBe(22);
    expect(countOn(spots, "right")).toBe(25);
    expectSoundLayout(line, oneSided, spots);
  });

  test("without a gap the spots touch but do not overlap: 100 m holds 33 per side", () => {
    const line = path([100, 127]);
    const noGap = params({ gapM: 0 });
    const spots = generateSpots(line, noGap);
    expect(countOn(spots, "left")).toBe(33);
    expect(countOn(spots, "right")).toBe(33);
    expect(spots[32]!.alongM).toBeCloseTo(97.5, 6);
    for (let i = 1; i < 33; i++) expect(polygonsOverlap(spots[i - 1]!.polygon, spots[i]!.polygon)).toBe(false);
    expectSoundLayout(line, noGap, spots);
  });

  test("codes grow beyond two digits on a long side", () => {
    // 500 m: floor(501 / 4) = 125 spots.
    const spots = generateSpots(path([500, 127]), params({ sides: [{ side: "right", codePrefix: "Z" }] }));
    expect(spots).toHaveLength(125);
    expect(spots.map((s) => s.code).slice(97, 101)).toEqual(["Z-98", "Z-99", "Z-100", "Z-101"]);
  });

  test("only the configured sides get spots, in the order of params.sides", () => {
    const spots = generateSpots(path([100, 127]), params({ sides: [{ side: "right", codePrefix: "W" }] }));
    expect(spots.every((s) => s.side === "right" && s.code.startsWith("W-"))).toBe(true);
    const both = generateSpots(path([100, 127]), params({ sides: [{ side: "right", codePrefix: "Z" }, { side: "left", codePrefix: "N" }] }));
    expect(both[0]!.code).toBe("Z-01");
    expect(both[25]!.code).toBe("N-01");
  });

  test("is deterministic", () => {
    const line = path([80, 100], [80, 150]);
    expect(generateSpots(line, params())).toEqual(generateSpots(line, params()));
  });
});

describe("generateSpots on bent lines", () => {
  test.each([
    ["30° right", path([60, 0], [60, 30])],
    ["30° left", path([60, 0], [60, 330])],
    ["90° right", path([60, 0], [60, 90])],
    ["90° left", path([60, 0], [60, 270])],
    ["135° sharp", path([60, 0], [60, 135])],
    ["zigzag", path([40, 120], [30, 150], [35, 100], [50, 170])],
  ])("%s: right-sized, non-overlapping spots that stay off the street", (_name, line) => {
    const spots = generateSpots(line, params());
    expect(spots.length).toBeGreaterThan(20);
    expectSoundLayout(line, params(), spots);
  });

  test("with skips away from the bends: nothing inside them", () => {
    const line = path([60, 0], [60, 90], [60, 45]);
    const skipped = params({
      skips: [
        { fromM: 20, toM: 27 },
        { fromM: 85, toM: 95, side: "right" },
        { fromM: 140, toM: 150, side: "left" },
      ],
    });
    const spots = generateSpots(line, skipped);
    expectSoundLayout(line, skipped, spots);
  });

  test("90° right turn: the outside keeps every spot, the inside loses exactly what the corner takes", () => {
    // North 60 m, then east 60 m; width 3, depth 2.5, gap 1, offset 3.5.
    // Outside (left): 15 spots per segment (frontages 0–3 … 56–59, then 60–63 … 116–119) = 30.
    // Inside (right): on the first segment the spot at 56–59 would stand within 1 m of the second
    // segment's centre line, so it is dropped (14 spots, the last 52–55, i.e. 5–8 m before the
    // corner). On the second segment a spot must be 3.5 m from the first centre line and 1 m clear
    // of that last spot (which reaches 6 m east of the corner): it starts at 67 m (7 m past the
    // corner), then 71 … 115: 13 spots. 14 + 13 = 27.
    const line = path([60, 0], [60, 90]);
    const spots = generateSpots(line, params());
    expect(countOn(spots, "left")).toBe(30);
    expect(countOn(spots, "right")).toBe(27);
    const right = spots.filter((s) => s.side === "right");
    expect(right[13]!.alongM).toBeCloseTo(53.5, 6);
    expect(right[14]!.alongM).toBeCloseTo(68.5, 2);
    expectSoundLayout(line, params(), spots);
  });

  test("keeps the gap between spots around the corner", () => {
    const line = path([60, 0], [60, 90]);
    const spots = generateSpots(line, params()).filter((s) => s.side === "right");
    const lastBeforeCorner = spots[13]!;
    const firstAfterCorner = spots[14]!;
    // Closest corners of the two spots (both axis-aligned here) are 1 m apart, as on a straight stretch.
    const gaps = cornersOf(lastBeforeCorner.polygon).flatMap((a) => cornersOf(firstAfterCorner.polygon).map((b) => metres(a, b)));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1 - CM);
  });
});

describe("validateParams", () => {
  test("accepts sensible parameters", () => {
    expect(validateParams(params())).toEqual([]);
    expect(validateParams(params({ gapM: 0, offsetM: 0, startM: 0, endM: 10 }))).toEqual([]);
  });

  test.each<[string, Partial<LayoutParams>, RegExp]>([
    ["zero width", { spotWidthM: 0 }, /spotWidthM/],
    ["negative depth", { spotDepthM: -3 }, /spotDepthM/],
    ["absurd width", { spotWidthM: 300 }, /spotWidthM.*implausible/],
    ["absurd depth", { spotDepthM: 51 }, /spotDepthM.*implausible/],
    ["NaN width", { spotWidthM: Number.NaN }, /spotWidthM/],
    ["negative gap", { gapM: -1 }, /gapM/],
    ["absurd offset", { offsetM: 80 }, /offsetM/],
    ["no sides", { sides: [] }, /side/],
    ["side twice", { sides: [{ side: "left", codePrefix: "A" }, { side: "left", codePrefix: "B" }] }, /left side is configured twice/],
    ["prefix twice", { sides: [{ side: "left", codePrefix: "A" }, { side: "right", codePrefix: "A" }] }, /prefix "A"/],
    ["empty prefix", { sides: [{ side: "left", codePrefix: "" }] }, /prefix/],
    ["prefix with a dash", { sides: [{ side: "left", codePrefix: "N-" }] }, /prefix/],
    ["skip backwards", { skips: [{ fromM: 30, toM: 20, reason: "zijstraat" }] }, /skip 1 \(zijstraat\) starts after it ends/],
    ["skip with a strange side", { skips: [{ fromM: 1, toM: 2, side: "up" as StreetSide }] }, /skip 1.*side/],
    ["start after end", { startM: 50, endM: 10 }, /startM/],
    ["negative start", { startM: -5 }, /startM/],
  ])("reports %s", (_name, overrides, message) => {
    const problems = validateParams(params(overrides));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  test("generateSpots refuses unusable parameters and lines instead of guessing", () => {
    expect(() => generateSpots(path([100, 0]), params({ spotWidthM: 0 }))).toThrow(/spotWidthM/);
    expect(() => generateSpots([ORIGIN], params())).toThrow(/at least two points/);
    expect(() => generateSpots([ORIGIN, ORIGIN], params())).toThrow(/no length/);
    expect(() => generateSpots([ORIGIN, [Number.NaN, 52]], params())).toThrow(/point 2/);
  });
});

describe("rectangleAt", () => {
  test("has the width along the bearing and the depth across it, counter-clockwise and closed", () => {
    const rectangle = rectangleAt(ORIGIN, 4, 2, 30);
    const corners = cornersOf(rectangle);
    expect(rectangle.coordinates[0]![4]).toEqual(corners[0]);
    const edges = corners.map((c, i) => [c, corners[(i + 1) % 4]!] as const);
    for (const [a, b] of edges) {
      const lengthM = metres(a, b);
      const bearing = bearingBetween(a, b);
      if (lengthM > 3) {
        expect(lengthM).toBeCloseTo(4, 2);
        expect(Math.min(angleDifference(bearing, 30), angleDifference(bearing, 210))).toBeLessThan(0.1);
      } else {
        expect(lengthM).toBeCloseTo(2, 2);
        expect(Math.min(angleDifference(bearing, 120), angleDifference(bearing, 300))).toBeLessThan(0.1);
      }
    }
    const plane = corners.map(enu);
    const signedArea = plane.reduce((sum, p, i) => sum + crossZ({ x: 0, y: 0 }, p, plane[(i + 1) % 4]!), 0) / 2;
    expect(signedArea).toBeCloseTo(8, 2); // positive: counter-clockwise
    for (const corner of corners) expect(metres(ORIGIN, corner)).toBeCloseTo(Math.hypot(2, 1), 2);
  });
});

describe("polygonAreaM2", () => {
  test("matches turf for a rectangle, an L-shape and a polygon with a hole", () => {
    const lShape: PolygonGeometry = {
      type: "Polygon",
      coordinates: [[[0, 0], [10, 0], [10, 4], [4, 4], [4, 12], [0, 12], [0, 0]].map(([e, n]) => moved(ORIGIN, e!, n!))],
    };
    const withHole: PolygonGeometry = {
      type: "Polygon",
      coordinates: [
        [[0, 0], [20, 0], [20, 20], [0, 20], [0, 0]].map(([e, n]) => moved(ORIGIN, e!, n!)),
        [[5, 5], [5, 10], [10, 10], [10, 5], [5, 5]].map(([e, n]) => moved(ORIGIN, e!, n!)),
      ],
    };
    for (const [shape, expected] of [
      [rectangleAt(ORIGIN, 4, 2, 30), 8],
      [lShape, 10 * 4 + 4 * 8],
      [withHole, 400 - 25],
    ] as const) {
      expect(polygonAreaM2(shape)).toBeCloseTo(expected, 2);
      expect(Math.abs(polygonAreaM2(shape) / area(turfPolygon(shape.coordinates)) - 1)).toBeLessThan(0.001);
    }
  });
});

describe("polygonsOverlap", () => {
  const spot = rectangleAt(ORIGIN, 3, 3, 0);
  const cases: [string, PolygonGeometry, boolean][] = [
    ["identical", rectangleAt(ORIGIN, 3, 3, 0), true],
    ["neighbour touching along an edge", rectangleAt(moved(ORIGIN, 3, 0), 3, 3, 0), false],
    ["neighbour touching at a corner", rectangleAt(moved(ORIGIN, 3, 3), 3, 3, 0), false],
    ["neighbour 10 cm into it", rectangleAt(moved(ORIGIN, 2.9, 0), 3, 3, 0), true],
    ["1 cm into it", rectangleAt(moved(ORIGIN, 0, 2.99), 3, 3, 0), true],
    ["apart", rectangleAt(moved(ORIGIN, 10, 0), 3, 3, 0), false],
    ["small one inside", rectangleAt(moved(ORIGIN, 0.2, 0.2), 1, 1, 45), true],
    // A diamond whose bounding box overlaps the spot's, but which only a rotated axis separates.
    ["rotated, near the corner but clear", rectangleAt(moved(ORIGIN, 3.3, 3.3), 3, 3, 45), false],
    ["rotated, cutting the corner", rectangleAt(moved(ORIGIN, 2.5, 2.5), 3, 3, 45), true],
  ];
  test.each(cases)("%s", (_name, other, overlaps) => {
    expect(polygonsOverlap(spot, other)).toBe(overlaps);
    expect(polygonsOverlap(other, spot)).toBe(overlaps);
    // turf agrees (touching gives no area)
    expect(overlapAreaM2(spot, other) > 0.001).toBe(overlaps);
  });
});

describe("polygonsOverlap with exactly shared coordinates", () => {
  test("polygons sharing exactly the same edge or corner coordinates do not overlap", () => {
    // Built from identical positions, so "touching" is exact and not blurred by rounding.
    const square = (east: number, north: number): PolygonGeometry => ({
      type: "Polygon",
      coordinates: [
        [[east, north], [east + 3, north], [east + 3, north + 3], [east, north + 3], [east, north]].map(([e, n]) => moved(ORIGIN, e!, n!)),
      ],
    });
    expect(polygonsOverlap(square(0, 0), square(3, 0))).toBe(false);
    expect(polygonsOverlap(square(0, 0), square(3, 3))).toBe(false);
    expect(polygonsOverlap(square(0, 0), square(0, 2.99))).toBe(true);
  });
});

describe("isSelfIntersecting", () => {
  const ring = (...points: [number, number][]): PolygonGeometry => ({
    type: "Polygon",
    coordinates: [[...points, points[0]!].map(([e, n]) => moved(ORIGIN, e, n))],
  });
  test.each<[string, boolean, PolygonGeometry]>([
    ["a rectangle", false, rectangleAt(ORIGIN, 3, 3, 17)],
    ["a triangle", false, ring([0, 0], [5, 0], [0, 5])],
    ["a concave L-shape", false, ring([0, 0], [10, 0], [10, 4], [4, 4], [4, 12], [0, 12])],
    ["a clockwise rectangle", false, ring([0, 0], [0, 3], [3, 3], [3, 0])],
    ["a bow-tie", true, ring([0, 0], [3, 3], [3, 0], [0, 3])],
    ["a ring touching itself at a point", true, ring([0, 0], [4, 0], [4, 4], [2, 0], [0, 4])],
    ["a spike folding back over an edge", true, ring([0, 0], [4, 0], [4, 4], [4, 2])],
    ["only two distinct corners", true, ring([0, 0], [4, 0], [0, 0])],
    ["three corners on one line (folds back on itself)", true, ring([0, 0], [4, 0], [2, 0])],
  ])("%s → %s", (_name, expected, polygon) => {
    expect(isSelfIntersecting(polygon)).toBe(expected);
  });

  test("a hole crossing the outer ring", () => {
    const outer = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]].map(([e, n]) => moved(ORIGIN, e!, n!));
    const insideHole = [[2, 2], [2, 4], [4, 4], [4, 2], [2, 2]].map(([e, n]) => moved(ORIGIN, e!, n!));
    const crossingHole = [[8, 2], [8, 4], [12, 4], [12, 2], [8, 2]].map(([e, n]) => moved(ORIGIN, e!, n!));
    expect(isSelfIntersecting({ type: "Polygon", coordinates: [outer, insideHole] })).toBe(false);
    expect(isSelfIntersecting({ type: "Polygon", coordinates: [outer, crossingHole] })).toBe(true);
  });
});

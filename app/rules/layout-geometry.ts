/**
 * Pure geometry for laying out rectangular market spots along a street.
 *
 * All computations happen in a local equirectangular (tangent-plane) projection in metres:
 *   x = (lon − lon0) · cos(lat0) · R · π/180,   y = (lat − lat0) · R · π/180
 * around a reference point close to the geometry (the centre of the street line's bounding box,
 * or the first vertex of a polygon). Over a few hundred metres this is accurate far below 1 cm,
 * which is all a street market needs; it is NOT meant for geometry spanning many kilometres.
 *
 * No I/O, no clock, no randomness: the same input always gives the same spots.
 */

export type LngLat = [lon: number, lat: number]; // GeoJSON order

/** A GeoJSON polygon. Rings are closed (first === last); outer rings produced here are counter-clockwise. */
export interface PolygonGeometry {
  type: "Polygon";
  coordinates: LngLat[][];
}

/** Side of the street relative to the direction in which the line is drawn. */
export type StreetSide = "left" | "right";

export interface SideConfig {
  side: StreetSide;
  codePrefix: string; // e.g. "N" → codes "N-01", "N-02", …
}

/** A stretch along the line (metres from the line's start) where no spot frontage may lie. */
export interface SkipStretch {
  fromM: number;
  toM: number;
  side?: StreetSide; // undefined = both sides
  reason?: string;
}

export interface LayoutParams {
  spotWidthM: number; // frontage along the street
  spotDepthM: number; // perpendicular to the street
  gapM: number; // gap between neighbouring spots along the street
  offsetM: number; // distance from the centre line to the street-side edge of a spot
  sides: SideConfig[];
  skips: SkipStretch[];
  startM?: number; // optional part of the line to use (metres along the line)
  endM?: number;
}

export interface GeneratedSpot {
  code: string; // prefix + "-" + sequence, zero-padded to at least two digits: "N-01"
  side: StreetSide;
  sequence: number; // 1-based along the line on that side
  alongM: number; // distance along the line of the spot's centre (walking order)
  widthM: number;
  depthM: number;
  bearingDeg: number; // bearing of the street segment the spot stands on (0 = north, clockwise)
  centre: LngLat;
  polygon: PolygonGeometry;
}

/** Mean earth radius (IUGG), the same value turf uses. */
export const EARTH_RADIUS_M = 6_371_008.8;
const METRES_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;

/** Anything larger than this (spot size, gap, offset) is a typing error, not a market stall. */
export const MAX_SIZE_M = 50;

/**
 * Floating-point slack for comparisons of lengths in metres. Far below anything measurable on a
 * street, far above the rounding noise of doubles (≈1e-9 m for coordinates around lon 5, lat 52).
 */
const LENGTH_TOLERANCE_M = 1e-6;

/** When a spot has to be pushed past an obstacle, probe ahead in steps of this size… */
const PUSH_PROBE_STEP_M = 0.1;
/** …and then bisect back towards the obstacle until the position is known this precisely. */
const PUSH_PRECISION_M = 1e-4;

// ---------------------------------------------------------------------------------------------
// Local projection
// ---------------------------------------------------------------------------------------------

/** A point in the local projection, metres east (x) and north (y) of the projection origin. */
export interface PlanePoint {
  x: number;
  y: number;
}

export interface LocalProjection {
  origin: LngLat;
  toPlane(position: LngLat): PlanePoint;
  toLngLat(point: PlanePoint): LngLat;
}

export function createLocalProjection(origin: LngLat): LocalProjection {
  const [lon0, lat0] = origin;
  const metresPerDegreeLon = METRES_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180);
  return {
    origin,
    toPlane: ([lon, lat]) => ({ x: (lon - lon0) * metresPerDegreeLon, y: (lat - lat0) * METRES_PER_DEGREE }),
    toLngLat: ({ x, y }) => [lon0 + x / metresPerDegreeLon, lat0 + y / METRES_PER_DEGREE],
  };
}

// ---------------------------------------------------------------------------------------------
// Small plane-vector helpers
// ---------------------------------------------------------------------------------------------

const add = (a: PlanePoint, b: PlanePoint): PlanePoint => ({ x: a.x + b.x, y: a.y + b.y });
const sub = (a: PlanePoint, b: PlanePoint): PlanePoint => ({ x: a.x - b.x, y: a.y - b.y });
const scale = (a: PlanePoint, factor: number): PlanePoint => ({ x: a.x * factor, y: a.y * factor });
const dot = (a: PlanePoint, b: PlanePoint): number => a.x * b.x + a.y * b.y;
const cross = (a: PlanePoint, b: PlanePoint): number => a.x * b.y - a.y * b.x;
const length = (a: PlanePoint): number => Math.hypot(a.x, a.y);

/** Unit vector perpendicular to `direction`, pointing to the given side of it. */
function sideNormal(direction: PlanePoint, side: StreetSide): PlanePoint {
  // Rotating (x, y) by +90° gives (−y, x): the left-hand side when walking along `direction`.
  return side === "left" ? { x: -direction.y, y: direction.x } : { x: direction.y, y: -direction.x };
}

/** Compass bearing of a plane direction: 0 = north (+y), 90 = east (+x). */
function bearingOf(direction: PlanePoint): number {
  const degrees = (Math.atan2(direction.x, direction.y) * 180) / Math.PI;
  return ((degrees % 360) + 360) % 360;
}

/** Twice the signed area of a ring (vertices without the closing duplicate); > 0 = counter-clockwise. */
function doubleSignedArea(ring: PlanePoint[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    sum += cross(ring[i]!, ring[(i + 1) % ring.length]!);
  }
  return sum;
}

function pointSegmentDistance(point: PlanePoint, start: PlanePoint, end: PlanePoint): number {
  const segment = sub(end, start);
  const lengthSquared = dot(segment, segment);
  const t = lengthSquared === 0 ? 0 : Math.min(1, Math.max(0, dot(sub(point, start), segment) / lengthSquared));
  return length(sub(point, add(start, scale(segment, t))));
}

/** Shortest distance between two closed segments; 0 when they touch or cross. */
function segmentDistance(a1: PlanePoint, a2: PlanePoint, b1: PlanePoint, b2: PlanePoint): number {
  const d1 = cross(sub(a2, a1), sub(b1, a1));
  const d2 = cross(sub(a2, a1), sub(b2, a1));
  const d3 = cross(sub(b2, b1), sub(a1, b1));
  const d4 = cross(sub(b2, b1), sub(a2, b1));
  const properlyCross = d1 * d2 < 0 && d3 * d4 < 0;
  if (properlyCross) return 0;
  // Otherwise the closest pair always involves an endpoint (touching and collinear cases give 0 here).
  return Math.min(
    pointSegmentDistance(a1, b1, b2),
    pointSegmentDistance(a2, b1, b2),
    pointSegmentDistance(b1, a1, a2),
    pointSegmentDistance(b2, a1, a2),
  );
}

/** Edges of a ring given without the closing duplicate; a 2-point "ring" is a plain segment. */
function edgesOf(ring: PlanePoint[]): [PlanePoint, PlanePoint][] {
  return ring.map((point, i) => [point, ring[(i + 1) % ring.length]!]);
}

/**
 * Whether the interiors of two convex shapes intersect (separating-axis theorem). Shapes that only
 * touch along an edge or at a corner do not. A 2-point ring is a line segment; it "intersects" a
 * polygon when part of it runs through the polygon's interior.
 *
 * On every candidate axis (the edge normals of both shapes) the projections must overlap by more
 * than the tolerance; a single axis where they merely meet or are apart separates the shapes.
 */
function convexInteriorsIntersect(a: PlanePoint[], b: PlanePoint[]): boolean {
  for (const [start, end] of [...edgesOf(a), ...edgesOf(b)]) {
    const edge = sub(end, start);
    const edgeLength = length(edge);
    if (edgeLength === 0) continue;
    const axis = { x: -edge.y / edgeLength, y: edge.x / edgeLength }; // unit, so overlaps are in metres
    const projectionsA = a.map((p) => dot(p, axis));
    const projectionsB = b.map((p) => dot(p, axis));
    const minA = Math.min(...projectionsA);
    const maxA = Math.max(...projectionsA);
    const minB = Math.min(...projectionsB);
    const maxB = Math.max(...projectionsB);
    const overlapOnAxis = minA < maxB - LENGTH_TOLERANCE_M && minB < maxA - LENGTH_TOLERANCE_M;
    if (!overlapOnAxis) return false;
  }
  return true;
}

/**
 * Shortest distance between the boundaries of two shapes. Equals the distance between the shapes
 * themselves as long as neither interior intersects the other (check that first).
 */
function boundaryDistance(a: PlanePoint[], b: PlanePoint[]): number {
  let shortest = Infinity;
  for (const [a1, a2] of edgesOf(a)) {
    for (const [b1, b2] of edgesOf(b)) {
      shortest = Math.min(shortest, segmentDistance(a1, a2, b1, b2));
    }
  }
  return shortest;
}

/** Ring in plane coordinates without the closing duplicate position. */
function openRing(ring: LngLat[], projection: LocalProjection): PlanePoint[] {
  const points = ring.map((position) => projection.toPlane(position));
  const first = points[0];
  const last = points[points.length - 1];
  if (points.length > 1 && first && last && first.x === last.x && first.y === last.y) points.pop();
  return points;
}

function closedLngLatRing(points: PlanePoint[], projection: LocalProjection): LngLat[] {
  const counterClockwise = doubleSignedArea(points) >= 0 ? points : [...points].reverse();
  const ring = counterClockwise.map((point) => projection.toLngLat(point));
  const [firstLon, firstLat] = ring[0]!;
  ring.push([firstLon, firstLat]); // GeoJSON rings repeat the first position at the end
  return ring;
}

// ---------------------------------------------------------------------------------------------
// Street line
// ---------------------------------------------------------------------------------------------

interface LineSegment {
  start: PlanePoint;
  end: PlanePoint;
  direction: PlanePoint; // unit vector start → end
  fromM: number; // distance along the whole line at `start`
  toM: number;
}

interface PreparedLine {
  projection: LocalProjection;
  segments: LineSegment[];
  lengthM: number;
}

/** Problems with a street line as a list of readable sentences; empty when it is usable. */
export function validateLine(line: LngLat[]): string[] {
  if (!Array.isArray(line) || line.length < 2) return ["the street line needs at least two points"];
  const problems: string[] = [];
  line.forEach((position, index) => {
    const [lon, lat] = Array.isArray(position) ? position : [NaN, NaN];
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) >= 90) {
      problems.push(`point ${index + 1} of the street line is not a valid [lon, lat] position`);
    }
  });
  if (problems.length === 0 && lineLengthM(line) <= LENGTH_TOLERANCE_M) {
    problems.push("the street line has no length (all points are the same)");
  }
  return problems;
}

function boundingBoxCentre(positions: LngLat[]): LngLat {
  const lons = positions.map(([lon]) => lon);
  const lats = positions.map(([, lat]) => lat);
  return [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
}

function prepareLine(line: LngLat[]): PreparedLine {
  const projection = createLocalProjection(boundingBoxCentre(line));
  const points = line.map((position) => projection.toPlane(position));
  const segments: LineSegment[] = [];
  let travelled = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const segmentLength = length(sub(end, start));
    // Repeated points would give a segment without a direction; they add nothing to the street.
    if (segmentLength <= LENGTH_TOLERANCE_M) continue;
    segments.push({
      start,
      end,
      direction: scale(sub(end, start), 1 / segmentLength),
      fromM: travelled,
      toM: travelled + segmentLength,
    });
    travelled += segmentLength;
  }
  return { projection, segments, lengthM: travelled };
}

/** Length of the polyline in metres (0 for fewer than two points). */
export function lineLengthM(line: LngLat[]): number {
  if (line.length < 2) return 0;
  const projection = createLocalProjection(boundingBoxCentre(line));
  let total = 0;
  for (let i = 0; i + 1 < line.length; i++) {
    total += length(sub(projection.toPlane(line[i + 1]!), projection.toPlane(line[i]!)));
  }
  return total;
}

/** Index of the segment on which the point `alongM` metres from the start lies (a vertex belongs to the next segment). */
function segmentIndexAt(prepared: PreparedLine, alongM: number): number {
  const { segments } = prepared;
  for (let i = segments.length - 1; i > 0; i--) {
    if (segments[i]!.fromM <= alongM + LENGTH_TOLERANCE_M) return i;
  }
  return 0;
}

function pointOnSegment(segment: LineSegment, alongM: number): PlanePoint {
  return add(segment.start, scale(segment.direction, alongM - segment.fromM));
}

/**
 * The four corners of a rectangle beside one segment: along the street from `fromM` to `toM`, and
 * away from the centre line from `nearM` to `farM` on the given side. Built directly from the
 * segment (not via a bearing) so that rectangles which should share an edge share it exactly.
 */
function cornersBesideSegment(
  segment: LineSegment,
  fromM: number,
  toM: number,
  side: StreetSide,
  nearM: number,
  farM: number,
): PlanePoint[] {
  const normal = sideNormal(segment.direction, side);
  const streetStart = pointOnSegment(segment, fromM);
  const streetEnd = pointOnSegment(segment, toM);
  return [
    add(streetStart, scale(normal, nearM)),
    add(streetEnd, scale(normal, nearM)),
    add(streetEnd, scale(normal, farM)),
    add(streetStart, scale(normal, farM)),
  ];
}

export interface LinePosition {
  point: LngLat;
  bearingDeg: number; // bearing of the segment at that position
  segmentIndex: number; // index among the line's non-degenerate segments
}

/**
 * The position `alongM` metres along the line (clamped to the line), optionally moved sideways by
 * `sideways.distanceM` to the given side. Used to place landmarks next to the street.
 */
export function locateAlongLine(
  line: LngLat[],
  alongM: number,
  sideways?: { side: StreetSide; distanceM: number },
): LinePosition {
  assertUsableLine(line);
  const prepared = prepareLine(line);
  const clamped = Math.min(Math.max(alongM, 0), prepared.lengthM);
  const segmentIndex = segmentIndexAt(prepared, clamped);
  const segment = prepared.segments[segmentIndex]!;
  let point = pointOnSegment(segment, clamped);
  if (sideways) point = add(point, scale(sideNormal(segment.direction, sideways.side), sideways.distanceM));
  return { point: prepared.projection.toLngLat(point), bearingDeg: bearingOf(segment.direction), segmentIndex };
}

/**
 * Where a point lies beside the line: metres along it to the nearest point of the line, and on
 * which side (left/right when walking in the line's direction).
 */
export function positionOnLine(line: LngLat[], position: LngLat): { alongM: number; side: StreetSide } {
  assertUsableLine(line);
  const { projection, segments } = prepareLine(line);
  const p = projection.toPlane(position);
  let best = { d2: Infinity, alongM: 0, cross: 0 };
  for (const segment of segments) {
    const t = Math.max(0, Math.min(segment.toM - segment.fromM, dot(sub(p, segment.start), segment.direction)));
    const offset = sub(p, pointOnSegment(segment, segment.fromM + t));
    const d2 = dot(offset, offset);
    if (d2 < best.d2) best = { d2, alongM: segment.fromM + t, cross: cross(segment.direction, sub(p, segment.start)) };
  }
  return { alongM: best.alongM, side: best.cross >= 0 ? "left" : "right" };
}

/** Compass bearing of the line as a whole (its first point to its last), 0 = north, clockwise. */
export function overallBearingDeg(line: LngLat[]): number {
  assertUsableLine(line);
  const { projection } = prepareLine(line);
  return bearingOf(sub(projection.toPlane(line[line.length - 1]!), projection.toPlane(line[0]!)));
}

/**
 * A rectangle beside the street: from `fromM` to `toM` along the line, from `offsetM` to
 * `offsetM + depthM` away from the centre line on `side`. The stretch must lie on one straight
 * segment (a rectangle cannot follow a bend); otherwise this throws, naming the vertex in the way.
 */
export function footprintBesideLine(
  line: LngLat[],
  stretch: { fromM: number; toM: number; side: StreetSide; offsetM: number; depthM: number },
): PolygonGeometry {
  assertUsableLine(line);
  const prepared = prepareLine(line);
  const { fromM, toM, side, offsetM, depthM } = stretch;
  if (!(fromM >= 0 && toM > fromM && toM <= prepared.lengthM + LENGTH_TOLERANCE_M)) {
    throw new Error(`stretch ${fromM}–${toM} m does not lie on the ${prepared.lengthM.toFixed(1)} m line`);
  }
  const segment = prepared.segments[segmentIndexAt(prepared, fromM)]!;
  if (toM > segment.toM + LENGTH_TOLERANCE_M) {
    throw new Error(
      `stretch ${fromM}–${toM} m crosses the bend at ${segment.toM.toFixed(1)} m; a rectangle must stay beside one straight segment`,
    );
  }
  const corners = cornersBesideSegment(segment, fromM, toM, side, offsetM, offsetM + depthM);
  return { type: "Polygon", coordinates: [closedLngLatRing(corners, prepared.projection)] };
}

function assertUsableLine(line: LngLat[]): void {
  const problems = validateLine(line);
  if (problems.length > 0) throw new Error(`Unusable street line: ${problems.join("; ")}`);
}

// ---------------------------------------------------------------------------------------------
// Polygon helpers (also used by the map editor to validate drawn spots)
// ---------------------------------------------------------------------------------------------

/** A spot rectangle centred on `centre`: `widthM` along the bearing, `depthM` across it. */
export function rectangleAt(centre: LngLat, widthM: number, depthM: number, bearingDeg: number): PolygonGeometry {
  const projection = createLocalProjection(centre);
  const radians = (bearingDeg * Math.PI) / 180;
  const along = { x: Math.sin(radians), y: Math.cos(radians) };
  const across = sideNormal(along, "right");
  const halfAlong = scale(along, widthM / 2);
  const halfAcross = scale(across, depthM / 2);
  const corners = [
    sub(sub({ x: 0, y: 0 }, halfAlong), halfAcross),
    sub(halfAlong, halfAcross),
    add(halfAlong, halfAcross),
    add(scale(halfAlong, -1), halfAcross),
  ];
  return { type: "Polygon", coordinates: [closedLngLatRing(corners, projection)] };
}

/** Area in square metres: outer ring minus holes. */
export function polygonAreaM2(polygon: PolygonGeometry): number {
  const [outer, ...holes] = polygon.coordinates;
  if (!outer || outer.length === 0) return 0;
  const projection = createLocalProjection(outer[0]!);
  const ringArea = (ring: LngLat[]) => Math.abs(doubleSignedArea(openRing(ring, projection))) / 2;
  return holes.reduce((area, hole) => area - ringArea(hole), ringArea(outer));
}

/**
 * True when the interiors of the two polygons intersect; polygons that only touch along an edge or
 * at a corner do not overlap. Uses the separating-axis theorem on the outer rings, so it is exact
 * for convex polygons (spots, squares); for a concave polygon it answers for its convex hull, which
 * can only err on the side of reporting an overlap. Holes are ignored.
 */
export function polygonsOverlap(a: PolygonGeometry, b: PolygonGeometry): boolean {
  const outerA = a.coordinates[0];
  const outerB = b.coordinates[0];
  if (!outerA?.length || !outerB?.length) return false;
  const projection = createLocalProjection(outerA[0]!);
  const ringA = openRing(outerA, projection);
  const ringB = openRing(outerB, projection);
  if (ringA.length < 3 || ringB.length < 3) return false; // no interior, nothing to overlap
  return convexInteriorsIntersect(ringA, ringB);
}

/**
 * True when a ring crosses or touches itself (bow-tie, figure eight, spike going back over its own
 * edge), or when rings of the polygon touch each other. A ring with fewer than three distinct
 * corners encloses nothing and is also reported, so an editor can reject it with the same check.
 */
export function isSelfIntersecting(polygon: PolygonGeometry): boolean {
  const firstPosition = polygon.coordinates[0]?.[0];
  if (!firstPosition) return true;
  const projection = createLocalProjection(firstPosition);
  const rings = polygon.coordinates.map((ring) => withoutRepeatedPoints(openRing(ring, projection)));
  if (rings.some((ring) => ring.length < 3)) return true;

  for (const ring of rings) {
    const edges = edgesOf(ring);
    for (let i = 0; i < edges.length; i++) {
      for (let j = i + 1; j < edges.length; j++) {
        const [a1, a2] = edges[i]!;
        const [b1, b2] = edges[j]!;
        const nextToEachOther = j === i + 1 || (i === 0 && j === edges.length - 1);
        if (nextToEachOther) {
          // Neighbouring edges share a corner; they only intersect when one folds back over the other.
          const [shared, endOfFirst, endOfSecond] = j === i + 1 ? [a2, a1, b2] : [a1, a2, b1];
          const foldsBack =
            pointSegmentDistance(endOfSecond, shared, endOfFirst) <= LENGTH_TOLERANCE_M ||
            pointSegmentDistance(endOfFirst, shared, endOfSecond) <= LENGTH_TOLERANCE_M;
          if (foldsBack) return true;
        } else if (segmentDistance(a1, a2, b1, b2) <= LENGTH_TOLERANCE_M) {
          return true;
        }
      }
    }
  }
  for (let r = 0; r < rings.length; r++) {
    for (let s = r + 1; s < rings.length; s++) {
      if (boundaryDistance(rings[r]!, rings[s]!) <= LENGTH_TOLERANCE_M) return true;
    }
  }
  return false;
}

function withoutRepeatedPoints(ring: PlanePoint[]): PlanePoint[] {
  return ring.filter((point, i) => {
    const next = ring[(i + 1) % ring.length]!;
    return ring.length === 1 || length(sub(next, point)) > LENGTH_TOLERANCE_M;
  });
}

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

/** Problems with layout parameters as readable sentences; empty when they are usable. */
export function validateParams(params: LayoutParams): string[] {
  const problems: string[] = [];
  const checkSize = (name: string, value: unknown, allowZero: boolean) => {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      problems.push(`${name} must be a number of metres`);
    } else if (allowZero ? value < 0 : value <= 0) {
      problems.push(`${name} must be ${allowZero ? "zero or more" : "more than zero"} (got ${value})`);
    } else if (value > MAX_SIZE_M) {
      problems.push(`${name} of ${value} m is implausible (at most ${MAX_SIZE_M} m)`);
    }
  };
  checkSize("spotWidthM", params.spotWidthM, false);
  checkSize("spotDepthM", params.spotDepthM, false);
  checkSize("gapM", params.gapM, true);
  checkSize("offsetM", params.offsetM, true);

  if (!Array.isArray(params.sides) || params.sides.length === 0) {
    problems.push("at least one side of the street must be used");
  } else {
    const seenSides = new Set<string>();
    const seenPrefixes = new Set<string>();
    for (const { side, codePrefix } of params.sides) {
      if (side !== "left" && side !== "right") problems.push(`unknown side "${String(side)}"`);
      else if (seenSides.has(side)) problems.push(`the ${side} side is configured twice`);
      seenSides.add(side);
      // The prefix is followed by "-" and the number, so it must not contain a dash or spaces itself.
      if (typeof codePrefix !== "string" || !/^[\p{L}\p{N}]+$/u.test(codePrefix)) {
        problems.push(`code prefix "${String(codePrefix)}" must be letters and/or digits`);
      } else if (seenPrefixes.has(codePrefix)) {
        problems.push(`code prefix "${codePrefix}" is used for two sides`);
      }
      seenPrefixes.add(String(codePrefix));
    }
  }

  if (!Array.isArray(params.skips)) {
    problems.push("skips must be a list (use [] for none)");
  } else {
    params.skips.forEach((skip, index) => {
      const label = `skip ${index + 1}${skip.reason ? ` (${skip.reason})` : ""}`;
      if (!Number.isFinite(skip.fromM) || !Number.isFinite(skip.toM)) {
        problems.push(`${label} needs numeric fromM and toM`);
      } else if (skip.fromM > skip.toM) {
        problems.push(`${label} starts after it ends (${skip.fromM} m > ${skip.toM} m)`);
      }
      if (skip.side !== undefined && skip.side !== "left" && skip.side !== "right") {
        problems.push(`${label} has unknown side "${String(skip.side)}"`);
      }
    });
  }

  for (const [name, value] of [
    ["startM", params.startM],
    ["endM", params.endM],
  ] as const) {
    if (value !== undefined && (!Number.isFinite(value) || value < 0)) {
      problems.push(`${name} must be zero or more metres along the line`);
    }
  }
  if (params.startM !== undefined && params.endM !== undefined && params.startM >= params.endM) {
    problems.push(`startM (${params.startM} m) must be before endM (${params.endM} m)`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Spot generation
// ---------------------------------------------------------------------------------------------

interface PlacedFootprint {
  side: StreetSide;
  fromM: number; // frontage along the line
  segment: LineSegment;
  corners: PlanePoint[];
  centre: PlanePoint;
  radius: number; // centre to corner, for a cheap "too far apart to matter" test
}

/**
 * Lay out spots along `line` on the configured sides.
 *
 * Per side, walking from startM towards endM, a spot is placed at the first position where
 *  - its frontage lies outside every skip stretch for that side (touching a skip's end is fine),
 *  - its frontage lies wholly alongside one straight segment (a rectangle cannot follow a bend),
 *  - it stays at least `offsetM` away from every part of the centre line and does not cross it
 *    (on the inside of a bend, a spot near the vertex would otherwise stand in the next segment's roadway),
 *  - it keeps `gapM` from the spots already placed on its side and does not overlap any spot on
 *    the other side (only possible at sharp bends).
 * Along a straight stretch the spots are therefore spaced exactly width + gap; near a bend a spot
 * is pushed further along (or dropped when its segment runs out) until it fits.
 *
 * Returns the spots side by side in the order of `params.sides`, each side ordered along the line
 * and numbered 1, 2, 3, … without holes. Throws when the line or the parameters are unusable.
 */
export function generateSpots(line: LngLat[], params: LayoutParams): GeneratedSpot[] {
  const problems = [...validateLine(line), ...validateParams(params)];
  if (problems.length > 0) throw new Error(`Cannot lay out spots: ${problems.join("; ")}`);

  const prepared = prepareLine(line);
  const startM = Math.min(Math.max(params.startM ?? 0, 0), prepared.lengthM);
  const endM = Math.min(Math.max(params.endM ?? prepared.lengthM, 0), prepared.lengthM);
  const placed: PlacedFootprint[] = []; // all sides, so later sides can avoid earlier ones
  const spots: GeneratedSpot[] = [];

  for (const { side, codePrefix } of params.sides) {
    const placedOnSide = placeSide(prepared, params, side, startM, endM, placed);
    placed.push(...placedOnSide);
    placedOnSide.forEach((footprint, index) => {
      const sequence = index + 1;
      spots.push({
        code: `${codePrefix}-${String(sequence).padStart(2, "0")}`,
        side,
        sequence,
        alongM: footprint.fromM + params.spotWidthM / 2,
        widthM: params.spotWidthM,
        depthM: params.spotDepthM,
        bearingDeg: bearingOf(footprint.segment.direction),
        centre: prepared.projection.toLngLat(footprint.centre),
        polygon: { type: "Polygon", coordinates: [closedLngLatRing(footprint.corners, prepared.projection)] },
      });
    });
  }
  return spots;
}

function placeSide(
  prepared: PreparedLine,
  params: LayoutParams,
  side: StreetSide,
  startM: number,
  endM: number,
  placedEarlier: PlacedFootprint[],
): PlacedFootprint[] {
  const { spotWidthM: width, spotDepthM: depth, gapM: gap, offsetM: offset } = params;
  const skipsOnSide = params.skips.filter((skip) => skip.side === undefined || skip.side === side);
  const placed: PlacedFootprint[] = [];

  const footprintAt = (segment: LineSegment, fromM: number): PlacedFootprint => {
    const corners = cornersBesideSegment(segment, fromM, fromM + width, side, offset, offset + depth);
    const centre = scale(corners.reduce(add), 1 / corners.length);
    return { side, fromM, segment, corners, centre, radius: Math.hypot(width, depth) / 2 };
  };

  const fits = (candidate: PlacedFootprint): boolean => {
    for (const { start, end } of prepared.segments) {
      const centreLine = [start, end];
      if (convexInteriorsIntersect(candidate.corners, centreLine)) return false;
      if (boundaryDistance(candidate.corners, centreLine) < offset - LENGTH_TOLERANCE_M) return false;
    }
    for (const other of [...placedEarlier, ...placed]) {
      const requiredClearance = other.side === side ? gap : 0;
      const centreDistance = length(sub(candidate.centre, other.centre));
      if (centreDistance > candidate.radius + other.radius + requiredClearance + LENGTH_TOLERANCE_M) continue;
      if (convexInteriorsIntersect(candidate.corners, other.corners)) return false;
      if (boundaryDistance(candidate.corners, other.corners) < requiredClearance - LENGTH_TOLERANCE_M) return false;
    }
    return true;
  };

  let fromM = startM;
  while (fromM + width <= endM + LENGTH_TOLERANCE_M) {
    const toM = fromM + width;
    // Open intervals: a frontage ending exactly where a skip starts (or vice versa) is allowed.
    const blockingSkip = skipsOnSide.find(
      (skip) => skip.fromM < toM - LENGTH_TOLERANCE_M && skip.toM > fromM + LENGTH_TOLERANCE_M,
    );
    if (blockingSkip) {
      fromM = blockingSkip.toM;
      continue;
    }

    const segment = prepared.segments[segmentIndexAt(prepared, fromM)]!;
    fromM = Math.max(fromM, segment.fromM);
    if (fromM + width > segment.toM + LENGTH_TOLERANCE_M) {
      fromM = segment.toM; // does not fit before the bend: start again on the next segment
      continue;
    }

    if (!fits(footprintAt(segment, fromM))) {
      const latestFromM = Math.min(segment.toM, endM) - width;
      const pushedFromM = firstFittingPosition(fromM, latestFromM, (m) => fits(footprintAt(segment, m)));
      // Nothing fits on the rest of this segment: drop the spot and try the next segment.
      fromM = pushedFromM ?? segment.toM;
      continue; // re-check skips for the new position
    }

    placed.push(footprintAt(segment, fromM));
    fromM += width + gap;
  }
  return placed;
}

/**
 * The smallest position in (blockedFromM, latestFromM] where `fits` holds, found by probing ahead in
 * small steps and then bisecting back to the obstacle; null when no probe fits. The returned
 * position has itself been checked, so it always fits.
 */
function firstFittingPosition(
  blockedFromM: number,
  latestFromM: number,
  fits: (fromM: number) => boolean,
): number | null {
  let blocked = blockedFromM;
  while (blocked < latestFromM) {
    const probe = Math.min(blocked + PUSH_PROBE_STEP_M, latestFromM);
    if (fits(probe)) {
      let fitting = probe;
      while (fitting - blocked > PUSH_PRECISION_M) {
        const middle = (blocked + fitting) / 2;
        if (fits(middle)) fitting = middle;
        else blocked = middle;
      }
      return fitting;
    }
    blocked = probe;
  }
  return null;
}

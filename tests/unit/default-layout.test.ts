/**
 * The default Noordewierweg layout, checked against turf as an independent oracle (distances with
 * @turf/distance, areas with @turf/area, overlaps with @turf/intersect). Planar helpers work in
 * east/north metres measured with turf distance, not with the module's own projection.
 */
import area from "@turf/area";
import distance from "@turf/distance";
import { featureCollection, polygon as turfPolygon } from "@turf/helpers";
import intersect from "@turf/intersect";
import { describe, expect, test } from "vitest";
import {
  buildDefaultLayout,
  DEFAULT_LAYOUT_PARAMS,
  noordewierweg,
  parseStreetData,
  type DefaultLandmark,
} from "#db/seed/default-layout";
import streetJson from "#db/seed/noordewierweg.json";
import { polygonsOverlap, validateParams, type LngLat, type PolygonGeometry } from "~/rules/layout-geometry";

const SUPERMARKET: LngLat = [5.37331, 52.15863]; // lon, lat of the reference point halfway the street
const CM = 0.02;

const layout = buildDefaultLayout();
const line = layout.streetLine;
const origin = line[0]!;

// ---------------------------------------------------------------------------------------------
// Oracle helpers
// ---------------------------------------------------------------------------------------------

const metres = (a: LngLat, b: LngLat) => distance(a, b, { units: "meters" });
const cornersOf = (polygon: PolygonGeometry): LngLat[] => polygon.coordinates[0]!.slice(0, -1);

function overlapAreaM2(a: PolygonGeometry, b: PolygonGeometry): number {
  const shared = intersect(featureCollection([turfPolygon(a.coordinates), turfPolygon(b.coordinates)]));
  return shared ? area(shared) : 0;
}

/** Whether a point lies inside a polygon: a 10 cm square around it is wholly covered by it. */
function containsPoint(polygon: PolygonGeometry, point: LngLat): boolean {
  const tiny = squareAround(point, 0.1);
  return overlapAreaM2(polygon, tiny) > 0.99 * area(turfPolygon(tiny.coordinates));
}

function squareAround([lon, lat]: LngLat, sizeM: number): PolygonGeometry {
  const halfLat = sizeM / 2 / metres([lon, lat], [lon, lat + 1]);
  const halfLon = sizeM / 2 / metres([lon, lat], [lon + 1, lat]);
  const ring: LngLat[] = [
    [lon - halfLon, lat - halfLat],
    [lon + halfLon, lat - halfLat],
    [lon + halfLon, lat + halfLat],
    [lon - halfLon, lat + halfLat],
    [lon - halfLon, lat - halfLat],
  ];
  return { type: "Polygon", coordinates: [ring] };
}

interface Plane {
  x: number;
  y: number;
}

/** East/north metres from the line's first point, each measured with turf distance. */
function enu(position: LngLat): Plane {
  const [lon, lat] = position;
  return {
    x: Math.sign(lon - origin[0]) * metres([origin[0], lat], position),
    y: Math.sign(lat - origin[1]) * metres([lon, origin[1]], position),
  };
}

const linePoints = line.map(enu);
const vertexAlongM = line.reduce<number[]>((acc, point, i) => [...acc, i === 0 ? 0 : acc[i - 1]! + metres(line[i - 1]!, point)], []);

/** The nearest point of the street line: how far along, how far away, and the offset vector to it. */
function nearestOnLine(position: LngLat) {
  const p = enu(position);
  let best = { alongM: 0, distanceM: Infinity, east: 0, north: 0, side: "left" as "left" | "right" };
  for (let i = 0; i + 1 < linePoints.length; i++) {
    const a = linePoints[i]!;
    const b = linePoints[i + 1]!;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const t = Math.min(1, Math.max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)));
    const foot = { x: a.x + t * dx, y: a.y + t * dy };
    const distanceM = Math.hypot(p.x - foot.x, p.y - foot.y);
    if (distanceM < best.distanceM) {
      best = {
        alongM: vertexAlongM[i]! + t * (vertexAlongM[i + 1]! - vertexAlongM[i]!),
        distanceM,
        east: p.x - foot.x,
        north: p.y - foot.y,
        side: dx * (p.y - a.y) - dy * (p.x - a.x) > 0 ? "left" : "right",
      };
    }
  }
  return best;
}

function bearingBetween(from: LngLat, to: LngLat): number {
  const a = enu(from);
  const b = enu(to);
  return (((Math.atan2(b.x - a.x, b.y - a.y) * 180) / Math.PI) % 360 + 360) % 360;
}

/** Along-line stretch covered by a polygon: its corners projected on the line. */
function alongExtent(polygon: PolygonGeometry): [number, number] {
  const along = cornersOf(polygon).map((corner) => nearestOnLine(corner).alongM);
  return [Math.min(...along), Math.max(...along)];
}

const isPolygon = (geometry: DefaultLandmark["geometry"]): geometry is PolygonGeometry => geometry.type === "Polygon";
const pointOf = (landmark: DefaultLandmark): LngLat => {
  if (isPolygon(landmark.geometry)) throw new Error(`${landmark.kind} is not a point`);
  return landmark.geometry.coordinates;
};

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe("the Noordewierweg centre line", () => {
  test("has 4–6 points and is 450–550 m long", () => {
    expect(line.length).toBeGreaterThanOrEqual(4);
    expect(line.length).toBeLessThanOrEqual(6);
    expect(vertexAlongM.at(-1)).toBeGreaterThan(450);
    expect(vertexAlongM.at(-1)).toBeLessThan(550);
  });

  test("runs from north-west (Primulastraat) to south-east (Merwedestraat)", () => {
    const bearing = bearingBetween(line[0]!, line.at(-1)!);
    expect(bearing).toBeGreaterThan(100);
    expect(bearing).toBeLessThan(170);
    expect(noordewierweg.from).toBe("Primulastraat");
    expect(noordewierweg.to).toBe("Merwedestraat");
  });

  test("bends gently: some bend, none sharper than 30°", () => {
    const turns = line.slice(1, -1).map((vertex, i) => {
      const before = bearingBetween(line[i]!, vertex);
      const after = bearingBetween(vertex, line[i + 2]!);
      return Math.abs(((after - before + 540) % 360) - 180);
    });
    expect(Math.max(...turns)).toBeGreaterThan(2);
    expect(Math.max(...turns)).toBeLessThan(30);
  });

  test("passes the supermarket halfway, within 60 m", () => {
    const nearest = nearestOnLine(SUPERMARKET);
    expect(nearest.distanceM).toBeLessThan(60);
    const lengthM = vertexAlongM.at(-1)!;
    expect(nearest.alongM).toBeGreaterThan(lengthM * 0.3);
    expect(nearest.alongM).toBeLessThan(lengthM * 0.7);
  });

  test("the data file parses, and malformed data is refused with a reason", () => {
    expect(parseStreetData(streetJson)).toEqual(noordewierweg);
    expect(() => parseStreetData({ ...streetJson, line: [[5.37, 52.15]] })).toThrow(/at least two points/);
    expect(() => parseStreetData({ ...streetJson, line: [[5.37, "52.15"], [5.38, 52.15]] })).toThrow(/point 1 lat/);
    expect(() => parseStreetData({ ...streetJson, churchSquare: { ...streetJson.churchSquare, side: "up" } })).toThrow(
      /churchSquare.side/,
    );
    expect(() => parseStreetData({ ...streetJson, sideStreets: [{ name: "x", atM: "12" }] })).toThrow(/side street 1 atM/);
  });
});

describe("DEFAULT_LAYOUT_PARAMS", () => {
  test("3 × 3 m spots, a 1–2 m gap, N on the left and Z on the right, valid", () => {
    expect(DEFAULT_LAYOUT_PARAMS.spotWidthM).toBe(3);
    expect(DEFAULT_LAYOUT_PARAMS.spotDepthM).toBe(3);
    expect(DEFAULT_LAYOUT_PARAMS.gapM).toBeGreaterThanOrEqual(1);
    expect(DEFAULT_LAYOUT_PARAMS.gapM).toBeLessThanOrEqual(2);
    expect(DEFAULT_LAYOUT_PARAMS.offsetM).toBeGreaterThanOrEqual(3);
    expect(DEFAULT_LAYOUT_PARAMS.offsetM).toBeLessThanOrEqual(4);
    expect(DEFAULT_LAYOUT_PARAMS.sides).toEqual([
      { side: "left", codePrefix: "N" },
      { side: "right", codePrefix: "Z" },
    ]);
    expect(validateParams(DEFAULT_LAYOUT_PARAMS)).toEqual([]);
    expect(layout.params).toEqual(DEFAULT_LAYOUT_PARAMS);
  });

  test("skips every side street on both sides and the church square on its side", () => {
    for (const street of noordewierweg.sideStreets) {
      const skip = DEFAULT_LAYOUT_PARAMS.skips.find(
        (s) => s.fromM === street.atM - street.widthM / 2 && s.toM === street.atM + street.widthM / 2,
      );
      expect(skip, street.name).toBeDefined();
      expect(skip!.side, `${street.name} is kept free on both sides`).toBeUndefined();
    }
    const square = noordewierweg.churchSquare;
    expect(DEFAULT_LAYOUT_PARAMS.skips).toContainEqual(
      expect.objectContaining({ fromM: square.fromM, toM: square.toM, side: square.side }),
    );
    expect(noordewierweg.sideStreets.length).toBeGreaterThanOrEqual(2);
  });
});

describe("the default spots", () => {
  const { spots } = layout;

  test("about 80 spots, on both sides", () => {
    expect(spots.length).toBeGreaterThanOrEqual(74);
    expect(spots.length).toBeLessThanOrEqual(90);
    expect(spots.filter((s) => s.side === "left").length).toBeGreaterThan(25);
    expect(spots.filter((s) => s.side === "right").length).toBeGreaterThan(25);
  });

  test("every spot is 3 × 3 m (2 cm) with an area of 9 m² (1%)", () => {
    for (const spot of spots) {
      const corners = cornersOf(spot.polygon);
      expect(corners).toHaveLength(4);
      for (let i = 0; i < 4; i++) {
        expect(Math.abs(metres(corners[i]!, corners[(i + 1) % 4]!) - 3), spot.code).toBeLessThan(CM);
      }
      expect(Math.abs(metres(corners[0]!, corners[2]!) - Math.hypot(3, 3)), spot.code).toBeLessThan(CM);
      expect(Math.abs(area(turfPolygon(spot.polygon.coordinates)) / 9 - 1), spot.code).toBeLessThan(0.01);
    }
  });

  test("no two spots overlap, on either side", () => {
    let comparedNeighbours = 0;
    for (let i = 0; i < spots.length; i++) {
      for (let j = i + 1; j < spots.length; j++) {
        const a = spots[i]!;
        const b = spots[j]!;
        if (metres(a.centre, b.centre) > 6) continue; // 3 × 3 m spots further apart cannot touch
        comparedNeighbours++;
        expect(overlapAreaM2(a.polygon, b.polygon), `${a.code} / ${b.code}`).toBeLessThan(0.01);
        expect(polygonsOverlap(a.polygon, b.polygon), `${a.code} / ${b.code}`).toBe(false);
      }
    }
    expect(comparedNeighbours).toBeGreaterThan(spots.length / 2); // the check really compared neighbours
  });

  test("nothing stands in a side-street crossing or in front of the church square", () => {
    for (const spot of spots) {
      const [from, to] = alongExtent(spot.polygon);
      for (const street of noordewierweg.sideStreets) {
        const clear = to <= street.atM - street.widthM / 2 + CM || from >= street.atM + street.widthM / 2 - CM;
        expect(clear, `${spot.code} (${from.toFixed(2)}–${to.toFixed(2)} m) in ${street.name}`).toBe(true);
      }
      const square = noordewierweg.churchSquare;
      if (spot.side === square.side) {
        const clear = to <= square.fromM + CM || from >= square.toM - CM;
        expect(clear, `${spot.code} (${from.toFixed(2)}–${to.toFixed(2)} m) at the square`).toBe(true);
      }
    }
  });

  test("stay within the market stretch, at least 3.5 m from the centre line", () => {
    const { fromM, toM } = noordewierweg.marketStretch;
    for (const spot of spots) {
      const [from, to] = alongExtent(spot.polygon);
      expect(from, spot.code).toBeGreaterThanOrEqual(fromM - CM);
      expect(to, spot.code).toBeLessThanOrEqual(toM + CM);
      for (const corner of cornersOf(spot.polygon)) {
        expect(nearestOnLine(corner).distanceM, spot.code).toBeGreaterThanOrEqual(DEFAULT_LAYOUT_PARAMS.offsetM - CM);
      }
    }
  });

  test("N spots stand on the north-east side, Z spots on the south-west side", () => {
    for (const spot of spots) {
      const { east, north, side } = nearestOnLine(spot.centre);
      expect(side, spot.code).toBe(spot.side);
      if (spot.code.startsWith("N-")) {
        expect(spot.side, spot.code).toBe("left");
        expect(east > 0 && north > 0, `${spot.code} is north-east of the street`).toBe(true);
      } else {
        expect(spot.code.startsWith("Z-"), spot.code).toBe(true);
        expect(east < 0 && north < 0, `${spot.code} is south-west of the street`).toBe(true);
      }
    }
  });

  test("codes are contiguous per side, numbered from the Primulastraat end", () => {
    for (const prefix of ["N", "Z"]) {
      const onSide = spots.filter((s) => s.code.startsWith(`${prefix}-`));
      expect(onSide.map((s) => s.code)).toEqual(onSide.map((_, i) => `${prefix}-${String(i + 1).padStart(2, "0")}`));
      for (let i = 1; i < onSide.length; i++) {
        expect(metres(line[0]!, onSide[i]!.centre)).toBeGreaterThan(metres(line[0]!, onSide[i - 1]!.centre));
      }
    }
  });

  test("is the same every time it is built", () => {
    expect(buildDefaultLayout()).toEqual(layout);
  });

  test("follows a realigned street: without side streets there is room for more spots", () => {
    const withoutSideStreets = buildDefaultLayout({ ...noordewierweg, sideStreets: [] });
    expect(withoutSideStreets.spots.length).toBeGreaterThan(spots.length);
  });
});

describe("the default landmarks", () => {
  const { landmarks, spots } = layout;
  const square = landmarks.find((l) => l.kind === "square")!;

  test("all kinds are there, with Dutch and English names", () => {
    const kinds = landmarks.map((l) => l.kind);
    for (const kind of ["square", "stage", "terrace", "ride", "first_aid", "toilets", "information"] as const) {
      expect(kinds.filter((k) => k === kind), kind).toHaveLength(1);
    }
    expect(kinds.filter((k) => k === "waste")).toHaveLength(2);
    for (const landmark of landmarks) {
      expect(landmark.nameNl.length, landmark.kind).toBeGreaterThan(2);
      expect(landmark.nameEn.length, landmark.kind).toBeGreaterThan(2);
    }
    expect(square.nameNl).toBe("Plein Emmaüskerk");
    expect(square.nameEn).toBe("Emmaüskerk square");
  });

  test("the square is a 40 × 30 m polygon beside the street, on its side, at its stretch", () => {
    expect(isPolygon(square.geometry)).toBe(true);
    const polygon = square.geometry as PolygonGeometry;
    const { fromM, toM, side, depthM } = noordewierweg.churchSquare;
    expect(Math.abs(area(turfPolygon(polygon.coordinates)) / ((toM - fromM) * depthM) - 1)).toBeLessThan(0.01);
    const [from, to] = alongExtent(polygon);
    expect(from).toBeCloseTo(fromM, 1);
    expect(to).toBeCloseTo(toM, 1);
    for (const corner of cornersOf(polygon)) {
      const nearest = nearestOnLine(corner);
      expect(nearest.side).toBe(side);
      expect(nearest.distanceM).toBeGreaterThanOrEqual(DEFAULT_LAYOUT_PARAMS.offsetM - CM);
      expect(nearest.distanceM).toBeLessThanOrEqual(DEFAULT_LAYOUT_PARAMS.offsetM + depthM + CM);
    }
  });

  test("the square overlaps no spot", () => {
    const polygon = square.geometry as PolygonGeometry;
    for (const spot of spots) {
      expect(overlapAreaM2(polygon, spot.polygon), spot.code).toBeLessThan(0.01);
      expect(polygonsOverlap(polygon, spot.polygon), spot.code).toBe(false);
    }
  });

  test("stage, terrace and ride are inside the square", () => {
    const polygon = square.geometry as PolygonGeometry;
    for (const kind of ["stage", "terrace", "ride"] as const) {
      expect(containsPoint(polygon, pointOf(landmarks.find((l) => l.kind === kind)!)), kind).toBe(true);
    }
    expect(containsPoint(polygon, SUPERMARKET)).toBe(false); // the check can say no
  });

  test("no service point stands on a spot", () => {
    for (const landmark of landmarks.filter((l) => l.kind !== "square")) {
      const point = pointOf(landmark);
      for (const spot of spots) {
        if (metres(point, spot.centre) > 5) continue;
        expect(containsPoint(spot.polygon, point), `${landmark.kind} on ${spot.code}`).toBe(false);
      }
    }
  });

  test("the waste points are at the two ends of the market, on the street", () => {
    const waste = landmarks.filter((l) => l.kind === "waste").map((l) => nearestOnLine(pointOf(l)));
    expect(waste[0]!.distanceM).toBeLessThan(CM);
    expect(waste[1]!.distanceM).toBeLessThan(CM);
    expect(waste[0]!.alongM).toBeCloseTo(noordewierweg.marketStretch.fromM, 1);
    expect(waste[1]!.alongM).toBeCloseTo(noordewierweg.marketStretch.toM, 1);
  });
});

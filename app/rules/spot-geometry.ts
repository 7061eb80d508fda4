/** Whether a drawn or edited spot shape is something that can stand on a Dutch street. */
import {
  isSelfIntersecting,
  polygonAreaM2,
  type LngLat,
  type PolygonGeometry,
} from "./layout-geometry";

export type SpotShapeProblem =
  | "not_a_polygon"
  | "self_intersecting"
  | "zero_area"
  | "outside_netherlands"
  | "too_small"
  | "too_large";

/** A generous box around the Netherlands (mainland and islands). */
const NL = { minLon: 3.2, maxLon: 7.3, minLat: 50.7, maxLat: 53.6 };
/** A spot is at least 0.5 × 0.5 m and at most a 40 × 40 m area (a square or a fairground). */
export const MIN_SPOT_AREA_M2 = 0.25;
export const MAX_SPOT_AREA_M2 = 1600;
export const MAX_SPOT_SIDE_M = 50;

function isLngLat(value: unknown): value is LngLat {
  return Array.isArray(value) && value.length === 2 && value.every((n) => typeof n === "number" && Number.isFinite(n));
}

export function spotShapeProblem(polygon: unknown): SpotShapeProblem | null {
  if (
    typeof polygon !== "object" ||
    polygon === null ||
    (polygon as { type?: unknown }).type !== "Polygon" ||
    !Array.isArray((polygon as { coordinates?: unknown }).coordinates)
  ) {
    return "not_a_polygon";
  }
  const ring = (polygon as PolygonGeometry).coordinates[0];
  if (!Array.isArray(ring) || ring.length < 4 || !ring.every(isLngLat)) return "not_a_polygon";
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) return "not_a_polygon";
  if (ring.some(([lon, lat]) => lon < NL.minLon || lon > NL.maxLon || lat < NL.minLat || lat > NL.maxLat)) {
    return "outside_netherlands";
  }
  const shape = polygon as PolygonGeometry;
  if (allOnOneLine(ring)) return "zero_area";
  if (isSelfIntersecting(shape)) return "self_intersecting";
  const area = polygonAreaM2(shape);
  if (!(area > 1e-6)) return "zero_area";
  if (area < MIN_SPOT_AREA_M2) return "too_small";
  if (area > MAX_SPOT_AREA_M2) return "too_large";
  // A very long thin shape can have a modest area: check the extent too (1° lat ≈ 111 km).
  const lats = ring.map(([, lat]) => lat);
  const lons = ring.map(([lon]) => lon);
  const heightM = (Math.max(...lats) - Math.min(...lats)) * 111_195;
  const widthM = (Math.max(...lons) - Math.min(...lons)) * 111_195 * Math.cos((first[1] * Math.PI) / 180);
  if (Math.hypot(heightM, widthM) > MAX_SPOT_SIDE_M * Math.SQRT2) return "too_large";
  return null;
}

/** True when every corner lies within 1 cm of one straight line (a shape with no inside). */
function allOnOneLine(ring: LngLat[]): boolean {
  const toMetres = ([lon, lat]: LngLat, [lon0, lat0]: LngLat) => ({
    x: (lon - lon0) * 111_195 * Math.cos((lat0 * Math.PI) / 180),
    y: (lat - lat0) * 111_195,
  });
  const origin = ring[0]!;
  const points = ring.map((p) => toMetres(p, origin));
  const far = points.reduce((best, p) => (Math.hypot(p.x, p.y) > Math.hypot(best.x, best.y) ? p : best), points[0]!);
  const length = Math.hypot(far.x, far.y);
  if (length < 0.01) return true;
  return points.every((p) => Math.abs(p.x * far.y - p.y * far.x) / length < 0.01);
}

/**
 * The size of a spot added by hand: the layout's own spot size when the street was laid out with
 * one, else one stall unit of the edition wide (a market stall is 3 m) and 3 m deep.
 */
export function newSpotSizeCm(input: { stallUnitCm: number; layout: { spotWidthM: number; spotDepthM: number } | null }): { widthCm: number; depthCm: number } {
  if (input.layout) return { widthCm: Math.round(input.layout.spotWidthM * 100), depthCm: Math.round(input.layout.spotDepthM * 100) };
  return { widthCm: input.stallUnitCm, depthCm: 300 };
}

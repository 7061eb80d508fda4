/**
 * The site plan (situatietekening) for the event permit, laid out in page coordinates: pure, so
 * the PDF writer only draws what this module says and tests can check the geometry.
 *
 * The geometry is the map's own (spot polygons, street line, landmarks in lon/lat), projected
 * with the same local projection as app/rules/layout-geometry, rotated so the street runs across
 * the sheet (the north arrow shows where north is), at a standard scale (1:500, 1:750, 1:1000, …)
 * that fits the sheet. One metre on the street is exactly `pointsPerMetre` points on paper.
 */
import { createLocalProjection, type LngLat, type PlanePoint, type PolygonGeometry } from "./layout-geometry";

export type SheetSize = "A3" | "A4";
/** Landscape sheets in PDF points (1/72 inch). */
export const SHEETS: Record<SheetSize, { width: number; height: number }> = {
  A3: { width: 1190.55, height: 841.89 },
  A4: { width: 841.89, height: 595.28 },
};
export const POINTS_PER_MM = 72 / 25.4;
export const STANDARD_SCALES = [200, 250, 500, 750, 1000, 1250, 1500, 2000, 2500, 5000, 10000];

export interface PlanSpot {
  code: string;
  polygon: PolygonGeometry;
  widthCm: number;
  depthCm: number;
  hasElectricity: boolean;
  blocked: boolean;
  stallName: string | null;
  colour: string | null;
  /** null = does not cook; otherwise how (for the symbol). */
  heat: "electric" | "gas" | "open_fire" | "none" | "unknown" | null;
  deepFrying: boolean;
}

export interface PlanInput {
  sheet: SheetSize;
  line: LngLat[];
  spots: PlanSpot[];
  landmarks: { kind: string; name: string; geometry: { type: "Point"; coordinates: LngLat } | PolygonGeometry }[];
  powerPoints: { code: string; position: LngLat }[];
  sideStreets: { name: string; position: LngLat; bearingDeg: number; widthM: number }[];
  /** Room for the labels beside the spots, in points. */
  labelRoom?: number;
}

export type PagePoint = [x: number, y: number];

export interface PlanLabel {
  text: string;
  at: PagePoint;
  /** Degrees, clockwise on the page (PDF's rotate). */
  angle: number;
  align: "left" | "right";
}

export interface SitePlan {
  sheet: { width: number; height: number };
  frame: { x: number; y: number; width: number; height: number };
  scaleDenominator: number;
  pointsPerMetre: number;
  /** Degrees clockwise from the page's "up" to north. */
  northAngle: number;
  toPage(position: LngLat): PagePoint;
  street: PagePoint[];
  streetWidthPt: number;
  sideStreets: { name: string; band: PagePoint[]; labelAt: PagePoint; angle: number }[];
  spots: { spot: PlanSpot; ring: PagePoint[]; centre: PagePoint; label: PlanLabel }[];
  landmarks: { kind: string; name: string; at: PagePoint; ring: PagePoint[] | null }[];
  powerPoints: { code: string; at: PagePoint }[];
  scaleBar: { x: number; y: number; metres: number; lengthPt: number; segments: number };
}

const MARGIN = 28;
const FOOTER = 120;

function boundingCentre(points: LngLat[]): LngLat {
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
}

/** The spot's label: code, size and stall name. */
export function spotLabel(spot: PlanSpot): string {
  const size = `${trimNumber(spot.widthCm / 100)}×${trimNumber(spot.depthCm / 100)} m`;
  return [spot.code, size, spot.stallName ?? ""].filter(Boolean).join("  ");
}

function trimNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace(".", ",");
}

/** A scale-bar length that is a round number of metres and roughly a sixth of the frame. */
export function scaleBarMetres(pointsPerMetre: number, frameWidth: number): number {
  const target = frameWidth / 6 / pointsPerMetre;
  const options = [5, 10, 20, 25, 50, 100, 200, 250, 500];
  return options.reduce((best, m) => (Math.abs(m - target) < Math.abs(best - target) ? m : best), options[0]!);
}

export function layoutSitePlan(input: PlanInput): SitePlan {
  const sheet = SHEETS[input.sheet];
  const labelRoom = input.labelRoom ?? 150;
  const frame = { x: MARGIN, y: MARGIN, width: sheet.width - 2 * MARGIN, height: sheet.height - 2 * MARGIN - FOOTER };
  const everything: LngLat[] = [
    ...input.spots.flatMap((s) => s.polygon.coordinates[0] ?? []),
    ...input.powerPoints.map((p) => p.position),
    ...input.landmarks.map((l) => (l.geometry.type === "Point" ? l.geometry.coordinates : (l.geometry.coordinates[0]?.[0] ?? input.line[0]!))),
  ];
  if (everything.length === 0) everything.push(...input.line);
  const projection = createLocalProjection(boundingCentre(everything));
  // Rotate so the street (first to last point) runs left to right.
  const lineStart = projection.toPlane(input.line[0] ?? everything[0]!);
  const lineEnd = projection.toPlane(input.line.at(-1) ?? everything.at(-1)!);
  const theta = Math.atan2(lineEnd.y - lineStart.y, lineEnd.x - lineStart.x) || 0;
  const cos = Math.cos(-theta);
  const sin = Math.sin(-theta);
  const rotate = (p: PlanePoint): PlanePoint => ({ x: p.x * cos - p.y * sin, y: p.x * sin + p.y * cos });
  const rotated = everything.map((p) => rotate(projection.toPlane(p)));
  const minU = Math.min(...rotated.map((p) => p.x));
  const maxU = Math.max(...rotated.map((p) => p.x));
  const minV = Math.min(...rotated.map((p) => p.y));
  const maxV = Math.max(...rotated.map((p) => p.y));
  const spanU = Math.max(maxU - minU, 1);
  const spanV = Math.max(maxV - minV, 1);

  const scaleDenominator =
    STANDARD_SCALES.find((d) => {
      const k = (1000 / d) * POINTS_PER_MM;
      return spanU * k <= frame.width - 2 * labelRoom * 0.3 && spanV * k <= frame.height - 2 * labelRoom;
    }) ?? STANDARD_SCALES.at(-1)!;
  const k = (1000 / scaleDenominator) * POINTS_PER_MM;
  const offsetX = frame.x + (frame.width - spanU * k) / 2;
  const offsetY = frame.y + (frame.height - spanV * k) / 2;
  const toPageFromPlane = (p: PlanePoint): PagePoint => {
    const r = rotate(p);
    return [offsetX + (r.x - minU) * k, offsetY + (maxV - r.y) * k];
  };
  const toPage = (position: LngLat) => toPageFromPlane(projection.toPlane(position));
  // North (+y in the plane) on the page: rotate (0,1), flip y. Angle clockwise from page-up.
  const north = rotate({ x: 0, y: 1 });
  const northAngle = (Math.atan2(north.x, north.y) * 180) / Math.PI;

  const street = input.line.map(toPage);
  const nearestOnStreet = (p: PagePoint): PagePoint => {
    let best: PagePoint = street[0] ?? p;
    let bestD = Infinity;
    for (let i = 0; i + 1 < street.length; i++) {
      const [ax, ay] = street[i]!;
      const [bx, by] = street[i + 1]!;
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy || 1;
      const t = Math.max(0, Math.min(1, ((p[0] - ax) * dx + (p[1] - ay) * dy) / len2));
      const q: PagePoint = [ax + dx * t, ay + dy * t];
      const d = Math.hypot(p[0] - q[0], p[1] - q[1]);
      if (d < bestD) [best, bestD] = [q, d];
    }
    return best;
  };

  const spots = input.spots.map((spot) => {
    const outer = spot.polygon.coordinates[0] ?? [];
    const ring = outer.map(toPage);
    const corners = ring.length > 1 ? ring.slice(0, -1) : ring;
    const centre: PagePoint = [corners.reduce((s, p) => s + p[0], 0) / (corners.length || 1), corners.reduce((s, p) => s + p[1], 0) / (corners.length || 1)];
    const foot = nearestOnStreet(centre);
    let dx = centre[0] - foot[0];
    let dy = centre[1] - foot[1];
    const len = Math.hypot(dx, dy) || 1;
    [dx, dy] = len < 1e-6 ? [0, -1] : [dx / len, dy / len];
    const reach = (spot.depthCm / 200) * k + 3;
    const at: PagePoint = [centre[0] + dx * reach, centre[1] + dy * reach];
    let angle = (Math.atan2(dy, dx) * 180) / Math.PI;
    let align: "left" | "right" = "left";
    if (angle > 45 || angle <= -135) {
      // Turn the text round so every label reads from the bottom or the left, ending at the spot.
      angle = angle > 45 ? angle - 180 : angle + 180;
      align = "right";
    }
    return { spot, ring, centre, label: { text: spotLabel(spot), at, angle, align } };
  });

  const sideStreets = input.sideStreets.map((s) => {
    const centre = projection.toPlane(s.position);
    const b = (s.bearingDeg * Math.PI) / 180;
    const along = { x: Math.sin(b), y: Math.cos(b) };
    const across = { x: along.y, y: -along.x };
    const lengthM = 40;
    const half = s.widthM / 2 - 1;
    const band = [
      { x: centre.x + along.x * half + across.x * lengthM, y: centre.y + along.y * half + across.y * lengthM },
      { x: centre.x - along.x * half + across.x * lengthM, y: centre.y - along.y * half + across.y * lengthM },
      { x: centre.x - along.x * half - across.x * lengthM, y: centre.y - along.y * half - across.y * lengthM },
      { x: centre.x + along.x * half - across.x * lengthM, y: centre.y + along.y * half - across.y * lengthM },
    ].map(toPageFromPlane);
    const [ax, ay] = band[2]!;
    const [bx, by] = band[1]!;
    let angle = (Math.atan2(by - ay, bx - ax) * 180) / Math.PI;
    if (angle > 90) angle -= 180;
    if (angle < -90) angle += 180;
    const labelAt = toPageFromPlane({ x: centre.x + across.x * (lengthM * 0.75), y: centre.y + across.y * (lengthM * 0.75) });
    return { name: s.name, band, labelAt, angle };
  });

  const landmarks = input.landmarks.map((l) => {
    if (l.geometry.type === "Point") return { kind: l.kind, name: l.name, at: toPage(l.geometry.coordinates), ring: null };
    const ring = (l.geometry.coordinates[0] ?? []).map(toPage);
    // An area's name just inside its top edge: the point landmarks on it (stage, terrace) sit in
    // its middle and their names would run through it.
    const at: PagePoint = [ring.reduce((s, p) => s + p[0], 0) / (ring.length || 1), Math.min(...ring.map((p) => p[1])) + 8];
    return { kind: l.kind, name: l.name, at, ring };
  });

  const barMetres = scaleBarMetres(k, frame.width);
  return {
    sheet,
    frame,
    scaleDenominator,
    pointsPerMetre: k,
    northAngle,
    toPage,
    street,
    streetWidthPt: 2 * 1.8 * k,
    sideStreets,
    spots,
    landmarks,
    powerPoints: input.powerPoints.map((p) => ({ code: p.code, at: toPage(p.position) })),
    scaleBar: { x: frame.x + frame.width - 70 - barMetres * k, y: frame.y + frame.height + 30, metres: barMetres, lengthPt: barMetres * k, segments: barMetres % 4 === 0 || barMetres === 20 ? 4 : 5 },
  };
}

/**
 * How the street maps draw their shapes, in one place: the Leaflet map and the drawing shown before
 * it (StreetSketch) use the same colours and line widths, so nothing changes when one replaces the
 * other. Plain data, no Leaflet.
 */
import { FREE_SPOT_COLOUR, STREET_COLOUR, type DrawnSpot } from "./map-types";

export interface ShapeStyle {
  /** Outline colour, its width in screen pixels and opacity; dashes in pixels when dashed. */
  color: string;
  weight: number;
  opacity?: number;
  dashArray?: string;
  fillColor?: string;
  fillOpacity?: number;
}

/** The market street's centre line and the side streets: wide grey lines. */
export const STREET_LINE_STYLE: ShapeStyle = { color: STREET_COLOUR, weight: 14, opacity: 0.35 };
/** An area landmark (the church square): a light dashed area. */
export const LANDMARK_AREA_STYLE: ShapeStyle = { color: "#b45309", weight: 1, dashArray: "4 4", fillColor: "#fde68a", fillOpacity: 0.35 };

/** The map's zoom limits and steps (the drawing before Leaflet fits its view with the same). */
export const MAP_OPTIONS = { maxZoom: 20, zoomSnap: 0.5 };
/** Room around the market when the map opens, as a share of its extent on each side. */
export const OPENING_PAD = 0.08;

/**
 * The tile layer's zoom limits. On a sharp screen (detectRetina) Leaflet asks the tiles of one zoom
 * closer at half size, which shifts its zooms by one: the limits are given one higher, so the tile
 * server's last zoom (19) is still the last one asked for.
 */
export function tileZoomLimits(retina: boolean): { maxZoom: number; maxNativeZoom: number } {
  return retina ? { maxZoom: 21, maxNativeZoom: 18 } : { maxZoom: 20, maxNativeZoom: 19 };
}
/** A spot moved to (a deep link, the list, the own spot) is shown at least this close. */
export const FOCUS_ZOOM = 19;
/** Stall names are drawn beside their spots from this zoom on (the street)… */
export const STREET_ZOOM = 18.5;
/** …and spot codes join them from this one (the closest). */
export const CLOSEST_ZOOM = 20;

/** Below this zoom a spot is only a few pixels: its outline is drawn thicker, in its colour, so it stays visible. */
export const SMALL_ZOOM = 18.5;

export type SpotState = "taken" | "free" | "blocked";

export function spotState(spot: DrawnSpot): SpotState {
  if (spot.stalls.length > 0) return "taken";
  return spot.kind === "blocked" ? "blocked" : "free";
}

/** Taken: filled in the category colour. Free: light, with a dashed outline. Blocked: grey. */
export function spotStyle(state: SpotState, colour: string, mark: { selected: boolean; highlighted: boolean; own: boolean; small: boolean }): ShapeStyle {
  const { selected, highlighted, own, small } = mark;
  const marked = selected || highlighted || own;
  if (state === "taken") return { color: marked ? "#111827" : colour, weight: selected || own ? 4 : highlighted ? 3 : small ? 5 : 1.5, fillColor: colour, fillOpacity: 0.9 };
  if (state === "blocked") return { color: "#6b7280", weight: 1, fillColor: "#9ca3af", fillOpacity: 0.7 };
  return { color: marked ? "#111827" : FREE_SPOT_COLOUR, weight: marked ? 3 : 1.5, dashArray: "3 3", fillColor: "#ffffff", fillOpacity: 0.85 };
}

/** The class names a spot's shape carries (tests and CSS find spots by them). */
export function spotClassName(code: string, state: SpotState, mark: { highlighted: boolean; own: boolean }): string {
  return `spot spot-${code} spot-${state}${mark.highlighted ? " spot-match" : ""}${mark.own ? " spot-own" : ""}`;
}

type LngLat = [number, number];

export interface StallRun {
  /** The spots of one stall side by side, in the order given. */
  codes: string[];
  /** One outline around all of them (the gaps between the spots included). */
  ring: LngLat[];
}

/**
 * A stall on a run of spots is drawn as one shape (issue 11, item 3): the spots that `runOf` gives
 * the same key become one outline around them all, drawn under the spots (which then lose their
 * own outlines). Spots without a key, and keys of one spot, are not runs.
 */
export function stallRuns<S extends DrawnSpot>(spots: readonly S[], runOf: (spot: S) => string | null): StallRun[] {
  const byKey = new Map<string, S[]>();
  for (const spot of spots) {
    const key = runOf(spot);
    if (key === null) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), spot]);
  }
  return [...byKey.values()]
    .filter((run) => run.length > 1)
    .map((run) => ({ codes: run.map((spot) => spot.code), ring: convexHull(run.flatMap((spot) => spot.polygon.coordinates[0] ?? [])) }));
}

/** The convex hull of the points, closed (Andrew's monotone chain; a run of spots is convex enough). */
export function convexHull(points: LngLat[]): LngLat[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (sorted.length < 3) return sorted;
  const cross = (o: LngLat, a: LngLat, b: LngLat) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: LngLat[]) => {
    const out: LngLat[] = [];
    for (const p of list) {
      while (out.length >= 2 && cross(out[out.length - 2]!, out[out.length - 1]!, p) <= 0) out.pop();
      out.push(p);
    }
    out.pop();
    return out;
  };
  const hull = [...half(sorted), ...half([...sorted].reverse())];
  return [...hull, hull[0]!];
}

export interface SpotDrawing<S> {
  /** Each stall on a run of spots as one shape, drawn first (under its spots). */
  runs: { run: StallRun; first: S; style: ShapeStyle; className: string }[];
  /** Every spot, with its style and classes; a spot of a run loses its own outline into the shape. */
  spots: { spot: S; style: ShapeStyle; className: string }[];
}

/** What both maps (the drawing and Leaflet) draw of the spots: one place for the styles and marks. */
export function spotDrawing<S extends DrawnSpot>(
  spots: readonly S[],
  options: {
    colourOf: (spot: S) => string;
    selectedCode: string | null;
    highlightCodes?: ReadonlySet<string> | null;
    ownCodes?: ReadonlySet<string> | null;
    small: boolean;
    runOf?: ((spot: S) => string | null) | null;
  },
): SpotDrawing<S> {
  const { colourOf, selectedCode, highlightCodes, ownCodes, small } = options;
  const markOf = (codes: string[]) => ({
    selected: selectedCode !== null && codes.includes(selectedCode),
    highlighted: codes.some((code) => highlightCodes?.has(code) ?? false),
    own: codes.some((code) => ownCodes?.has(code) ?? false),
    small,
  });
  const runs = options.runOf ? stallRuns(spots, options.runOf) : [];
  const byCode = new Map(spots.map((spot) => [spot.code, spot]));
  const inRun = new Set(runs.flatMap((run) => run.codes));
  return {
    runs: runs.map((run) => {
      const first = byCode.get(run.codes[0]!)!;
      return { run, first, style: spotStyle(spotState(first), colourOf(first), markOf(run.codes)), className: `spot-run spot-run-${run.codes[0]}` };
    }),
    spots: spots.map((spot) => {
      const state = spotState(spot);
      const mark = markOf([spot.code]);
      const style = spotStyle(state, colourOf(spot), mark);
      // Inside a run the spot's outline takes its fill's colour: the run's shape carries the outline.
      return { spot, style: inRun.has(spot.code) ? { ...style, color: style.fillColor ?? style.color } : style, className: spotClassName(spot.code, state, mark) };
    }),
  };
}

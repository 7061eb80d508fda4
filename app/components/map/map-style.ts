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

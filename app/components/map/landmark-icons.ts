/**
 * Landmark symbols as small inline SVG drawings (24×24, drawn in the current text colour): they
 * look the same on every phone, with or without an emoji font. Used on the maps (as HTML in a
 * Leaflet divIcon) and in the landmark list (as a React element). Importing this never pulls
 * Leaflet into a bundle.
 */
import type { MapLandmark } from "./map-types";

type Kind = MapLandmark["kind"];

/** The drawing of each kind: the inside of an <svg viewBox="0 0 24 24">. */
const DRAWING: Record<Kind, string> = {
  // A church with a cross on its tower.
  square: '<path d="M12 2v5M9.5 4h5M6 21v-9l6-5 6 5v9zM10 21v-4a2 2 0 0 1 4 0v4"/>',
  // A note of music.
  stage: '<path d="M9 17V5l10-2v12"/><circle cx="6.5" cy="17.5" r="2.5"/><circle cx="16.5" cy="15.5" r="2.5"/>',
  // A cup on its saucer.
  terrace: '<path d="M5 8h11v5a4 4 0 0 1-4 4H9a4 4 0 0 1-4-4zM16 10h1.5a2.5 2.5 0 0 1 0 5H16M4 20h14"/>',
  // A carousel: roof, poles, floor.
  ride: '<path d="M3 9l9-6 9 6zM6 9v9M12 9v9M18 9v9M3 20h18"/>',
  // A plain cross.
  first_aid: '<path d="M12 5v14M5 12h14" stroke-width="4"/>',
  // The letters WC, drawn as lines (no font needed).
  toilets: '<path d="M2 7l2 10 2.5-7 2.5 7 2-10M21.5 8.5a4 4 0 1 0 0 7"/>',
  // The letter i.
  information: '<path d="M12 11v7" stroke-width="3"/><circle cx="12" cy="6.5" r="1.8" fill="currentColor" stroke="none"/>',
  // A waste bin.
  waste: '<path d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6"/>',
};

// Sized by CSS (.landmark-icon svg); always inside an element hidden from screen readers.
const SVG_OPEN = '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">';

/** The symbol of a landmark kind as an SVG element in HTML. */
export function landmarkSvg(kind: Kind): string {
  return `${SVG_OPEN}${DRAWING[kind] ?? ""}</svg>`;
}

/** The symbol in a round badge, as the maps and the landmark list show it. */
export function landmarkBadgeHtml(kind: Kind): string {
  return `<span class="landmark-icon landmark-${kind}" aria-hidden="true">${landmarkSvg(kind)}</span>`;
}

/** Landmarks that matter most come first: they keep their place on the map when symbols would pile up. */
export const LANDMARK_PRIORITY: Record<Kind, number> = {
  first_aid: 0,
  information: 1,
  toilets: 2,
  stage: 3,
  square: 4,
  waste: 5,
  terrace: 6,
  ride: 7,
};

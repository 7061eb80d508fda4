/** Plain data the map modules share; importing this never pulls Leaflet into a bundle. */
import type { PublicMap } from "~/data/public-map.server";

export type { PublicMap };
export type MapSpot = PublicMap["spots"][number];
export type MapLandmark = PublicMap["landmarks"][number];

export interface TileConfig {
  url: string;
  attribution: string;
}

export const FREE_SPOT_COLOUR = "#9aa5b1";
export const STREET_COLOUR = "#6b7280";

/** Short symbols for landmarks on the map (the list names them in full). */
export const LANDMARK_SYMBOL: Record<MapLandmark["kind"], string> = {
  square: "⛪",
  stage: "♪",
  terrace: "☕",
  ride: "🎠",
  first_aid: "✚",
  toilets: "WC",
  information: "i",
  waste: "♻",
};

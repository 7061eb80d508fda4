/** Plain data the map modules share; importing this never pulls Leaflet into a bundle. */
import type { PublicMap } from "~/data/public-map.server";

export type { PublicMap };
export type MapSpot = PublicMap["spots"][number];
export type MapLandmark = PublicMap["landmarks"][number];

/**
 * What the map draws of a spot. The public map passes whole public spots; the private page sends
 * only this (a taken spot it does not name carries one stall without a name).
 */
export interface DrawnSpot {
  code: string;
  kind: MapSpot["kind"];
  polygon: MapSpot["polygon"];
  centre: MapSpot["centre"];
  stalls: { stallName: string }[];
}

export interface TileConfig {
  url: string;
  attribution: string;
}

/** The visitor's own position, when they allowed it. */
export interface OwnPosition {
  lat: number;
  lon: number;
  accuracyM: number;
}

/**
 * A point the map should move to (from the list, a deep link); `seq` makes a repeat move again.
 * `seq` 0 is where the map opens (a deep link, the own spot): the drawing before Leaflet shows it.
 */
export interface MapFocus {
  point: [lon: number, lat: number];
  seq: number;
}

export const FREE_SPOT_COLOUR = "#7b8794";
export const STREET_COLOUR = "#6b7280";

/** Where a landmark is, as one point (a polygon's first corner average). */
export function landmarkPoint(landmark: MapLandmark): [number, number] {
  if (landmark.geometry.type === "Point") return landmark.geometry.coordinates;
  const ring = landmark.geometry.coordinates[0] ?? [];
  const n = Math.max(1, ring.length - 1);
  const sum = ring.slice(0, n).reduce(([x, y], [lon, lat]) => [x + lon, y + lat], [0, 0]);
  return [sum[0]! / n, sum[1]! / n];
}

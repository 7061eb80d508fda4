/**
 * What the maps draw of the streets themselves, so a visitor can tell where they are without any
 * map tiles (issue 11, item 5): a band for every side street crossing the market, with its name
 * running along it, and the market street's own name on its centre line where no stalls stand.
 * Side streets are drawn as lines like the market street (the same width on screen at every
 * zoom), so the two look alike. Computed on the server from the layout; the browser only draws it (no geometry code to load).
 */
import { lineLengthM, locateAlongLine, validateLine, type LngLat } from "./layout-geometry";
import type { Crossing } from "./side-streets";

export interface SideStreetDrawing {
  name: string;
  /** The side street's centre line across the market street, reaching out on both sides. */
  line: [LngLat, LngLat];
  /**
   * Where its name can go, in order: starting just past the rows of stalls on one side of the
   * market street, then the other, running outwards along the side street (`outwards`); then
   * centred on the crossing (`centred`). Screen angles, degrees clockwise from east. The map shows
   * the first that fits.
   */
  labels: { hang: "outwards" | "centred"; at: LngLat; angleDeg: number }[];
}

export interface StreetNameDrawing {
  name: string;
  /** `end`: starting at `at` and running outwards; `beside`: centred on `at`, beside the stalls. */
  kind: "end" | "beside";
  /** Where the name starts, on the centre line just past the market's end. */
  at: LngLat;
  /** Screen angle of the street there, outwards from the market, degrees clockwise from east. */
  angleDeg: number;
}

export interface StreetDrawing {
  sideStreets: SideStreetDrawing[];
  /** Places for the street's name, in order: past either end of the market, then beside it. */
  streetNames: StreetNameDrawing[];
}

/** How far a side street is drawn out from the market street's centre line, on each side. */
export const SIDE_STREET_REACH_M = 60;
/** Where a side street's name starts: past the stalls (they stand up to about 7 m out). */
const SIDE_STREET_LABEL_FROM_M = 9;
/** The street's name needs this many metres of line past the market to sit on… */
const STREET_NAME_ROOM_M = 30;
/** …and starts this far past the last stall's centre. */
const STREET_NAME_GAP_M = 5;
/** Beside the market, the name's middle is this far from the centre line (stalls reach about 7 m). */
const STREET_NAME_BESIDE_M = 16;

/** A compass bearing as a screen angle (0 = east, clockwise: screen y points down). */
const screenAngle = (bearingDeg: number) => ((((bearingDeg - 90) % 360) + 540) % 360) - 180;

export function streetDrawing(input: { line: LngLat[]; crossings: Crossing[]; streetName: string; spotAlongM: number[] }): StreetDrawing {
  const { line, crossings } = input;
  if (validateLine(line).length > 0) return { sideStreets: [], streetNames: [] };
  const length = lineLengthM(line);
  const sideStreets = crossings
    .filter((crossing) => crossing.atM >= 0 && crossing.atM <= length && crossing.widthM > 0)
    .map((crossing) => {
      const at = locateAlongLine(line, crossing.atM);
      const across: [LngLat, LngLat] = [
        locateAlongLine(line, crossing.atM, { side: "left", distanceM: SIDE_STREET_REACH_M }).point,
        locateAlongLine(line, crossing.atM, { side: "right", distanceM: SIDE_STREET_REACH_M }).point,
      ];
      // On the left of the line's direction the side street runs out at the bearing minus 90°, on the right plus 90°.
      const labels: SideStreetDrawing["labels"] = (["left", "right"] as const).map((side) => ({
        hang: "outwards",
        at: locateAlongLine(line, crossing.atM, { side, distanceM: SIDE_STREET_LABEL_FROM_M }).point,
        angleDeg: screenAngle(at.bearingDeg + (side === "left" ? -90 : 90)),
      }));
      // Last, across the market street in the crossing's gap between the stalls (a small map close
      // in, where neither end fits inside).
      labels.push({ hang: "centred", at: at.point, angleDeg: screenAngle(at.bearingDeg + 90) });
      return { name: crossing.name, line: across, labels };
    });

  // The street's name runs along its centre line from just past the last stall and from just
  // before the first, outwards: the line runs on past both ends of the market, and the ends of the
  // market are in view when the map opens. Both are tried (the map hides one that would cover
  // another label); the end with more room first.
  const name = input.streetName.trim();
  const alongs = input.spotAlongM.filter(Number.isFinite);
  const streetNames: StreetNameDrawing[] = [];
  if (name && alongs.length > 0) {
    const first = Math.min(...alongs);
    const last = Math.max(...alongs);
    const ends = [
      { room: length - last, atM: last + STREET_NAME_GAP_M, turn: 0 },
      { room: first, atM: first - STREET_NAME_GAP_M, turn: 180 },
    ].sort((a, b) => b.room - a.room);
    for (const end of ends) {
      if (end.room < STREET_NAME_ROOM_M) continue;
      const at = locateAlongLine(line, end.atM);
      streetNames.push({ name, kind: "end", at: at.point, angleDeg: screenAngle(at.bearingDeg + end.turn) });
    }
    // Where neither end is in view (a phone, held upright), beside the middle of the market, past
    // the stalls on the right of the line's direction.
    const middle = locateAlongLine(line, (first + last) / 2, { side: "right", distanceM: STREET_NAME_BESIDE_M });
    streetNames.push({ name, kind: "beside", at: middle.point, angleDeg: screenAngle(middle.bearingDeg) });
  }
  return { sideStreets, streetNames };
}

/**
 * Where a stallholder's spot is, in words (issue 11, item 6): which side of the street, and between
 * which side streets or places along it ("Noordkant, tussen de Anemoonstraat en het Plein
 * Emmaüskerk"); and who stands next to them. Plain data in, plain data out: the page words it.
 */
import { overallBearingDeg, positionOnLine, type LngLat, type StreetSide } from "./layout-geometry";

export type CompassSide = "north" | "east" | "south" | "west";

/** Something along the street a visitor can see: a side street, or a place such as the church square. */
export type StreetReference =
  | { kind: "crossing"; name: string; atM: number }
  | { kind: "place"; placeKind: string; nameNl: string; nameEn: string; fromM: number; toM: number; side: StreetSide | null };

export type ReferenceName = { kind: "crossing"; name: string } | { kind: "place"; placeKind: string; nameNl: string; nameEn: string };

export type Whereabouts =
  | { kind: "between"; side: CompassSide | null; first: ReferenceName; second: ReferenceName }
  | { kind: "opposite"; side: CompassSide | null; place: ReferenceName }
  | { kind: "from"; side: CompassSide | null; reference: ReferenceName; metres: number }
  | { kind: "street"; side: CompassSide | null };

/**
 * The side's name on the compass, the same for the whole street (from its overall direction):
 * a street that runs diagonally has its sides called north and south; only a street within 35° of
 * north–south has east and west sides.
 */
export function compassSide(line: LngLat[], side: StreetSide): CompassSide {
  const bearing = overallBearingDeg(line);
  const normal = (((bearing + (side === "left" ? -90 : 90)) % 360) + 360) % 360;
  const fromNorth = Math.min(normal, 360 - normal);
  if (fromNorth <= 55) return "north";
  if (fromNorth >= 125) return "south";
  return normal < 180 ? "east" : "west";
}

const nameOf = (reference: StreetReference): ReferenceName =>
  reference.kind === "crossing"
    ? { kind: "crossing", name: reference.name }
    : { kind: "place", placeKind: reference.placeKind, nameNl: reference.nameNl, nameEn: reference.nameEn };

/** Distances are said in steps of 5 m (at least 5 m): the street is not measured closer than that. */
const roundMetres = (metres: number) => Math.max(5, Math.round(metres / 5) * 5);

/**
 * Where the spots from `fromM` to `toM` along the line (centres of the first and last of a run) on
 * `side` are: between the nearest reference on either side along the street; opposite a place on
 * the other side that covers them; else how far from the one reference there is.
 */
export function whereabouts(input: {
  line: LngLat[];
  side: StreetSide | null;
  fromM: number;
  toM: number;
  references: StreetReference[];
}): Whereabouts {
  const { side, references } = input;
  const fromM = Math.min(input.fromM, input.toM);
  const toM = Math.max(input.fromM, input.toM);
  const compass = side && input.line.length >= 2 ? compassSide(input.line, side) : null;

  const opposite = references.find(
    (r) => r.kind === "place" && r.side !== null && side !== null && r.side !== side && r.fromM <= toM && r.toM >= fromM,
  );
  if (opposite) return { kind: "opposite", side: compass, place: nameOf(opposite) };

  // The nearest reference before the spots (its far end) and after them (its near end).
  const startOf = (r: StreetReference) => (r.kind === "crossing" ? r.atM : r.fromM);
  const endOf = (r: StreetReference) => (r.kind === "crossing" ? r.atM : r.toM);
  const before = references.filter((r) => endOf(r) <= fromM).sort((a, b) => endOf(b) - endOf(a))[0];
  const after = references.filter((r) => startOf(r) >= toM).sort((a, b) => startOf(a) - startOf(b))[0];
  if (before && after) return { kind: "between", side: compass, first: nameOf(before), second: nameOf(after) };
  if (before) return { kind: "from", side: compass, reference: nameOf(before), metres: roundMetres(fromM - endOf(before)) };
  if (after) return { kind: "from", side: compass, reference: nameOf(after), metres: roundMetres(startOf(after) - toM) };
  return { kind: "street", side: compass };
}

/** A place given as a polygon (the church square) as a stretch along the street, on its side. */
export function placeAlongStreet(line: LngLat[], ring: LngLat[]): { fromM: number; toM: number; side: StreetSide | null } {
  const corners = ring.length > 1 ? ring.slice(0, -1) : ring;
  const positions = corners.map((corner) => positionOnLine(line, corner));
  const sides = new Set(positions.map((p) => p.side));
  const alongs = positions.map((p) => p.alongM);
  return { fromM: Math.min(...alongs), toM: Math.max(...alongs), side: sides.size === 1 ? [...sides][0]! : null };
}

export interface NeighbourSpot {
  code: string;
  side: StreetSide | null;
  alongM: number;
  /** The public name of the stall standing there (on the day shown), or null when free. */
  stallName: string | null;
}

export interface Neighbour {
  name: string;
  code: string;
}

/**
 * The stalls next to the own spots on the same side of the street: the nearest taken spot before
 * the run and after it (free spots in between are passed over), never across the street.
 */
export function neighbours(spots: NeighbourSpot[], own: ReadonlySet<string>): { before: Neighbour | null; after: Neighbour | null } {
  const mine = spots.filter((s) => own.has(s.code));
  if (mine.length === 0) return { before: null, after: null };
  const side = mine[0]!.side;
  const fromM = Math.min(...mine.map((s) => s.alongM));
  const toM = Math.max(...mine.map((s) => s.alongM));
  const row = spots.filter((s) => s.side === side && !own.has(s.code) && s.stallName !== null);
  const pick = (s: NeighbourSpot | undefined) => (s ? { name: s.stallName!, code: s.code } : null);
  return {
    before: pick(row.filter((s) => s.alongM < fromM).sort((a, b) => b.alongM - a.alongM)[0]),
    after: pick(row.filter((s) => s.alongM > toM).sort((a, b) => a.alongM - b.alongM)[0]),
  };
}

/**
 * The default market layout on the Noordewierweg: about 80 spots of 3 × 3 m on both sides of the
 * street, the square of the Emmaüskerk with stage, terrace and a small ride, and the service
 * points. Pure: everything is derived from noordewierweg.json, which an organiser can realign.
 *
 * Sides: the centre line is drawn from north-west (Primulastraat) to south-east (Merwedestraat),
 * so its LEFT is the north-east side of the street and its RIGHT the south-west side. Spot codes
 * use the Dutch noord/zuid for these: "N-01" … on the north(-east) side, "Z-01" … on the
 * south(-west) side, each numbered from the Primulastraat end.
 */
// No import attribute: the Remix compiler's esbuild does not parse `with { type: "json" }`; tsx, vitest and Remix all load JSON.
import noordewierwegJson from "./noordewierweg.json";
import {
  footprintBesideLine,
  generateSpots,
  lineLengthM,
  locateAlongLine,
  validateLine,
  type GeneratedSpot,
  type LayoutParams,
  type LngLat,
  type PolygonGeometry,
  type SkipStretch,
  type StreetSide,
} from "~/rules/layout-geometry";

export interface StreetData {
  name: string;
  from: string;
  to: string;
  note: string;
  line: LngLat[]; // centre line, north-west to south-east
  sideStreets: { name: string; atM: number; widthM: number }[]; // crossings: no stalls on either side
  churchSquare: { name: string; fromM: number; toM: number; side: StreetSide; depthM: number };
  marketStretch: { fromM: number; toM: number }; // the part of the street the market uses
}

export interface DefaultLandmark {
  kind: "square" | "stage" | "terrace" | "ride" | "first_aid" | "toilets" | "information" | "waste";
  nameNl: string;
  nameEn: string;
  geometry: { type: "Point"; coordinates: LngLat } | PolygonGeometry;
}

export interface DefaultLayout {
  streetLine: LngLat[];
  params: LayoutParams;
  spots: GeneratedSpot[];
  landmarks: DefaultLandmark[];
}

/** A standard market stall is 3 m wide; the spot is as deep, so there is room behind the table. */
const SPOT_SIZE_M = 3;
/** Room to pass between stalls (and for guy ropes), and what brings the count to about 80. */
const GAP_M = 1.5;
/** Half of the ~7 m carriageway: stalls stand at the kerb, leaving the road free for visitors. */
const OFFSET_FROM_CENTRE_M = 3.5;

/**
 * Reads noordewierweg.json (or an organiser's realigned copy) into typed street data, with a
 * readable error instead of a layout silently built from a malformed file.
 */
export function parseStreetData(raw: unknown): StreetData {
  const fail = (what: string): never => {
    throw new Error(`Street data is invalid: ${what}`);
  };
  const isRecord = (value: unknown): value is Record<string, unknown> =>
    typeof value === "object" && value !== null && !Array.isArray(value);
  const text = (value: unknown, what: string): string => (typeof value === "string" ? value : fail(`${what} must be text`));
  const metres = (value: unknown, what: string): number =>
    typeof value === "number" && Number.isFinite(value) ? value : fail(`${what} must be a number of metres`);
  const side = (value: unknown, what: string): StreetSide =>
    value === "left" || value === "right" ? value : fail(`${what} must be "left" or "right"`);

  if (!isRecord(raw)) return fail("expected an object");
  if (!Array.isArray(raw.line)) return fail("line must be a list of [lon, lat] points");
  const line = raw.line.map((point, index): LngLat => {
    if (!Array.isArray(point) || point.length !== 2) return fail(`line point ${index + 1} must be [lon, lat]`);
    return [metres(point[0], `line point ${index + 1} lon`), metres(point[1], `line point ${index + 1} lat`)];
  });
  const lineProblems = validateLine(line);
  if (lineProblems.length > 0) fail(lineProblems.join("; "));

  if (!Array.isArray(raw.sideStreets)) return fail("sideStreets must be a list");
  const sideStreets = raw.sideStreets.map((street, index) => {
    if (!isRecord(street)) return fail(`side street ${index + 1} must be an object`);
    return {
      name: text(street.name, `side street ${index + 1} name`),
      atM: metres(street.atM, `side street ${index + 1} atM`),
      widthM: metres(street.widthM, `side street ${index + 1} widthM`),
    };
  });

  const square = raw.churchSquare;
  if (!isRecord(square)) return fail("churchSquare must be an object");
  const market = raw.marketStretch;
  if (!isRecord(market)) return fail("marketStretch must be an object");

  return {
    name: text(raw.name, "name"),
    from: text(raw.from, "from"),
    to: text(raw.to, "to"),
    note: text(raw.note, "note"),
    line,
    sideStreets,
    churchSquare: {
      name: text(square.name, "churchSquare.name"),
      fromM: metres(square.fromM, "churchSquare.fromM"),
      toM: metres(square.toM, "churchSquare.toM"),
      side: side(square.side, "churchSquare.side"),
      depthM: metres(square.depthM, "churchSquare.depthM"),
    },
    marketStretch: {
      fromM: metres(market.fromM, "marketStretch.fromM"),
      toM: metres(market.toM, "marketStretch.toM"),
    },
  };
}

export const noordewierweg: StreetData = parseStreetData(noordewierwegJson);

/** Layout parameters for a street: its side streets (both sides) and the church square (its side) are kept free. */
export function layoutParamsFor(street: StreetData): LayoutParams {
  const sideStreetSkips: SkipStretch[] = street.sideStreets.map(({ name, atM, widthM }) => ({
    fromM: atM - widthM / 2,
    toM: atM + widthM / 2,
    reason: `Zijstraat ${name}`,
  }));
  const squareSkip: SkipStretch = {
    fromM: street.churchSquare.fromM,
    toM: street.churchSquare.toM,
    side: street.churchSquare.side,
    reason: street.churchSquare.name,
  };
  return {
    spotWidthM: SPOT_SIZE_M,
    spotDepthM: SPOT_SIZE_M,
    gapM: GAP_M,
    offsetM: OFFSET_FROM_CENTRE_M,
    // left of the NW→SE line = north-east side = "N" (noord); right = south-west side = "Z" (zuid)
    sides: [
      { side: "left", codePrefix: "N" },
      { side: "right", codePrefix: "Z" },
    ],
    skips: [...sideStreetSkips, squareSkip],
    startM: street.marketStretch.fromM,
    endM: street.marketStretch.toM,
  };
}

export const DEFAULT_LAYOUT_PARAMS: LayoutParams = layoutParamsFor(noordewierweg);

/**
 * The square, with stage, terrace and ride inside it, first aid, toilets and information at its
 * corners, and a waste point at each end of the market. Everything is placed relative to the
 * square and the market stretch, so it follows when the line is realigned.
 */
function landmarksFor(street: StreetData, params: LayoutParams): DefaultLandmark[] {
  const { line, churchSquare: square, marketStretch } = street;
  const squareLengthM = square.toM - square.fromM;
  /** A point in the square: `alongShare` of the way along it, `depthShare` of the way back from the street. */
  const inSquare = (alongShare: number, depthShare: number): { type: "Point"; coordinates: LngLat } => ({
    type: "Point",
    coordinates: locateAlongLine(line, square.fromM + alongShare * squareLengthM, {
      side: square.side,
      distanceM: params.offsetM + depthShare * square.depthM,
    }).point,
  });
  const onCentreLine = (alongM: number): { type: "Point"; coordinates: LngLat } => ({
    type: "Point",
    coordinates: locateAlongLine(line, alongM).point,
  });

  return [
    {
      kind: "square",
      nameNl: square.name,
      nameEn: "Emmaüskerk square",
      geometry: footprintBesideLine(line, {
        fromM: square.fromM,
        toM: square.toM,
        side: square.side,
        offsetM: params.offsetM,
        depthM: square.depthM,
      }),
    },
    { kind: "stage", nameNl: "Podium", nameEn: "Stage", geometry: inSquare(0.5, 0.8) },
    { kind: "terrace", nameNl: "Terras", nameEn: "Terrace", geometry: inSquare(0.3, 0.4) },
    { kind: "ride", nameNl: "Kinderdraaimolen", nameEn: "Children's carousel", geometry: inSquare(0.75, 0.4) },
    { kind: "information", nameNl: "Informatiepunt", nameEn: "Information point", geometry: inSquare(0.1, 0.1) },
    { kind: "first_aid", nameNl: "EHBO-post", nameEn: "First aid", geometry: inSquare(0.9, 0.1) },
    { kind: "toilets", nameNl: "Toiletten", nameEn: "Toilets", geometry: inSquare(0.9, 0.9) },
    {
      kind: "waste",
      nameNl: `Afvalpunt ${street.from}`,
      nameEn: `Waste point ${street.from} end`,
      geometry: onCentreLine(marketStretch.fromM),
    },
    {
      kind: "waste",
      nameNl: `Afvalpunt ${street.to}`,
      nameEn: `Waste point ${street.to} end`,
      geometry: onCentreLine(marketStretch.toM),
    },
  ];
}

export function buildDefaultLayout(street: StreetData = noordewierweg): DefaultLayout {
  const params = layoutParamsFor(street);
  return {
    streetLine: street.line,
    params,
    spots: generateSpots(street.line, params),
    landmarks: landmarksFor(street, params),
  };
}

/** Length of the street's centre line in metres (for reports and the map editor). */
export function streetLengthM(street: StreetData = noordewierweg): number {
  return lineLengthM(street.line);
}

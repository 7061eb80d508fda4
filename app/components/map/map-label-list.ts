/**
 * Which labels a street map shows, in the order they are tried (the first ones win a place when
 * two would collide): the own spot, the tapped one and search results; then the landmarks that
 * help most (first aid, information, toilets, stage, square); then the street names; then the
 * other landmarks; then the other stalls. Plain data, no Leaflet: the Leaflet map and the drawing
 * shown before it (StreetSketch) hang the same labels, so the two look alike.
 */
import type { StreetDrawing } from "~/rules/street-drawing";
import { escapeHtml, labelPlacement, labelTransform, shortName, type LabelHang } from "./label-layout";
import { LANDMARK_PRIORITY, landmarkBadgeHtml } from "./landmark-icons";
import { landmarkPoint, type DrawnSpot, type MapLandmark } from "./map-types";

type LngLat = [number, number];

export interface MapLabel {
  anchor: LngLat;
  /** The label's inner HTML (already escaped). */
  html: string;
  /** Class of the marker element ("spot-label", "landmark-marker" …). */
  className: string;
  /** Class of the element that carries the text or symbol (it is the one measured). */
  innerClassName: string;
  hang: LabelHang;
  /** Outward direction on screen, degrees clockwise from east (for `along` and `level`). */
  angleDeg?: number;
  /** Hidden below this zoom… */
  minZoom?: number;
  /** …and from this one on. */
  maxZoom?: number;
  /** Extra attributes on the inner element (data-code …), already escaped. */
  attributes?: string;
  /** One of several places for the same name: only the first that fits is shown. */
  group?: string;
  /** Shown only when wholly inside the map (a street name cut by the edge is not read). */
  keepInside?: boolean;
}

export interface MapLabelInput<S extends DrawnSpot> {
  spots: S[];
  landmarks: MapLandmark[];
  street: LngLat[];
  streets?: StreetDrawing | null;
  landmarkName: (landmark: MapLandmark) => string;
  labelOnly?: ReadonlySet<string> | null;
  ownCodes?: ReadonlySet<string> | null;
  highlightCodes?: ReadonlySet<string> | null;
  selectedCode: string | null;
  /** Stall names from this zoom on. */
  labelZoom: number;
  /** Free spots' codes from this zoom on. */
  codeZoom: number;
  /** A stall on a run of spots is one shape: it is named once, at the first of its spots shown. */
  runOf?: ((spot: S) => string | null) | null;
}

export function mapLabels<S extends DrawnSpot>(input: MapLabelInput<S>): MapLabel[] {
  const { spots, landmarks, street, streets, landmarkName, labelOnly, ownCodes, highlightCodes, selectedCode, labelZoom, codeZoom } = input;
  const first = (spot: S) => (ownCodes?.has(spot.code) || spot.code === selectedCode || highlightCodes?.has(spot.code) ? 0 : 1);
  const runsNamed = new Set<string>();
  const named = spots
    .filter((spot) => !labelOnly || labelOnly.has(spot.code))
    .sort((a, b) => first(a) - first(b))
    .filter((spot) => {
      const run = input.runOf?.(spot) ?? null;
      if (run === null) return true;
      if (runsNamed.has(run)) return false;
      runsNamed.add(run);
      return true;
    });
  const spotLabels: MapLabel[] = named.map((spot) => {
    const { anchor, angleDeg } = labelPlacement(spot, street, 0.8);
    const name = spot.stalls[0]?.stallName;
    const code = `<b class="label-code">${escapeHtml(spot.code)}</b>`;
    const own = ownCodes?.has(spot.code) ?? false;
    return {
      anchor,
      angleDeg,
      hang: "level",
      className: "spot-label",
      innerClassName: `spot-label-text${name ? "" : " spot-label-free"}${own ? " spot-label-own" : ""}`,
      attributes: ` data-code="${escapeHtml(spot.code)}"`,
      // The stallholder's own stall keeps its whole name: it is the one label they look for.
      html: name ? `${code} <span class="spot-label-name">${escapeHtml(own ? name : shortName(name))}</span>` : code,
      // A free spot has only its code: at the closest zoom. Named spots from the street zoom
      // (or always, when only a few are named).
      minZoom: name ? (labelOnly ? undefined : labelZoom) : codeZoom,
    };
  });
  const symbolsOf = (list: MapLandmark[]): MapLabel[] => list
    .map((landmark) => ({ landmark, point: landmarkPoint(landmark) }))
    .sort((a, b) => LANDMARK_PRIORITY[a.landmark.kind] - LANDMARK_PRIORITY[b.landmark.kind])
    .flatMap(({ landmark, point }) => {
      const name = escapeHtml(landmarkName(landmark));
      const badge: MapLabel = {
        anchor: point,
        hang: "centre",
        className: "landmark-marker",
        innerClassName: `landmark-symbol landmark-symbol-${landmark.kind}`,
        attributes: ` title="${name}" data-landmark="${landmark.kind}"`,
        html: landmarkBadgeHtml(landmark.kind),
      };
      // An area (the church square) shows its symbol and, from the street zoom, its name.
      if (landmark.geometry.type !== "Polygon") return [badge];
      return [
        { ...badge, maxZoom: labelZoom },
        { anchor: point, hang: "centre", className: "landmark-marker", innerClassName: "landmark-area-label", html: name, minZoom: labelZoom } satisfies MapLabel,
      ];
    });
  // The street names, so the drawing reads without tiles: they run along their streets.
  const streetLabel = (name: string, anchor: LngLat, angleDeg: number, kind: string, group: string, hang: LabelHang = "along"): MapLabel => ({
    anchor,
    angleDeg,
    hang,
    className: "street-label",
    innerClassName: `street-label-text street-label-${kind}`,
    html: escapeHtml(name),
    keepInside: true,
    group,
  });
  // A side street's name goes on whichever side of the market street it fits (one of the two).
  const streetLabels: MapLabel[] = [
    // The street's own name once, in the first of its places that fits; beside the stalls only
    // while their names are not shown (below the street zoom).
    ...(streets?.streetNames ?? []).map((street) =>
      street.kind === "end"
        ? streetLabel(street.name, street.at, street.angleDeg, "main", "street-name")
        : { ...streetLabel(street.name, street.at, street.angleDeg, "main", "street-name", "line"), maxZoom: labelZoom },
    ),
    ...(streets?.sideStreets ?? []).flatMap((side) =>
      side.labels.map((label) => streetLabel(side.name, label.at, label.angleDeg, "side", `side-street ${side.name}`, label.hang === "centred" ? "line" : "along")),
    ),
  ];
  const firstCount = named.filter((spot) => first(spot) === 0).length;
  // The street names come before the landmarks that help least (bins, the terrace, the carousel).
  const helps = (landmark: MapLandmark) => LANDMARK_PRIORITY[landmark.kind] < LANDMARK_PRIORITY.waste;
  const helpful = symbolsOf(landmarks.filter(helps));
  const rest = symbolsOf(landmarks.filter((landmark) => !helps(landmark)));
  return [...spotLabels.slice(0, firstCount), ...helpful, ...streetLabels, ...rest, ...spotLabels.slice(firstCount)];
}

/** Whether a label is shown at `zoom` (before the ones that collide are hidden). */
export const labelInZoom = (label: MapLabel, zoom: number) => zoom >= (label.minZoom ?? -Infinity) && zoom < (label.maxZoom ?? Infinity);

/** The element a label is drawn as: its top left at the anchor, turned and moved by its transform. */
export function labelInnerHtml(label: MapLabel): string {
  const transform = labelTransform(label.hang, label.angleDeg ?? 0);
  return `<span class="${label.innerClassName}"${label.attributes ?? ""} style="transform: ${transform}">${label.html}</span>`;
}

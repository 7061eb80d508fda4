/**
 * The Leaflet map of the street with its spots. Browser-only (imports Leaflet): render it through
 * <ClientOnly>, and add Leaflet's CSS in the route's `links`.
 *
 * Plain Leaflet under a few React effects (no react-leaflet here): the visitor's phone loads less
 * JavaScript. Each part (tiles, street, spots, labels, own position, moves) is one effect that
 * draws its layers and removes them when what it draws changes.
 */
import L from "leaflet";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { useI18n } from "~/i18n/use-i18n";
import type { StreetDrawing } from "~/rules/street-drawing";
import { mapLabels } from "./map-label-list";
import { addLabelLayer } from "./map-labels.client";
import { DEFAULT_VIEW } from "./web-mercator";
import { CLOSEST_ZOOM, FOCUS_ZOOM, LANDMARK_AREA_STYLE, MAP_OPTIONS, OPENING_PAD, SMALL_ZOOM, STREET_ZOOM, STREET_LINE_STYLE, spotDrawing, tileZoomLimits } from "./map-style";
import {
  type DrawnSpot,
  type MapFocus,
  type MapLandmark,
  type MapSpot,
  type OwnPosition,
  type TileConfig,
} from "./map-types";

type LatLng = [number, number];

export interface StallMapProps<S extends DrawnSpot = MapSpot> {
  spots: S[];
  landmarks: MapLandmark[];
  streetLine: [number, number][];
  /** Side streets and the street's name (the map reads without tiles). */
  streets?: StreetDrawing | null;
  colourOf: (spot: S) => string;
  selectedCode: string | null;
  onSelect: (code: string) => void;
  tiles: TileConfig;
  onTilesFailed: () => void;
  label: string;
  landmarkName: (landmark: MapLandmark) => string;
  /** Only these spot codes are drawn when set (search and category filter). */
  visibleCodes?: ReadonlySet<string> | null;
  /** Move here (zoomed in) when it changes. */
  focus?: MapFocus | null;
  /** The visitor's own position. */
  me?: OwnPosition | null;
  meLabel?: string;
  /** False while the map is hidden behind the list; Leaflet measures again when it shows. */
  visible?: boolean;
  /** Spots to highlight and fit into view (search results); the map moves when the set changes. */
  highlightCodes?: ReadonlySet<string> | null;
  /** How many pixels at the bottom of the map something covers (a bottom sheet); fitting keeps clear of them. */
  coveredBelow?: () => number;
  /** Where the map credit goes (the default corner may sit under a panel). */
  attributionPosition?: L.ControlPosition;
  /** Stall names are drawn beside their spots from this zoom on (the street). */
  labelZoom?: number;
  /** Spot codes join the names from this zoom on (the closest). */
  codeZoom?: number;
  /** When set, only these spots are named, at every zoom (the stallholder's spot and its neighbours). */
  labelOnly?: ReadonlySet<string> | null;
  /** The stallholder's own spots: drawn highlighted and named first. */
  ownCodes?: ReadonlySet<string> | null;
  /** Which stall a spot belongs to: the spots of one stall are drawn as one shape (null: not a run). */
  runOf?: ((spot: S) => string | null) | null;
  /** Zoom steps to take once the map is there (a zoom button pressed on the drawing before it). */
  zoomBy?: number;
  /** Called once the map has drawn everything (the drawing shown before it can go). */
  onReady?: () => void;
}

const toLatLng = ([lon, lat]: [number, number]): LatLng => [lat, lon];

const MapContext = createContext<L.Map | null>(null);
const useMap = () => useContext(MapContext)!;

export default function StallMap<S extends DrawnSpot>(props: StallMapProps<S>) {
  const shown = props.visibleCodes ? props.spots.filter((spot) => props.visibleCodes!.has(spot.code)) : props.spots;
  return (
    <LeafletMap {...props}>
      <Tiles tiles={props.tiles} onTilesFailed={props.onTilesFailed} attributionPosition={props.attributionPosition} />
      <Street line={props.streetLine} landmarks={props.landmarks} streets={props.streets ?? null} />
      <Spots {...props} spots={shown} />
      {/* The focus first: at the start it is where the map opens (a deep link), and search results
          already there when the map starts (it loads on the first search) are fitted after it. */}
      <FocusOn focus={props.focus ?? null} />
      <FitTo spots={props.spots} codes={props.highlightCodes ?? null} coveredBelow={props.coveredBelow} />
      <Labels {...props} spots={shown} street={props.streetLine} />
      {props.me ? <OwnPositionLayer me={props.me} label={props.meLabel ?? ""} /> : null}
      <Remeasure visible={props.visible ?? true} />
      <Ready zoomBy={props.zoomBy ?? 0} onReady={props.onReady} />
    </LeafletMap>
  );
}

/** The map itself, fitted once to the market (the spots; the street line runs on past both ends). */
function LeafletMap({ spots, streetLine, label, children }: { spots: DrawnSpot[]; streetLine: [number, number][]; label: string; children: ReactNode }) {
  const { t } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  useEffect(() => {
    const created = L.map(element.current!, { ...MAP_OPTIONS, scrollWheelZoom: true, attributionControl: false, zoomControl: false });
    // The zoom buttons' names in the page's language (Leaflet's own are English).
    L.control.zoom({ zoomInTitle: t("map.zoomIn"), zoomOutTitle: t("map.zoomOut") }).addTo(created);
    const points: LatLng[] = spots.length > 0 ? spots.map((s) => toLatLng(s.centre)) : streetLine.map(toLatLng);
    if (points.length > 0) created.fitBounds(L.latLngBounds(points).pad(OPENING_PAD));
    else created.setView(toLatLng(DEFAULT_VIEW.centre), DEFAULT_VIEW.zoom);
    setMap(created);
    return () => {
      created.remove();
    };
    // The view is set once; later changes move the map through focus and highlights.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <div ref={element} className="stall-map" aria-label={label}>
      {map ? <MapContext.Provider value={map}>{children}</MapContext.Provider> : null}
    </div>
  );
}

function Tiles({ tiles, onTilesFailed, attributionPosition }: Pick<StallMapProps, "tiles" | "onTilesFailed" | "attributionPosition">) {
  const map = useMap();
  const failed = useRef(onTilesFailed);
  failed.current = onTilesFailed;
  useEffect(() => {
    // Only the tiles' credit, in the page's language, as the drawing before the map shows it (no
    // English "Leaflet" link beside it).
    const credit = L.control.attribution({ position: attributionPosition ?? "bottomright", prefix: false }).addTo(map);
    // Sharp on a phone's screen: with more than one device pixel per CSS pixel, Leaflet asks the
    // tiles of one zoom closer at half size (detectRetina), so the street is not drawn from blurred
    // 1× tiles. That costs about four times the tiles' bytes on such a screen; the tiles are cached
    // by the service worker once seen. The layer's limits follow (tileZoomLimits).
    const retina = L.Browser.retina;
    const layer = L.tileLayer(tiles.url, { attribution: tiles.attribution, detectRetina: true, ...tileZoomLimits(retina) })
      .on("tileerror", () => failed.current())
      .addTo(map);
    return () => {
      layer.remove();
      credit.remove();
    };
  }, [map, tiles.url, tiles.attribution, attributionPosition]);
  return null;
}

/** The street's centre line, the side streets and the landmarks that are areas (the church square). */
function Street({ line, landmarks, streets }: { line: [number, number][]; landmarks: MapLandmark[]; streets: StreetDrawing | null }) {
  const map = useMap();
  useEffect(() => {
    const layer = L.layerGroup().addTo(map);
    for (const side of streets?.sideStreets ?? []) {
      L.polyline(side.line.map(toLatLng), { ...STREET_LINE_STYLE, className: "side-street", interactive: false }).addTo(layer);
    }
    if (line.length > 1) L.polyline(line.map(toLatLng), { ...STREET_LINE_STYLE, lineCap: "round", interactive: false }).addTo(layer);
    for (const landmark of landmarks) {
      if (landmark.geometry.type !== "Polygon") continue;
      L.polygon((landmark.geometry.coordinates[0] ?? []).map(toLatLng), { ...LANDMARK_AREA_STYLE, className: `landmark-area landmark-area-${landmark.kind}`, interactive: false }).addTo(layer);
    }
    return () => {
      layer.remove();
    };
  }, [map, line, landmarks, streets]);
  return null;
}

/** The spots, drawn again when what they show changes, or the zoom crosses SMALL_ZOOM (thicker outlines when small). */
function Spots<S extends DrawnSpot>({ spots, colourOf, selectedCode, highlightCodes, ownCodes, runOf, onSelect }: StallMapProps<S>) {
  const map = useMap();
  const [small, setSmall] = useState(() => map.getZoom() < SMALL_ZOOM);
  useEffect(() => {
    const update = () => setSmall(map.getZoom() < SMALL_ZOOM);
    map.on("zoomend", update);
    return () => {
      map.off("zoomend", update);
    };
  }, [map]);
  const select = useRef(onSelect);
  select.current = onSelect;
  useEffect(() => {
    const layer = L.layerGroup().addTo(map);
    const drawing = spotDrawing(spots, { colourOf, selectedCode, highlightCodes, ownCodes, small, runOf });
    for (const { run, style, className } of drawing.runs) {
      L.polygon(run.ring.map(toLatLng), { ...style, className })
        .on("click", () => select.current(run.codes[0]!))
        .addTo(layer);
    }
    for (const { spot, style, className } of drawing.spots) {
      L.polygon((spot.polygon.coordinates[0] ?? []).map(toLatLng), { ...style, className })
        .on("click", () => select.current(spot.code))
        .addTo(layer);
    }
    return () => {
      layer.remove();
    };
  }, [map, spots, colourOf, selectedCode, highlightCodes, ownCodes, runOf, small]);
  return null;
}

/** Landmark symbols, street names and stall names, kept from covering each other. */
function Labels<S extends DrawnSpot>(props: StallMapProps<S> & { street: [number, number][] }) {
  const map = useMap();
  const labelZoom = props.labelZoom ?? STREET_ZOOM;
  const codeZoom = props.codeZoom ?? CLOSEST_ZOOM;
  const { spots, landmarks, street, streets, landmarkName, labelOnly, ownCodes, highlightCodes, selectedCode, runOf } = props;
  useEffect(
    () =>
      addLabelLayer(map, mapLabels({ spots, landmarks, street, streets, landmarkName, labelOnly, ownCodes, highlightCodes, selectedCode, labelZoom, codeZoom, runOf }), {
        closeZoom: codeZoom,
      }),
    [map, spots, landmarks, street, streets, landmarkName, labelOnly, ownCodes, highlightCodes, selectedCode, labelZoom, codeZoom, runOf],
  );
  return null;
}

function OwnPositionLayer({ me, label }: { me: OwnPosition; label: string }) {
  const map = useMap();
  useEffect(() => {
    const centre: LatLng = [me.lat, me.lon];
    const layer = L.layerGroup().addTo(map);
    L.circle(centre, { radius: Math.min(me.accuracyM, 500), color: "#1d4ed8", weight: 1, fillOpacity: 0.12, interactive: false }).addTo(layer);
    L.circleMarker(centre, { radius: 8, className: "own-position", color: "#ffffff", weight: 3, fillColor: "#1d4ed8", fillOpacity: 1, interactive: false })
      .bindTooltip(label, { direction: "top", offset: [0, -8] })
      .addTo(layer);
    return () => {
      layer.remove();
    };
  }, [map, me.lat, me.lon, me.accuracyM, label]);
  return null;
}

function FocusOn({ focus }: { focus: MapFocus | null }) {
  const map = useMap();
  useEffect(() => {
    if (!focus) return;
    map.setView(toLatLng(focus.point), Math.max(map.getZoom(), FOCUS_ZOOM), { animate: false });
  }, [map, focus]);
  // A printed page is another size: measure again and keep the focused spot in the middle.
  useEffect(() => {
    const print = matchMedia("print");
    const fit = () => {
      map.invalidateSize({ pan: false });
      if (focus) map.setView(toLatLng(focus.point), map.getZoom(), { animate: false });
    };
    print.addEventListener("change", fit);
    return () => print.removeEventListener("change", fit);
  }, [map, focus]);
  return null;
}

/** Brings the highlighted spots into view whenever the set of them changes (not on every render). */
function FitTo({ spots, codes, coveredBelow }: { spots: DrawnSpot[]; codes: ReadonlySet<string> | null; coveredBelow?: () => number }) {
  const map = useMap();
  const key = codes ? [...codes].sort().join(" ") : "";
  useEffect(() => {
    if (!key) return;
    const wanted = new Set(key.split(" "));
    const points = spots.filter((s) => wanted.has(s.code)).flatMap((s) => (s.polygon.coordinates[0] ?? []).map(toLatLng));
    if (points.length === 0) return;
    const below = Math.min(coveredBelow?.() ?? 0, map.getSize().y / 2);
    map.fitBounds(L.latLngBounds(points), { paddingTopLeft: [32, 32], paddingBottomRight: [32, 32 + below], maxZoom: FOCUS_ZOOM, animate: false });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the set of codes changes
  }, [map, spots, key]);
  return null;
}

function Remeasure({ visible }: { visible: boolean }) {
  const map = useMap();
  useEffect(() => {
    if (visible) map.invalidateSize();
  }, [map, visible]);
  return null;
}

/** Last of the map's parts: takes the zoom steps asked for before the map was there, then reports it drawn. */
function Ready({ zoomBy, onReady }: { zoomBy: number; onReady?: () => void }) {
  const map = useMap();
  useEffect(() => {
    if (zoomBy) {
      map.setZoom(map.getZoom() + zoomBy, { animate: false });
      // The drawing's zoom button had the focus; its Leaflet twin takes it (keyboard users go on).
      map.getContainer().querySelector<HTMLElement>(zoomBy > 0 ? ".leaflet-control-zoom-in" : ".leaflet-control-zoom-out")?.focus();
    }
    // A frame later the browser has painted the map's shapes.
    const frame = requestAnimationFrame(() => onReady?.());
    return () => cancelAnimationFrame(frame);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the map is there
  }, [map]);
  return null;
}

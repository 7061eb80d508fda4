/**
 * The Leaflet map of the street with its spots. Browser-only (imports Leaflet): render it through
 * <ClientOnly>, and add Leaflet's CSS in the route's `links`.
 */
import L from "leaflet";
import { useEffect, useMemo, useState } from "react";
import {
  AttributionControl,
  Circle,
  CircleMarker,
  MapContainer,
  Marker,
  Polygon,
  Polyline,
  TileLayer,
  Tooltip,
  useMap,
} from "react-leaflet";
import {
  FREE_SPOT_COLOUR,
  LANDMARK_SYMBOL,
  STREET_COLOUR,
  type MapFocus,
  type MapLandmark,
  type MapSpot,
  type OwnPosition,
  type TileConfig,
} from "./map-types";

type LatLng = [number, number];

export interface StallMapProps {
  spots: MapSpot[];
  landmarks: MapLandmark[];
  streetLine: [number, number][];
  colourOf: (spot: MapSpot) => string;
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
  /** Spot codes are drawn as labels from this zoom level on. */
  labelZoom?: number;
}

const toLatLng = ([lon, lat]: [number, number]): LatLng => [lat, lon];
const FOCUS_ZOOM = 19;

export default function StallMap(props: StallMapProps) {
  const street = useMemo(() => props.streetLine.map(toLatLng), [props.streetLine]);
  const bounds = useMemo(() => {
    // Fit the market itself (the spots); the street line runs on past both ends.
    const points: LatLng[] = props.spots.length > 0 ? props.spots.map((s) => toLatLng(s.centre)) : street;
    return points.length > 0 ? L.latLngBounds(points).pad(0.08) : undefined;
  }, [street, props.spots]);
  const shown = props.visibleCodes ? props.spots.filter((spot) => props.visibleCodes!.has(spot.code)) : props.spots;

  return (
    <MapContainer
      className="stall-map"
      bounds={bounds}
      center={bounds ? undefined : [52.15863, 5.37331]}
      zoom={bounds ? undefined : 17}
      maxZoom={20}
      zoomSnap={0.5}
      scrollWheelZoom
      attributionControl={false}
      aria-label={props.label}
    >
      <AttributionControl position={props.attributionPosition ?? "bottomright"} />
      <TileLayer
        url={props.tiles.url}
        attribution={props.tiles.attribution}
        maxZoom={20}
        maxNativeZoom={19}
        eventHandlers={{ tileerror: props.onTilesFailed }}
      />
      {street.length > 1 ? (
        <Polyline positions={street} pathOptions={{ color: STREET_COLOUR, weight: 14, opacity: 0.35, lineCap: "round" }} interactive={false} />
      ) : null}
      {props.landmarks.map((landmark, index) => (
        <LandmarkLayer key={index} landmark={landmark} name={props.landmarkName(landmark)} />
      ))}
      {shown.map((spot) => {
        const highlighted = props.highlightCodes?.has(spot.code) ?? false;
        return (
          // The key changes with the highlight: Leaflet reads a path's class only when it makes it.
          <SpotPolygon
            key={`${spot.code}${highlighted ? "+" : ""}`}
            spot={spot}
            colour={props.colourOf(spot)}
            selected={spot.code === props.selectedCode}
            highlighted={highlighted}
            onSelect={props.onSelect}
          />
        );
      })}
      <FitTo spots={props.spots} codes={props.highlightCodes ?? null} coveredBelow={props.coveredBelow} />
      <SpotLabels spots={shown} minZoom={props.labelZoom ?? 19} />
      {props.me ? <OwnPositionLayer me={props.me} label={props.meLabel ?? ""} /> : null}
      <FocusOn focus={props.focus ?? null} />
      <Remeasure visible={props.visible ?? true} />
    </MapContainer>
  );
}

function SpotPolygon({
  spot,
  colour,
  selected,
  highlighted,
  onSelect,
}: {
  spot: MapSpot;
  colour: string;
  selected: boolean;
  highlighted: boolean;
  onSelect: (code: string) => void;
}) {
  const positions = useMemo(() => (spot.polygon.coordinates[0] ?? []).map(toLatLng), [spot.polygon]);
  const taken = spot.stalls.length > 0;
  return (
    <Polygon
      positions={positions}
      // className is read when Leaflet creates the path, so it goes here and not in pathOptions.
      className={`spot spot-${spot.code}${highlighted ? " spot-match" : ""}`}
      pathOptions={{
        color: selected || highlighted ? "#111827" : taken ? colour : FREE_SPOT_COLOUR,
        weight: selected ? 4 : highlighted ? 3 : 1.5,
        fillColor: taken ? colour : "#ffffff",
        fillOpacity: taken ? 0.8 : 0.5,
      }}
      eventHandlers={{ click: () => onSelect(spot.code) }}
    />
  );
}

function LandmarkLayer({ landmark, name }: { landmark: MapLandmark; name: string }) {
  if (landmark.geometry.type === "Polygon") {
    const positions = (landmark.geometry.coordinates[0] ?? []).map(toLatLng);
    return (
      <Polygon positions={positions} pathOptions={{ color: "#b45309", weight: 1, dashArray: "4 4", fillColor: "#fde68a", fillOpacity: 0.35 }} interactive={false}>
        <Tooltip direction="center" permanent className="landmark-area-label">
          {name}
        </Tooltip>
      </Polygon>
    );
  }
  const icon = L.divIcon({
    className: `landmark-icon landmark-${landmark.kind}`,
    html: `<span aria-hidden="true">${LANDMARK_SYMBOL[landmark.kind]}</span>`,
    iconSize: [24, 24],
  });
  return (
    // Not interactive: a tap on a landmark symbol reaches the spot beneath it (landmarks are named in
    // the list, and as the symbol's title).
    <Marker position={toLatLng(landmark.geometry.coordinates)} icon={icon} title={name} alt={name} keyboard={false} interactive={false} />
  );
}

/** Spot codes as small labels, only when zoomed in far enough to read them. */
function SpotLabels({ spots, minZoom }: { spots: MapSpot[]; minZoom: number }) {
  const map = useMap();
  const [zoom, setZoom] = useState(() => map.getZoom());
  useEffect(() => {
    const update = () => setZoom(map.getZoom());
    map.on("zoomend", update);
    return () => {
      map.off("zoomend", update);
    };
  }, [map]);
  if (zoom < minZoom) return null;
  return (
    <>
      {spots.map((spot) => (
        <CircleMarker key={spot.code} center={toLatLng(spot.centre)} radius={0} interactive={false}>
          <Tooltip direction="center" permanent className="spot-code-label">
            {spot.code}
          </Tooltip>
        </CircleMarker>
      ))}
    </>
  );
}

function OwnPositionLayer({ me, label }: { me: OwnPosition; label: string }) {
  const centre: LatLng = [me.lat, me.lon];
  return (
    <>
      <Circle center={centre} radius={Math.min(me.accuracyM, 500)} pathOptions={{ color: "#1d4ed8", weight: 1, fillOpacity: 0.12 }} interactive={false} />
      <CircleMarker center={centre} radius={8} className="own-position" pathOptions={{ color: "#ffffff", weight: 3, fillColor: "#1d4ed8", fillOpacity: 1 }} interactive={false}>
        <Tooltip direction="top" offset={[0, -8]}>{label}</Tooltip>
      </CircleMarker>
    </>
  );
}

function FocusOn({ focus }: { focus: MapFocus | null }) {
  const map = useMap();
  useEffect(() => {
    if (!focus) return;
    map.setView(toLatLng(focus.point), Math.max(map.getZoom(), FOCUS_ZOOM), { animate: false });
  }, [map, focus]);
  return null;
}

/** Brings the highlighted spots into view whenever the set of them changes (not on every render). */
function FitTo({ spots, codes, coveredBelow }: { spots: MapSpot[]; codes: ReadonlySet<string> | null; coveredBelow?: () => number }) {
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

/**
 * The organisers' map: spots coloured by state, stalls dropped onto spots, and (in layout mode)
 * the street line and spots dragged with leaflet-geoman. Browser-only: render through <ClientOnly>.
 * Nothing here stores anything: every change goes to the route's action, and the map redraws
 * from the server's answer, so a refused change snaps back.
 */
import "@geoman-io/leaflet-geoman-free";
import L from "leaflet";
import { useEffect, useMemo, useRef } from "react";
import { CircleMarker, MapContainer, Marker, Polygon, Polyline, TileLayer, Tooltip, useMap } from "react-leaflet";
import { escapeHtml, labelPlacement, shortName } from "./label-layout";
import { landmarkSvg } from "./landmark-icons";
import { addLabelLayer } from "./map-labels.client";
import { STREET_COLOUR, type MapLandmark, type TileConfig } from "./map-types";

type LngLat = [number, number];
type LatLng = [number, number];
const toLatLng = ([lon, lat]: LngLat): LatLng => [lat, lon];
const toLngLat = (point: L.LatLng): LngLat => [round(point.lng), round(point.lat)];
const round = (n: number) => Math.round(n * 1e7) / 1e7;

export type SpotState = "free" | "taken" | "warning" | "blocked";

export interface EditorSpot {
  id: number;
  code: string;
  polygon: { type: "Polygon"; coordinates: LngLat[][] };
  centre: LngLat;
  state: SpotState;
  colour: string;
  hasElectricity: boolean;
  /** The stall standing there (full name; the map label shortens it, the tooltip has it whole). */
  stallName: string | null;
  label: string;
}

export interface EditorLandmark {
  id: number;
  kind: MapLandmark["kind"];
  name: string;
  geometry: { type: "Point"; coordinates: LngLat } | { type: "Polygon"; coordinates: LngLat[][] };
}

export interface EditorMapProps {
  spots: EditorSpot[];
  previewSpots: { code: string; polygon: { coordinates: LngLat[][] } }[];
  /** Issue 14: proposed placements, drawn dashed over their spots, apart from real placements. */
  previewPlacements?: { spotId: number; label: string }[];
  landmarks: EditorLandmark[];
  streetLine: LngLat[];
  selectedSpotId: number | null;
  layoutMode: boolean;
  tiles: TileConfig;
  label: string;
  onSpotClick: (spotId: number) => void;
  onDropStall: (applicationId: number, spotId: number) => void;
  onLineChange: (line: LngLat[]) => void;
  onSpotMoved: (spotId: number, centre: LngLat) => void;
  onLandmarkMoved: (landmarkId: number, position: LngLat) => void;
  /** Bumped after a refused or failed save: every shape is drawn afresh from the server's data,
   *  so a dragged spot or line point snaps back instead of pretending it was stored. */
  revision: number;
}

export const STALL_DRAG_TYPE = "application/x-zomerparade-stall";

const STATE_STYLE: Record<SpotState, L.PathOptions> = {
  free: { color: "#6b7280", weight: 1.5, fillColor: "#ffffff", fillOpacity: 0.7 },
  taken: { color: "#1f2933", weight: 1, fillOpacity: 0.85 },
  warning: { color: "#d97706", weight: 4, fillOpacity: 0.85 },
  blocked: { color: "#4b5563", weight: 1, fillColor: "#9ca3af", fillOpacity: 0.9, dashArray: "2 3" },
};

export default function EditorMap(props: EditorMapProps) {
  const bounds = useMemo(() => {
    const points = props.spots.length > 0 ? props.spots.map((s) => toLatLng(s.centre)) : props.streetLine.map(toLatLng);
    return points.length > 0 ? L.latLngBounds(points).pad(0.12) : undefined;
    // The view is fitted once; later changes must not jump the map while someone works.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <MapContainer className="editor-map" bounds={bounds} center={bounds ? undefined : [52.15863, 5.37331]} zoom={bounds ? undefined : 18} maxZoom={21} zoomSnap={0.25} aria-label={props.label}>
      <TileLayer url={props.tiles.url} attribution={props.tiles.attribution} maxZoom={21} maxNativeZoom={19} />
      <StreetLine key={props.revision} line={props.streetLine} editable={props.layoutMode} onChange={props.onLineChange} />
      {props.previewSpots.map((spot) => (
        <Polygon key={`preview-${spot.code}`} positions={(spot.polygon.coordinates[0] ?? []).map(toLatLng)} pathOptions={{ color: "#2563eb", weight: 1, dashArray: "3 3", fillOpacity: 0.1 }} interactive={false} />
      ))}
      {props.spots.map((spot) => (
        <EditorSpotPolygon
          key={`${spot.id}-${spot.state}-${spot.centre.join(",")}-${props.revision}`}
          spot={spot}
          selected={spot.id === props.selectedSpotId}
          draggable={props.layoutMode && spot.id === props.selectedSpotId}
          onClick={props.onSpotClick}
          onMoved={props.onSpotMoved}
        />
      ))}
      {props.landmarks.map((landmark) =>
        landmark.geometry.type === "Point" ? (
          <Marker
            key={`${landmark.id}-${landmark.geometry.coordinates.join(",")}-${props.revision}`}
            position={toLatLng(landmark.geometry.coordinates)}
            draggable={props.layoutMode}
            // Only movable in layout mode; otherwise a tap or a dropped stall reaches the spot beneath.
            interactive={props.layoutMode}
            icon={L.divIcon({ className: `landmark-icon landmark-${landmark.kind}`, html: landmarkSvg(landmark.kind), iconSize: [22, 22] })}
            title={landmark.name}
            eventHandlers={{ dragend: (event) => props.onLandmarkMoved(landmark.id, toLngLat((event.target as L.Marker).getLatLng())) }}
          />
        ) : (
          <Polygon key={landmark.id} positions={(landmark.geometry.coordinates[0] ?? []).map(toLatLng)} pathOptions={{ color: "#b45309", weight: 1, dashArray: "4 4", fillOpacity: 0.15 }} interactive={false} />
        ),
      )}
      {props.spots
        .filter((spot) => spot.hasElectricity)
        .map((spot) => (
          // A power point at a glance: a small yellow dot in the spot.
          <CircleMarker key={`power-${spot.id}-${spot.centre.join(",")}`} center={toLatLng(spot.centre)} radius={2.5} interactive={false} pathOptions={{ color: "#1f2933", weight: 1, fillColor: "#facc15", fillOpacity: 1 }} />
        ))}
      <SpotLabels spots={props.spots} streetLine={props.streetLine} />
      {/* issue 14: proposed placements */}
      {(props.previewPlacements ?? []).map((p) => {
        const target = props.spots.find((s) => s.id === p.spotId);
        return target ? (
          <Polygon key={`proposal-${p.spotId}`} positions={(target.polygon.coordinates[0] ?? []).map(toLatLng)} pathOptions={{ color: "#7c3aed", weight: 3, dashArray: "6 4", fillColor: "#ede9fe", fillOpacity: 0.6 }} interactive={false}>
            <Tooltip>{p.label}</Tooltip>
          </Polygon>
        ) : null;
      })}
      <DropTarget spots={props.spots} onDrop={props.onDropStall} />
    </MapContainer>
  );
}

function EditorSpotPolygon({
  spot,
  selected,
  draggable,
  onClick,
  onMoved,
}: {
  spot: EditorSpot;
  selected: boolean;
  draggable: boolean;
  onClick: (id: number) => void;
  onMoved: (id: number, centre: LngLat) => void;
}) {
  const ref = useRef<L.Polygon>(null);
  useEffect(() => {
    const layer = ref.current as (L.Polygon & { pm?: { enableLayerDrag(): void; disableLayerDrag(): void } }) | null;
    if (!layer?.pm || !draggable) return;
    layer.pm.enableLayerDrag();
    const start = layer.getBounds().getCenter();
    const onDragEnd = () => {
      const end = layer.getBounds().getCenter();
      onMoved(spot.id, [round(spot.centre[0] + (end.lng - start.lng)), round(spot.centre[1] + (end.lat - start.lat))]);
    };
    layer.on("pm:dragend", onDragEnd);
    return () => {
      layer.off("pm:dragend", onDragEnd);
      layer.pm?.disableLayerDrag();
    };
  }, [draggable, onMoved, spot.id, spot.centre]);
  const style = STATE_STYLE[spot.state];
  return (
    <Polygon
      ref={ref}
      positions={(spot.polygon.coordinates[0] ?? []).map(toLatLng)}
      className={`editor-spot editor-spot-${spot.code} spot-state-${spot.state}`}
      pathOptions={{ ...style, fillColor: spot.state === "taken" || spot.state === "warning" ? spot.colour : style.fillColor, ...(selected ? { color: "#1d4ed8", weight: 4 } : {}) }}
      eventHandlers={{ click: () => onClick(spot.id) }}
    >
      <Tooltip>{spot.label}</Tooltip>
    </Polygon>
  );
}

function StreetLine({ line, editable, onChange }: { line: LngLat[]; editable: boolean; onChange: (line: LngLat[]) => void }) {
  const ref = useRef<L.Polyline>(null);
  useEffect(() => {
    const layer = ref.current as (L.Polyline & { pm?: { enable(o?: object): void; disable(): void } }) | null;
    if (!layer?.pm || !editable) return;
    layer.pm.enable({ allowSelfIntersection: false, draggable: false });
    const onEdit = () => onChange((layer.getLatLngs() as L.LatLng[]).map(toLngLat));
    layer.on("pm:edit", onEdit);
    return () => {
      layer.off("pm:edit", onEdit);
      layer.pm?.disable();
    };
  }, [editable, onChange]);
  if (line.length < 2) return null;
  return (
    <Polyline
      key={`${editable}-${line.flat().join(",")}`}
      ref={ref}
      positions={line.map(toLatLng)}
      pathOptions={{ color: editable ? "#2563eb" : STREET_COLOUR, weight: editable ? 4 : 12, opacity: editable ? 0.9 : 0.3 }}
    />
  );
}

/** Stalls dragged from the list land on the spot under the pointer. */
function DropTarget({ spots, onDrop }: { spots: EditorSpot[]; onDrop: (applicationId: number, spotId: number) => void }) {
  const map = useMap();
  useEffect(() => {
    const container = map.getContainer();
    const over = (event: DragEvent) => {
      if (event.dataTransfer?.types.includes(STALL_DRAG_TYPE)) event.preventDefault();
    };
    const drop = (event: DragEvent) => {
      const id = Number(event.dataTransfer?.getData(STALL_DRAG_TYPE));
      if (!id) return;
      event.preventDefault();
      const point = map.mouseEventToLatLng(event);
      const spot = spots.find((s) => pointInRing([point.lng, point.lat], s.polygon.coordinates[0] ?? []));
      if (spot) onDrop(id, spot.id);
    };
    container.addEventListener("dragover", over);
    container.addEventListener("drop", drop);
    return () => {
      container.removeEventListener("dragover", over);
      container.removeEventListener("drop", drop);
    };
  }, [map, spots, onDrop]);
  return null;
}

function pointInRing([x, y]: LngLat, ring: LngLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

// ---------------------------------------------------------------------------------------------
// Permanent labels: every spot's code and stall name, written outwards from the street beside
// the spot (so they never cover a spot's colour), and hidden one by one where they would collide
// (the shared helper in map-labels.client.ts, as on the public map).
// ---------------------------------------------------------------------------------------------

function SpotLabels({ spots, streetLine }: { spots: EditorSpot[]; streetLine: LngLat[] }) {
  const map = useMap();
  useEffect(
    () =>
      addLabelLayer(
        map,
        spots.map((spot) => {
          const { anchor, angleDeg } = labelPlacement(spot, streetLine);
          const name = spot.stallName ? ` <span class="spot-label-name">${escapeHtml(shortName(spot.stallName))}</span>` : "";
          return {
            anchor,
            angleDeg,
            hang: "along" as const,
            className: "spot-label",
            innerClassName: `spot-label-text spot-label-${spot.state}`,
            attributes: ` data-code="${escapeHtml(spot.code)}"`,
            html: `<b>${escapeHtml(spot.code)}</b>${name}`,
          };
        }),
        // Neighbouring labels may touch (as before: every spot labelled where there is room).
        { gap: -1 },
      ),
    [map, spots, streetLine],
  );
  return null;
}

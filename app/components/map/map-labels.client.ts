/**
 * Labels and symbols on a Leaflet map that never cover each other: each is a small non-interactive
 * marker; after every zoom they are tried in order and the ones that would collide with one
 * already shown are hidden (geometry in label-layout.ts). One helper for the public map, the
 * stallholder's spot view and the organisers' editor. Browser-only (imports Leaflet).
 */
import L from "leaflet";
import { chooseVisible, coveringBoxes, labelBox } from "./label-layout";
import { labelInnerHtml, labelInZoom, type MapLabel } from "./map-label-list";

export type { MapLabel };

export interface LabelLayerOptions {
  /** Pixels kept free between two labels (may be negative to let them touch). */
  gap?: number;
  /** From this zoom the map's container gets the class `labels-close` (CSS shows spot codes then). */
  closeZoom?: number;
}

/** Adds the labels to `map` and keeps them from colliding; returns the function that removes them. */
export function addLabelLayer(map: L.Map, labels: MapLabel[], options: LabelLayerOptions = {}): () => void {
  const layer = L.layerGroup().addTo(map);
  // A marker is made the first time its zoom is reached: the public map opens on the whole street,
  // where the stall names are not shown yet, and making a hundred hidden markers there was a good
  // part of the page's longest task on a phone.
  const markers: (L.Marker | null)[] = labels.map(() => null);
  const groups = labels.map((label) => label.group);
  const keepInside = labels.map((label) => label.keepInside ?? false);
  // Labels that must stay inside the map are chosen again after a move, not only after a zoom.
  const events = keepInside.some(Boolean) ? "zoomend moveend resize" : "zoomend resize";
  const markerOf = (i: number) => {
    const existing = markers[i];
    if (existing) return existing;
    const label = labels[i]!;
    const html = labelInnerHtml(label);
    const created = L.marker([label.anchor[1], label.anchor[0]], {
      icon: L.divIcon({ className: label.className, html, iconSize: [0, 0] }),
      interactive: false,
      keyboard: false,
    }).addTo(layer);
    markers[i] = created;
    return created;
  };
  const place = () => {
    const zoom = map.getZoom();
    const container = map.getContainer();
    container.dataset.zoom = String(zoom);
    if (options.closeZoom !== undefined) container.classList.toggle("labels-close", zoom >= options.closeZoom);
    const elements = labels.map((label, i) => (labelInZoom(label, zoom) ? markerOf(i) : markers[i])?.getElement() ?? null);
    // Show every candidate first, then measure them all at once (one layout), then hide the losers.
    elements.forEach((element, i) => {
      if (element) element.style.display = labelInZoom(labels[i]!, zoom) ? "" : "none";
    });
    const boxes = elements.map((element, i) => {
      if (!element || element.style.display === "none") return null;
      const inner = element.firstElementChild as HTMLElement | null;
      if (!inner) return null;
      const label = labels[i]!;
      // In the container's pixels: a label that must stay inside the map is checked against its size.
      const point = map.latLngToContainerPoint([label.anchor[1], label.anchor[0]]);
      return labelBox(point, label.hang, label.angleDeg ?? 0, inner.offsetWidth, inner.offsetHeight);
    });
    const size = map.getSize();
    const obstacles = keepInside.some(Boolean) ? coveringBoxes(container) : [];
    const visible = chooseVisible(boxes, options.gap ?? 1, { groups, keepInside, size: { width: size.x, height: size.y }, obstacles });
    elements.forEach((element, i) => {
      if (element && boxes[i]) element.style.display = visible[i] ? "" : "none";
    });
  };
  place();
  map.on(events, place);
  return () => {
    map.off(events, place);
    map.getContainer().classList.remove("labels-close");
    layer.remove();
  };
}

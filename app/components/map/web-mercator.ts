/**
 * The map's projection in plain numbers (Web Mercator, as Leaflet's default EPSG:3857): where a
 * point of the street lands on screen at a zoom, and which view fits the market. It follows
 * Leaflet's own sums (fitBounds with the map's zoom steps), so the drawing shown before Leaflet
 * has loaded (StreetSketch) opens on exactly the view the Leaflet map then opens on.
 */
type LngLat = [number, number];

export interface Point {
  x: number;
  y: number;
}

/** What a map shows: its zoom and the world pixel (at that zoom) at its top left corner. */
export interface MapView {
  zoom: number;
  origin: Point;
  size: Point;
}

const MAX_LATITUDE = 85.0511287798;
/** Where the map opens when it has nothing to fit (the middle of the Noordewierweg). */
export const DEFAULT_VIEW = { centre: [5.37331, 52.15863] as LngLat, zoom: 17 };

/** World pixel of a point at `zoom` (256 pixels for the whole world at zoom 0). */
export function project([lon, lat]: LngLat, zoom: number): Point {
  const scale = 256 * 2 ** zoom;
  const clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  return { x: scale * (0.5 + lon / 360), y: scale * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) };
}

/** The view of `size` pixels centred on `centre` (Leaflet rounds the top left to whole pixels). */
export function viewAt(centre: LngLat, zoom: number, size: Point): MapView {
  const c = project(centre, zoom);
  return { zoom, size, origin: { x: Math.round(c.x - size.x / 2), y: Math.round(c.y - size.y / 2) } };
}

/** Where a point is drawn in the view, in pixels from its top left corner. */
export function toScreen(view: MapView, point: LngLat): Point {
  const p = project(point, view.zoom);
  return { x: p.x - view.origin.x, y: p.y - view.origin.y };
}

/**
 * The view that fits `points` with `pad` room around them, as a share of their extent on each
 * side (Leaflet: fitBounds(bounds.pad(pad))), at the largest zoom step that shows them all.
 */
export function fitView(points: LngLat[], size: Point, options: { zoomSnap: number; maxZoom: number; pad: number }): MapView {
  if (points.length === 0) return viewAt(DEFAULT_VIEW.centre, DEFAULT_VIEW.zoom, size);
  const { pad } = options;
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of points) {
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  const dLon = (east - west) * pad;
  const dLat = (north - south) * pad;
  [west, east, south, north] = [west - dLon, east + dLon, south - dLat, north + dLat];
  const nw = project([west, north], 0);
  const se = project([east, south], 0);
  const scale = Math.min(size.x / Math.abs(se.x - nw.x), size.y / Math.abs(se.y - nw.y));
  let zoom = Math.log2(scale);
  if (!Number.isFinite(zoom)) zoom = options.maxZoom;
  // Leaflet's steps: within 1 % of a step counts as on it; then down to the step below.
  zoom = Math.round(zoom / (options.zoomSnap / 100)) * (options.zoomSnap / 100);
  zoom = Math.floor(zoom / options.zoomSnap) * options.zoomSnap;
  zoom = Math.max(0, Math.min(options.maxZoom, zoom));
  const a = project([west, south], zoom);
  const b = project([east, north], zoom);
  const centre = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  return { zoom, size, origin: { x: Math.round(centre.x - size.x / 2), y: Math.round(centre.y - size.y / 2) } };
}

export interface PlacedTile {
  /** The tile's address in the tile server's scheme. */
  z: number;
  x: number;
  y: number;
  /** Where it is drawn in the view, and how big (pixels). */
  left: number;
  top: number;
  size: number;
}

/**
 * The tiles that cover the view, as Leaflet's tile layer picks them: the nearest whole zoom (no
 * deeper than the server's last), and on a sharp screen (more than one device pixel per CSS
 * pixel, detectRetina) the tiles of one zoom closer at half size.
 */
export function tilesInView(view: MapView, options: { retina: boolean; maxNativeZoom: number }): PlacedTile[] {
  const tileSize = options.retina ? 128 : 256;
  const zoomOffset = options.retina ? 1 : 0;
  const tileZoom = Math.max(0, Math.min(options.maxNativeZoom, Math.round(view.zoom)));
  const scale = 2 ** (view.zoom - tileZoom);
  const shown = tileSize * scale;
  const count = 2 ** (tileZoom + zoomOffset);
  const tiles: PlacedTile[] = [];
  for (let ty = Math.floor(view.origin.y / shown); ty * shown < view.origin.y + view.size.y; ty++) {
    for (let tx = Math.floor(view.origin.x / shown); tx * shown < view.origin.x + view.size.x; tx++) {
      if (ty < 0 || ty >= count) continue;
      tiles.push({ z: tileZoom + zoomOffset, x: ((tx % count) + count) % count, y: ty, left: tx * shown - view.origin.x, top: ty * shown - view.origin.y, size: shown });
    }
  }
  return tiles;
}

/** A tile's address filled into a tile server's URL template ({s}, {z}, {x}, {y}, {r}). */
export function tileUrl(template: string, tile: Pick<PlacedTile, "z" | "x" | "y">, retina: boolean): string {
  const subdomains = "abc";
  const values: Record<string, string> = {
    s: subdomains[Math.abs(tile.x + tile.y) % subdomains.length]!,
    z: String(tile.z),
    x: String(tile.x),
    y: String(tile.y),
    r: retina ? "@2x" : "",
  };
  return template.replace(/\{ *([\w_ -]+) *\}/g, (whole, key: string) => values[key] ?? whole);
}

/** The projection and tile sums the drawing before Leaflet uses (the browser test compares it with Leaflet itself). */
import { describe, expect, test } from "vitest";
import { fitView, project, tileUrl, tilesInView, toScreen, viewAt } from "~/components/map/web-mercator";

describe("project", () => {
  test("the world is 256 pixels at zoom 0, twice as wide per zoom; north is up", () => {
    expect(project([0, 0], 0)).toEqual({ x: 128, y: 128 });
    expect(project([180, 0], 0).x).toBeCloseTo(256, 9);
    expect(project([0, 0], 3)).toEqual({ x: 1024, y: 1024 });
    expect(project([5.37, 52.16], 17).y).toBeLessThan(project([5.37, 52.15], 17).y);
  });
});

describe("fitView", () => {
  const market: [number, number][] = [
    [5.371, 52.159],
    [5.375, 52.157],
  ];
  test("every point inside the view, at a zoom step of 0.5, and one step closer would not fit", () => {
    const size = { x: 390, y: 500 };
    const view = fitView(market, size, { zoomSnap: 0.5, maxZoom: 20, pad: 0.08 });
    expect(view.zoom % 0.5).toBe(0);
    for (const point of market) {
      const p = toScreen(view, point);
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(size.x);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(size.y);
    }
    const closer = viewAt([5.373, 52.158], view.zoom + 0.5, size);
    const [a, b] = market.map((point) => toScreen(closer, point));
    expect(Math.abs(b!.x - a!.x) * 1.16 > size.x || Math.abs(b!.y - a!.y) * 1.16 > size.y).toBe(true);
  });
  test("never past the highest zoom; nothing to fit opens on the street's middle", () => {
    expect(fitView([[5.373, 52.158]], { x: 300, y: 300 }, { zoomSnap: 0.5, maxZoom: 20, pad: 0.08 }).zoom).toBe(20);
    expect(fitView([], { x: 300, y: 300 }, { zoomSnap: 0.5, maxZoom: 20, pad: 0.08 }).zoom).toBe(17);
  });
});

describe("tilesInView", () => {
  const view = viewAt([5.373, 52.158], 17.5, { x: 390, y: 500 });
  test("the nearest whole zoom's tiles, scaled, covering the whole view without gaps", () => {
    const tiles = tilesInView(view, { retina: false, maxNativeZoom: 19 });
    expect(new Set(tiles.map((t) => t.z))).toEqual(new Set([18]));
    expect(tiles[0]!.size).toBeCloseTo(256 * 2 ** -0.5, 6);
    const left = Math.min(...tiles.map((t) => t.left));
    const top = Math.min(...tiles.map((t) => t.top));
    const right = Math.max(...tiles.map((t) => t.left + t.size));
    const bottom = Math.max(...tiles.map((t) => t.top + t.size));
    expect(left).toBeLessThanOrEqual(0);
    expect(top).toBeLessThanOrEqual(0);
    expect(right).toBeGreaterThanOrEqual(390);
    expect(bottom).toBeGreaterThanOrEqual(500);
    const columns = new Set(tiles.map((t) => t.x)).size;
    const rows = new Set(tiles.map((t) => t.y)).size;
    expect(tiles).toHaveLength(columns * rows);
  });
  test("on a sharp screen: tiles of one zoom closer at half the size; never past the server's last zoom", () => {
    const sharp = tilesInView(view, { retina: true, maxNativeZoom: 18 });
    expect(new Set(sharp.map((t) => t.z))).toEqual(new Set([19]));
    expect(sharp[0]!.size).toBeCloseTo(128 * 2 ** -0.5, 6);
    const deep = tilesInView(viewAt([5.373, 52.158], 20, { x: 100, y: 100 }), { retina: true, maxNativeZoom: 18 });
    expect(Math.max(...deep.map((t) => t.z))).toBe(19);
  });
  test("the URL template is filled as Leaflet fills it", () => {
    expect(tileUrl("https://{s}.tile.example/{z}/{x}/{y}{r}.png", { z: 18, x: 2, y: 1 }, true)).toBe("https://a.tile.example/18/2/1@2x.png");
    expect(tileUrl("https://tile.openstreetmap.org/{z}/{x}/{y}.png", { z: 17, x: 67492, y: 43071 }, false)).toBe("https://tile.openstreetmap.org/17/67492/43071.png");
  });
});

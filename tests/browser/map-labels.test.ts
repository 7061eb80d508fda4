/**
 * Issue 11, item 2: readable stalls on the visitor map at 390×844. Stalls are named beside their
 * spots at street zoom without labels covering each other or a spot's colour; no names at the
 * start zoom; codes only at the closest zoom; landmark symbols are SVG drawings; free spots look free.
 */
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { launch, phoneContext, trackErrors, wakeMap } from "./chromium";
import { LABEL_NAME_MAX } from "~/components/map/label-layout";

const baseURL = inject("baseURL");
const databasePath = inject("databasePath");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const intersects = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const contains = (r: Rect, x: number, y: number) => x > r.x && x < r.x + r.width && y > r.y && y < r.y + r.height;

/** The spot labels shown now, with their boxes on screen (inside the map only). */
function shownLabels(page: Page) {
  return page.locator(".stall-map .spot-label-text").evaluateAll((elements) => {
    const map = document.querySelector(".stall-map")!.getBoundingClientRect();
    return elements
      .filter((e) => (e.parentElement as HTMLElement).style.display !== "none")
      .map((e) => {
        const r = e.getBoundingClientRect();
        return { code: e.getAttribute("data-code")!, text: e.querySelector(".spot-label-name")?.textContent ?? "", codeShown: getComputedStyle(e.querySelector(".label-code")!).display !== "none", x: r.x, y: r.y, width: r.width, height: r.height };
      })
      .filter((r) => r.x < map.right && r.x + r.width > map.left && r.y < map.bottom && r.y + r.height > map.top);
  });
}

/** Taken spots on screen: their centres (the middle of the coloured square). */
function takenSpots(page: Page) {
  return page.locator("path.spot-taken").evaluateAll((paths) =>
    paths.map((p) => {
      const r = p.getBoundingClientRect();
      return { code: [...p.classList].find((c) => /^spot-[A-Z]+-\d+$/.test(c))!.slice(5), x: r.x, y: r.y, width: r.width, height: r.height, cx: r.x + r.width / 2, cy: r.y + r.height / 2 };
    }),
  );
}

async function zoomOf(page: Page): Promise<number> {
  // The label layer writes the zoom it last placed the labels for on the map's container.
  return page.evaluate(() => Number(document.querySelector(".stall-map")!.getAttribute("data-zoom")));
}

test("phone: names at street zoom never overlap or cover a stall, none at the start zoom, codes only up close; SVG landmarks; free spots look free", async () => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  const errors = trackErrors(page);
  await page.goto("/map");
  await page.locator("path.spot").first().waitFor();

  // At the start zoom: the whole market in view, no stall names (they would not fit).
  const startZoom = await zoomOf(page);
  expect(startZoom).toBeLessThan(18.5);
  const atStart = await shownLabels(page);
  const spotsAtStart = await page.locator("path.spot").evaluateAll((paths) => paths.map((p) => p.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })));
  expect(atStart.filter((label) => spotsAtStart.some((spot) => intersects(label, spot)))).toEqual([]);
  // Each stall is still seen in its colour: the outline is drawn thicker while spots are small.
  const strokeAtStart = await page.locator("path.spot-taken").first().getAttribute("stroke-width");
  expect(Number(strokeAtStart)).toBeGreaterThanOrEqual(4);

  // Landmarks are SVG drawings, not emoji or letters, and do not pile up: no two symbols overlap.
  const symbols = await page.locator(".landmark-marker").evaluateAll((markers) =>
    markers
      .filter((m) => (m as HTMLElement).style.display !== "none" && m.querySelector(".landmark-icon"))
      .map((m) => {
        const r = m.querySelector(".landmark-icon")!.getBoundingClientRect();
        return { svg: m.querySelectorAll("svg").length, text: (m.textContent ?? "").trim(), x: r.x, y: r.y, width: r.width, height: r.height };
      }),
  );
  expect(symbols.length).toBeGreaterThanOrEqual(3);
  for (const symbol of symbols) {
    expect(symbol.svg).toBe(1);
    expect(symbol.text).toBe("");
  }
  for (let i = 0; i < symbols.length; i++) for (let j = i + 1; j < symbols.length; j++) expect(intersects(symbols[i]!, symbols[j]!)).toBe(false);

  // Free spots look free: light fill, dashed outline, unlike any taken spot; the legend names them.
  const free = page.locator("path.spot-free").first();
  expect(await free.getAttribute("stroke-dasharray")).toBeTruthy();
  expect(await free.getAttribute("fill")).toBe("#ffffff");
  const takenFills = await page.locator("path.spot-taken").evaluateAll((paths) => paths.map((p) => p.getAttribute("fill")));
  expect(takenFills).not.toContain("#ffffff");
  expect(await page.locator("path.spot-taken[stroke-dasharray]").count()).toBe(0);
  expect(await page.getByTestId("legend-free").textContent()).toContain("Vrije standplaats");

  // Zoomed in to the street (a deep link opens a stall at street zoom): stalls are named.
  const geojson = await (await page.request.get("/api/editions/current/stalls.geojson")).json();
  const taken = geojson.features.filter((f: { properties: { feature: string; stalls?: unknown[] } }) => f.properties.feature === "spot" && (f.properties.stalls?.length ?? 0) > 0);
  const middle = taken[Math.floor(taken.length / 2)];
  await page.goto(`/map?stall=${middle.id}`);
  await page.locator("path.spot").first().waitFor();
  await expect.poll(async () => (await shownLabels(page)).length).toBeGreaterThan(5);
  expect(await zoomOf(page)).toBeGreaterThanOrEqual(18.5);
  // The same on the drawing the map opens as and on the Leaflet map that replaces it on a touch.
  const checkStreetZoom = async (which: string) => {
    const labels = await shownLabels(page);
    // Names, not codes, at street zoom; long names shortened with an ellipsis.
    for (const label of labels) expect(label.codeShown).toBe(false);
    const names = new Map<string, string>(taken.map((f: { id: string; properties: { stalls: { name: string }[] } }) => [f.id, f.properties.stalls[0]!.name]));
    const named = labels.filter((l) => names.has(l.code));
    expect(named.length).toBeGreaterThan(5);
    for (const label of named) {
      const full = names.get(label.code)!;
      const text = label.text.trim();
      expect(text === full || (text.endsWith("…") && full.startsWith(text.slice(0, -1).trimEnd()))).toBe(true);
    }
    // No two labels overlap.
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        expect(intersects(labels[i]!, labels[j]!), `${labels[i]!.code} and ${labels[j]!.code} overlap (${which})`).toBe(false);
      }
    }
    // No label covers the middle of a taken spot (its colour).
    const spots = await takenSpots(page);
    for (const label of labels) {
      const covered = spots.filter((spot) => contains(label, spot.cx, spot.cy)).map((s) => s.code);
      expect(covered, `label of ${label.code} (${which})`).toEqual([]);
    }
  };
  expect(await page.getByTestId("street-sketch").count()).toBe(1);
  await checkStreetZoom("drawing");
  await wakeMap(page);
  await expect.poll(async () => (await shownLabels(page)).length).toBeGreaterThan(5);
  expect(await zoomOf(page)).toBeGreaterThanOrEqual(18.5);
  await checkStreetZoom("Leaflet");

  // The closest zoom adds the spot codes.
  await page.locator(".leaflet-control-zoom-in").click();
  await expect.poll(() => zoomOf(page)).toBeGreaterThanOrEqual(20);
  await expect.poll(async () => (await shownLabels(page)).filter((l) => l.codeShown).length).toBeGreaterThan(3);
  const close = await shownLabels(page);
  for (let i = 0; i < close.length; i++) for (let j = i + 1; j < close.length; j++) expect(intersects(close[i]!, close[j]!)).toBe(false);

  // The list view shows the same SVG symbols for the landmarks.
  await page.getByTestId("view-list").click();
  expect(await page.locator(".landmark-list .landmark-icon svg").count()).toBe(geojson.features.filter((f: { properties: { feature: string } }) => f.properties.feature === "landmark").length);
  expect(errors).toEqual([]);
  await context.close();
});

test("at 390×844 and 1366×768: the private page's map opens on the own spot, highlighted and named, with the sentence of where it is; it prints without controls", async () => {
  const db = new Database(databasePath, { readonly: true });
  const own = db
    .prepare(
      `select a.access_token as token, a.stall_name as name from applications a
       join stall_assignments s on s.application_id = a.id
       where a.review_state = 'approved' order by length(a.stall_name) desc, a.id limit 1`,
    )
    .get() as { token: string; name: string };
  db.close();
  for (const wide of [false, true]) {
    const context = wide ? await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 }, locale: "nl-NL" }) : await phoneContext(browser, baseURL);
    if (wide) await context.route((url) => url.host !== new URL(baseURL).host, (route) => route.fulfill({ status: 200, contentType: "image/png", body: Buffer.alloc(0) }));
    const page = await context.newPage();
    const errors = trackErrors(page);
    await page.goto(`/a/${own.token}`);
    // It opens as the drawing (no Leaflet yet); a touch brings the Leaflet map. Both show the same.
    for (const which of ["drawing", "Leaflet"]) {
      if (which === "Leaflet") {
        await page.emulateMedia({ media: "screen" });
        await wakeMap(page, ".spot-map");
      } else {
        await page.getByTestId("street-sketch").locator("path.spot-own").first().waitFor();
        expect(await page.locator(".leaflet-container").count()).toBe(0);
      }
      const spot = page.locator("path.spot-own").first();
      await spot.waitFor();
      expect(Number(await spot.getAttribute("stroke-width"))).toBeGreaterThanOrEqual(4);
      // The map opens on it: the own spot is inside the map's box.
      const map = (await page.locator(".spot-map .stall-map").boundingBox())!;
      const box = (await spot.boundingBox())!;
      expect(box.x, which).toBeGreaterThanOrEqual(map.x);
      expect(box.y, which).toBeGreaterThanOrEqual(map.y);
      expect(box.x + box.width, which).toBeLessThanOrEqual(map.x + map.width);
      expect(box.y + box.height, which).toBeLessThanOrEqual(map.y + map.height);
      // Named on the map, beside the spot (never over it).
      const label = page.locator(".spot-label-own");
      await expect.poll(() => label.isVisible()).toBe(true);
      // With its whole name, though other labels are shortened (the longest name of the demo's placed stalls).
      expect(own.name.length).toBeGreaterThan(LABEL_NAME_MAX);
      expect(await label.locator(".spot-label-name").textContent()).toBe(own.name);
      const labelBox = (await label.boundingBox())!;
      expect(contains(labelBox, box.x + box.width / 2, box.y + box.height / 2), which).toBe(false);
      // Whole, and wholly on the small map: a long name wraps rather than running off its edge.
      expect(labelBox.x, `own label's left edge on the ${which}`).toBeGreaterThanOrEqual(map.x);
      expect(labelBox.x + labelBox.width, `own label's right edge on the ${which}`).toBeLessThanOrEqual(map.x + map.width);
      expect(await page.getByTestId("spot-where").textContent()).toMatch(/^(Noordkant|Zuidkant), /);

      // Printed: the sentence and the map, without the map's buttons.
      const buttons = page.locator(".spot-map .leaflet-control-zoom, .spot-map .sketch-zoom");
      expect(await buttons.isVisible(), which).toBe(true);
      await page.emulateMedia({ media: "print" });
      expect(await buttons.isVisible(), which).toBe(false);
      expect(await page.getByTestId("spot-where").isVisible()).toBe(true);
      expect(await page.locator(".spot-map .stall-map").isVisible()).toBe(true);
      expect(await page.locator("path.spot-own").first().isVisible()).toBe(true);
    }
    expect(errors).toEqual([]);
    await context.close();
  }
});

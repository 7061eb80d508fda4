import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { launch, phoneContext, trackErrors, wakeMap } from "./chromium";

const baseURL = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

test("on a phone, /map shows the spots; tapping one shows its stall; the list shows the same stalls", async () => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  const errors = trackErrors(page);
  await page.goto("/map");

  // The map draws every spot as an SVG path once Leaflet has loaded (after hydration).
  const spotPaths = page.locator("path.spot");
  await spotPaths.first().waitFor();
  const spotCount = await spotPaths.count();
  expect(spotCount).toBeGreaterThanOrEqual(74);

  // The list holds the same stalls as the map: every list entry's spot is a taken spot on the map.
  await page.getByTestId("view-list").click();
  const listItems = page.getByTestId("stall-list").locator("li");
  // One item per stall; a stall on a run of spots lists all its codes (issue 11, item 3).
  const perStall = await listItems.evaluateAll((items) => items.map((li) => (li.getAttribute("data-spots") ?? "").split(" ")));
  const listed = perStall.flat();
  expect(listed.length).toBeGreaterThan(30);
  const geojson = await (await page.request.get("/api/editions/current/stalls.geojson")).json();
  const takenOnMap = geojson.features
    .filter((f: { properties: { feature: string; stalls?: unknown[] } }) => f.properties.feature === "spot" && (f.properties.stalls?.length ?? 0) > 0)
    .map((f: { id: string }) => f.id);
  expect(new Set(listed)).toEqual(new Set(takenOnMap));

  // Tap a taken spot on the map: the sheet shows that stall's name and spot code.
  const code = listed[0]!;
  const feature = geojson.features.find((f: { id: string }) => f.id === code);
  await page.getByTestId("view-map").click();
  const spotPath = page.locator(`path.spot-${code}`);
  await spotPath.scrollIntoViewIfNeeded();
  await spotPath.tap({ force: true });
  const sheet = page.getByTestId("stall-sheet");
  await expect.poll(() => sheet.isVisible()).toBe(true);
  expect(await sheet.getByRole("heading").textContent()).toBe(feature.properties.stalls[0].name);
  const own = perStall[0]!;
  expect(await page.getByTestId("sheet-spot").textContent()).toBe(own.length === 1 ? code : `${own[0]}–${own[own.length - 1]}`);
  expect(errors).toEqual([]);
  await context.close();
});

test("without map tiles the street and spots still draw, with a note", async () => {
  const context = await phoneContext(browser, baseURL, { tiles: "fail" });
  const page = await context.newPage();
  await page.goto("/map");
  await page.locator("path.spot").first().waitFor();
  await expect.poll(() => page.getByText("De achtergrondkaart kan niet laden").isVisible()).toBe(true);
  await context.close();
});

test("?lang=en switches to English and is remembered; the language link switches back", async () => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  await page.goto("/map?lang=en");
  expect(await page.locator("html").getAttribute("lang")).toBe("en");
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("Map");
  await page.goto("/");
  expect(await page.locator("html").getAttribute("lang")).toBe("en");
  await expect.poll(() => page.getByRole("link", { name: "See the map" }).isVisible()).toBe(true);
  await page.getByRole("link", { name: "Nederlands" }).click();
  await page.waitForURL(/lang=nl/);
  expect(await page.locator("html").getAttribute("lang")).toBe("nl");
  await expect.poll(() => page.getByRole("link", { name: "Bekijk de plattegrond" }).isVisible()).toBe(true);
  await context.close();
});

test("an unknown address shows a friendly 404 page in the visitor's language", async () => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  const response = await page.goto("/bestaat-niet");
  expect(response?.status()).toBe(404);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Pagina niet gevonden");
  await page.goto("/bestaat-niet?lang=en");
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Page not found");
  await context.close();
});

test("tiles are sharp on a phone's screen (half-size tiles of one zoom closer) and never asked beyond the tile server's zoom 19; 1× on a 1× screen", async () => {
  const zoomsOf = (urls: string[]) => urls.map((url) => Number(/\/(\d+)\/\d+\/\d+\.png/.exec(url)?.[1])).filter((z) => !Number.isNaN(z));
  // deviceScaleFactor 2: a phone's screen.
  const phone = await phoneContext(browser, baseURL);
  const page = await phone.newPage();
  const tileUrls: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("tile.openstreetmap.org")) tileUrls.push(request.url());
  });
  await page.goto("/map");
  // The drawing the map opens as asks the same tiles, at the same size, as Leaflet then does.
  const sketchTile = page.locator("img.sketch-tile").first();
  await sketchTile.waitFor({ state: "attached" });
  expect(await sketchTile.evaluate((img) => (img as HTMLImageElement).style.width)).toBe("128px");
  const sketchSources = await page.locator("img.sketch-tile").evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).src).sort());
  await wakeMap(page);
  const tile = page.locator(".leaflet-tile-container img.leaflet-tile").first();
  await tile.waitFor({ state: "attached" });
  expect(await tile.evaluate((img) => (img as HTMLImageElement).style.width)).toBe("128px");
  const leafletSources = await page.locator(".leaflet-tile-container img.leaflet-tile").evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).src));
  // Leaflet also keeps a ring of tiles just outside the view; every tile of the drawing is among its.
  for (const source of sketchSources) expect(leafletSources).toContain(source);
  // Zoomed in as far as the map goes: tiles are still shown, none asked beyond zoom 19.
  const zoomIn = page.locator(".leaflet-control-zoom-in");
  for (let i = 0; i < 12 && !(await zoomIn.getAttribute("class"))!.includes("leaflet-disabled"); i++) {
    await zoomIn.click();
    await page.waitForTimeout(300);
  }
  expect(await zoomIn.getAttribute("class")).toContain("leaflet-disabled");
  await expect.poll(() => page.locator(".leaflet-tile-container img.leaflet-tile").count()).toBeGreaterThan(0);
  expect(Math.max(...zoomsOf(tileUrls))).toBe(19);
  await phone.close();

  const laptop = await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
  await laptop.route((url) => url.host !== new URL(baseURL).host, (route) => route.fulfill({ status: 200, contentType: "image/png", body: Buffer.alloc(0) }));
  const wide = await laptop.newPage();
  await wide.goto("/map");
  await wakeMap(wide);
  const wideTile = wide.locator(".leaflet-tile-container img.leaflet-tile").first();
  await wideTile.waitFor({ state: "attached" });
  expect(await wideTile.evaluate((img) => (img as HTMLImageElement).style.width)).toBe("256px");
  await laptop.close();
});

test("the map opens as a drawing without Leaflet, on the view Leaflet then opens on; a touch loads Leaflet, which replaces it without a move", async () => {
  for (const size of [{ width: 390, height: 844 }, { width: 1366, height: 768 }]) {
    const wide = size.width > 1000;
    const ctx = wide ? await browser.newContext({ baseURL, viewport: size, deviceScaleFactor: 1 }) : await phoneContext(browser, baseURL);
    await ctx.route((url) => url.host !== new URL(baseURL).host, (route) => route.fulfill({ status: 200, contentType: "image/png", body: Buffer.alloc(0) }));
    const page = await ctx.newPage();
    const errors = trackErrors(page);
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(request.url());
    });
    await page.goto("/map");
    await page.getByTestId("street-sketch").locator("path.spot").first().waitFor();
    await page.waitForLoadState("load");
    await page.waitForTimeout(1500);
    // Nothing of Leaflet has been asked for: the drawing is React and SVG.
    expect(await page.locator(".leaflet-container").count()).toBe(0);
    expect(scripts.filter((url) => url.includes("StallMap.client"))).toEqual([]);
    const before = new Set(scripts);
    const boxesOf = (): Promise<Record<string, { x: number; y: number }>> =>
      page.locator("path.spot").evaluateAll((paths) =>
        Object.fromEntries(
          paths.map((p) => {
            const r = p.getBoundingClientRect();
            return [[...p.classList].find((c) => /^spot-[A-Z]+-\d+$/.test(c)), { x: Math.round(r.x), y: Math.round(r.y) }];
          }),
        ),
      );
    const drawn = await boxesOf();
    expect(Object.keys(drawn).length).toBeGreaterThanOrEqual(74);
    await wakeMap(page);
    // The touch brought in the map's own script…
    expect(scripts.filter((url) => !before.has(url) && url.includes("StallMap.client")).length).toBe(1);
    // …and the Leaflet map shows every spot where the drawing had it (within a pixel).
    const live = await boxesOf();
    expect(Object.keys(live).sort()).toEqual(Object.keys(drawn).sort());
    for (const [code, box] of Object.entries(drawn)) {
      expect(Math.abs(live[code]!.x - box.x), `${code} x at ${size.width}`).toBeLessThanOrEqual(1);
      expect(Math.abs(live[code]!.y - box.y), `${code} y at ${size.width}`).toBeLessThanOrEqual(1);
    }
    expect(errors).toEqual([]);
    await ctx.close();
  }
});

test("the drawing's zoom button loads Leaflet and zooms in one step", async () => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  await page.goto("/map");
  const sketch = page.getByTestId("street-sketch");
  await sketch.locator("path.spot").first().waitFor();
  const opening = Number(await sketch.getAttribute("data-zoom"));
  await page.getByTestId("sketch-zoom-in").click();
  await page.locator(".leaflet-container").waitFor();
  await sketch.waitFor({ state: "detached" });
  await expect.poll(async () => Number(await page.locator(".stall-map").getAttribute("data-zoom"))).toBe(opening + 1);
  // Leaflet's buttons and credit speak the page's language, as the drawing's did.
  expect(await page.locator(".leaflet-control-zoom-in").getAttribute("title")).toBe("Inzoomen");
  expect(await page.locator(".leaflet-control-zoom-out").getAttribute("title")).toBe("Uitzoomen");
  expect(await page.locator(".leaflet-control-attribution").textContent()).toBe("© OpenStreetMap-bijdragers");
  // The focus moved to Leaflet's own zoom button: Enter zooms in again.
  expect(await page.evaluate(() => document.activeElement?.classList.contains("leaflet-control-zoom-in"))).toBe(true);
  await page.keyboard.press("Enter");
  await expect.poll(async () => Number(await page.locator(".stall-map").getAttribute("data-zoom"))).toBe(opening + 2);
  await context.close();
});

test("without tiles the map still shows where you are: the side streets drawn and named, and the street's name, before and after Leaflet loads", async () => {
  for (const wide of [false, true]) {
    const context = wide
      ? await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 })
      : await phoneContext(browser, baseURL, { tiles: "fail" });
    if (wide) await context.route((url) => url.host !== new URL(baseURL).host, (route) => route.abort());
    const page = await context.newPage();
    await page.goto("/map");
    const sketch = page.getByTestId("street-sketch");
    await sketch.locator("path.spot").first().waitFor();
    // The names shown (not hidden for covering another label) and inside the map's frame.
    const shownNames = (root: string) =>
      page.locator(`${root} .street-label-text`).evaluateAll((labels, frameSelector) => {
        const frame = document.querySelector(frameSelector)!.getBoundingClientRect();
        return labels
          .filter((l) => {
            const r = l.getBoundingClientRect();
            return (l.parentElement as HTMLElement).style.display !== "none" && r.width > 0 && r.left >= frame.left && r.right <= frame.right && r.top >= frame.top && r.bottom <= frame.bottom;
          })
          .map((l) => l.textContent);
      }, root);
    const expected = wide ? ["Anemoonstraat", "Goudsbloemstraat", "Noordewierweg"] : ["Anemoonstraat", "Noordewierweg"];
    expect(await sketch.locator("path.side-street").count()).toBe(2);
    expect(await shownNames('[data-testid="street-sketch"]'), `drawing at ${wide ? "1366" : "390"}`).toEqual(expect.arrayContaining(expected));
    await wakeMap(page);
    expect(await page.locator(".leaflet-container path.side-street").count()).toBe(2);
    expect(await shownNames(".leaflet-container"), `Leaflet at ${wide ? "1366" : "390"}`).toEqual(expect.arrayContaining(expected));
    await context.close();
  }
});

test("a stall on a run of spots is drawn as one shape (its spots inside one outline), on the drawing and on Leaflet", async () => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  const geojson = await (await page.request.get("/api/editions/current/stalls.geojson")).json();
  const byName = new Map<string, string[]>();
  for (const f of geojson.features as { id: string; properties: { feature: string; stalls?: { name: string }[] } }[]) {
    const name = f.properties.stalls?.[0]?.name;
    if (f.properties.feature === "spot" && name) byName.set(name, [...(byName.get(name) ?? []), f.id]);
  }
  const [, codes] = [...byName.entries()].find(([, list]) => list.length > 1)!;
  // A deep link opens close in on the run, so the shapes are big enough to measure.
  await page.goto(`/map?stall=${codes[0]}`);
  for (const which of ["drawing", "Leaflet"]) {
    if (which === "Leaflet") await wakeMap(page);
    const run = page.locator(`path.spot-run-${codes[0]}`);
    await run.first().waitFor();
    expect(await run.count(), which).toBe(1);
    const shape = (await run.boundingBox())!;
    for (const code of codes) {
      const spot = (await page.locator(`path.spot-${code}`).boundingBox())!;
      expect(spot.x, `${code} inside the run (${which})`).toBeGreaterThanOrEqual(shape.x - 3);
      expect(spot.y).toBeGreaterThanOrEqual(shape.y - 3);
      expect(spot.x + spot.width).toBeLessThanOrEqual(shape.x + shape.width + 3);
      expect(spot.y + spot.height).toBeLessThanOrEqual(shape.y + shape.height + 3);
      // The spots' own outlines take their fill's colour: one shape, not two squares.
      const path = page.locator(`path.spot-${code}`);
      expect(await path.getAttribute("stroke"), which).toBe(await path.getAttribute("fill"));
    }
    // Named once, not once per spot.
    const name = [...byName.entries()].find(([, list]) => list === codes)![0];
    const labels = await page.locator(".spot-label-name").evaluateAll((els, wanted) => els.filter((e) => e.textContent === wanted || wanted.startsWith((e.textContent ?? "").replace("…", ""))).length, name);
    expect(labels, `${name} labels (${which})`).toBe(1);
    // Selected (the deep link), the run's outline is the dark one.
    expect(await run.getAttribute("stroke"), which).toBe("#111827");
  }
  // A single-spot stall has no run shape of its own.
  const [, single] = [...byName.entries()].find(([, list]) => list.length === 1)!;
  expect(await page.locator(`path.spot-run-${single[0]}`).count()).toBe(0);
  await context.close();
});

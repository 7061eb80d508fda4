// The event-day map on a phone (390×844): search, category filter, deep links, list → map,
// offline after one visit, and axe-core on /, /map and its list view in both languages.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { launch, phoneContext, trackErrors, wakeMap } from "./chromium";

const baseURL = inject("baseURL");
const AXE = readFileSync("node_modules/axe-core/axe.min.js", "utf8");
let browser: Browser;

interface Feature {
  id?: string;
  geometry: { type: string; coordinates: unknown };
  properties: { feature: string; stalls?: { name: string; description: string; category: string }[] };
}
/** A spot's middle: the average of its polygon's corners. */
const centreOf = (feature: Feature): [number, number] => {
  const ring = (feature.geometry.coordinates as [number, number][][])[0]!.slice(0, -1);
  return [ring.reduce((sum, p) => sum + p[0], 0) / ring.length, ring.reduce((sum, p) => sum + p[1], 0) / ring.length];
};
let features: Feature[] = [];
const stallsOnMap = () => features.filter((f) => f.properties.feature === "spot" && (f.properties.stalls?.length ?? 0) > 0);

beforeAll(async () => {
  browser = await launch();
  features = ((await (await fetch(`${baseURL}/api/editions/current/stalls.geojson`)).json()) as { features: Feature[] }).features;
  expect(stallsOnMap().length).toBeGreaterThan(30);
});

afterAll(async () => {
  await browser?.close();
});

async function openMap(page: Page, path = "/map") {
  await page.goto(path);
  await page.locator("path.spot").first().waitFor();
}

// One list item per stall; a stall on a run of spots names all of them (issue 11, item 3).
const listedSpots = (page: Page) =>
  page.getByTestId("stall-list").locator("li").evaluateAll((items) => items.flatMap((li) => (li.getAttribute("data-spots") ?? "").split(" ")));
const listedStalls = (page: Page) => page.getByTestId("stall-list").locator("li").count();
/** The spot codes of the stall on spot `id`, as the card shows them: "N-08" or "N-08–N-09". */
function codesLabel(id: string): string {
  const name = stallsOnMap().find((f) => f.id === id)!.properties.stalls![0]!.name;
  const codes = stallsOnMap().filter((f) => f.properties.stalls![0]!.name === name).map((f) => f.id!);
  return codes.length === 1 ? codes[0]! : `${codes[0]}–${codes[codes.length - 1]}`;
}
const distinctNames = (list: Feature[]) => new Set(list.map((f) => f.properties.stalls![0]!.name)).size;

test("search finds a stall by a word from its description, with and without accents, on the map and in the list", async () => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  const errors = trackErrors(page);
  await openMap(page);
  // A wide stall stands on a run of spots: every one of them is found.
  const books = stallsOnMap()
    .filter((f) => f.properties.stalls![0]!.description.includes("kinderboeken"))
    .map((f) => f.id!);
  expect(books.length, "the demo has a stall with 'kinderboeken' in its description").toBeGreaterThan(0);
  const allPaths = await page.locator("path.spot").count();

  for (const query of ["kinderboeken", "KÍNDERBOËKEN"]) {
    await page.getByLabel("Zoek een kraam").fill(query);
    await expect.poll(() => page.locator("path.spot").count()).toBe(books.length);
    for (const code of books) expect(await page.locator(`path.spot-${code}`).count()).toBe(1);
    await page.getByTestId("view-list").click();
    expect(await listedSpots(page)).toEqual(books);
    // …and listed once, however many spots it stands on.
    expect(await listedStalls(page)).toBe(distinctNames(stallsOnMap().filter((f) => books.includes(f.id!))));
    await page.getByTestId("view-map").click();
  }
  // Accents in the data: "Repair Café" by "cafe".
  await page.getByLabel("Zoek een kraam").fill("repair cafe");
  await page.getByTestId("view-list").click();
  const cafe = stallsOnMap().filter((f) => f.properties.stalls![0]!.name.startsWith("Repair Café")).map((f) => f.id);
  expect(cafe.length).toBeGreaterThan(0);
  expect(await listedSpots(page)).toEqual(cafe);
  // Clearing the search shows everything again.
  await page.getByLabel("Zoek een kraam").fill("");
  await page.getByTestId("view-map").click();
  await expect.poll(() => page.locator("path.spot").count()).toBe(allPaths);
  expect(errors).toEqual([]);
  await context.close();
});

test("map first (issue 11, item 1): at 390×844 the map starts in the top half under the status line; the panel opens and closes; at 1366×768 it is a side panel", async () => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  const errors = trackErrors(page);
  await openMap(page);
  const frame = (await page.getByTestId("map-frame").boundingBox())!;
  expect(frame.y).toBeLessThan(844 / 2);
  expect(frame.y + frame.height).toBeLessThanOrEqual(844 + 1);
  const status = (await page.getByTestId("status-banner").boundingBox())!;
  expect(await page.getByTestId("status-banner").isVisible()).toBe(true);
  expect(status.y + status.height).toBeLessThanOrEqual(frame.y);
  // The search field is on the first screen, over the map; the list is put away.
  const search = (await page.getByLabel("Zoek een kraam").boundingBox())!;
  expect(search.y).toBeGreaterThan(frame.y);
  expect(search.y + search.height).toBeLessThanOrEqual(844);
  const panelList = page.getByTestId("map-panel").getByTestId("stall-list");
  expect(await panelList.isVisible()).toBe(false);
  await page.getByTestId("panel-toggle").click();
  await expect.poll(() => panelList.isVisible()).toBe(true);
  expect(await page.getByTestId("panel-toggle").getAttribute("aria-expanded")).toBe("true");
  expect(await panelList.locator("li").count()).toBe(distinctNames(stallsOnMap()));
  // Choosing a stall there shows it on the map and puts the list away.
  const target = stallsOnMap()[3]!;
  await panelList.locator(`li[data-spots~="${target.id}"]`).getByTestId("show-on-map").click();
  await expect.poll(() => page.getByTestId("stall-sheet").isVisible()).toBe(true);
  expect(await panelList.isVisible()).toBe(false);
  expect(errors).toEqual([]);
  await context.close();

  const laptop = await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 }, locale: "nl-NL" });
  await laptop.route((url) => url.host !== new URL(baseURL).host, (route) => route.abort());
  const wide = await laptop.newPage();
  await openMap(wide);
  const [map, side] = [(await wide.getByTestId("map-frame").boundingBox())!, (await wide.getByTestId("map-panel").boundingBox())!];
  expect(map.y).toBeLessThan(768 / 2);
  expect(side.x + side.width).toBeLessThanOrEqual(map.x);
  expect(map.width).toBeGreaterThan(side.width);
  await expect.poll(() => wide.getByTestId("map-panel").getByTestId("stall-list").isVisible()).toBe(true);
  await laptop.close();
});

test("search points at the map: matches are highlighted and brought into view, a single match opens its card, no match offers to clear", async () => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  const errors = trackErrors(page);
  // Start zoomed in on one end of the street (a deep link), so the matches are not all in view yet.
  await openMap(page);
  const allPaths = await page.locator("path.spot").count();
  const far = stallsOnMap()[stallsOnMap().length - 1]!;
  await page.goto(`/map?stall=${far.id}`);
  await page.locator(`path.spot-${far.id}`).waitFor();
  await page.getByTestId("stall-sheet").getByRole("button", { name: "Sluiten" }).click();
  const frame = page.getByTestId("map-frame");
  const inside = async (code: string) => {
    const [box, area] = [await page.locator(`path.spot-${code}`).boundingBox(), await frame.boundingBox()];
    return box !== null && area !== null && box.x >= area.x - 1 && box.y >= area.y - 1 && box.x + box.width <= area.x + area.width + 1 && box.y + box.height <= area.y + area.height + 1;
  };

  // Several stalls: all highlighted, all inside the map's frame.
  const word = "soesterkwartier";
  const waffles = stallsOnMap().filter((f) => `${f.properties.stalls![0]!.name} ${f.properties.stalls![0]!.description}`.toLowerCase().includes(word));
  expect(distinctNames(waffles), "the demo has several stalls from the Soesterkwartier").toBeGreaterThan(2);
  const inViewBefore = await Promise.all(waffles.map((f) => inside(f.id!)));
  expect(inViewBefore.every(Boolean), "some matches are out of view before the search").toBe(false);
  await page.getByLabel("Zoek een kraam").fill(word);
  await expect.poll(() => page.locator("path.spot-match").count()).toBe(waffles.length);
  for (const f of waffles) {
    expect(await page.locator(`path.spot-${f.id}`).getAttribute("class")).toContain("spot-match");
    await expect.poll(() => inside(f.id!)).toBe(true);
  }

  // One stall: its card opens, and the search field keeps the focus.
  const one = stallsOnMap().find((f) => stallsOnMap().filter((g) => g.properties.stalls![0]!.name === f.properties.stalls![0]!.name).length === 1 && f.id !== stallsOnMap()[0]!.id)!;
  const name = one.properties.stalls![0]!.name;
  await page.getByLabel("Zoek een kraam").fill(name);
  const sheet = page.getByTestId("stall-sheet");
  await expect.poll(() => sheet.isVisible()).toBe(true);
  expect(await sheet.getByRole("heading").textContent()).toBe(name);
  expect(await page.getByTestId("sheet-spot").textContent()).toBe(one.id);
  expect(await page.locator("path.spot-match").count()).toBe(1);
  await expect.poll(() => inside(one.id!)).toBe(true);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("map-search-input");

  // Nothing: a sentence, and a button that clears the search and shows every stall again.
  await page.getByLabel("Zoek een kraam").fill("qqqxyz");
  const none = page.getByTestId("no-match");
  await expect.poll(() => none.isVisible()).toBe(true);
  expect(await none.textContent()).toContain("Geen kramen gevonden");
  expect(await page.getByTestId("stall-sheet").count()).toBe(0);
  await page.getByRole("button", { name: "Zoekopdracht wissen" }).click();
  expect(await page.getByLabel("Zoek een kraam").inputValue()).toBe("");
  await expect.poll(() => page.locator("path.spot").count()).toBe(allPaths);
  expect(await page.locator("path.spot-match").count()).toBe(0);
  expect(await none.count()).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});

test("a category filter hides the other stalls on the map and in the list; 'show on map' opens a stall from the list", async () => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  await openMap(page);
  const food = stallsOnMap().filter((f) => f.properties.stalls![0]!.category === "food");
  expect(food.length).toBeGreaterThan(2);
  await page.getByRole("button", { name: "Eten & drinken" }).click();
  expect(await page.getByRole("button", { name: "Eten & drinken" }).getAttribute("aria-pressed")).toBe("true");
  await expect.poll(() => page.locator("path.spot").count()).toBe(food.length);
  for (const f of food.slice(0, 3)) expect(await page.locator(`path.spot-${f.id}`).count()).toBe(1);
  const other = stallsOnMap().find((f) => f.properties.stalls![0]!.category !== "food")!;
  expect(await page.locator(`path.spot-${other.id}`).count()).toBe(0);

  await page.getByTestId("view-list").click();
  expect(new Set(await listedSpots(page))).toEqual(new Set(food.map((f) => f.id)));
  const categories = await page.getByTestId("stall-list").locator("li").evaluateAll((items) => items.map((li) => li.getAttribute("data-category")));
  expect(new Set(categories)).toEqual(new Set(["food"]));
  expect(page.url()).toContain("view=list");

  // From the list to the map: the sheet shows that stall.
  const target = food[1]!;
  await page.locator(`li[data-spot="${target.id}"]`).getByTestId("show-on-map").click();
  const sheet = page.getByTestId("stall-sheet");
  await expect.poll(() => sheet.isVisible()).toBe(true);
  expect(await sheet.getByRole("heading").textContent()).toBe(target.properties.stalls![0]!.name);
  expect(await page.getByTestId("sheet-spot").textContent()).toBe(codesLabel(target.id!));
  await context.close();
});

test("the deep link /map?stall=… opens the stall; an unknown or hostile value shows the map with a gentle note", async () => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  const target = stallsOnMap()[5]!;
  await openMap(page, `/map?stall=${target.id}`);
  const sheet = page.getByTestId("stall-sheet");
  await expect.poll(() => sheet.isVisible()).toBe(true);
  expect(await sheet.getByRole("heading").textContent()).toBe(target.properties.stalls![0]!.name);
  expect(await page.getByTestId("sheet-spot").textContent()).toBe(codesLabel(target.id!));
  expect(await page.getByTestId("stall-link").getAttribute("href")).toBe(`/map?stall=${target.id}`);
  // The map opened zoomed in on it: its spot is on screen.
  const box = await page.locator(`path.spot-${target.id}`).boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y + box!.height).toBeGreaterThan(0);
  expect(box!.y).toBeLessThan(844);

  let dialogs = 0;
  page.on("dialog", (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await openMap(page, `/map?stall=${encodeURIComponent('"><img src=x onerror=alert(1)>')}`);
  await expect.poll(() => page.getByTestId("deep-link-note").isVisible()).toBe(true);
  expect(await page.getByTestId("stall-sheet").count()).toBe(0);
  expect(await page.locator("path.spot").count()).toBeGreaterThan(30);
  expect(dialogs).toBe(0);
  await context.close();
});

test("after one visit, going offline still shows the map and the stalls, with a note", async () => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  await openMap(page);
  // Wait for the service worker to control the page and to have cached what the page used.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.locator("path.spot").first().waitFor();
  await expect
    .poll(() => page.evaluate(async () => navigator.serviceWorker.controller !== null && (await caches.keys()).length >= 2), { timeout: 15_000 })
    .toBe(true);

  // …and has kept the programme, its files and its data (one visit to the map is enough).
  await expect
    .poll(() => page.evaluate(async () => (await (await caches.open("zomerparade-pages-v1")).keys()).filter((r) => /\/programme(\?_data=|$)|__manifest\?p=%2Fprogramme/.test(r.url)).length), { timeout: 15_000 })
    .toBe(3);

  // …and the map's Leaflet chunk, which the page never loaded (nobody touched the map).
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const assets = await caches.open("zomerparade-assets-v1");
          const chunk = (await assets.keys()).find((r) => r.url.includes("StallMap.client"));
          if (!chunk) return "no map chunk";
          const text = await (await assets.match(chunk))!.text();
          const imports = [...text.matchAll(/from\s*"(\/build\/[^"]+)"/g)].map((m) => m[1]!);
          const missing = [];
          for (const path of imports) if (!(await assets.match(new URL(path, location.origin).href))) missing.push(path);
          return missing.length === 0 ? "kept" : `missing ${missing.join(" ")}`;
        }),
      { timeout: 15_000 },
    )
    .toBe("kept");

  await context.setOffline(true);
  await page.reload();
  await page.locator("path.spot").first().waitFor({ timeout: 15_000 });
  expect(await page.locator("path.spot").count()).toBeGreaterThanOrEqual(74);
  await expect.poll(() => page.getByTestId("offline-note").isVisible()).toBe(true);
  // The visit never touched the map, so Leaflet was never loaded; offline a touch still brings it
  // (the worker kept the chunk the page may import).
  await wakeMap(page);
  expect(await page.locator(".leaflet-container path.spot").count()).toBeGreaterThanOrEqual(74);
  await page.getByTestId("view-list").click();
  expect((await listedSpots(page)).length).toBe(stallsOnMap().length);
  expect(await listedStalls(page)).toBe(distinctNames(stallsOnMap()));

  // Another address of the map, never visited, still opens offline.
  const target = stallsOnMap()[2]!;
  await page.goto(`/map?stall=${target.id}`);
  await page.locator("path.spot").first().waitFor({ timeout: 15_000 });
  expect(await page.locator("path.spot").count()).toBeGreaterThanOrEqual(74);

  // The programme, never visited, opens offline too (issue 11, item 5): as a page of its own, and
  // as the map's "whole programme" link opens it on a market day (a client-side navigation, which
  // needs the route's files and its loader data from the worker's cache).
  await page.goto("/programme");
  await expect.poll(() => page.getByRole("heading", { level: 1, name: /Programma/ }).isVisible(), { timeout: 15_000 }).toBe(true);
  await page.goto("/map");
  await page.locator("path.spot").first().waitFor({ timeout: 15_000 });
  await page.evaluate(() => (window as unknown as { __remixRouter: { navigate(to: string): Promise<void> } }).__remixRouter.navigate("/programme"));
  await expect.poll(() => page.evaluate(() => location.pathname)).toBe("/programme");
  await expect.poll(() => page.getByRole("heading", { level: 1, name: /Programma/ }).isVisible(), { timeout: 15_000 }).toBe(true);
  expect(await page.getByText("Er ging iets mis").count()).toBe(0);
  await context.setOffline(false);
  await context.close();
});

test("axe-core finds no serious or critical problems on /, /map and its list view, in Dutch and English", async () => {
  // axe comes in as an inline script tag: the pages' Content-Security-Policy would refuse it.
  const context = await phoneContext(browser, baseURL, { bypassCSP: true });
  const page = await context.newPage();
  const problems: string[] = [];
  for (const lang of ["nl", "en"]) {
    for (const path of ["/", "/map", "/map?view=list", "/programme"]) {
      await page.goto(`${path}${path.includes("?") ? "&" : "?"}lang=${lang}`);
      if (path.startsWith("/map") && !path.includes("list")) await page.locator("path.spot").first().waitFor();
      if (path.includes("list")) await page.getByTestId("stall-list").waitFor();
      await page.addScriptTag({ content: AXE });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
        return result.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
      });
      problems.push(...violations.map((v) => `${path} [${lang}] ${v}`));
    }
  }
  expect(problems).toEqual([]);
  await context.close();
});

test("'Waar ben ik?' shows the position on the map and says how far the nearest stall is and how exact the position is; far away, how far the market is", async () => {
  const context = await phoneContext(browser, baseURL);
  await context.grantPermissions(["geolocation"]);
  const target = stallsOnMap()[5]!;
  const [lon, lat] = centreOf(target);
  // A few metres from the stall's spot, accurate to 12 m.
  await context.setGeolocation({ latitude: lat + 2 / 111_195, longitude: lon, accuracy: 12 });
  const page = await context.newPage();
  await openMap(page);
  await page.getByTestId("locate").click();
  const note = page.getByTestId("locate-where");
  await expect.poll(() => note.isVisible()).toBe(true);
  const text = (await note.textContent())!;
  expect(text).toMatch(/^Je staat op ongeveer \d+ m van .+ \([A-Z]-\d+(–[A-Z]-\d+)?\)\. Je plek is tot op 10 m nauwkeurig\.$/);
  // The nearest is this stall, 2 m away (said as 5 m: distances go in steps of 5 m).
  expect(text).toContain(`ongeveer 5 m van ${target.properties.stalls![0]!.name} (`);
  // The position is on the (now Leaflet) map, with its accuracy circle.
  await page.locator(".leaflet-container .own-position").waitFor({ timeout: 10_000 });

  // Far from the market (about 2.5 km north-east): how far, in kilometres, no stall named. Chromium
  // reports a passing error when the position jumps; the page keeps the watch and the last position.
  await context.setGeolocation({ latitude: 52.18, longitude: 5.39, accuracy: 30 });
  await expect.poll(() => note.textContent()).toMatch(/^Je bent nog ongeveer \d+,\d km van de markt\. Je plek is tot op 30 m nauwkeurig\.$/);
  await context.close();
});

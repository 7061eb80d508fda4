import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { launch, phoneContext, trackErrors } from "./chromium";

const baseURL = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

async function laptopContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 }, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
  const local = new URL(baseURL).host;
  await context.route(
    (url) => url.host !== local,
    (route) => route.abort(),
  );
  return context;
}

for (const size of ["phone", "laptop"] as const) {
  test(`on a ${size}, /map opens with the map in the first screen and the edition's status in view; the panel is pulled up and put away`, async () => {
    const context = size === "phone" ? await phoneContext(browser, baseURL) : await laptopContext();
    const page = await context.newPage();
    const errors = trackErrors(page);
    await page.goto("/map");
    await page.locator("path.spot").first().waitFor();
    const viewport = page.viewportSize()!;

    const map = (await page.locator(".stall-map").boundingBox())!;
    // The map starts within the first screen and fills most of what is left of it.
    expect(map.y).toBeLessThan(viewport.height / 2);
    expect(map.y + map.height).toBeLessThanOrEqual(viewport.height + 1);
    expect(map.height).toBeGreaterThan(viewport.height * 0.45);
    // The edition's status stays in view above it.
    const status = (await page.getByTestId("status-banner").boundingBox())!;
    expect(status.y + status.height).toBeLessThanOrEqual(map.y);
    // The search is in view without scrolling (in the sheet's visible part on a phone).
    const search = (await page.getByTestId("map-search").boundingBox())!;
    expect(search.y + search.height).toBeLessThanOrEqual(viewport.height);

    const handle = page.getByTestId("panel-handle");
    const chips = page.getByRole("group", { name: "Toon categorie" });
    if (size === "phone") {
      // Put away: only the handle and the search show; pulled up, the chips and programme show over the map.
      expect(await handle.getAttribute("aria-expanded")).toBe("false");
      expect(await chips.isVisible()).toBe(false);
      await handle.click();
      expect(await handle.getAttribute("aria-expanded")).toBe("true");
      expect(await chips.isVisible()).toBe(true);
      const panel = (await page.getByTestId("map-panel").boundingBox())!;
      expect(panel.y).toBeLessThan(map.y + map.height);
      expect(panel.y + panel.height).toBeLessThanOrEqual(viewport.height + 1);
      await handle.click();
      expect(await chips.isVisible()).toBe(false);
    } else {
      // Beside the map, open from the start; it can be put away and the map widens.
      expect(await handle.getAttribute("aria-expanded")).toBe("true");
      expect(await chips.isVisible()).toBe(true);
      const panel = (await page.getByTestId("map-panel").boundingBox())!;
      expect(panel.x + panel.width).toBeLessThanOrEqual(map.x);
      await handle.click();
      expect(await chips.isVisible()).toBe(false);
      await expect.poll(async () => (await page.locator(".stall-map").boundingBox())!.width).toBeGreaterThan(map.width);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
}

test("a stall on two spots is listed once and counted once, with both codes; / and /map count the same", async () => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  const geojson = await (await page.request.get("/api/editions/current/stalls.geojson")).json();
  const spotsByName = new Map<string, string[]>();
  for (const f of geojson.features as { id: string; properties: { feature: string; stalls?: { name: string }[] } }[]) {
    if (f.properties.feature !== "spot") continue;
    for (const name of new Set((f.properties.stalls ?? []).map((s) => s.name))) spotsByName.set(name, [...(spotsByName.get(name) ?? []), f.id]);
  }
  const twoSpot = [...spotsByName].find(([, codes]) => codes.length === 2);
  expect(twoSpot).toBeDefined();
  const [name, codes] = twoSpot!;

  await page.goto("/map?view=list");
  const items = page.getByTestId("stall-list").locator("li");
  await items.first().waitFor();
  const names = await items.evaluateAll((lis) => lis.map((li) => li.querySelector("strong, .stall-name, h3")?.textContent ?? li.textContent ?? ""));
  expect(names.filter((text) => text.includes(name))).toHaveLength(1);
  const item = items.filter({ hasText: name });
  expect(await item.textContent()).toContain(`${codes[0]}–${codes[1]}`);
  const count = await items.count();
  expect(await page.getByTestId("result-count").textContent()).toContain(String(count));

  await page.goto("/");
  expect(await page.locator("main").textContent()).toContain(`${count} kramen`);
  await context.close();
});

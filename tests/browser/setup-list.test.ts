// The set-up list on a phone (390×844): search, the free-spots switch, tappable phone numbers.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { addOrganiser, signInAs } from "./accounts";
import { launch, phoneContext, trackErrors } from "./chromium";

const baseURL = inject("baseURL");
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

test("on a phone the set-up list shows stalls only, searches as you type, switches free spots on, and phone numbers are tel: links", async () => {
  const account = await addOrganiser(inject("databasePath"), "vera.opbouw@zomerparade.test", "volunteer");
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  const errors = trackErrors(page);
  await signInAs(page, account, "/organiser/day");
  const list = page.getByTestId("setup-list");
  const rows = list.locator("tr[data-spot]");
  await rows.first().waitFor();
  const occupied = await rows.count();
  expect(occupied).toBeGreaterThan(10);
  expect(await list.locator("tr.free").count()).toBe(0);
  expect(await page.getByTestId("setup-walk").textContent()).toMatch(/vanaf de noordwestkant \(bij N-01, Z-01\)/);

  // Every stall's phone number can be tapped.
  const links = list.locator('a[href^="tel:"]');
  expect(await links.count()).toBe(occupied);
  expect(await links.first().getAttribute("href")).toMatch(/^tel:\+?\d{9,}$/);

  // Search: one stall by part of its name.
  const name = (await rows.nth(3).locator("strong").textContent())!;
  await page.getByTestId("setup-search").fill(name.slice(0, 6).toLowerCase());
  await page.waitForURL((url) => url.searchParams.get("q") === name.slice(0, 6).toLowerCase());
  await expect.poll(() => rows.count()).toBeLessThan(occupied);
  expect(await list.textContent()).toContain(name);
  const searchBox = (await page.getByTestId("setup-search").boundingBox())!;
  expect(searchBox.y).toBeLessThan(844);
  await page.getByTestId("setup-search").fill("");
  await page.waitForURL((url) => !url.searchParams.get("q"));
  await expect.poll(() => rows.count()).toBe(occupied);

  // The switch shows the free spots too.
  await page.getByRole("switch", { name: "Ook vrije standplaatsen tonen" }).check();
  await page.waitForURL((url) => url.searchParams.get("free") === "1");
  await expect.poll(() => list.locator("tr.free").count()).toBeGreaterThan(0);
  expect(await rows.count()).toBeGreaterThan(occupied);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(errors).toEqual([]);
  await context.close();
});

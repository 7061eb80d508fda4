// Nothing on the public pages is wider than a phone: no sideways scrolling at 390 px.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { launch, phoneContext } from "./chromium";

const baseURL = inject("baseURL");
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

test("/, /map, /apply, /programme, /lost-link and /open-data fit a 390 px wide phone, in both languages", async () => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  for (const lang of ["nl", "en"]) {
    for (const path of ["/", "/map", "/apply", "/programme", "/lost-link", "/open-data"]) {
      await page.goto(`${path}?lang=${lang}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${path} (${lang})`).toBeLessThanOrEqual(390);
    }
  }
  await context.close();
});

test("a volunteer's pages on the day (/organiser, /organiser/day, /organiser/stalls) fit a phone too", async () => {
  const { DEMO_ORGANISER } = await import("~/data/demo.server");
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  await page.goto("/organiser/sign-in?next=/organiser");
  await page.getByLabel(/e-mail/i).fill(DEMO_ORGANISER.email);
  await page.getByLabel(/wachtwoord/i).fill(DEMO_ORGANISER.password);
  await page.getByRole("button", { name: /inloggen/i }).click();
  await page.waitForURL((url) => url.pathname === "/organiser");
  for (const path of ["/organiser", "/organiser/day", "/organiser/stalls"]) {
    await page.goto(path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, path).toBeLessThanOrEqual(390);
  }
  await context.close();
});

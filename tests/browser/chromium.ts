/**
 * Debian's Chromium driven by playwright-core: never a downloaded browser. A browser that cannot
 * start fails the run: a browser test is never skipped.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium); .ci/run does.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** 1×1 transparent PNG: map tiles cannot load here, so they are answered with this. */
const BLANK_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

/** A phone-sized context (390×844, touch) whose requests never leave this machine. */
export async function phoneContext(
  browser: Browser,
  baseURL: string,
  /** bypassCSP: for a test that injects its own script tag (axe), which the page's CSP refuses. */
  options: { tiles?: "blank" | "fail"; bypassCSP?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    bypassCSP: options.bypassCSP ?? false,
    baseURL,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
  });
  const local = new URL(baseURL).host;
  await context.route(
    (url) => url.host !== local,
    (route) => (options.tiles === "fail" ? route.abort() : route.fulfill({ status: 200, contentType: "image/png", body: BLANK_PNG })),
  );
  return context;
}

/** Collects uncaught page errors so a test can assert there were none. */
export function trackErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

/**
 * Starts using the street map as a person does (a touch on an empty corner of the drawing), so
 * Leaflet loads; resolves once the Leaflet map has replaced the drawing. `within` narrows to one map.
 */
export async function wakeMap(page: Page, within = "body"): Promise<void> {
  const sketch = page.locator(`${within} [data-testid="street-sketch"]`).first();
  await sketch.waitFor();
  await sketch.scrollIntoViewIfNeeded();
  // A point of the drawing with nothing on it (no spot, button or link): a touch there only wakes.
  const point = await sketch.evaluate((element) => {
    const box = element.getBoundingClientRect();
    for (let fy = 0.3; fy < 0.95; fy += 0.1) {
      for (let fx = 0.9; fx > 0.05; fx -= 0.1) {
        const [x, y] = [box.left + box.width * fx, box.top + box.height * fy];
        const hit = document.elementFromPoint(x, y);
        if (hit && element.contains(hit) && !hit.closest("path.spot, button, a")) return { x, y };
      }
    }
    return null;
  });
  if (!point) throw new Error("no empty place on the map to touch");
  await page.mouse.click(point.x, point.y);
  await page.locator(`${within} .leaflet-container`).first().waitFor();
  await sketch.waitFor({ state: "detached" });
}

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

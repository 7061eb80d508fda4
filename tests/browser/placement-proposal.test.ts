import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ORGANISER } from "~/data/demo.server";
import { launch, trackErrors } from "./chromium";

const baseURL = inject("baseURL");
/** The proposal's dashed outline on the map (EditorMap draws it in this colour). */
const OUTLINE = 'path[stroke="#7c3aed"]';
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

test("placement proposal at 1366×768: preview dashed on the map, accept all, the stalls are placed, undo puts the map back", async () => {
  const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 }, locale: "nl-NL" });
  await context.route((url) => url.host !== new URL(baseURL).host, (route) => route.abort());
  const page = await context.newPage();
  const errors = trackErrors(page);
  await page.goto("/organiser/sign-in?next=/organiser/map");
  await page.getByLabel(/e-mail/i).fill(DEMO_ORGANISER.email);
  await page.getByLabel(/wachtwoord/i).fill(DEMO_ORGANISER.password);
  await page.getByRole("button", { name: /inloggen/i }).click();
  await page.waitForURL((url) => url.pathname === "/organiser/map");
  await page.locator("path.editor-spot").first().waitFor();
  const takenBefore = await page.locator("path.editor-spot").evaluateAll((paths) => paths.filter((p) => p.getAttribute("fill") !== "#ffffff").length);

  const panel = page.getByTestId("proposal-panel");
  await panel.locator("summary").click();
  await panel.getByRole("button", { name: "Indeling voorstellen" }).click();
  const first = panel.getByTestId("proposal").first();
  await first.waitFor();
  const proposals = await panel.getByTestId("proposal").count();
  expect(proposals).toBeGreaterThan(0);
  // Every proposal says why, in words.
  expect((await first.locator(".stall-facts").textContent())!.length).toBeGreaterThan(3);
  // Drawn dashed, apart from the real placements; nothing stored yet.
  await page.locator(OUTLINE).first().waitFor();
  expect(await page.locator(OUTLINE).first().getAttribute("stroke-dasharray")).toBe("6 4");

  await panel.getByTestId("accept-all").click();
  await expect.poll(async () => (await panel.getByRole("status").textContent()) ?? "").toContain("voorstellen aangenomen");
  await expect.poll(() => page.locator(OUTLINE).count()).toBe(0);
  await expect
    .poll(() => page.locator("path.editor-spot").evaluateAll((paths) => paths.filter((p) => p.getAttribute("fill") !== "#ffffff").length))
    .toBeGreaterThan(takenBefore);

  await panel.getByRole("button", { name: "Laatst aangenomen voorstel ongedaan maken" }).click();
  await expect.poll(async () => (await panel.getByRole("status").textContent()) ?? "").toContain("Ongedaan gemaakt");
  await expect
    .poll(() => page.locator("path.editor-spot").evaluateAll((paths) => paths.filter((p) => p.getAttribute("fill") !== "#ffffff").length))
    .toBe(takenBefore);
  expect(errors).toEqual([]);
  await context.close();
});

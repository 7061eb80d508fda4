import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ORGANISER } from "~/data/demo.server";
import { launch, trackErrors } from "./chromium";

const baseURL = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page) {
  await page.goto("/organiser/sign-in?next=/organiser/map");
  await page.getByLabel(/e-mail/i).fill(DEMO_ORGANISER.email);
  await page.getByLabel(/wachtwoord/i).fill(DEMO_ORGANISER.password);
  await page.getByRole("button", { name: /inloggen/i }).click();
  await page.waitForURL((url) => url.pathname === "/organiser/map");
}

interface EditorSpot { code: string; state: string; hasElectricity: boolean; side: string | null; alongM: number; kind: string }

test("drag a stall onto a spot, accept the missing-power warning with a reason, publish, find it on /map", async () => {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
  await context.route((url) => url.host !== new URL(baseURL).host, (route) => route.abort());
  const page = await context.newPage();
  const errors = trackErrors(page);
  await signIn(page);
  await page.locator("path.editor-spot").first().waitFor();

  // A stall that needs power and is not placed yet (the demo leaves a few for the organisers).
  await page.getByLabel("Stroom nodig").check();
  await page.getByLabel("Nog niet geplaatst").check();
  const item = page.getByTestId("editor-stalls").locator("li").first();
  const stallName = (await item.locator("strong").textContent())!;
  const frontage = await item.locator(".stall-facts").textContent();
  const wide = /\b6 m\b/.test(frontage ?? "");

  // A free spot without power (and, for a 6 m stall, a free powerless neighbour after it).
  const data = await (await page.request.get("/organiser/map?_data=routes%2Forganiser.map")).json();
  const spots: EditorSpot[] = data.spots;
  const row = (side: string | null) => spots.filter((s) => s.side === side).sort((a, b) => a.alongM - b.alongM);
  const target = spots.find((s, _, all) => {
    if (s.state !== "free" || s.hasElectricity || s.kind !== "stall") return false;
    if (!wide) return true;
    const sameSide = row(s.side);
    const next = sameSide[sameSide.indexOf(s) + 1];
    return next && next.state === "free" && !next.hasElectricity && next.alongM - s.alongM < 6 && all.length > 0;
  })!;
  expect(target).toBeDefined();

  await item.dragTo(page.locator(`path.editor-spot-${target.code}`), { force: true });
  const dialog = page.getByTestId("accept-warnings");
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain("stroom nodig");
  // Without a reason nothing is stored.
  await dialog.getByRole("button", { name: "Toch plaatsen" }).click();
  expect(await dialog.getByText("Geef een reden op.").isVisible()).toBe(true);
  await dialog.getByLabel("Reden om toch te plaatsen").fill("Neemt een eigen stille aggregaat mee");
  await dialog.getByRole("button", { name: "Toch plaatsen" }).click();
  // Placed: it leaves the "not placed yet" list; without that filter it shows where it stands.
  await page.getByTestId("editor-stalls").getByText(stallName, { exact: true }).waitFor({ state: "detached" });
  await page.getByLabel("Nog niet geplaatst").uncheck();
  const placed = page.getByTestId("editor-stalls").locator("li").filter({ hasText: stallName });
  expect(await placed.locator(".stall-facts").textContent()).toContain(`staat op ${target.code}`);
  expect(await page.locator(`path.editor-spot-${target.code}`).getAttribute("class")).toContain("spot-state-warning");

  // Another stall dropped on the same spot is refused, naming the stall that stands there.
  const other = page.getByTestId("editor-stalls").locator("li").filter({ hasNotText: stallName }).first();
  const otherName = (await other.locator("strong").textContent())!;
  await other.dragTo(page.locator(`path.editor-spot-${target.code}`), { force: true });
  const refusal = page.getByTestId("editor-error");
  await refusal.waitFor();
  expect(await refusal.textContent()).toContain(`standplaats ${target.code} is al bezet door ${stallName}`);
  const otherAfter = page.getByTestId("editor-stalls").locator("li").filter({ hasText: otherName }).first();
  expect(await otherAfter.locator(".stall-facts").textContent()).not.toContain(`staat op ${target.code}`);

  await page.getByRole("button", { name: "Plattegrond publiceren" }).click();
  await page.getByText("Gepubliceerd: bezoekers en standhouders zien de plattegrond.").waitFor();

  await page.goto("/map");
  await page.getByTestId("view-list").click();
  const listed = page.getByTestId("stall-list").locator(`li[data-spot="${target.code}"]`);
  expect(await listed.textContent()).toContain(stallName);
  expect(errors).toEqual([]);
  await context.close();
});

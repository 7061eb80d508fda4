import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ORGANISER } from "~/data/demo.server";
import { addOrganiser, signInAs } from "./accounts";
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
  await expect.poll(() => dialog.getByText("Geef een reden op.").isVisible()).toBe(true);
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
  const listed = page.getByTestId("stall-list").locator(`li[data-spots~="${target.code}"]`);
  expect(await listed.textContent()).toContain(stallName);
  expect(errors).toEqual([]);
  await context.close();
});

test("at 1366×768 the map takes most of the screen; a refused drop is told over the map, inside the window, in a live region; spots are labelled", async () => {
  const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 }, locale: "nl-NL" });
  await context.route((url) => url.host !== new URL(baseURL).host, (route) => route.abort());
  const page = await context.newPage();
  const errors = trackErrors(page);
  await signIn(page);
  await page.locator("path.editor-spot").first().waitFor();
  await page.waitForFunction(() => window.scrollY > 0 || document.documentElement.scrollHeight <= window.innerHeight);

  const map = (await page.locator(".editor-map").boundingBox())!;
  expect(map.height).toBeGreaterThan(768 * 0.7);
  expect(map.y).toBeGreaterThanOrEqual(0);
  expect(map.y + map.height).toBeLessThanOrEqual(768);
  // The category filter fits the side panel.
  const panel = (await page.locator(".editor-panel").boundingBox())!;
  const select = (await page.getByLabel("Categorie").boundingBox())!;
  expect(select.x + select.width).toBeLessThanOrEqual(panel.x + panel.width);

  // Each spot shows its code and its stall's (shortened) name on the map, without hovering.
  const data = await (await page.request.get("/organiser/map?_data=routes%2Forganiser.map")).json();
  const taken = (data.spots as { code: string; state: string; occupant: { stallName: string } | null }[]).filter((s) => s.occupant);
  const labelled = await page.locator(".spot-label-text").evaluateAll((els) => els.filter((e) => (e.parentElement as HTMLElement).style.display !== "none").map((e) => e.textContent ?? ""));
  const shown = taken.filter((s) => labelled.some((text) => text.startsWith(s.code) && text.includes(s.occupant!.stallName.slice(0, 8))));
  expect(shown.length).toBeGreaterThan(taken.length / 2);

  // An unplaced stall dropped on a taken spot: refused, and the message is where the organiser looks.
  await page.getByLabel("Nog niet geplaatst").check();
  const item = page.getByTestId("editor-stalls").locator("li").first();
  const target = taken[Math.floor(taken.length / 2)]!;
  await item.dragTo(page.locator(`path.editor-spot-${target.code}`), { force: true });
  const refusal = page.getByTestId("editor-error");
  await refusal.waitFor();
  expect(await refusal.textContent()).toContain(`is al bezet door ${target.occupant!.stallName}`);
  const box = (await refusal.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(1366);
  expect(box.y + box.height).toBeLessThanOrEqual(768);
  expect(await refusal.evaluate((el) => el.closest("[aria-live]")?.getAttribute("aria-live"))).toBe("assertive");
  // Over the map, not somewhere above it.
  expect(box.y).toBeGreaterThanOrEqual(map.y);
  expect(box.y + box.height).toBeLessThanOrEqual(map.y + map.height);

  // The layout tab: a value out of range is told next to the field, in Dutch, and what was typed stays.
  await page.getByRole("tab", { name: "Indeling van de straat" }).click();
  await page.getByLabel("Breedte standplaats (m)").fill("0,2");
  await page.getByRole("button", { name: "Voorbeeld" }).click();
  const fieldError = page.getByTestId("layout-error-spotWidthM");
  await fieldError.waitFor();
  expect(await fieldError.textContent()).toBe("De breedte van een plek moet tussen 0,5 en 10 m liggen.");
  expect(await page.getByLabel("Breedte standplaats (m)").inputValue()).toBe("0,2");
  expect(await page.locator("body").textContent()).not.toMatch(/Too small|expected number|params\./);

  // A spot clicked on the map opens its panel where the organiser can see it (the side panel
  // scrolls on its own, and the spot panel comes last in it), heading and house-number field too.
  const free = (data.spots as { code: string; state: string }[]).find((s) => s.state === "free")!;
  const spotBox = (await page.locator(`path.editor-spot-${free.code}`).boundingBox())!;
  await page.mouse.click(spotBox.x + spotBox.width / 2, spotBox.y + spotBox.height / 2);
  const heading = page.getByRole("heading", { name: `Standplaats ${free.code}` });
  await heading.waitFor();
  await page.waitForTimeout(100);
  const panelNow = (await page.locator(".editor-panel").boundingBox())!;
  const headingBox = (await heading.boundingBox())!;
  const tabsBox = (await page.locator(".editor-tabs").boundingBox())!;
  expect(headingBox.y).toBeGreaterThanOrEqual(tabsBox.y + tabsBox.height);
  expect(headingBox.y + headingBox.height).toBeLessThanOrEqual(Math.min(768, panelNow.y + panelNow.height));
  await expect.poll(async () => (await page.getByLabel("Staat voor de huisnummers").count())).toBe(1);
  expect(errors).toEqual([]);
  await context.close();
});

test("a volunteer's /organiser/map is a read-only map at 1366×768 and 390×844: no placing instructions, nothing to drag, no layout tab", async () => {
  const account = await addOrganiser(inject("databasePath"), "vera.kaart@zomerparade.test", "volunteer");
  for (const viewport of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
    const context = await browser.newContext({ baseURL, viewport, locale: "nl-NL" });
    await context.route((url) => url.host !== new URL(baseURL).host, (route) => route.abort());
    const page = await context.newPage();
    const errors = trackErrors(page);
    await signInAs(page, account, "/organiser/map");
    await page.locator("path.editor-spot").first().waitFor();
    expect(await page.getByTestId("editor-stalls").locator("li").count()).toBeGreaterThan(10);
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).not.toContain("Sleep een kraam");
    expect(text).toContain("Alleen bekijken");
    expect(await page.locator('[draggable="true"]').count()).toBe(0);
    expect(await page.getByRole("tab").count()).toBe(0);
    expect(await page.getByRole("button", { name: /^(Plaatsen|Plattegrond publiceren|Kies .+)$/ }).count()).toBe(0);
    // Choosing a spot on the map shows no spot controls either.
    await page.locator("path.editor-spot").first().click({ force: true });
    expect(await page.getByRole("button", { name: "Standplaats opslaan" }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }
});

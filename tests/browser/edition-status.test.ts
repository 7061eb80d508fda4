/**
 * Flag uncertain, see the banner on the phone-sized map; cancel, see the refunds reach 100 %,
 * see "refunded" on a stallholder's private page. With a server and database of its own, since
 * cancelling changes the edition for everyone.
 */
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { DEMO_ORGANISER } from "~/data/demo.server";
import { startAppServer, type AppServer } from "./app-server";
import { launch, phoneContext } from "./chromium";

let browser: Browser;
let app: AppServer;

beforeAll(async () => {
  [browser, app] = await Promise.all([launch(), startAppServer()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function changeStatus(page: Page, to: "Onzeker" | "Afgelast", messageNl: string, messageEn: string) {
  await page.goto("/organiser/status");
  const radio = page.getByLabel(to, { exact: true });
  await radio.waitFor({ timeout: 10_000 }).catch(async () => {
    throw new Error(`No status form at ${page.url()}:\n${(await page.content()).slice(0, 3000)}`);
  });
  await radio.check();
  await page.getByLabel("Bericht voor iedereen (Nederlands)").fill(messageNl);
  await page.getByLabel("Bericht voor iedereen (Engels)").fill(messageEn);
  await page.getByLabel("Ik begrijp wat er gebeurt en wil dit doorvoeren").check();
  await page.getByRole("button", { name: "Status wijzigen" }).click();
  await page.getByTestId("status-result").filter({ hasText: "Status gewijzigd" }).waitFor();
}

test("uncertain shows on the phone map; cancelled refunds everyone to 100 % and the private page says refunded", async () => {
  const db = new Database(app.databasePath, { readonly: true });
  const paid = db
    .prepare("select a.access_token from applications a join payments p on p.application_id = a.id where p.method = 'stripe' and p.status = 'succeeded' and a.review_state = 'approved' limit 1")
    .get() as { access_token: string };
  db.close();
  expect(paid).toBeDefined();

  const desk = await browser.newContext({ baseURL: app.baseURL, viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
  await desk.route((url) => url.host !== new URL(app.baseURL).host, (route) => route.abort());
  const organiser = await desk.newPage();
  await organiser.goto("/organiser/sign-in?next=/organiser/status");
  await organiser.getByLabel(/e-mail/i).fill(DEMO_ORGANISER.email);
  await organiser.getByLabel(/wachtwoord/i).fill(DEMO_ORGANISER.password);
  await organiser.getByRole("button", { name: /inloggen/i }).click();
  await organiser.waitForURL((url) => url.pathname === "/organiser/status");

  await changeStatus(organiser, "Onzeker", "Storm voorspeld, we besluiten donderdag", "Storm forecast, we decide on Thursday");
  const phone = await phoneContext(browser, app.baseURL);
  const visitor = await phone.newPage();
  await visitor.goto("/map");
  const banner = visitor.getByTestId("status-banner");
  expect(await banner.getAttribute("data-status")).toBe("uncertain");
  expect(await banner.textContent()).toContain("Storm voorspeld, we besluiten donderdag");
  const box = await banner.boundingBox();
  expect(box!.y).toBeLessThan(300); // above the map, on the first screen of a phone
  await visitor.goto("/map?lang=en");
  expect(await visitor.getByTestId("status-banner").textContent()).toContain("Storm forecast, we decide on Thursday");

  await organiser.goto("/organiser/status");
  await organiser.getByLabel("Afgelast", { exact: true }).check();
  expect(await organiser.getByTestId("preview-refunds").textContent()).toMatch(/\d+ betalingen via Stripe/);
  await changeStatus(organiser, "Afgelast", "De storm gaat door: geen markt", "The storm is on: no market");
  await organiser.getByTestId("job-progress").filter({ hasText: "(100 %)" }).waitFor({ timeout: 30_000 });
  expect(await organiser.getByTestId("job-progress").textContent()).toMatch(/, 0 mislukt/);

  await visitor.goto(`/a/${paid.access_token}?lang=nl`);
  expect(await visitor.getByTestId("status-banner").getAttribute("data-status")).toBe("cancelled");
  await expect.poll(() => visitor.getByText("Terugbetaald", { exact: false }).first().isVisible()).toBe(true);
  await phone.close();
  await desk.close();
}, 120_000);

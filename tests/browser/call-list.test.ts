/**
 * Issue 17: the call list on a volunteer's phone (390×844). After a status change, the ones who
 * did not confirm reading it are listed with a tappable number and their mail's state; a stallholder
 * who taps "Gelezen" drops off the list; the volunteer ticks "Gebeld" with a note.
 */
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { DEMO_ORGANISER } from "~/data/demo.server";
import { addOrganiser, signInAs } from "./accounts";
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

test("a volunteer phones the ones who did not confirm, on a phone", async () => {
  const phone = await phoneContext(browser, app.baseURL);
  const organiser = await phone.newPage();
  await signInAs(organiser, DEMO_ORGANISER, "/organiser/status");
  await organiser.getByLabel("Onzeker", { exact: true }).check();
  await organiser.getByLabel("Bericht voor iedereen (Nederlands)").fill("Storm voorspeld, we besluiten donderdag");
  await organiser.getByLabel("Ik begrijp wat er gebeurt en wil dit doorvoeren").check();
  await organiser.getByRole("button", { name: "Status wijzigen" }).click();
  await organiser.getByTestId("status-result").filter({ hasText: "Status gewijzigd" }).waitFor();

  // A day and a half later (the change is moved back in time in the database); one stallholder
  // has confirmed reading it from the link in the mail.
  const db = new Database(app.databasePath);
  db.prepare("update edition_status_history set created_at = created_at - 36 * 3600 * 1000").run();
  const notices = db.prepare("select n.history_id as historyId, a.access_token as token, a.stall_name as stall from status_notices n join applications a on a.id = n.application_id order by n.id").all() as { historyId: number; token: string; stall: string }[];
  db.close();
  expect(notices.length).toBeGreaterThan(2);
  const reader = await phone.newPage();
  await reader.goto(`/a/${notices[0]!.token}/gelezen/${notices[0]!.historyId}`);
  await reader.getByTestId("read-confirm").click();
  await reader.getByTestId("read-result").waitFor();
  await reader.close();

  const volunteerAccount = await addOrganiser(app.databasePath, "vera.bellijst@zomerparade.test", "volunteer");
  const volunteerContext = await phoneContext(browser, app.baseURL);
  const volunteer = await volunteerContext.newPage();
  await signInAs(volunteer, volunteerAccount, "/organiser/calls");
  const entries = volunteer.getByTestId("call-entry");
  await entries.first().waitFor();
  await expect.poll(() => entries.count()).toBe(notices.length - 1);
  await expect.poll(() => volunteer.getByText(notices[0]!.stall, { exact: true }).count()).toBe(0);

  const first = entries.first();
  const phoneLink = first.locator('a[href^="tel:"]');
  await phoneLink.waitFor();
  expect(await phoneLink.getAttribute("href")).toMatch(/^tel:\+?\d{6,}$/);
  // Big enough to tap, and nothing sticks out sideways on a 390 px screen.
  const box = (await phoneLink.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(40);
  expect(await volunteer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await first.getByTestId("call-mail").waitFor();

  const stall = (await first.locator("strong").textContent())!;
  await first.getByLabel("Notitie").fill("Voicemail ingesproken, belt terug");
  await first.getByRole("button", { name: "Gebeld" }).click();
  const ticked = volunteer.getByTestId("call-entry").filter({ hasText: stall });
  await ticked.getByTestId("called").filter({ hasText: "Voicemail ingesproken, belt terug" }).waitFor();
  expect(await ticked.getByTestId("called").textContent()).toContain("Gebeld door Vera Vrijwilliger");
  await volunteerContext.close();
  await phone.close();
}, 120_000);

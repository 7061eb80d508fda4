// A stallholder on a phone (390×844), keyboard only: apply, watch the fee, send, open the private
// link from the mail in the outbox, change a detail, withdraw.
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { launch, phoneContext, trackErrors } from "./chromium";

const baseURL = inject("baseURL");
const databasePath = inject("databasePath");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/** Presses Tab until `selector` has the focus (at most `max` times): proves it is reachable by keyboard. */
async function tabTo(page: Page, selector: string, max = 25) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press("Tab");
    if (await page.locator(selector).evaluate((el) => el === document.activeElement).catch(() => false)) return;
  }
  throw new Error(`${selector} was not reached with Tab`);
}

async function feeTotal(page: Page) {
  return (await page.getByTestId("fee-total").textContent())?.trim();
}

/** The mails the server queued for an address, newest last (read-only, beside the running server). */
function outboxFor(address: string) {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare("select template, subject, text_body as text from outbox where to_address = ? order by id")
      .all(address) as { template: string; subject: string; text: string }[];
  } finally {
    db.close();
  }
}

test("apply with the keyboard only, see the fee update, send, open the link from the mail, change a detail, withdraw", async () => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  const errors = trackErrors(page);
  const email = `toetsenbord.${Date.now()}@example.org`;

  await page.goto("/apply");
  // Wait for hydration: the no-JS "calculate the price" button goes away.
  await page.getByRole("button", { name: "Bereken de prijs" }).waitFor({ state: "detached" });
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Aanmelden voor een kraam");

  await tabTo(page, "#field-stallName");
  await page.keyboard.type("Toetsenbordtaart 🧁");
  await tabTo(page, "#field-description");
  await page.keyboard.type("Taart, met het toetsenbord gebakken.");
  await tabTo(page, "#field-categoryId");
  await page.keyboard.press("ArrowDown"); // the first category: Eten & drinken
  expect(await page.locator("#field-categoryId").inputValue()).not.toBe("");
  expect(await page.getByTestId("fee-box").textContent()).toContain("Kies hierboven als wat je je aanmeldt");

  await tabTo(page, "#applicantKind-resident");
  await page.keyboard.press("Space");
  await expect.poll(() => feeTotal(page)).toBe("€ 15,00");

  // Residents are asked their postcode; the KvK field is not shown to them.
  await tabTo(page, "#field-postcode");
  expect(await page.locator("#field-kvkNumber").count()).toBe(0);
  await page.keyboard.type("3812 ab");
  await tabTo(page, "#field-contactName");
  await page.keyboard.type("Tessa Toets");
  await tabTo(page, "#field-email");
  await page.keyboard.type(email);
  await tabTo(page, "#field-phone");
  await page.keyboard.type("06 12345678");

  await tabTo(page, "#field-frontageCm");
  await page.keyboard.press("ArrowDown"); // 6 m
  await expect.poll(() => feeTotal(page)).toBe("€ 30,00");
  await tabTo(page, "#field-needsElectricity");
  await page.keyboard.press("Space");
  await expect.poll(() => feeTotal(page)).toBe("€ 40,00");
  await tabTo(page, "#field-electricityWatts");
  await page.keyboard.type("1500");
  expect(await page.getByTestId("fee-box").textContent()).toContain("Stroomaansluiting");
  // Wishes for the spot (optional): next to another stall, close to power; a resident may name their house number.
  await tabTo(page, "#field-wishNextTo");
  await page.keyboard.type("Wafels van Wim");
  await tabTo(page, "#field-wishNearPower");
  await page.keyboard.press("Space");
  expect(await page.locator("#field-wishHouseNumber").count()).toBe(1);

  // Sending without consent: the error summary takes the focus and names the field.
  await tabTo(page, '[data-testid="submit"]', 40);
  await page.keyboard.press("Enter");
  const summary = page.getByTestId("error-summary");
  await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await summary.textContent()).toContain("Ga akkoord met de marktregels en de privacyverklaring");
  expect(page.url()).toBe(`${baseURL}/apply`);

  await tabTo(page, "#field-consent", 40);
  await page.keyboard.press("Space");
  await tabTo(page, '[data-testid="submit"]');
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/a\/[A-Za-z0-9_-]{43}\/sent$/);
  expect(await page.getByTestId("sent-title").textContent()).toBe("Bedankt! Je aanmelding is verstuurd");
  expect(await page.textContent("main")).toContain(email);

  // The confirmation mail, as queued in the outbox, holds the private link.
  const mails = outboxFor(email);
  expect(mails.map((m) => m.template)).toEqual(["application-received"]);
  expect(mails[0]!.subject).toBe("Aanmelding ontvangen: Toetsenbordtaart 🧁");
  const link = new RegExp(`${baseURL.replace(/[.:/]/g, "\\$&")}/a/[A-Za-z0-9_-]{43}`).exec(mails[0]!.text)?.[0];
  expect(link).toBeDefined();
  expect(await page.getByTestId("private-link").textContent()).toBe(link);

  await page.goto(link!);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Je aanmelding: Toetsenbordtaart 🧁");
  expect(await page.getByTestId("application-state").textContent()).toContain("Ontvangen.");
  expect(await feeTotal(page)).toBe("€ 40,00");
  expect(await page.getByTestId("detail-phone").textContent()).toBe("06 12345678");
  expect(await page.getByTestId("detail-wishes").textContent()).toBe("naast Wafels van Wim en dicht bij stroom");

  // Change details: a new phone number, a narrower stall, no electricity; the fee is computed again.
  await tabTo(page, '[data-testid="edit-link"]', 60);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/edit$/);
  await page.getByRole("button", { name: "Bereken de prijs" }).waitFor({ state: "detached" });
  await tabTo(page, "#field-phone", 40);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("+31 6 87654321");
  await tabTo(page, "#field-frontageCm");
  await page.keyboard.press("ArrowUp"); // back to 3 m
  await expect.poll(() => feeTotal(page)).toBe("€ 25,00");
  await tabTo(page, "#field-needsElectricity");
  await page.keyboard.press("Space"); // no electricity after all: the box is not sent at all
  await expect.poll(() => feeTotal(page)).toBe("€ 15,00");
  await tabTo(page, '[data-testid="submit"]', 40);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\?done=saved$/);
  expect(await page.getByTestId("done-notice").textContent()).toContain("Je wijzigingen zijn opgeslagen");
  expect(await page.getByTestId("detail-phone").textContent()).toBe("+31 6 87654321");
  expect(await feeTotal(page)).toBe("€ 15,00");

  // Withdraw, with the refund rule stated before confirming.
  await tabTo(page, '[data-testid="withdraw-link"]', 80);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/withdraw$/);
  expect(await page.getByTestId("refund-rule").textContent()).toMatch(/uiterlijk .+ \(14 dagen voor de eerste marktdag\)/);
  await tabTo(page, '[data-testid="withdraw-confirm"]', 40);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\?done=withdrawn$/);
  expect(await page.getByTestId("application-state").getAttribute("data-state")).toBe("withdrawn");
  expect(await page.getByTestId("application-state").textContent()).toBe("Je hebt je aanmelding ingetrokken.");
  expect(await page.getByTestId("edit-link").count()).toBe(0);

  expect(outboxFor(email).map((m) => m.template)).toEqual(["application-received", "application-changed", "application-withdrawn"]);
  expect(errors).toEqual([]);
  await context.close();
});

test("a wrong private link shows the friendly 404 page and nothing else", async () => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  const response = await page.goto(`/a/${"x".repeat(43)}`);
  expect(response?.status()).toBe(404);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Pagina niet gevonden");
  await context.close();
});

/**
 * The money journey: an organiser approves, the stallholder opens the pay link and is sent to
 * (the fake) Stripe Checkout, Stripe's signed webhook arrives, and both sides see "paid".
 */
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import Stripe from "stripe";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ORGANISER } from "~/data/demo.server";
import { BROWSER_WEBHOOK_SECRET } from "./app-server";
import { launch } from "./chromium";

const baseURL = inject("baseURL");
const DECIDE_SUBMIT = "Besluit opslaan en e-mail sturen";
const stripeURL = inject("stripeURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

function readDb<T>(sql: string, ...params: unknown[]): T {
  const db = new Database(inject("databasePath"), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

test("approve, pay through Checkout, webhook, and 'paid' on the private page and in the back office", async () => {
  // A submitted application in a paying category, fee above zero.
  const target = readDb<{ id: number; access_token: string; stall_name: string; fee_total_cents: number }>(
    `select a.id, a.access_token, a.stall_name, a.fee_total_cents from applications a join categories c on c.id = a.category_id
     where a.review_state = 'submitted' and a.fee_total_cents > 0 and c.is_free = 0 order by a.id limit 1`,
  );
  expect(target).toBeDefined();

  // The organiser approves it on its page.
  const desk = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
  await desk.route((url) => url.host !== new URL(baseURL).host, (route) => route.abort());
  const organiser = await desk.newPage();
  await organiser.goto(`/organiser/sign-in?next=/organiser/applications/${target.id}`);
  await organiser.getByLabel(/e-mail/i).fill(DEMO_ORGANISER.email);
  await organiser.getByLabel(/wachtwoord/i).fill(DEMO_ORGANISER.password);
  await organiser.getByRole("button", { name: /inloggen/i }).click();
  await organiser.waitForURL((url) => url.pathname === `/organiser/applications/${target.id}`);
  await organiser.getByLabel("Goedkeuren", { exact: true }).check();
  await organiser.getByRole("button", { name: DECIDE_SUBMIT }).click();
  await organiser.getByTestId("review-state").filter({ hasText: /goedgekeurd/i }).waitFor();

  // The stallholder opens the private link on a phone and pays.
  const phone = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "nl-NL" });
  await phone.route((url) => url.host !== new URL(baseURL).host && url.origin !== stripeURL, (route) => route.abort());
  const stallholder = await phone.newPage();
  await stallholder.goto(`/a/${target.access_token}`);
  await stallholder.getByTestId("pay-button").click();
  await stallholder.waitForLoadState();
  if (!stallholder.url().startsWith(stripeURL)) throw new Error(`Not sent to Checkout: ${stallholder.url()}\n${(await stallholder.content()).slice(0, 1500)}`);
  await stallholder.waitForURL(new RegExp(`^${stripeURL}/checkout/cs_test_\\d+$`));
  const sessionId = new URL(stallholder.url()).pathname.split("/").pop()!;
  // The stallholder pays at Stripe: the double marks the session paid (with its payment intent).
  expect((await fetch(`${stripeURL}/__test/pay/${sessionId}`, { method: "POST" })).status).toBe(200);
  const session = (await (await fetch(`${stripeURL}/v1/checkout/sessions/${sessionId}`)).json()) as { amount_total: number; client_reference_id: string; payment_intent: string; metadata: Record<string, string> };
  expect(session.amount_total).toBe(target.fee_total_cents);
  expect(session.client_reference_id).toBe(String(target.id));

  // Stripe tells us it was paid: a signed webhook.
  const event = {
    id: `evt_browser_${sessionId}`,
    object: "event",
    type: "checkout.session.completed",
    api_version: "2026-10-28.endive",
    created: Math.floor(Date.now() / 1000),
    data: { object: { ...session, id: sessionId, object: "checkout.session", status: "complete", payment_status: "paid", currency: "eur" } },
  };
  const payload = JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: BROWSER_WEBHOOK_SECRET });
  const delivered = await fetch(`${baseURL}/webhooks/stripe`, { method: "POST", body: payload, headers: { "Content-Type": "application/json", "Stripe-Signature": signature } });
  expect(delivered.status).toBe(200);

  await stallholder.goto(`/a/${target.access_token}?payment=success`);
  await expect.poll(() => stallholder.getByTestId("paid-note").isVisible()).toBe(true);
  await organiser.reload();
  expect(await organiser.getByTestId("review-state").locator("xpath=..").textContent()).toMatch(/betaald/i);
  await phone.close();
  await desk.close();
});

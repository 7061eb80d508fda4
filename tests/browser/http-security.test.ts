// The running server as a browser (or an attacker's page) meets it: checks that live in scripts/serve.js.
import { expect, inject, test } from "vitest";
import { startAppServer } from "./app-server";

const baseURL = inject("baseURL");

test("a form posted from another site is refused before it reaches any route; our own origin passes", async () => {
  const post = (origin: string) =>
    fetch(`${baseURL}/lost-link`, {
      method: "POST",
      body: new URLSearchParams({ email: "someone@example.org", website: "" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
      redirect: "manual",
    });
  const evil = await post("https://evil.example");
  expect(evil.status).toBe(403);
  expect(await evil.text()).toContain("Cross-site");
  expect((await post(baseURL)).status).not.toBe(403);
});

test("the Stripe webhook is exempt from the origin check but refuses an unsigned event", async () => {
  const response = await fetch(`${baseURL}/webhooks/stripe`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } });
  expect(response.status).toBe(400);
});

test("a forged X-Forwarded-For does not hide a client: failed sign-ins from 'many addresses' are still throttled as one", async () => {
  // A server of its own: this test throttles its loopback address.
  const app = await startAppServer();
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await fetch(`${app.baseURL}/organiser/sign-in`, {
        method: "POST",
        // A different account and a different forged address each time: only the real address repeats.
        body: new URLSearchParams({ email: `nobody${i}@example.org`, password: "wrong-password-123" }),
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.baseURL, "X-Forwarded-For": `203.0.113.${i + 1}` },
        redirect: "manual",
      });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses).toContain(429);
  } finally {
    await app.stop();
  }
}, 120_000);

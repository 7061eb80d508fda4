// The running server as a browser (or an attacker's page) meets it: checks that live in scripts/serve.js.
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { DEMO_ORGANISER } from "~/data/demo.server";
import { startAppServer } from "./app-server";
import { launch } from "./chromium";

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
  // Our own origin reaches the route, which answers its usual "if we know you, a mail is on its way".
  const own = await post(baseURL);
  expect(own.status).toBe(200);
  expect(await own.text()).not.toContain("Cross-site");
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

// ---------------------------------------------------------------------------------------------
// Issue 12: bodies, proxies, forms without JavaScript, headers, logs.


/** A POST with a chunked body of `total` bytes, written as fast as the server takes it. */
function chunkedPost(url: string, total: number): Promise<{ status: number; ms: number; sentBeforeAnswer: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let sent = 0;
    const req = httpRequest(url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: new URL(url).origin, "Transfer-Encoding": "chunked" } });
    req.on("response", (res) => {
      resolve({ status: res.statusCode ?? 0, ms: Date.now() - started, sentBeforeAnswer: sent });
      res.resume();
    });
    req.on("error", (error) => reject(error));
    const chunk = Buffer.from("field=1&".repeat(8192)); // a million fields in 9.4 MB
    const write = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", write);
          return;
        }
      }
      req.end();
    };
    write();
  });
}

describe("request bodies are limited as they stream", () => {
  test("a 9.4 MB chunked POST with a million fields gets 413 at once and /healthz stays quick", async () => {
    const healthz = (async () => {
      const started = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const response = await fetch(`${baseURL}/healthz`);
      return { status: response.status, ms: Date.now() - started - 20 };
    })();
    const answer = await chunkedPost(`${baseURL}/organiser/forgot-password`, 9.4e6);
    expect(answer.status).toBe(413);
    expect(answer.ms).toBeLessThan(1500);
    const health = await healthz;
    expect(health.status).toBe(200);
    expect(health.ms).toBeLessThan(1500);
  });

  test("a declared 200 MB body to the sign-in is refused with 413 before it is read, and the connection is closed", async () => {
    const port = Number(new URL(baseURL).port);
    const result = await new Promise<{ firstLine: string; msToAnswer: number; closedAfterMs: number }>((resolve, reject) => {
      const started = Date.now();
      let answer = "";
      let msToAnswer = -1;
      const socket = connect(port, "127.0.0.1", () => {
        socket.write(
          `POST /organiser/sign-in HTTP/1.1\r\nHost: ${new URL(baseURL).host}\r\nOrigin: ${baseURL}\r\n` +
            `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${200 * 1024 * 1024}\r\n\r\n`,
        );
        socket.write("email=a%40b.nl&password=");
      });
      socket.on("data", (data) => {
        if (msToAnswer < 0) msToAnswer = Date.now() - started;
        answer += data.toString("latin1");
      });
      socket.on("error", reject);
      socket.on("close", () => resolve({ firstLine: answer.split("\r\n")[0] ?? "", msToAnswer, closedAfterMs: Date.now() - started }));
    });
    expect(result.firstLine).toMatch(/^HTTP\/1\.1 413/);
    expect(result.msToAnswer).toBeLessThan(1000);
    // The server does not wait for the 200 MB: it hangs up within a few seconds.
    expect(result.closedAfterMs).toBeLessThan(5000);
  });

  test("the Stripe webhook takes a body above the form limit (it is refused for its signature, not its size)", async () => {
    const response = await fetch(`${baseURL}/webhooks/stripe`, { method: "POST", body: JSON.stringify({ padding: "x".repeat(200_000) }), headers: { "Content-Type": "application/json" } });
    expect(response.status).toBe(400);
    const tooBig = await fetch(`${baseURL}/webhooks/stripe`, { method: "POST", body: "x".repeat(1.5 * 1024 * 1024), headers: { "Content-Type": "application/json" } }).catch(() => null);
    expect(tooBig?.status).toBe(413);
  });
});

test("TRUST_PROXY=1: the address is the rightmost X-Forwarded-For entry, so sprayed leftmost addresses are throttled as one client", async () => {
  const app = await startAppServer({ env: { TRUST_PROXY: "1" } });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await fetch(`${app.baseURL}/organiser/sign-in`, {
        method: "POST",
        body: new URLSearchParams({ email: `spray${i}@example.org`, password: "wrong-password-123" }),
        // What the client sent (a new address each time), then what our one proxy saw.
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.baseURL, "X-Forwarded-For": `198.51.100.${i + 1}, 192.0.2.7` },
        redirect: "manual",
      });
      await response.arrayBuffer();
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
    }
    expect(statuses).toContain(429);
  } finally {
    await app.stop();
  }
}, 120_000);

describe("in a browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("private-page forms work without JavaScript: edit and withdraw succeed; the private link never leaves as a Referer", async () => {
    const app = await startAppServer();
    try {
      const db = new Database(app.databasePath, { readonly: true, fileMustExist: true });
      const tokens = db
        .prepare("select access_token from applications where review_state in ('submitted', 'waitlisted') order by id limit 2")
        .all()
        .map((row) => (row as { access_token: string }).access_token);
      db.close();
      expect(tokens).toHaveLength(2);
      const [editToken, withdrawToken] = tokens as [string, string];

      const context = await browser.newContext({ baseURL: app.baseURL, javaScriptEnabled: false, locale: "nl-NL" });
      await context.route((url) => url.host !== new URL(app.baseURL).host, (route) => route.abort());
      const origins: (string | undefined)[] = [];
      context.on("request", (request) => {
        if (request.method() === "POST") origins.push(request.headers().origin);
      });
      const page = await context.newPage();
      await page.goto(`/a/${editToken}/edit`);
      await page.getByRole("button", { name: "Wijzigingen opslaan" }).click();
      await page.waitForURL((url) => url.searchParams.get("done") === "saved");

      await page.goto(`/a/${withdrawToken}/withdraw`);
      await page.getByTestId("withdraw-confirm").click();
      await page.waitForURL((url) => url.searchParams.get("done") === "withdrawn");
      // Same-origin posts carry our origin, not the opaque "null".
      expect(origins).toEqual([app.baseURL, app.baseURL]);
      await context.close();

      // With JavaScript (to click a link to another site): neither the navigation nor an image from
      // another site gets the private page's address as Referer.
      const withJs = await browser.newContext({ baseURL: app.baseURL, locale: "nl-NL" });
      const referers: (string | undefined)[] = [];
      await withJs.route(
        (url) => url.host !== new URL(app.baseURL).host,
        (route) => {
          referers.push(route.request().headers().referer);
          return route.fulfill({ status: 200, contentType: "text/html", body: "<p>elsewhere</p>" });
        },
      );
      const jsPage = await withJs.newPage();
      await jsPage.goto(`/a/${editToken}`);
      const imageLoaded = jsPage.waitForRequest((request) => request.url().startsWith("https://tile.openstreetmap.org/"));
      await jsPage.evaluate(() => {
        const image = document.createElement("img");
        image.src = "https://tile.openstreetmap.org/1/2/3.png"; // TILE_URL's server, allowed by the CSP
        document.body.append(image);
      });
      await imageLoaded;
      await jsPage.evaluate(() => {
        const link = document.createElement("a");
        link.href = "https://elsewhere.example/page";
        link.textContent = "elsewhere";
        document.body.append(link);
      });
      await jsPage.getByText("elsewhere", { exact: true }).click();
      await jsPage.waitForURL("https://elsewhere.example/page");
      expect(referers.length).toBeGreaterThanOrEqual(2);
      for (const referer of referers) expect(referer ?? "").not.toContain(editToken);
      for (const referer of referers) expect(referer).toBeUndefined();
      await withJs.close();

      // Malformed requests to private paths are logged without the token.
      await fetch(`${app.baseURL}/a/${editToken}/edit`, { method: "POST", body: "{", headers: { "Content-Type": "application/json", Origin: app.baseURL } });
      await fetch(`${app.baseURL}/a/${editToken}/edit?_data=routes%2Fa.%24token_.edit`, { method: "POST", body: "--x\r\nbroken", headers: { "Content-Type": "multipart/form-data; boundary=x", Origin: app.baseURL } });
      await fetch(`${app.baseURL}/a/${editToken}/%E0%A4%A`);
      await fetch(`${app.baseURL}/organiser/reset-password/${editToken}`, { method: "POST", body: "x", headers: { "Content-Type": "text/plain", Origin: app.baseURL } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(app.log()).not.toContain(editToken);
      expect(app.log()).not.toContain(withdrawToken);
    } finally {
      await app.stop();
    }
  }, 120_000);

  async function visit(page: Page, path: string) {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(`${path}: ${message.text()}`);
    });
    const response = await page.goto(path);
    const csp = response?.headers()["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, `${path} has a CSP nonce`).toBeTruthy();
    // Hydrated: React has attached to the page (Remix sets window.__remixRouter when it hydrates).
    await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));
    return violations;
  }

  test("the app still hydrates under its Content-Security-Policy: no violations on /, /map, /apply, a private page, /organiser/map", async () => {
    const db = new Database(inject("databasePath"), { readonly: true, fileMustExist: true });
    const token = (db.prepare("select a.access_token from applications a where a.review_state = 'approved' order by a.id limit 1").get() as { access_token: string }).access_token;
    db.close();
    const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
    await context.route((url) => url.host !== new URL(baseURL).host, (route) => route.fulfill({ status: 200, contentType: "image/png", body: Buffer.alloc(0) }));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const violations: string[] = [];
    for (const path of ["/", "/map", "/apply", `/a/${token}`]) violations.push(...(await visit(page, path)));
    await page.goto("/organiser/sign-in?next=/organiser/map");
    await page.getByLabel(/e-mail/i).fill(DEMO_ORGANISER.email);
    await page.getByLabel(/wachtwoord/i).fill(DEMO_ORGANISER.password);
    await page.getByRole("button", { name: /inloggen/i }).click();
    await page.waitForURL((url) => url.pathname === "/organiser/map");
    violations.push(...(await visit(page, "/organiser/map")));
    await page.locator("path.editor-spot").first().waitFor();
    // Signed in: the CSV exports and organiser data also say nosniff, and are never stored.
    for (const path of ["/organiser/money.csv", "/organiser/exports/applications.csv", "/organiser/map?_data=routes%2Forganiser.map"]) {
      const response = await context.request.get(path);
      expect(response.status(), path).toBe(200);
      expect(response.headers()["x-content-type-options"], path).toBe("nosniff");
      expect(response.headers()["cache-control"], path).toMatch(/no-store/);
    }
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

test("every response says nosniff: pages, JSON, GeoJSON, CSV, static files, the micro-cache, 304s", async () => {
  const paths = ["/", "/map", "/api/editions/current/stalls.geojson", "/healthz", "/sw.js", "/favicon.svg", "/map?_data=root", "/no-such-page"];
  for (const path of paths) {
    for (let round = 0; round < 2; round++) {
      // The second round of /map and / comes from the micro-cache.
      const response = await fetch(`${baseURL}${path}`);
      await response.arrayBuffer();
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      const etag = response.headers.get("etag");
      if (etag) {
        const notModified = await fetch(`${baseURL}${path}`, { headers: { "If-None-Match": etag } });
        expect([200, 304], path).toContain(notModified.status);
        expect(notModified.headers.get("x-content-type-options"), `${path} 304`).toBe("nosniff");
      }
    }
  }
});

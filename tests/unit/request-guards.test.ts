// Issue 12: the rules scripts/serve.js, the service worker and the headers apply to every request.
import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { describe, expect, test, vi } from "vitest";
import { bodyLimitFor, clientAddressFrom, installLogRedaction, redactPrivateLinks, trustedHops } from "~/services/request-guards.server";
import { applyBaseHeaders, contentSecurityPolicy, tileSource } from "~/services/security-headers.server";

describe("client address behind TRUST_PROXY=N proxies", () => {
  test("N counts from the right; what the client wrote on the left is ignored", () => {
    expect(clientAddressFrom("6.6.6.6, 203.0.113.9", "10.0.0.1", 1)).toBe("203.0.113.9");
    expect(clientAddressFrom("6.6.6.6, 7.7.7.7, 203.0.113.9", "10.0.0.1", 1)).toBe("203.0.113.9");
    expect(clientAddressFrom("6.6.6.6, 203.0.113.9, 10.0.0.2", "10.0.0.1", 2)).toBe("203.0.113.9");
    expect(clientAddressFrom(["6.6.6.6", "203.0.113.9"], "10.0.0.1", 1)).toBe("203.0.113.9");
  });
  test("no trusted proxy: the socket's address, whatever the header says; no header: the socket's", () => {
    expect(clientAddressFrom("6.6.6.6", "10.0.0.1", 0)).toBe("10.0.0.1");
    expect(clientAddressFrom(undefined, "10.0.0.1", 1)).toBe("10.0.0.1");
    expect(clientAddressFrom("203.0.113.9", "10.0.0.1", 3)).toBe("203.0.113.9");
  });
  test("TRUST_PROXY values", () => {
    expect(trustedHops(undefined)).toBe(0);
    expect(trustedHops("0")).toBe(0);
    expect(trustedHops("1")).toBe(1);
    expect(trustedHops("2")).toBe(2);
    expect(trustedHops("true")).toBe(0);
  });
});

test("body limits: forms 64 KB, the map editor's layout and Stripe's webhook 1 MB", () => {
  expect(bodyLimitFor("/organiser/forgot-password")).toBe(64 * 1024);
  expect(bodyLimitFor("/apply")).toBe(64 * 1024);
  expect(bodyLimitFor("/organiser/map")).toBe(1024 * 1024);
  expect(bodyLimitFor("/webhooks/stripe")).toBe(1024 * 1024);
});

describe("private links are blotted out", () => {
  const token = "Zk3_4bq-9Xw0AbCdEfGhIjKlMnOpQrStUvWxYz012";
  test("in texts: /a/<token> with or without origin and sub-path, reset and invitation links", () => {
    expect(redactPrivateLinks(`Zie https://markt.example/a/${token}/edit.`, "[persoonlijke link]")).toBe("Zie [persoonlijke link].");
    expect(redactPrivateLinks(`POST /a/${token}/withdraw failed`)).toBe("POST [private link] failed");
    expect(redactPrivateLinks(`http://x/organiser/reset-password/${token}`)).toBe("[private link]");
    expect(redactPrivateLinks("Naar /map en /organiser/applications/12")).toBe("Naar /map en /organiser/applications/12");
  });
  test("in every log line once installed (strings and errors)", () => {
    const seen: unknown[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void seen.push(...args));
    try {
      installLogRedaction();
      console.error(`GET /a/${token}/edit`, new Error(`Bad request to /a/${token}`), { url: `/organiser/reset-password/${token}` });
      expect(seen.map(String).join(" ")).not.toContain(token);
      expect(seen.map(String).join(" ")).toContain("[private link]");
    } finally {
      spy.mockRestore();
    }
  });
});

describe("headers", () => {
  test("HSTS only when APP_URL is https; nosniff always", () => {
    const https = new Headers();
    applyBaseHeaders(https, { APP_URL: "https://markt.example" });
    expect(https.get("Strict-Transport-Security")).toMatch(/max-age=\d{8}/);
    expect(https.get("X-Content-Type-Options")).toBe("nosniff");
    const http = new Headers();
    applyBaseHeaders(http, { APP_URL: "http://localhost:3000" });
    expect(http.get("Strict-Transport-Security")).toBeNull();
    expect(http.get("X-Content-Type-Options")).toBe("nosniff");
  });
  test("the CSP allows the tile server of TILE_URL and a Stripe-compatible test server's checkout", () => {
    expect(tileSource("https://{s}.tile.example.org/{z}/{x}/{y}.png")).toBe("https://*.tile.example.org");
    expect(tileSource("https://tiles.example:8443/{z}/{x}/{y}.png")).toBe("https://tiles.example:8443");
    expect(tileSource("/tiles/{z}/{x}/{y}.png")).toBeNull();
    const csp = contentSecurityPolicy("abc", { TILE_URL: "https://{s}.tile.example.org/{z}/{x}/{y}.png", STRIPE_API_URL: "http://127.0.0.1:12111" });
    expect(csp).toContain("script-src 'self' 'nonce-abc'");
    expect(csp).toContain("img-src 'self' data: blob: https://*.tile.example.org");
    expect(csp).toContain("form-action 'self' https://checkout.stripe.com http://127.0.0.1:12111");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });
});

describe("the service worker (public/sw.js) never stores a private URL or response", () => {
  const worker = (() => {
    const context: Record<string, unknown> = {
      self: { addEventListener: () => undefined, location: { origin: "https://markt.example" } },
      URL,
      Request,
      Response,
      caches: {},
      setTimeout,
    };
    runInNewContext(readFileSync("public/sw.js", "utf8"), context);
    return context as { kindOf: (url: URL) => string | null; cacheable: (response: Response) => boolean };
  })();
  const at = (path: string) => new URL(path, "https://markt.example");

  test("/__manifest asked for private or organiser paths is not cached; for public ones it is", () => {
    expect(worker.kindOf(at("/__manifest?p=%2Fa%2FsecretToken123456&p=%2Fmap&version=1a2b"))).toBeNull();
    expect(worker.kindOf(at("/__manifest?p=/a/secretToken123456/edit&version=1a2b"))).toBeNull();
    expect(worker.kindOf(at("/__manifest?p=%2Forganiser&version=1a2b"))).toBeNull();
    expect(worker.kindOf(at("/__manifest?p=%2Fmap&p=%2Fprogramme&version=1a2b"))).toBe("page");
    expect(worker.kindOf(at("/map?_data=root"))).toBe("page");
  });
  test("private and organiser pages themselves, and responses marked private or no-store, are not cached", () => {
    expect(worker.kindOf(at("/a/secretToken123456"))).toBeNull();
    expect(worker.kindOf(at("/organiser/applications/3"))).toBeNull();
    expect(worker.cacheable(new Response("x", { headers: { "Cache-Control": "private, no-store" } }))).toBe(false);
    expect(worker.cacheable(new Response("x", { headers: { "Cache-Control": "no-store" } }))).toBe(false);
    expect(worker.cacheable(new Response("x", { headers: { "Cache-Control": "public, max-age=30" } }))).toBe(true);
  });
});

/**
 * Security headers. Every HTML page gets a Content-Security-Policy with a nonce made for that
 * response (Remix's inline scripts carry it: app/root.tsx), HSTS when the app is served over
 * https, and the headers that keep it out of frames and stop content sniffing.
 * Pages and data that are private (organiser pages, the stallholder's private link, the
 * reset-password page) are never stored by a browser or anyone in between.
 */
import { randomBytes } from "node:crypto";
import { env } from "~/env.server";

/** A fresh nonce for one response. */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * The source a tile URL template loads from, for img-src: `https://{s}.tile.example/{z}/{x}/{y}.png`
 * becomes `https://*.tile.example`. A relative template is our own origin (null: 'self' covers it).
 */
export function tileSource(template: string): string | null {
  const match = /^(https?:)\/\/([^/?#]+)/i.exec(template.trim());
  if (!match) return null;
  const host = match[2]!.replace(/^\{[a-z]+\}\./i, "*.");
  if (/[{}\s;,']/.test(host)) return match[1]!.toLowerCase();
  return `${match[1]!.toLowerCase()}//${host}`;
}

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * The policy of one page. Scripts only from our origin or inline with the nonce; styles may be
 * inline (Leaflet and React's style attributes position the map); images also from the tile
 * server; forms post to us, and the pay button's answer redirects to Stripe Checkout.
 */
export function contentSecurityPolicy(nonce: string, config: { TILE_URL: string; STRIPE_API_URL?: string } = env()): string {
  const tiles = tileSource(config.TILE_URL);
  // A Stripe-compatible test server (STRIPE_API_URL) serves its own checkout page.
  const checkout = ["https://checkout.stripe.com", originOf(config.STRIPE_API_URL)].filter(Boolean);
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ""}`,
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${checkout.join(" ")}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers on every response, whatever made it (pages, data, CSV, GeoJSON, static files). */
export function applyBaseHeaders(headers: Headers, config: { APP_URL: string } = env()) {
  headers.set("X-Content-Type-Options", "nosniff");
  if (config.APP_URL.startsWith("https://")) headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

/** Headers every HTML page gets; `nonce` is the one its inline scripts carry. */
export function applySecurityHeaders(headers: Headers, nonce?: string) {
  applyBaseHeaders(headers);
  // A route may ask for a stricter referrer policy (the private pages: same-origin).
  if (!headers.has("Referrer-Policy")) headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)");
  if (nonce) headers.set("Content-Security-Policy", contentSecurityPolicy(nonce));
}

/** Paths whose pages and data are for one person only: never stored by a browser or a proxy. */
export function isPrivatePath(pathname: string): boolean {
  return pathname === "/organiser" || pathname.startsWith("/organiser/") || pathname.startsWith("/a/");
}

export const PRIVATE_CACHE_CONTROL = "private, no-store";

/**
 * Organiser and private responses: `Cache-Control: private, no-store`, whatever the route set,
 * and a referrer policy that sends nothing to other sites (a private link or reset link never
 * leaves as a Referer) but keeps same-origin posts carrying their Origin, so forms work without
 * JavaScript (`no-referrer` makes browsers post with `Origin: null`).
 */
export function applyPrivateHeaders(request: Request, headers: Headers) {
  if (!isPrivatePath(new URL(request.url).pathname)) return;
  headers.set("Cache-Control", PRIVATE_CACHE_CONTROL);
  headers.set("Referrer-Policy", "same-origin");
}

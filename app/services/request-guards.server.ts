/**
 * Rules scripts/serve.js applies to every request before Remix sees it (kept here so that they
 * are typed and tested): how large a body may be, which address a client has behind proxies,
 * and how private links are blotted out of anything shown to organisers or written to a log.
 */
import { inspect } from "node:util";

/** A form is a few KB; the application form with long texts stays far below this. */
export const FORM_BODY_LIMIT = 64 * 1024;
/** The map editor posts a whole layout (spots and landmarks as GeoJSON). */
export const LAYOUT_BODY_LIMIT = 1024 * 1024;
/** Stripe's events are at most a few hundred KB. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/** The most bytes a request body to `pathname` may have; larger ones get 413 before being read. */
export function bodyLimitFor(pathname: string): number {
  if (pathname === "/webhooks/stripe") return WEBHOOK_BODY_LIMIT;
  if (pathname === "/organiser/map") return LAYOUT_BODY_LIMIT;
  return FORM_BODY_LIMIT;
}

/**
 * The client's address. Without trusted proxies (hops 0) it is the socket's. Behind `hops`
 * proxies each appends the address it saw to X-Forwarded-For, so the client's address is the
 * `hops`-th entry from the right (1: the rightmost). Entries further left are whatever the client
 * sent and are ignored. A header shorter than that (a request that bypassed a proxy) gives its
 * leftmost entry, which the nearest proxy wrote.
 */
export function clientAddressFrom(forwardedFor: string | string[] | undefined, socketAddress: string | undefined, hops: number): string {
  const socket = socketAddress ?? "";
  if (!hops || hops < 1) return socket;
  const raw = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const entries = raw
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return socket;
  return entries[Math.max(0, entries.length - hops)]!;
}

/** `TRUST_PROXY`: unset or 0 trusts no proxy; N trusts N proxies in front of the server. */
export function trustedHops(value: string | undefined): number {
  const hops = Number(value ?? "0");
  return Number.isInteger(hops) && hops > 0 && hops < 100 ? hops : 0;
}

// The link, its origin if any, and what follows the token up to a space or a sentence's last mark.
const PRIVATE_LINK = /(?:https?:\/\/[^\s/"'<>]+)?\/(?:a|organiser\/reset-password)\/[A-Za-z0-9_%-]{6,}(?:[^\s"'<>)]*[^\s"'<>).,;:!?])?/g;

/**
 * Text with every private link (a stallholder's /a/<token>… and a reset or invitation link
 * /organiser/reset-password/<token>) replaced by `replacement`.
 */
export function redactPrivateLinks(text: string, replacement = "[private link]"): string {
  return text.replace(PRIVATE_LINK, replacement);
}

function redactArgument(value: unknown): unknown {
  if (typeof value === "string") return redactPrivateLinks(value);
  if (value instanceof Error || (typeof value === "object" && value !== null)) {
    const shown = inspect(value, { depth: 6 });
    const redacted = redactPrivateLinks(shown);
    return redacted === shown ? value : redacted;
  }
  return value;
}

let redacting = false;

/**
 * Makes every console line of this process go through redactPrivateLinks, whatever writes it
 * (our own logs, Remix's error log of a malformed request, Express): a log never carries a token.
 */
export function installLogRedaction() {
  if (redacting) return;
  redacting = true;
  const target = console as unknown as Record<string, (...args: unknown[]) => void>;
  for (const level of ["error", "warn", "info", "log", "debug"]) {
    const original = target[level]!.bind(console);
    target[level] = (...args: unknown[]) => original(...args.map(redactArgument));
  }
}

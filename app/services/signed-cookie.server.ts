/**
 * Cookie values signed with SESSION_SECRET, in the format of Remix's
 * `createCookie(name, { secrets: [SESSION_SECRET] })`: the value as base64 of its JSON, a dot, and
 * its HMAC-SHA256 (base64 without padding), URI-encoded. Written out synchronously here because
 * every organiser loader reads the session without awaiting; a test checks that Remix's own
 * cookie reads what this writes and the other way round.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "~/env.server";

function signature(encoded: string, secret: string): string {
  return createHmac("sha256", secret).update(encoded).digest("base64").replace(/=+$/, "");
}

/** The header value of a signed cookie holding `value`. */
export function signCookieValue(value: string, secret = env().SESSION_SECRET): string {
  const encoded = Buffer.from(JSON.stringify(value), "utf8").toString("base64");
  return encodeURIComponent(`${encoded}.${signature(encoded, secret)}`);
}

/** The value of a signed cookie, or null when it is not signed with our secret (then it is ignored). */
export function unsignCookieValue(raw: string | null | undefined, secret = env().SESSION_SECRET): string | null {
  if (!raw) return null;
  let signed: string;
  try {
    signed = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const dot = signed.lastIndexOf(".");
  if (dot <= 0) return null;
  const encoded = signed.slice(0, dot);
  const expected = Buffer.from(`${encoded}.${signature(encoded, secret)}`);
  const given = Buffer.from(signed);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(encoded, "base64").toString("utf8"));
    return typeof value === "string" ? value : null;
  } catch {
    return null;
  }
}

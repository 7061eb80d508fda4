/**
 * Organiser authentication: sign-in with throttling, the session cookie, and the one gate every
 * organiser loader and action goes through, `requireOrganiser(request, permission | role)`.
 */
import { json, redirect } from "@remix-run/node";
import { findOrganiserByEmail, type OrganiserRow } from "~/data/organisers.server";
import { createSession, findSessionOrganiser, revokeSession } from "~/data/sessions.server";
import { blockedUntil, recordBlockingFailure, resetLimit, signInKeys } from "~/data/rate-limits.server";
import { recordAudit } from "~/data/audit.server";
import { transaction } from "~/data/db.server";
import { findCurrentEdition, getEdition, type EditionRow } from "~/data/editions.server";
import { env } from "~/env.server";
import { localDate } from "~/rules/calendar";
import { roleAllows, type OrganiserRole, type Permission } from "~/rules/organiser-roles";
import { hashPassword, verifyPassword } from "./password.server";
import { readCookie } from "./http.server";
import { signCookieValue, unsignCookieValue } from "./signed-cookie.server";

export const SESSION_COOKIE = "zp_organiser";

export type SignedInOrganiser = Pick<OrganiserRow, "id" | "email" | "name" | "role">;

function readRequestCookie(request: Request, name: string): string | null {
  return readCookie(request.headers.get("Cookie"), name);
}

function secure(): boolean {
  return env().APP_URL.startsWith("https://");
}

/** The session cookie's value is the session's random id, signed with SESSION_SECRET. */
export function sessionCookieHeader(token: string): string {
  return `${SESSION_COOKIE}=${signCookieValue(token)}`;
}

/** The session id from the request's cookie; an unsigned or wrongly signed cookie counts as none. */
function sessionToken(request: Request): string | null {
  return unsignCookieValue(readRequestCookie(request, SESSION_COOKIE));
}

export function sessionCookie(token: string, expiresAt: Date): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return `${sessionCookieHeader(token)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure() ? "; Secure" : ""}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure() ? "; Secure" : ""}`;
}

/** The signed-in organiser, or null. */
export function currentOrganiser(request: Request, now = new Date()): SignedInOrganiser | null {
  const token = sessionToken(request);
  if (!token) return null;
  const organiser = findSessionOrganiser(token, now);
  return organiser ? { id: organiser.id, email: organiser.email, name: organiser.name, role: organiser.role } : null;
}

/**
 * The gate of every organiser page and action. Anonymous: a page redirects to the sign-in (and
 * back afterwards); an action answers 401. Signed in without the permission: 403.
 */
export function requireOrganiser(request: Request, requirement: Permission | OrganiserRole): SignedInOrganiser {
  const organiser = currentOrganiser(request);
  const reading = request.method === "GET" || request.method === "HEAD";
  if (!organiser) {
    if (reading) {
      const url = new URL(request.url);
      throw redirect(`/organiser/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`);
    }
    throw json({ error: "unauthorised" }, { status: 401 });
  }
  if (!roleAllows(organiser.role, requirement)) {
    throw json({ error: "forbidden" }, { status: 403 });
  }
  return organiser;
}

/**
 * The client's address for per-address throttling. scripts/serve.js replaces X-Forwarded-For with
 * the one address it trusts (the socket's, or the TRUST_PROXY-th entry from the right), so the
 * first entry here is that address.
 */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get("X-Forwarded-For")?.split(",")[0]?.trim();
  return forwarded || request.headers.get("X-Real-IP") || "local";
}

let dummyHash: Promise<string> | undefined;

export type SignInResult =
  | { ok: true; organiser: OrganiserRow; cookie: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks e-mail and password. Unknown address, wrong password and disabled account give the same
 * answer and take as long (a password is verified either way), so nobody learns which addresses
 * exist. Failures are counted per address and per network address (app/rules/sign-in-throttle.ts).
 */
export async function signIn(input: {
  email: string;
  password: string;
  address: string;
  userAgent: string;
  now?: Date;
}): Promise<SignInResult> {
  const now = input.now ?? new Date();
  const keys = signInKeys(input.email, input.address);
  const until = blockedUntil(keys, now);
  if (until) return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil((until.getTime() - now.getTime()) / 1000) };

  const organiser = findOrganiserByEmail(input.email);
  dummyHash ??= hashPassword("not-a-real-password-for-timing");
  const valid = organiser
    ? await verifyPassword(organiser.passwordHash, input.password)
    : (await verifyPassword(await dummyHash, input.password), false);
  if (!organiser || !valid || organiser.disabledAt) {
    recordBlockingFailure(keys, now);
    return { ok: false, reason: "invalid" };
  }
  const session = transaction((tx) => {
    resetLimit(keys[0]!, tx);
    recordAudit(tx, { actor: { type: "organiser", organiserId: organiser.id }, entityType: "organiser", entityId: organiser.id, action: "signed_in", at: now });
    return createSession(tx, { organiserId: organiser.id, userAgent: input.userAgent, now });
  });
  return { ok: true, organiser, cookie: sessionCookie(session.token, session.expiresAt) };
}

export function signOut(request: Request, now = new Date()): string {
  const token = sessionToken(request);
  if (token) revokeSession(token, now);
  return clearedSessionCookie();
}

/**
 * Only a local organiser path may be the target after signing in (no open redirect); control
 * characters (a CR/LF would break the Location header), backslashes and spaces are refused.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/organiser") || next.startsWith("//")) return "/organiser";
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\\s]/.test(next)) return "/organiser";
  return next;
}

const EDITION_COOKIE = "zp_organiser_edition";

/**
 * The edition organiser pages work on: the one chosen on the settings page (remembered in a
 * cookie), else the current edition. A page without any edition answers 404.
 */
export function organiserEdition(request: Request, now = new Date()): EditionRow {
  const chosen = Number(readRequestCookie(request, EDITION_COOKIE));
  const edition = (Number.isInteger(chosen) && chosen > 0 ? getEdition(chosen) : undefined) ?? findCurrentEdition(localDate(now));
  if (!edition) throw json({ error: "no_edition" }, { status: 404 });
  return edition;
}

export function editionCookie(editionId: number): string {
  return `${EDITION_COOKIE}=${editionId}; Path=/organiser; HttpOnly; SameSite=Lax; Max-Age=${365 * 86400}${secure() ? "; Secure" : ""}`;
}

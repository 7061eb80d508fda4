/** Organiser accounts with live sessions, and calling route modules the way Remix does. */
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { createSession } from "~/data/sessions.server";
import { sessionCookieHeader } from "~/services/auth.server";
import { BASE } from "#tests/helpers/remix";

type Role = (typeof t.ORGANISER_ROLES)[number];

/** An organiser row (password hash irrelevant here) and a Cookie header for a fresh session. */
export function signedIn(role: Role, email = `${role}-${Math.random().toString(36).slice(2, 8)}@team.example`) {
  const organiser = db().insert(t.organisers).values({ email, name: `Test ${role}`, role, passwordHash: "x" }).returning().get();
  const { token } = createSession(db(), { organiserId: organiser.id, userAgent: "test", now: new Date() });
  return { organiser, token, cookie: sessionCookieHeader(token) };
}

export function get(path: string, cookie?: string, params: Record<string, string> = {}) {
  return { request: new Request(`${BASE}${path}`, { headers: cookie ? { Cookie: cookie } : {} }), params, context: {} };
}

export function post(path: string, fields: Record<string, string | string[]>, cookie?: string, params: Record<string, string> = {}) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  return {
    request: new Request(`${BASE}${path}`, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
    }),
    params,
    context: {},
  };
}

/** Runs a loader or action; a thrown Response (redirect, 401, 403) is returned instead of thrown. */
export async function call(fn: () => unknown): Promise<Response> {
  try {
    const result = await fn();
    return result instanceof Response ? result : new Response(JSON.stringify(result ?? null));
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

/** A signed-in organiser for integration tests: an account, a session, and its Cookie header. */
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { createSession } from "~/data/sessions.server";
import { sessionCookieHeader } from "~/services/auth.server";

let counter = 0;

export function signedIn(role: (typeof t.ORGANISER_ROLES)[number] = "organiser") {
  counter += 1;
  const organiser = db()
    .insert(t.organisers)
    .values({ email: `${role}.${counter}@organisers.example`, name: `${role} ${counter}`, passwordHash: "not-used-in-this-test", role })
    .returning()
    .get();
  const { token } = createSession(db(), { organiserId: organiser.id, userAgent: "test", now: new Date() });
  return { organiser, cookie: sessionCookieHeader(token) };
}

/** A POST as a browser form would send it. */
export function formRequest(path: string, fields: Record<string, string | number>, cookie?: string) {
  const body = new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)]));
  return {
    request: new Request(`http://localhost${path}`, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
    }),
    params: {},
    context: {},
  };
}

import { describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { listOutbox } from "~/data/outbox.server";
import { changeOrganiserAccount, createOrganiser, requestPasswordReset, resetPassword } from "~/data/organisers.server";
import { findSessionOrganiser, sha256 } from "~/data/sessions.server";
import { resetEnvForTests } from "~/env.server";
import * as signInRoute from "~/routes/organiser.sign-in";
import * as forgotRoute from "~/routes/organiser.forgot-password";
import { currentOrganiser, sessionCookieHeader, signIn, signOut, SESSION_COOKIE } from "~/services/auth.server";
import { unsignCookieValue } from "~/services/signed-cookie.server";
import { blockAfterFailure } from "~/rules/sign-in-throttle";
import { call, post } from "./organiser-fixtures";

const EMAIL = "kees@team.example";
const PASSWORD = "lange-zomeravond-op-straat";

async function account(role: "admin" | "organiser" | "volunteer" = "organiser") {
  const created = await createOrganiser({ email: EMAIL, password: PASSWORD, name: "Kees", role });
  if (!created.ok) throw new Error(created.problem);
  return created.organiser;
}

const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const attempt = (password: string, now: Date, address = "10.0.0.1", email = EMAIL) => signIn({ email, password, address, userAgent: "test", now });

describe("sign-in", () => {
  test("a good password starts a session: the cookie holds a random id, the table only its SHA-256", async () => {
    const organiser = await account();
    const result = await attempt(PASSWORD, new Date());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // Signed with SESSION_SECRET in Remix's cookie format: base64 of the JSON id, a dot, the HMAC.
    expect(result.cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[\\w%]+\\.[\\w%]{43,}; Path=/; HttpOnly; SameSite=Lax; Max-Age=\\d+$`));
    const token = unsignCookieValue(result.cookie.split(";")[0]!.slice(SESSION_COOKIE.length + 1))!;
    expect(token).toMatch(/^[\w-]{43}$/);
    const rows = db().select().from(t.organiserSessions).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.idHash).toBe(sha256(token));
    expect(rows[0]!.idHash).not.toContain(token);
    expect(currentOrganiser(new Request("http://x/", { headers: { Cookie: sessionCookieHeader(token) } }))?.id).toBe(organiser.id);
    // Signing out revokes it server-side; the cookie is cleared.
    const cleared = signOut(new Request("http://x/", { headers: { Cookie: sessionCookieHeader(token) } }));
    expect(cleared).toContain("Max-Age=0");
    expect(findSessionOrganiser(token, new Date())).toBeNull();
  });

  test("the cookie is Secure when APP_URL is https", async () => {
    await account();
    process.env.APP_URL = "https://zomerparade.example";
    resetEnvForTests();
    try {
      const result = await attempt(PASSWORD, new Date());
      expect(result.ok && result.cookie).toMatch(/; Secure$/);
    } finally {
      delete process.env.APP_URL;
      resetEnvForTests();
    }
  });

  test("an unknown address and a wrong password get the same answer", async () => {
    await account();
    expect(await attempt("verkeerd-wachtwoord-123", new Date())).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(PASSWORD, new Date(), "10.0.0.2", "niemand@team.example")).toEqual({ ok: false, reason: "invalid" });
  });

  test("repeated failures for one account are slowed down, then refused for a while, even with the right password", async () => {
    await account();
    const start = new Date("2030-01-01T10:00:00Z");
    // Three free tries: each next attempt may come straight away.
    for (let i = 0; i < 3; i += 1) expect((await attempt("fout", start)).ok).toBe(false);
    expect(await attempt("fout", start)).toEqual({ ok: false, reason: "invalid" }); // the 4th failure: now 1 s wait
    expect(await attempt(PASSWORD, start)).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 1 });
    let now = at(start, 1_100);
    expect(await attempt("fout", now)).toEqual({ ok: false, reason: "invalid" }); // 5th: 2 s
    expect(await attempt(PASSWORD, at(now, 1_500))).toMatchObject({ reason: "throttled", retryAfterSeconds: 1 });
    // Keep failing past each wait until the tenth failure: then a quarter of an hour.
    for (let failure = 6; failure <= 10; failure += 1) {
      now = at(now, blockAfterFailure(failure - 1) + 10); // just after the previous wait
      expect(await attempt("fout", now)).toEqual({ ok: false, reason: "invalid" });
    }
    const locked = await attempt(PASSWORD, at(now, 14 * 60_000));
    expect(locked).toMatchObject({ ok: false, reason: "throttled" });
    expect(locked.ok === false && locked.reason === "throttled" && locked.retryAfterSeconds).toBeGreaterThan(30);
    expect((await attempt(PASSWORD, at(now, 15 * 60_000 + 1000))).ok).toBe(true);
  });

  test("repeated failures from one network address are refused across accounts", async () => {
    await account();
    const now = new Date("2030-01-01T10:00:00Z");
    for (let i = 0; i < 4; i += 1) await attempt("fout", now, "10.9.9.9", `iemand${i}@team.example`);
    expect(await attempt(PASSWORD, now, "10.9.9.9")).toMatchObject({ reason: "throttled" });
    expect((await attempt(PASSWORD, now, "10.1.1.1")).ok).toBe(true);
  });

  test("the sign-in page answers 429 with Retry-After while refused, and keeps the typed address", async () => {
    await account();
    const form = { email: EMAIL, password: "fout" };
    const headers = { "X-Forwarded-For": "10.7.7.7" };
    for (let i = 0; i < 4; i += 1) {
      const args = post("/organiser/sign-in", form);
      for (const [k, v] of Object.entries(headers)) args.request.headers.set(k, v);
      expect((await call(() => signInRoute.action(args as never))).status).toBe(400);
    }
    const args = post("/organiser/sign-in", { email: EMAIL, password: PASSWORD });
    args.request.headers.set("X-Forwarded-For", "10.7.7.7");
    const response = await call(() => signInRoute.action(args as never));
    expect(response.status).toBe(429);
    expect(response.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(await response.json()).toMatchObject({ problem: "throttled", email: EMAIL });
  });
});

function linkIn(text: string): string {
  const match = /\/organiser\/reset-password\/([\w-]+)/.exec(text);
  if (!match) throw new Error(`no link in ${text}`);
  return match[1]!;
}

describe("password reset by e-mail link", () => {
  test("the link works once, signs out every session, and the new password works", async () => {
    await account();
    const now = new Date();
    const old = await attempt(PASSWORD, now);
    requestPasswordReset({ email: EMAIL.toUpperCase(), language: "nl", appUrl: "http://localhost:3000", now });
    const mails = listOutbox();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.toAddress).toBe(EMAIL);
    const token = linkIn(mails[0]!.textBody);
    expect(db().select().from(t.passwordResets).get()?.tokenHash).toBe(sha256(token));

    const newPassword = "nieuwe-kraam-aan-de-overkant";
    expect(await resetPassword({ token, password: newPassword, now })).toMatchObject({ ok: true });
    expect(await resetPassword({ token, password: "nog-een-ander-wachtwoord", now })).toEqual({ ok: false, problem: "invalid_link" });
    if (old.ok) expect(findSessionOrganiser(old.cookie.split(";")[0]!.split("=")[1]!, now)).toBeNull();
    expect((await attempt(PASSWORD, now, "10.2.2.2")).ok).toBe(false);
    expect((await attempt(newPassword, now, "10.2.2.3")).ok).toBe(true);
  });

  test("the link expires after an hour", async () => {
    await account();
    const now = new Date();
    requestPasswordReset({ email: EMAIL, language: "en", appUrl: "http://localhost:3000", now });
    const token = linkIn(listOutbox()[0]!.textBody);
    expect(listOutbox()[0]!.subject).toBe("A new password for SK Zomerparade");
    expect(await resetPassword({ token, password: "nieuwe-kraam-aan-de-overkant", now: at(now, 61 * 60_000) })).toEqual({ ok: false, problem: "invalid_link" });
    // A weak password is refused without using up the link.
    expect(await resetPassword({ token, password: "kort", now })).toEqual({ ok: false, problem: "too_short" });
    expect((await resetPassword({ token, password: "nieuwe-kraam-aan-de-overkant", now: at(now, 59 * 60_000) })).ok).toBe(true);
  });

  test("the forgot-password page says the same for a known and an unknown address, and mails only the known one", async () => {
    await account();
    const known = await (await call(() => forgotRoute.action(post("/organiser/forgot-password", { email: EMAIL }) as never))).json();
    const unknown = await (await call(() => forgotRoute.action(post("/organiser/forgot-password", { email: "niemand@team.example" }) as never))).json();
    expect(unknown).toEqual({ ...known, values: { email: "niemand@team.example" } });
    expect(listOutbox().map((m) => m.toAddress)).toEqual([EMAIL]);
  });
});

describe("accounts", () => {
  test("disabling an account revokes its sessions; the last admin cannot be removed", async () => {
    const target = await account("organiser");
    const admin = db().insert(t.organisers).values({ email: "admin@team.example", passwordHash: "x", role: "admin" }).returning().get();
    const session = await attempt(PASSWORD, new Date());
    expect(changeOrganiserAccount({ organiserId: target.id, change: { disabled: true }, byOrganiserId: admin.id, now: new Date() })).toEqual({ ok: true });
    if (session.ok) expect(findSessionOrganiser(session.cookie.split(";")[0]!.split("=")[1]!, new Date())).toBeNull();
    expect(await attempt(PASSWORD, new Date(), "10.3.3.3")).toEqual({ ok: false, reason: "invalid" });
    db().update(t.organisers).set({ role: "admin", disabledAt: null }).where(eq(t.organisers.id, target.id)).run();
    expect(changeOrganiserAccount({ organiserId: admin.id, change: { role: "volunteer" }, byOrganiserId: target.id, now: new Date() })).toEqual({ ok: true });
    expect(changeOrganiserAccount({ organiserId: target.id, change: { role: "volunteer" }, byOrganiserId: admin.id, now: new Date() })).toEqual({ ok: false, problem: "last_admin" });
  });
});

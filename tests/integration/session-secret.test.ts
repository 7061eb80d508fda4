// SESSION_SECRET signs the organiser session cookie (issue 12, item 14).
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import { describe, expect, test } from "vitest";
import { newAccessToken } from "~/data/applications.server";
import { createSession } from "~/data/sessions.server";
import { db } from "~/data/db.server";
import { env, readEnv } from "~/env.server";
import * as dashboard from "~/routes/organiser._index";
import { currentOrganiser, SESSION_COOKIE, sessionCookieHeader } from "~/services/auth.server";
import { signCookieValue, unsignCookieValue } from "~/services/signed-cookie.server";
import { makeEdition } from "#tests/helpers/factories";
import { call, get, signedIn } from "./organiser-fixtures";

const asCookie = (cookie: string) => new Request("http://localhost/organiser", { headers: { Cookie: cookie } });

describe("the organiser session cookie is signed", () => {
  test("only a cookie signed with SESSION_SECRET signs in; an unsigned, re-signed or altered one counts as signed out", async () => {
    makeEdition();
    const { organiser, token, cookie } = signedIn("admin");
    expect(currentOrganiser(asCookie(cookie))?.id).toBe(organiser.id);
    expect((await call(() => dashboard.loader(get("/organiser", cookie)))).status).toBe(200);

    const value = signCookieValue(token);
    const refused = [
      `${SESSION_COOKIE}=${token}`, // the bare session id, as before
      `${SESSION_COOKIE}=${signCookieValue(token, "another-secret-0123456789")}`,
      `${SESSION_COOKIE}=${value.slice(0, -2)}${value.endsWith("AA") ? "BB" : "AA"}`,
      `${SESSION_COOKIE}=${value.replace(/^[^.%]{4}/, "AAAA")}`,
      `${SESSION_COOKIE}=%E0%A4%A`, // broken encoding
    ];
    for (const bad of refused) {
      expect(currentOrganiser(asCookie(bad)), bad).toBeNull();
      const response = await call(() => dashboard.loader(get("/organiser", bad)));
      expect(response.status, bad).toBe(302);
      expect(response.headers.get("Location")).toBe("/organiser/sign-in?next=%2Forganiser");
    }
  });

  test("the format is Remix's createCookie with secrets: each reads what the other writes", async () => {
    const secret = env().SESSION_SECRET;
    const remix = createCookie(SESSION_COOKIE, { secrets: [secret] });
    const { token } = createSession(db(), { organiserId: signedIn("admin").organiser.id, userAgent: "test", now: new Date() });
    expect(await remix.parse(sessionCookieHeader(token))).toBe(token);
    const written = (await remix.serialize(token)).split(";")[0]!;
    expect(unsignCookieValue(written.slice(SESSION_COOKIE.length + 1))).toBe(token);
    expect(await createCookie(SESSION_COOKIE, { secrets: ["not-ours-0123456789"] }).parse(sessionCookieHeader(token))).toBeNull();
  });
});

describe("without SESSION_SECRET", () => {
  test("a secret is made once, kept in .session-secret beside the database, and reused", () => {
    const folder = mkdtempSync(path.join(tmpdir(), "zomerparade-secret-"));
    try {
      const databasePath = path.join(folder, "data", "zomerparade.db");
      const file = path.join(folder, "data", ".session-secret");
      expect(existsSync(file)).toBe(false);
      const first = readEnv({ NODE_ENV: "test", DATABASE_PATH: databasePath }).SESSION_SECRET;
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(readFileSync(file, "utf8")).toBe(first);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const written = statSync(file).mtimeMs;
      // A restart reads the same secret, so signed cookies stay valid.
      const second = readEnv({ NODE_ENV: "test", DATABASE_PATH: databasePath }).SESSION_SECRET;
      expect(second).toBe(first);
      expect(statSync(file).mtimeMs).toBe(written);
      expect(unsignCookieValue(signCookieValue("session-id", first), second)).toBe("session-id");
      // A configured secret wins, and no file is made for it.
      const other = path.join(folder, "other", "zomerparade.db");
      expect(readEnv({ NODE_ENV: "test", DATABASE_PATH: other, SESSION_SECRET: "configured-secret-0123456789" }).SESSION_SECRET).toBe("configured-secret-0123456789");
      expect(existsSync(path.join(folder, "other", ".session-secret"))).toBe(false);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("the README tells the truth", () => {
  test("the private link's length is what newAccessToken() makes, and the demo uses it too", () => {
    const readme = readFileSync("README.md", "utf8");
    const stated = /`\/a\/<token>` \((\d+) random bytes, (\d+) characters base64url/.exec(readme);
    expect(stated).not.toBeNull();
    const token = newAccessToken();
    expect(Buffer.from(token, "base64url").length).toBe(Number(stated![1]));
    expect(token.length).toBe(Number(stated![2]));
    expect(readFileSync("app/data/demo.server.ts", "utf8")).toContain("accessToken: newAccessToken()");
  });
});

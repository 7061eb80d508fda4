/**
 * Issue 12, as the built server bundle answers (renderPage) and as Remix calls the actions:
 * no private link in any organiser page or data, whatever the role; malformed bodies get a 4xx
 * with a message; private and organiser responses are never stored; every page has a CSP whose
 * nonce is on all its scripts.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import * as t from "#db/schema";
import { makeApplication, makeEdition } from "#tests/helpers/factories";
import { BASE, renderPage } from "#tests/helpers/remix";
import { db } from "~/data/db.server";
import { seedDemo } from "~/data/demo.server";
import { createSession } from "~/data/sessions.server";
import * as accounts from "~/routes/organiser.accounts";
import * as applicationPage from "~/routes/organiser.applications.$id";
import * as applications from "~/routes/organiser.applications._index";
import * as day from "~/routes/organiser.day";
import * as forgot from "~/routes/organiser.forgot-password";
import * as mapEditor from "~/routes/organiser.map";
import * as money from "~/routes/organiser.money";
import * as outbox from "~/routes/organiser.outbox";
import * as payments from "~/routes/organiser.payments.$applicationId";
import * as programme from "~/routes/organiser.programme";
import * as reset from "~/routes/organiser.reset-password.$token";
import * as settings from "~/routes/organiser.settings";
import * as signIn from "~/routes/organiser.sign-in";
import * as stalls from "~/routes/organiser.stalls";
import * as status from "~/routes/organiser.status";
import * as placementGoals from "~/routes/organiser.map_.goals";
import { hashPassword } from "~/services/password.server";
import { sessionCookieHeader } from "~/services/auth.server";
import { call, post, signedIn } from "./organiser-fixtures";

interface BuiltRoute {
  id: string;
  path?: string;
  index?: boolean;
  parentId?: string;
}

async function builtRoutes(): Promise<BuiltRoute[]> {
  const file = path.resolve("build/index.js");
  if (!existsSync(file)) throw new Error("No server build: run `npm run build` first.");
  const build = (await import(pathToFileURL(file).href)) as { routes: Record<string, BuiltRoute> };
  return Object.values(build.routes);
}

/** The URL of a route, from its own and its parents' paths, with `:params` filled in. */
function urlOf(route: BuiltRoute, all: BuiltRoute[], params: Record<string, string>): string {
  const parts: string[] = [];
  for (let r: BuiltRoute | undefined = route; r; r = all.find((p) => p.id === r!.parentId)) if (r.path) parts.unshift(r.path);
  return `/${parts.join("/")}`.replace(/:(\w+)/g, (_, name: string) => params[name] ?? "x");
}

const PRIVATE_LINK_TEXT = /\/a\/[\w-]{20,}|reset-password\/[\w-]{20,}/;

describe("6: no organiser role ever receives a private link", () => {
  test("every organiser loader's data and page, for volunteer, organiser and admin, holds no access token, reset or invitation token", async () => {
    await seedDemo(new Date());
    const edition = db().select().from(t.editions).get()!;
    const apps = db().select({ id: t.applications.id, token: t.applications.accessToken }).from(t.applications).all();
    expect(apps.length).toBeGreaterThan(5);
    // Mails with private links in the edition's outbox: a stallholder's link and a reset link.
    const [first] = apps;
    const resetToken = "RESETtoken_abcdefghijklmnopqrstuvwxyz012345";
    db()
      .insert(t.outbox)
      .values([
        { editionId: edition.id, applicationId: first!.id, template: "application_received", language: "nl", toAddress: "kraam@example.org", subject: "Ontvangen", textBody: `Bekijk je aanmelding: https://markt.example/a/${first!.token}\nWijzigen: https://markt.example/a/${first!.token}/edit`, htmlBody: `<a href="https://markt.example/a/${first!.token}">link</a>` },
        { editionId: edition.id, template: "organiser_invite", language: "en", toAddress: "new@team.example", subject: "Invite", textBody: `Choose a password: https://markt.example/organiser/reset-password/${resetToken}`, htmlBody: "" },
      ])
      .run();
    // Another organiser's live session is a secret too.
    const other = signedIn("admin");
    const secrets = [...apps.map((a) => a.token), resetToken, other.token];

    const all = await builtRoutes();
    const organiserRoutes = all.filter((r) => r.id === "routes/organiser" || r.id.startsWith("routes/organiser."));
    expect(organiserRoutes.length).toBeGreaterThan(15);
    let checked = 0;
    for (const role of ["volunteer", "organiser", "admin"] as const) {
      const { cookie } = signedIn(role);
      for (const route of organiserRoutes) {
        const ids = route.path?.includes(":") && !route.path.includes(":token") ? apps.map((a) => String(a.id)) : ["1"];
        for (const id of ids) {
          // The reset page is opened with a link of its own (its holder's); the secrets are others'.
          const url = urlOf(route, all, { id, applicationId: id, token: "the-visitors-own-reset-token" });
          for (const target of [`${url}?_data=${encodeURIComponent(route.id)}`, url, `${url}?_data=root`]) {
            const response = await renderPage(target, { headers: { Cookie: cookie } });
            const body = await response.text();
            checked += 1;
            for (const secret of secrets) expect(body, `${role} ${target}`).not.toContain(secret);
            if (!route.id.includes("reset-password")) expect(body, `${role} ${target}`).not.toMatch(PRIVATE_LINK_TEXT);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(300);

    // The outbox shows the mail with the link replaced by words, in the mail's language.
    const { cookie } = signedIn("volunteer");
    const data = (await (await renderPage(`/organiser/outbox?_data=${encodeURIComponent("routes/organiser.outbox")}`, { headers: { Cookie: cookie } })).json()) as {
      mails: { text: string; language: string }[];
    };
    expect(data.mails.find((m) => m.language === "nl")?.text).toContain("Bekijk je aanmelding: [persoonlijke link]\nWijzigen: [persoonlijke link]");
    expect(data.mails.find((m) => m.language === "en")?.text).toContain("Choose a password: [private link]");
  }, 120_000);
});

describe("8: malformed bodies get a 4xx with a message, never a 500", () => {
  type Action = (args: { request: Request; params: Record<string, string>; context: object }) => unknown;
  const BAD_BODIES: { name: string; init: () => RequestInit }[] = [
    { name: "JSON", init: () => ({ body: JSON.stringify({ intent: "decide", email: "a@b.nl" }), headers: { "Content-Type": "application/json" } }) },
    { name: "text/plain", init: () => ({ body: "intent=decide\nemail=a@b.nl", headers: { "Content-Type": "text/plain" } }) },
    { name: "multipart without boundary", init: () => ({ body: "--x\r\n", headers: { "Content-Type": "multipart/form-data" } }) },
    { name: "broken multipart", init: () => ({ body: '--xyz\r\nContent-Disposition: form-data; name="intent"\r\n\r\ndecide', headers: { "Content-Type": "multipart/form-data; boundary=xyz" } }) },
    { name: "no body at all", init: () => ({}) },
    { name: "a chunked body over the limit", init: () => ({ body: chunked(1_200_000), headers: { "Content-Type": "application/x-www-form-urlencoded" }, duplex: "half" }) as RequestInit },
  ];
  function chunked(bytes: number) {
    let left = bytes;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (left <= 0) return controller.close();
        left -= 16_384;
        controller.enqueue(new TextEncoder().encode("a=".padEnd(16_384, "b")));
      },
    });
  }

  const ACTIONS: { name: string; fn: Action; path: string; signedIn: boolean }[] = [
    { name: "sign-in", fn: signIn.action as Action, path: "/organiser/sign-in", signedIn: false },
    { name: "forgot password", fn: forgot.action as Action, path: "/organiser/forgot-password", signedIn: false },
    { name: "reset password", fn: reset.action as Action, path: "/organiser/reset-password/abc", signedIn: false },
    { name: "bulk decision", fn: applications.action as Action, path: "/organiser/applications", signedIn: true },
    { name: "application", fn: applicationPage.action as Action, path: "/organiser/applications/ID", signedIn: true },
    { name: "payments", fn: payments.action as Action, path: "/organiser/payments/ID", signedIn: true },
    { name: "money", fn: money.action as Action, path: "/organiser/money", signedIn: true },
    { name: "stalls", fn: stalls.action as Action, path: "/organiser/stalls", signedIn: true },
    { name: "day", fn: day.action as Action, path: "/organiser/day", signedIn: true },
    { name: "outbox", fn: outbox.action as Action, path: "/organiser/outbox", signedIn: true },
    { name: "settings", fn: settings.action as Action, path: "/organiser/settings", signedIn: true },
    { name: "status", fn: status.action as Action, path: "/organiser/status", signedIn: true },
    { name: "programme", fn: programme.action as Action, path: "/organiser/programme", signedIn: true },
    { name: "accounts", fn: accounts.action as Action, path: "/organiser/accounts", signedIn: true },
    { name: "map editor", fn: mapEditor.action as Action, path: "/organiser/map", signedIn: true },
    { name: "placement goals", fn: placementGoals.action as Action, path: "/organiser/map/goals", signedIn: true },
  ];

  test.each(ACTIONS)("$name: every malformed body is answered 4xx with a message", async ({ fn, path: actionPath, signedIn: needsSession }) => {
    const { edition, categories } = makeEdition({ days: ["2099-07-03"] });
    const application = makeApplication(edition, categories[0]!.id, { reviewState: "approved", paymentState: "pending" });
    const { cookie } = signedIn("admin");
    for (const bad of BAD_BODIES) {
      const init = bad.init();
      const headers = new Headers(init.headers);
      if (needsSession) headers.set("Cookie", cookie);
      const request = new Request(`${BASE}${actionPath.replace("ID", String(application.id))}`, { ...init, method: "POST", headers });
      const response = await call(() => fn({ request, params: { id: String(application.id), applicationId: String(application.id), token: "abc" }, context: {} }));
      expect(response.status, bad.name).toBeGreaterThanOrEqual(400);
      expect(response.status, bad.name).toBeLessThan(500);
      const body = (await response.json()) as { message?: string };
      expect(body.message, bad.name).toMatch(/formulier kon niet worden gelezen/);
    }
  });

  test.each(["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"])("payments: intent=%s is refused with 400", async (intent) => {
    const { edition, categories } = makeEdition({ days: ["2099-07-03"] });
    const application = makeApplication(edition, categories[0]!.id, { reviewState: "approved", paymentState: "pending" });
    const { cookie } = signedIn("admin");
    const params = { applicationId: String(application.id), id: String(application.id) };
    const paid = await call(() => payments.action(post(`/organiser/payments/${application.id}`, { intent, refundId: "1" }, cookie, params) as never));
    expect(paid.status).toBe(400);
    const page = await call(() => applicationPage.action(post(`/organiser/applications/${application.id}`, { intent }, cookie, params) as never));
    expect([400, 403]).toContain(page.status);
  });

  test("sign-in: a next with CR/LF (or other control characters) goes to the dashboard instead of breaking the redirect", async () => {
    const organiser = db().insert(t.organisers).values({ email: "crlf@team.example", name: "CRLF", role: "organiser", passwordHash: await hashPassword("a-good-password-123") }).returning().get();
    for (const next of ["/organiser\r\nSet-Cookie: x=1", "/organiser/applications\n", "/organiser\u0000", "/organiser\\evil"]) {
      const response = await call(() => signIn.action(post("/organiser/sign-in", { email: organiser.email, password: "a-good-password-123", next }) as never));
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/organiser");
    }
    const fine = await call(() => signIn.action(post("/organiser/sign-in", { email: organiser.email, password: "a-good-password-123", next: "/organiser/map?x=1" }) as never));
    expect(fine.headers.get("Location")).toBe("/organiser/map?x=1");
    // And the sign-in page itself (signed in, with such a next) redirects cleanly.
    const { token } = createSession(db(), { organiserId: organiser.id, userAgent: "test", now: new Date() });
    const page = await renderPage(`/organiser/sign-in?next=${encodeURIComponent("/organiser\r\nX: y")}`, { headers: { Cookie: sessionCookieHeader(token) } });
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe("/organiser");
  });
});

describe("11 and 12: caching and security headers of whole pages", () => {
  async function setUpPages() {
    const { edition, categories } = makeEdition({ published: true, days: ["2099-07-03"] });
    const application = makeApplication(edition, categories[0]!.id, { reviewState: "submitted" });
    db().update(t.editions).set({ isDemo: false }).where(eq(t.editions.id, edition.id)).run();
    const { cookie } = signedIn("admin");
    return { application, cookie };
  }

  test("organiser pages and their data, private pages and the reset-password page send Cache-Control: private, no-store", async () => {
    const { application, cookie } = await setUpPages();
    const targets: [string, string | undefined][] = [
      ["/organiser", cookie],
      ["/organiser?_data=routes%2Forganiser._index", cookie],
      ["/organiser?_data=root", cookie],
      [`/organiser/applications/${application.id}`, cookie],
      [`/organiser/applications/${application.id}?_data=routes%2Forganiser.applications.%24id`, cookie],
      ["/organiser/outbox?_data=routes%2Forganiser.outbox", cookie],
      ["/organiser/sign-in", undefined],
      ["/organiser/reset-password/some-token-value", undefined],
      ["/organiser/reset-password/some-token-value?_data=routes%2Forganiser.reset-password.%24token", undefined],
      [`/a/${application.accessToken}`, undefined],
      [`/a/${application.accessToken}?_data=root`, undefined],
      [`/a/${application.accessToken}/edit`, undefined],
      [`/a/${application.accessToken}/withdraw?_data=routes%2Fa.%24token_.withdraw`, undefined],
      ["/a/no-such-token-at-all", undefined],
    ];
    for (const [target, withCookie] of targets) {
      const response = await renderPage(target, { headers: withCookie ? { Cookie: withCookie } : {} });
      expect(response.headers.get("Cache-Control"), target).toBe("private, no-store");
      expect(response.headers.get("Referrer-Policy"), target).toBe("same-origin");
      expect(response.headers.get("X-Content-Type-Options"), target).toBe("nosniff");
    }
    // A private page asks for same-origin referrers in its markup too (not no-referrer, which breaks forms).
    const html = await (await renderPage(`/a/${application.accessToken}`)).text();
    expect(html).toContain('<meta name="referrer" content="same-origin"/>');
  });

  test("every page has a CSP whose nonce is on each of its scripts; a new nonce per response", async () => {
    const { application, cookie } = await setUpPages();
    const nonces = new Set<string>();
    for (const [target, withCookie] of [
      ["/", undefined],
      ["/map", undefined],
      ["/apply", undefined],
      ["/programme", undefined],
      ["/privacy", undefined],
      ["/no-such-page", undefined],
      [`/a/${application.accessToken}`, undefined],
      ["/organiser/sign-in", undefined],
      ["/organiser", cookie],
      ["/organiser/map", cookie],
    ] as const) {
      const response = await renderPage(target, { headers: withCookie ? { Cookie: withCookie } : {} });
      const csp = response.headers.get("Content-Security-Policy") ?? "";
      const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
      expect(nonce, target).toBeTruthy();
      expect(csp, target).toContain("object-src 'none'");
      expect(csp, target).toContain("frame-ancestors 'none'");
      expect(csp, target).toContain("img-src 'self' data: blob: https://tile.openstreetmap.org");
      expect(csp, target).toContain("form-action 'self' https://checkout.stripe.com");
      expect(csp, target).not.toContain("'unsafe-inline' 'nonce");
      nonces.add(nonce!);
      const html = await response.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, target).toBeGreaterThan(1);
      for (const tag of scripts) expect(tag, target).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(10);
  });
});

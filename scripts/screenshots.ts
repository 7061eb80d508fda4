/**
 * Screenshots of pages as their users see them, on the demo data, for review before an issue is
 * resolved (developers' guide: "Look at it as its users do"). Not a test: it writes PNGs to look at.
 *
 *   npm run build && tsx scripts/screenshots.ts --out shots --role organiser \
 *     --paths /organiser/map,/organiser/day [--langs nl,en] [--sizes phone,laptop] [--full] [--open "details.x"]
 *
 * --role: visitor (no sign-in), volunteer, organiser or admin (the demo accounts).
 * A path "private:<words>" opens the private page of the first demo stallholder whose situation
 * contains <words> (e.g. "private:betaald"); "private:list" prints the situations and stops.
 * --deposit: the demo edition asks a deposit (private:borg-held, private:borg-released, private:borg-kept).
 * --narrow: the demo edition asks an 8 m free passage (the map editor's passage warning).
 * A path "offer:" opens the waitlist offer page of an offer made to the first waitlisted stall;
 * "waitlisted:" the organisers' page of that application.
 * --click "sel1;sel2": click the first element matching each selector, in turn, before the picture
 * (e.g. "text=Indeling van de straat;.editor-spot-N-05" opens the map editor's spot panel).
 * Files are named <role>-<path>-<lang>-<size>.png.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import * as t from "#db/schema";
import { closeDatabase, db, switchDatabaseFile, transaction } from "~/data/db.server";
import { offerFreedPlace } from "~/data/waitlist.server";
import { DEMO_ACCOUNTS, seedDemo, seedDemoDeposit } from "~/data/demo.server";
import { launch } from "../tests/browser/chromium";
import { freePort, waitUntilHealthy } from "./lib/child-server";

const { values } = parseArgs({
  options: {
    // Default: a folder in the system's temporary directory.
    out: { type: "string", default: path.join(tmpdir(), "zomerparade-shots") },
    role: { type: "string", default: "visitor" },
    paths: { type: "string", default: "/" },
    // A CSS selector of <details> to open before the picture (e.g. "details.proposal-panel").
    open: { type: "string", default: "" },
    // A CSS selector to click before the picture (e.g. a spot on the editor's map).
    click: { type: "string", default: "" },
    langs: { type: "string", default: "nl,en" },
    sizes: { type: "string", default: "phone,laptop" },
    full: { type: "boolean", default: false },
    // The demo with a € 25 deposit (one released, one kept); private:borg-held / borg-released / borg-kept.
    deposit: { type: "boolean", default: false },
    // A minimum passage of 8 m, so the map editor shows its narrow-passage warning.
    narrow: { type: "boolean", default: false },
  },
});

const SIZES = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
  laptop: { viewport: { width: 1366, height: 768 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
} as const;

const work = mkdtempSync(path.join(tmpdir(), "zp-shots-"));
const databasePath = path.join(work, "demo.db");
switchDatabaseFile(databasePath);
const { privateLinks } = await seedDemo(new Date());
if (values.deposit) {
  const tokens = seedDemoDeposit(new Date());
  for (const [situation, token] of Object.entries(tokens ?? {})) if (token) privateLinks.unshift({ situation: `borg-${situation}`, stallName: "", token });
}
if (values.narrow) db().update(t.editions).set({ minPassageCm: 800 }).run();
const requestedPaths = values.paths.split(",");
// "waitlisted:" opens the organisers' page of the first waitlisted application.
const waitlistedId = db().select({ id: t.applications.id }).from(t.applications).where(eq(t.applications.reviewState, "waitlisted")).get()?.id;
// A waitlist offer to look at: a place the organisers added, offered to the first on the list.
const offerToken = requestedPaths.includes("offer:")
  ? (() => {
      const waiting = db().select().from(t.applications).where(eq(t.applications.reviewState, "waitlisted")).get();
      if (!waiting) throw new Error("The demo data has no waitlisted stall to offer a place to");
      return transaction((tx) => offerFreedPlace(tx, { editionId: waiting.editionId, slotKey: "capacity:screenshot", cause: "capacity", now: new Date(), appUrl: "http://localhost" }))?.token;
    })()
  : undefined;
closeDatabase();

const requested = values.paths.split(",").filter(Boolean);
if (requested.includes("private:list")) {
  for (const link of privateLinks) console.info(`${link.situation} — ${link.stallName}`);
  process.exit(0);
}
const resolvePath = (p: string) => {
  if (p === "offer:") return `/offer/${offerToken}`;
  if (p === "waitlisted:") return `/organiser/applications/${waitlistedId}`;
  if (!p.startsWith("private:")) return p;
  const words = p.slice("private:".length);
  const link = privateLinks.find((candidate) => candidate.situation.includes(words));
  if (!link) throw new Error(`No demo stallholder whose situation contains "${words}"; try private:list`);
  return `/a/${link.token}`;
};

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
let output = "";
const server = spawn(process.execPath, ["scripts/serve.js"], {
  env: { ...process.env, NODE_ENV: "production", DATABASE_PATH: databasePath, PORT: String(port), HOST: "127.0.0.1" },
});
server.stdout.on("data", (chunk) => (output += chunk));
server.stderr.on("data", (chunk) => (output += chunk));

mkdirSync(values.out, { recursive: true });
const browser = await launch();
try {
  await waitUntilHealthy(`${base}/healthz`, server, () => output);
  for (const sizeName of values.sizes.split(",") as (keyof typeof SIZES)[]) {
    const context = await browser.newContext({ ...SIZES[sizeName], baseURL: base, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
    await context.route(
      (url) => url.host !== new URL(base).host,
      (route) => route.abort(),
    );
    const page = await context.newPage();
    const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === values.role);
    if (account) {
      await page.goto("/organiser/sign-in");
      await page.getByLabel(/e-mail/i).fill(account.email);
      await page.getByLabel(/wachtwoord/i).fill(account.password);
      await page.getByRole("button", { name: /inloggen/i }).click();
      await page.waitForURL((url) => !url.pathname.endsWith("/sign-in"));
    }
    for (const lang of values.langs.split(",")) {
      for (const requestedPath of requested) {
        const target = resolvePath(requestedPath);
        const url = `${target}${target.includes("?") ? "&" : "?"}lang=${lang}`;
        await page.goto(url, { waitUntil: "networkidle" }).catch(() => page.waitForLoadState("load"));
        if (values.open) {
          await page.evaluate((selector) => document.querySelectorAll(selector).forEach((d) => d.setAttribute("open", "")), values.open);
        }
        for (const selector of values.click.split(";").filter(Boolean)) {
          const target = page.locator(selector).first();
          // A mouse click at the element's centre, as a person clicks (an SVG path on a Leaflet map
          // answers a real click, not a synthetic one).
          const box = await target.boundingBox();
          if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
          else await target.click({ force: true });
          await page.waitForTimeout(200);
        }
        await page.waitForTimeout(400);
        const slug = requestedPath.replace(/^\//, "").replace(/[^a-z0-9]+/gi, "_") || "home";
        const file = path.join(values.out, `${values.role}-${slug}-${lang}-${sizeName}.png`);
        await page.screenshot({ path: file, fullPage: values.full });
        console.info(file);
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
  rmSync(work, { recursive: true, force: true });
}

/**
 * A database file that is removed, replaced or damaged while a real server process runs: the
 * server notices it, /healthz answers 503, a write is refused with a page in the visitor's
 * language (never acknowledged into a file that is gone) and the reason is logged; a restart
 * refuses to create a new, empty market in its place. (Needs the server build: npm test makes it.)
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, test } from "vitest";
import { freePort, waitUntilHealthy } from "../../scripts/lib/child-server";

interface Server {
  baseURL: string;
  child: ChildProcess;
  log: () => string;
  stop: () => Promise<void>;
}

const folders: string[] = [];
const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function newFolder() {
  const folder = mkdtempSync(path.join(tmpdir(), "zomerparade-loss-"));
  folders.push(folder);
  return folder;
}

function seeded() {
  const folder = newFolder();
  const databasePath = path.join(folder, "market.db");
  const seed = spawnSync(process.execPath, ["--import", "tsx", "tests/browser/seed.ts", databasePath], { encoding: "utf8" });
  if (seed.status !== 0) throw new Error(seed.stderr);
  return { folder, databasePath };
}

function spawnServer(databasePath: string, port: number) {
  const child = spawn(process.execPath, ["scripts/serve.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: databasePath,
      APP_URL: `http://127.0.0.1:${port}`,
      WORKER_INTERVAL_MS: "200",
      SESSION_SECRET: "",
      STRIPE_SECRET_KEY: "",
      SMTP_URL: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  return { child, log: () => output };
}

async function startServer(databasePath: string): Promise<Server> {
  if (!existsSync("build/index.js")) throw new Error("No server build: run `npm run build` first (npm test does).");
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const { child, log } = spawnServer(databasePath, port);
  const server: Server = {
    baseURL,
    child,
    log,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
  servers.push(server);
  await waitUntilHealthy(`${baseURL}/healthz`, child, log);
  return server;
}

let keyCounter = 0;
/** A complete, valid application for the seeded demo edition (food, its one market day). */
function applicationForm(databasePath: string) {
  const reader = new Database(databasePath, { readonly: true });
  const category = reader.prepare("select id from categories where key = 'food'").get() as { id: number };
  const days = reader.prepare("select id from event_days").all() as { id: number }[];
  reader.close();
  keyCounter += 1;
  const body = new URLSearchParams({
    submissionKey: `loss-test-submission-key-${String(keyCounter).padStart(6, "0")}`,
    language: "nl",
    stallName: "Taartjes van Tineke",
    description: "Appeltaart en brownies.",
    categoryId: String(category.id),
    contactName: "Tineke de Vries",
    email: `tineke${keyCounter}@example.org`,
    phone: "06 12345678",
    applicantKind: "resident",
    postcode: "3812ab",
    kvkNumber: "",
    frontageCm: "300",
    depthCm: "300",
    rentedStalls: "0",
    remarks: "",
    consent: "on",
    website: "",
  });
  for (const day of days) body.append("days", String(day.id));
  return body;
}

function postApply(server: Server, body: URLSearchParams, language = "nl") {
  return fetch(`${server.baseURL}/apply`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": language },
  });
}

/** Polls /healthz until it answers `status`; how long that took, in ms. */
async function healthzTurns(server: Server, status: number, timeoutMs = 15_000): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if ((await fetch(`${server.baseURL}/healthz`)).status === status) return Date.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`/healthz did not answer ${status} within ${timeoutMs} ms:\n${server.log()}`);
}

function applicationCount(databasePath: string) {
  const reader = new Database(databasePath, { readonly: true });
  const n = (reader.prepare("select count(*) as n from applications").get() as { n: number }).n;
  reader.close();
  return n;
}

describe("a database file that goes missing or is damaged under a running server", { timeout: 120_000 }, () => {
  test("rm of the database: /healthz 200 → 503 at once, POST /apply 303 → 503 with a plain page, logged; a restart is refused naming the path", async () => {
    const { folder, databasePath } = seeded();
    const server = await startServer(databasePath);
    const before = applicationCount(databasePath);
    expect((await fetch(`${server.baseURL}/healthz`)).status).toBe(200);
    const accepted = await postApply(server, applicationForm(databasePath));
    expect(accepted.status).toBe(303);
    expect(applicationCount(databasePath)).toBe(before + 1);

    const form = applicationForm(databasePath);
    for (const name of readdirSync(folder)) if (name.startsWith("market.db")) rmSync(path.join(folder, name));
    const noticedMs = await healthzTurns(server, 503);
    console.info(`[database-loss] rm noticed by /healthz after ${noticedMs} ms`);
    expect(noticedMs).toBeLessThan(2_000);

    const refused = await postApply(server, form);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("location")).toBeNull();
    const page = await refused.text();
    expect(page).toContain("Er kan nu niets worden opgeslagen");
    expect(page).toContain("niet opgeslagen");
    const english = await postApply(server, form, "en");
    expect(await english.text()).toContain("Nothing can be saved right now");
    expect(server.log()).toMatch(/database unavailable, refusing writes: the database file .*market\.db was removed/);
    // Without a request too: the watch keeps /healthz honest and the workers idle.
    expect((await fetch(`${server.baseURL}/healthz`)).status).toBe(503);

    await server.stop();
    const port = await freePort();
    const restart = spawnServer(databasePath, port);
    const code = await new Promise<number | null>((resolve) => restart.child.once("exit", resolve));
    expect(code).toBe(1);
    expect(restart.log()).toContain(`The database ${databasePath} is missing, but this folder held one`);
    expect(existsSync(databasePath)).toBe(false); // no new, empty market was created
  });

  test("a database file moved aside and replaced by another: /healthz 503 and writes refused", async () => {
    const { folder, databasePath } = seeded();
    const other = seeded();
    const server = await startServer(databasePath);
    expect((await fetch(`${server.baseURL}/healthz`)).status).toBe(200);
    rmSync(databasePath);
    // `mv other.db market.db`: a database at the path, but not the one the server opened.
    spawnSync("mv", [other.databasePath, databasePath]);
    expect(existsSync(path.join(folder, "market.db"))).toBe(true);
    await healthzTurns(server, 503);
    expect((await postApply(server, applicationForm(databasePath))).status).toBe(503);
    expect(server.log()).toMatch(/was replaced by another file/);
  });

  test("overwritten pages: /healthz 200 → 503 and POST /apply → 503, not a 500 or an acknowledgement", async () => {
    const { databasePath } = seeded();
    const server = await startServer(databasePath);
    expect((await fetch(`${server.baseURL}/healthz`)).status).toBe(200);
    const form = applicationForm(databasePath);
    const pageSize = 4096;
    const pages = Math.floor(statSync(databasePath).size / pageSize);
    expect(pages).toBeGreaterThan(10);
    const fd = openSync(databasePath, "r+");
    for (let page = 2; page < pages; page += 1) writeSync(fd, randomBytes(pageSize), 0, pageSize, page * pageSize);
    closeSync(fd);
    const noticedMs = await healthzTurns(server, 503);
    console.info(`[database-loss] overwritten pages noticed by /healthz after ${noticedMs} ms`);
    expect(noticedMs).toBeLessThan(2_000);
    const refused = await postApply(server, form);
    expect(refused.status).toBe(503);
    expect(await refused.text()).toContain("Er kan nu niets worden opgeslagen");
    expect(server.log()).toMatch(/database unavailable, refusing writes: the database file .* (is damaged|cannot be read)/);
  });

  test("a brand-new folder still starts with a new market", async () => {
    const folder = newFolder();
    const databasePath = path.join(folder, "fresh.db");
    const server = await startServer(databasePath);
    expect((await fetch(`${server.baseURL}/healthz`)).status).toBe(200);
    expect(existsSync(databasePath)).toBe(true);
    expect(server.log()).toContain("new database at");
  });

  test("a folder with an older .session-secret but no database (a database from before the marker) is refused too", async () => {
    const folder = newFolder();
    const secret = path.join(folder, ".session-secret");
    writeFileSync(secret, "a".repeat(64));
    const yesterday = new Date(Date.now() - 24 * 3600_000);
    utimesSync(secret, yesterday, yesterday);
    const databasePath = path.join(folder, "zomerparade.db");
    const start = spawnServer(databasePath, await freePort());
    const code = await new Promise<number | null>((resolve) => start.child.once("exit", resolve));
    expect(code).toBe(1);
    expect(start.log()).toContain(`The database ${databasePath} is missing, but this folder held one (${secret} is there)`);
    expect(existsSync(databasePath)).toBe(false);
  });
});

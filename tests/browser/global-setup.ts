/**
 * Starts the built server once for all browser tests, on a free port, with a fresh database
 * filled with the demo edition. `npm test` builds before this runs.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    databasePath: string;
  }
}

let server: ChildProcess | undefined;
let folder: string | undefined;

export async function setup(project: TestProject) {
  if (!existsSync("build/index.js")) throw new Error("No server build: run `npm run build` first (npm test does).");
  folder = mkdtempSync(path.join(tmpdir(), "zomerparade-browser-"));
  const databasePath = path.join(folder, "browser.db");
  const seeded = spawnSync(process.execPath, ["--import", "tsx", "tests/browser/seed.ts", databasePath], {
    encoding: "utf8",
  });
  if (seeded.status !== 0) throw new Error(`Seeding the browser-test database failed:\n${seeded.stderr}`);

  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ["scripts/serve.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: databasePath,
      APP_URL: baseURL,
      WORKER_INTERVAL_MS: "200",
      SESSION_SECRET: "browser-test-secret-0123456789abcdef",
      STRIPE_SECRET_KEY: "",
      SMTP_URL: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  server.stdout?.on("data", (chunk) => (log += chunk));
  server.stderr?.on("data", (chunk) => (log += chunk));
  await waitForHealth(baseURL, () => log);
  project.provide("baseURL", baseURL);
  project.provide("databasePath", databasePath);
}

export async function teardown() {
  server?.kill("SIGTERM");
  if (folder) rmSync(folder, { recursive: true, force: true });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitForHealth(baseURL: string, log: () => string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseURL}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (server?.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server did not become healthy:\n${log()}`);
}

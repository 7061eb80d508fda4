/**
 * Starts the built app (scripts/serve.js) on a free loopback port with a fresh database seeded
 * with the demo edition, and a fake Stripe beside it. Used once for all browser tests by the
 * global setup, and by a test that needs a server of its own (one that cancels the edition).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startFakeStripe, type FakeStripe } from "#tests/mocks/fake-stripe-server";
import { freePort, waitUntilHealthy } from "../../scripts/lib/child-server";

export const BROWSER_WEBHOOK_SECRET = "whsec_browser_test_0123456789abcdef";

export interface AppServer {
  baseURL: string;
  databasePath: string;
  stripe: FakeStripe;
  /** Everything the server wrote to stdout and stderr so far. */
  log(): string;
  stop(): Promise<void>;
}

/** `env` adds to or overrides the server's environment (e.g. TRUST_PROXY). */
export async function startAppServer(options: { env?: Record<string, string> } = {}): Promise<AppServer> {
  if (!existsSync("build/index.js")) throw new Error("No server build: run `npm run build` first (npm test does).");
  const folder = mkdtempSync(path.join(tmpdir(), "zomerparade-browser-"));
  const databasePath = path.join(folder, "browser.db");
  const seeded = spawnSync(process.execPath, ["--import", "tsx", "tests/browser/seed.ts", databasePath], { encoding: "utf8" });
  if (seeded.status !== 0) throw new Error(`Seeding the browser-test database failed:\n${seeded.stderr}`);
  const stripe = await startFakeStripe();
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(process.execPath, ["scripts/serve.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: databasePath,
      APP_URL: baseURL,
      WORKER_INTERVAL_MS: "200",
      SESSION_SECRET: "browser-test-secret-0123456789abcdef",
      STRIPE_SECRET_KEY: "sk_test_browser_0000000000",
      STRIPE_API_URL: stripe.url,
      STRIPE_WEBHOOK_SECRET: BROWSER_WEBHOOK_SECRET,
      SMTP_URL: "",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  server.stdout?.on("data", (chunk) => (log += chunk));
  server.stderr?.on("data", (chunk) => (log += chunk));
  await waitUntilHealthy(`${baseURL}/healthz`, server, () => log);
  return {
    baseURL,
    databasePath,
    stripe,
    log: () => log,
    async stop() {
      server.kill("SIGTERM");
      await stripe.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * What every bench module gets: the built server on a free port with a fresh, seeded database,
 * a plain-server reference, a bounded load generator (loopback only) and a few measuring helpers.
 */
import { fork, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { closeDatabase, switchDatabaseFile } from "~/data/db.server";
import { assertLoopback, runLoad, type LoadOptions, type LoadResult } from "./load";
import { freePort, waitUntilHealthy } from "../lib/child-server";

export type { LoadOptions, LoadResult };

// Session cookies made in this process (seeding) must be signed with the secret the server uses.
process.env.SESSION_SECRET ||= "bench-secret-0123456789abcdef";

export interface BenchRow {
  metric: string;
  value: string;
  /** The target, as text ("≤ 150 KB"), when there is one. */
  target?: string;
  /** Whether the target is met; undefined when there is no target. */
  ok?: boolean;
}

export interface BenchModule {
  name: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

export interface RunningServer {
  baseURL: string;
  stop(): Promise<void>;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface BenchContext {
  /** A fresh SQLite file, filled by `seed` in this process, then `scripts/serve.js` on it. */
  startApp(options: { seed: () => void | Promise<void>; env?: Record<string, string> }): Promise<RunningServer>;
  /** A plain Node `http` server (own process) answering every request with `response`. */
  startPlainServer(response: RecordedResponse): Promise<RunningServer>;
  /** One GET, body as received (still compressed when the server compressed it). */
  fetchRaw(url: string, headers?: Record<string, string>): Promise<RecordedResponse>;
  load(options: LoadOptions): Promise<LoadResult>;
  gzipSize(bytes: Buffer | string): number;
  log(message: string): void;
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length"]);

export function createContext(): BenchContext & { cleanup(): Promise<void> } {
  const folder = mkdtempSync(path.join(tmpdir(), "zomerparade-bench-"));
  const children = new Set<ChildProcess>();
  let counter = 0;

  const stopChild = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 3000).unref();
    }).then(() => {
      children.delete(child);
    });

  return {
    async startApp({ seed, env = {} }) {
      counter += 1;
      const databasePath = path.join(folder, `bench-${counter}.db`);
      switchDatabaseFile(databasePath);
      try {
        await seed();
      } finally {
        closeDatabase();
      }
      const port = await freePort();
      const baseURL = `http://127.0.0.1:${port}`;
      const child = spawn(process.execPath, ["scripts/serve.js"], {
        env: {
          ...process.env,
          NODE_ENV: "production",
          PORT: String(port),
          HOST: "127.0.0.1",
          DATABASE_PATH: databasePath,
          APP_URL: baseURL,
          WORKER_INTERVAL_MS: "0",
          SESSION_SECRET: process.env.SESSION_SECRET,
          STRIPE_SECRET_KEY: "",
          SMTP_URL: "",
          ...env,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      children.add(child);
      let output = "";
      child.stdout?.on("data", (chunk) => (output += chunk));
      child.stderr?.on("data", (chunk) => (output += chunk));
      await waitUntilHealthy(`${baseURL}/healthz`, child, () => output, 20_000);
      return { baseURL, stop: () => stopChild(child) };
    },

    async startPlainServer(response) {
      const port = await freePort();
      const file = path.join(folder, `plain-${port}.json`);
      const headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
      writeFileSync(file, JSON.stringify({ status: response.status, headers, bodyBase64: response.body.toString("base64") }));
      const child = fork(path.resolve("scripts/bench/plain-server.mjs"), [file, String(port)], { stdio: "inherit" });
      children.add(child);
      await new Promise<void>((resolve, reject) => {
        child.once("message", () => resolve());
        child.once("exit", (code) => reject(new Error(`plain server exited (${code})`)));
      });
      return { baseURL: `http://127.0.0.1:${port}`, stop: () => stopChild(child) };
    },

    async fetchRaw(url, headers = {}) {
      assertLoopback(new URL(url));
      const { request } = await import("node:http");
      return new Promise((resolve, reject) => {
        const req = request(url, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => {
            const flat: Record<string, string> = {};
            for (const [name, value] of Object.entries(res.headers)) {
              if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
            }
            resolve({ status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks) });
          });
        });
        req.on("error", reject);
        req.end();
      });
    },

    load: runLoad,
    gzipSize: (bytes) => gzipSync(bytes, { level: 6 }).length,
    log: (message) => console.info(`  · ${message}`),

    async cleanup() {
      await Promise.all([...children].map(stopChild));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}



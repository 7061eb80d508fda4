/**
 * Helpers to call loaders and actions the way Remix does, and to render whole pages through the
 * built server bundle (`npm run build` first; `npm test` does). The bundle shares this process's
 * database connection (kept on globalThis by app/data/db.server.ts).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";

export const BASE = "http://localhost";

export function loaderArgs(pathAndQuery: string, init: RequestInit = {}, params: Record<string, string> = {}) {
  return { request: new Request(`${BASE}${pathAndQuery}`, init), params, context: {} };
}

/** A loader's result as a Response (Remix loaders may return data or a Response). */
export async function asResponse(result: unknown): Promise<Response> {
  return result instanceof Response ? result : new Response(JSON.stringify(result));
}

let handler: ((request: Request) => Promise<Response>) | undefined;

export async function renderPage(pathAndQuery: string, init: RequestInit = {}): Promise<Response> {
  if (!handler) {
    const buildFile = path.resolve("build/index.js");
    if (!existsSync(buildFile)) throw new Error("No server build: run `npm run build` before the integration tests.");
    const build = (await import(pathToFileURL(buildFile).href)) as ServerBuild;
    handler = createRequestHandler(build, "production");
  }
  return handler(new Request(`${BASE}${pathAndQuery}`, init));
}

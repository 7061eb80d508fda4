/**
 * A micro-cache in front of the app for what a thousand phones ask on the day: the stall map page,
 * the home page and the GeoJSON, for visitors without a session. The first request renders
 * through Remix as usual; the answer (with its ETag and caching headers) is kept in memory,
 * compressed once, and served to everyone after it until public data changes (publicDataKey)
 * or, for pages that show "now and next", a minute passes. Anything else, and every request
 * with another cookie than the language one or with a query, goes to Express and Remix.
 *
 * Only anonymous requests are served from it, so nothing personal can be cached: an anonymous
 * page is the same for every anonymous visitor of that language.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";
import { publicDataKey } from "~/data/public-map.server";
import { negotiateLanguage } from "~/i18n/i18n";
import { acceptedEncoding, etagMatches, hasOnlyLanguageCookie, readCookie } from "./http.server";

type WebHandler = (request: Request) => Promise<Response>;

interface Entry {
  status: number;
  headerObject: Record<string, string>;
  plainHeaders: Record<string, string>;
  gzipHeaders: Record<string, string>;
  brHeaders: Record<string, string>;
  etag: string | null;
  plain: Buffer;
  gzip: Buffer;
  br: Buffer;
}

/** Paths served from the cache, and whether their content depends on the clock. */
const CACHED_PATHS: Record<string, { timeBucketMs: number | null }> = {
  "/api/editions/current/stalls.geojson": { timeBucketMs: null },
  "/map": { timeBucketMs: 60_000 },
  "/": { timeBucketMs: 60_000 },
};
const MAX_ENTRIES = 64;

/** `now` is the clock (tests pass a fixed one, so a run that crosses a minute does not change the answer). */
export function createPublicFastPath(render: WebHandler, options: { origin: () => string; now?: () => number }) {
  const clock = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<Entry | null>>();

  function keyFor(req: IncomingMessage, path: string): string | null {
    const rule = CACHED_PATHS[path];
    if (!rule) return null;
    const cookie = req.headers.cookie ?? "";
    if (!hasOnlyLanguageCookie(cookie)) return null;
    const language = negotiateLanguage({
      queryLang: null,
      cookieLang: readCookie(cookie, "lang"),
      acceptLanguage: req.headers["accept-language"] ?? null,
    }).language;
    const now = clock();
    const bucket = rule.timeBucketMs ? Math.floor(now / rule.timeBucketMs) : 0;
    return `${path}|${language}|${publicDataKey(new Date(now))}|${bucket}`;
  }

  async function fill(key: string, req: IncomingMessage, path: string): Promise<Entry | null> {
    const headers = new Headers();
    for (const name of ["accept-language", "cookie", "user-agent"]) {
      const value = req.headers[name];
      if (typeof value === "string") headers.set(name, value);
    }
    const response = await render(new Request(`${options.origin()}${path}`, { headers }));
    if (response.status !== 200 || response.headers.has("set-cookie")) return null;
    const plain = Buffer.from(await response.arrayBuffer());
    const gzip = gzipSync(plain, { level: 9 });
    const br = brotliCompressSync(plain, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 } });
    const headerObject: Record<string, string> = Object.fromEntries(
      [...response.headers].filter(([name]) => !["content-length", "content-encoding", "transfer-encoding", "connection"].includes(name)),
    );
    // Also on answers Remix made without the page headers (the GeoJSON) and on the cache's 304s.
    headerObject["x-content-type-options"] = "nosniff";
    if (!/accept-encoding/i.test(headerObject.vary ?? "")) headerObject.vary = headerObject.vary ? `${headerObject.vary}, Accept-Encoding` : "Accept-Encoding";
    // Headers are prepared once per entry: a hit only writes bytes.
    const entry: Entry = {
      status: response.status,
      headerObject,
      plainHeaders: { ...headerObject, "content-length": String(plain.length) },
      gzipHeaders: { ...headerObject, "content-encoding": "gzip", "content-length": String(gzip.length) },
      brHeaders: { ...headerObject, "content-encoding": "br", "content-length": String(br.length) },
      etag: response.headers.get("etag"),
      plain,
      gzip,
      br,
    };
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    entries.set(key, entry);
    return entry;
  }

  /** Answers the request from the cache and returns true, or returns false to pass it on. */
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const url = req.url ?? "/";
    if (url.includes("?")) return false;
    const key = keyFor(req, url);
    if (!key) return false;
    let entry = entries.get(key);
    if (!entry) {
      let pending = inFlight.get(key);
      if (!pending) {
        pending = fill(key, req, url).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      const filled = await pending;
      if (!filled) return false;
      entry = filled;
    }
    const ifNoneMatch = req.headers["if-none-match"];
    if (entry.etag && etagMatches(ifNoneMatch, entry.etag)) {
      res.writeHead(304, entry.headerObject);
      res.end();
      return true;
    }
    const encoding = acceptedEncoding(req.headers["accept-encoding"]);
    const body = encoding === "br" ? entry.br : encoding === "gzip" ? entry.gzip : entry.plain;
    res.writeHead(entry.status, encoding === "br" ? entry.brHeaders : encoding === "gzip" ? entry.gzipHeaders : entry.plainHeaders);
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  }

  return { handle, size: () => entries.size };
}

/*
 * Zomerparade service worker: the public pages keep working with a weak or no signal.
 * - Public pages (/, /map, /programme, /open-data), their data requests and the GeoJSON:
 *   network first (so the cache follows every change the organisers make), the cached copy when
 *   the network fails or is too slow.
 * - /build/ files are fingerprinted and never change: cache first.
 * - Map tiles already seen: cache first, at most MAX_TILES of them.
 * - A visit to one public page keeps the other two (/, /map, /programme) as well, with their files.
 * Nothing else (organiser pages, a stallholder's private link, forms) is ever cached, nor any URL
 *   that names such a page (a /__manifest?p=/a/<token> request), nor a response marked private.
 */
const VERSION = "v1";
const PAGES = `zomerparade-pages-${VERSION}`;
const ASSETS = `zomerparade-assets-${VERSION}`;
const TILES = `zomerparade-tiles-${VERSION}`;
const MAX_TILES = 600;
const NETWORK_TIMEOUT_MS = 4000;
const PUBLIC_PATHS = new Set(["/", "/map", "/programme", "/open-data", "/api/editions/current/stalls.geojson", "/__manifest", "/favicon.svg"]);
const TILE_PATTERN = /\/\d+\/\d+\/\d+(@2x)?\.(png|jpg|jpeg|webp)(\?.*)?$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(PAGES)
      .then((cache) => cache.addAll(["/map", "/"]))
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith("zomerparade-") && !key.endsWith(`-${VERSION}`)).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

/** The page tells us what it loaded before we were in control: keep those too. */
self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "cache-urls" || !Array.isArray(data.urls)) return;
  event.waitUntil(
    Promise.all([
      keepCompanionPages(typeof data.manifestVersion === "string" ? data.manifestVersion : null),
      data.urls.slice(0, 300).map((raw) => {
        let url;
        try {
          url = new URL(raw, self.location.origin);
        } catch {
          return undefined;
        }
        const kind = kindOf(url);
        if (!kind) return undefined;
        // Our own fetch, not the page's: it would carry this script's address as Referer, so send none
        // (a map tile server never learns which page of ours was open).
        const request =
          url.origin === self.location.origin
            ? new Request(url.href, { referrerPolicy: "no-referrer" })
            : new Request(url.href, { mode: "no-cors", referrerPolicy: "no-referrer" });
        return caches.open(cacheFor(kind)).then((cache) =>
          cache.match(request).then((hit) => hit || fetch(request).then((response) => (cacheable(response) ? cache.put(request, response) : undefined))),
        ).then(() => (kind === "asset" && url.pathname.endsWith(".js") ? keepLazyChunks(url, 0) : undefined)).catch(() => undefined);
      }),
    ]),
  );
});

/**
 * The map's Leaflet chunk is only asked for when the visitor first uses the map (decision 009),
 * so a page can have been seen without it. What a cached script may import later (`import("/build/…")`)
 * is kept too, read here in the worker, off the page's thread: offline, the map still zooms.
 */
const LAZY_IMPORT = /import\("(\/build\/[^"]+\.js)"\)/g;
const STATIC_IMPORT = /(?:from|import)\s*"(\/build\/[^"]+\.js)"/g;
async function keepLazyChunks(scriptUrl, depth) {
  if (depth > 3) return;
  const assets = await caches.open(ASSETS);
  const cached = await assets.match(scriptUrl.href);
  if (!cached) return;
  const text = await cached.text();
  // A page's own scripts: what they import later. A chunk kept that way: all it imports too.
  const paths = [...text.matchAll(LAZY_IMPORT), ...(depth > 0 ? text.matchAll(STATIC_IMPORT) : [])].map((match) => match[1]);
  for (const path of new Set(paths)) {
    const url = new URL(path, self.location.origin);
    const request = new Request(url.href, { referrerPolicy: "no-referrer" });
    if (!(await assets.match(request))) {
      const response = await fetch(request).catch(() => null);
      if (response && cacheable(response)) await assets.put(request, response);
    }
    await keepLazyChunks(url, depth + 1);
  }
}

/**
 * The public pages link to each other (the offline map offers "the whole programme"), so one
 * visit keeps all three: each page's HTML, the /build/ files it names (which a client-side
 * navigation needs too), its part of the route manifest and its loader data, as Remix asks for
 * them on a client-side navigation.
 * Refreshed at most every COMPANION_REFRESH_MS, so a phone does not fetch them on every page.
 */
const COMPANION_PAGES = { "/": "routes/_index", "/map": "routes/map", "/programme": "routes/programme" };
const COMPANION_REFRESH_MS = 10 * 60 * 1000;

async function keepCompanionPages(manifestVersion) {
  const pages = await caches.open(PAGES);
  const assets = await caches.open(ASSETS);
  const keep = async (url) => {
    const response = await fetch(new Request(url, { referrerPolicy: "no-referrer" }));
    if (cacheable(response)) await pages.put(url, response.clone());
    return response;
  };
  await Promise.all(
    Object.entries(COMPANION_PAGES).map(async ([path, routeId]) => {
      try {
        const work = [];
        // Remix discovers a route on a client-side navigation by asking for its part of the route
        // manifest, named by the build's version: keep the answer for each page.
        if (manifestVersion && /^[0-9a-z]+$/i.test(manifestVersion)) {
          const manifestUrl = `/__manifest?p=${encodeURIComponent(path)}&version=${manifestVersion}`;
          if (!(await pages.match(manifestUrl))) work.push(keep(manifestUrl));
        }
        const dataUrl = `${path}?_data=${encodeURIComponent(routeId)}`;
        const hit = await pages.match(path, { ignoreVary: true });
        const fetchedAt = hit ? Date.parse(hit.headers.get("Date") || "") : NaN;
        const fresh = hit && Date.now() - fetchedAt < COMPANION_REFRESH_MS && (await pages.match(dataUrl, { ignoreVary: true }));
        if (!fresh) {
          work.push(keep(dataUrl));
          work.push(
            keep(path).then(async (response) => {
              if (!cacheable(response)) return;
              const html = await response.text();
              const files = [...html.matchAll(/["'](\/build\/[^"'?#]+\.(?:js|css))["']/g)].map((m) => m[1]);
              const seen = new Set();
              await Promise.all(files.map((file) => keepAsset(assets, file, seen)));
            }),
          );
        }
        await Promise.all(work);
      } catch {
        // Offline or refused: the next page load tries again.
      }
    }),
  );
}

/**
 * Keeps one /build/ file, and the chunks a script loads later by a dynamic import (the map's
 * Leaflet chunk is not named in the HTML: the page asks for it after it has shown).
 */
async function keepAsset(assets, file, seen) {
  if (seen.has(file)) return;
  seen.add(file);
  try {
    let response = await assets.match(file);
    if (!response) {
      response = await fetch(new Request(file, { referrerPolicy: "no-referrer" }));
      if (!cacheable(response)) return;
      await assets.put(file, response.clone());
    }
    if (!file.endsWith(".js")) return;
    const text = await response.text();
    const later = [...text.matchAll(/import\(\s*["']((?:\.{1,2}|\/build)\/[^"'?#]+\.js)["']\s*\)/g)].map((m) => new URL(m[1], new URL(file, self.location.origin)).pathname);
    await Promise.all(later.filter((next) => next.startsWith("/build/")).map((next) => keepAsset(assets, next, seen)));
  } catch {
    // Offline or refused: the next page load tries again.
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const kind = kindOf(url, request);
  if (kind === "asset") event.respondWith(cacheFirst(request, ASSETS));
  else if (kind === "tile") event.respondWith(cacheFirst(request, TILES, MAX_TILES));
  else if (kind === "page") event.respondWith(networkFirst(request));
});

/** Paths that belong to one person: a stallholder's private link, the organiser pages. */
function isPrivatePath(path) {
  return path === "/organiser" || path.startsWith("/organiser/") || path.startsWith("/a/");
}

/**
 * True when a URL names a private path anywhere: in its own path, or in a query such as Remix's
 * /__manifest?p=/a/<token>&p=... (the route manifest asked for the pages linked from a page).
 * Such a request is never stored, so a shared phone keeps no private link.
 */
function namesPrivatePath(url) {
  if (isPrivatePath(url.pathname)) return true;
  for (const value of url.searchParams.values()) {
    let decoded = value;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      // keep the raw value
    }
    if (isPrivatePath(decoded) || /(^|[/?&=])(a|organiser)\//.test(decoded)) return true;
  }
  return false;
}

function kindOf(url, request) {
  if (url.origin === self.location.origin) {
    if (url.pathname.startsWith("/build/")) return "asset";
    if (namesPrivatePath(url)) return null;
    if (PUBLIC_PATHS.has(url.pathname)) return "page";
    return null;
  }
  if ((!request || request.destination === "image") && TILE_PATTERN.test(url.pathname)) return "tile";
  return null;
}

function cacheFor(kind) {
  return kind === "asset" ? ASSETS : kind === "tile" ? TILES : PAGES;
}

function cacheable(response) {
  if (!response || !(response.ok || response.type === "opaque")) return false;
  // A response meant for one person only is never stored, whatever asked for it.
  return !/no-store|private/i.test(response.headers.get("Cache-Control") || "");
}

async function cacheFirst(request, name, limit) {
  const cache = await caches.open(name);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (cacheable(response)) {
    await cache.put(request, response.clone());
    if (limit) trim(cache, limit);
  }
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(PAGES);
  const network = fetch(request).then(async (response) => {
    if (cacheable(response)) await cache.put(request, response.clone());
    return response;
  });
  // A slow network answers from the cache in the meantime; the fetch still refreshes it.
  const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS));
  try {
    const first = await Promise.race([network, timeout.then(() => undefined)]);
    if (first) return first;
    const hit = await cache.match(request, { ignoreVary: true });
    return hit || (await network);
  } catch (error) {
    const hit =
      (await cache.match(request, { ignoreVary: true })) ||
      // An address not seen before (another ?stall=): the same page without its query.
      (request.mode === "navigate" ? await cache.match(new URL(request.url).pathname, { ignoreVary: true }) : undefined);
    if (hit) return hit;
    throw error;
  }
}

async function trim(cache, limit) {
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - limit)).map((key) => cache.delete(key)));
}

/**
 * The public map on event day: what /map costs a phone (JS and CSS, gzipped), how big the open
 * data is, and how many requests per second the app serves for /map and the GeoJSON at 50
 * concurrent connections, next to a plain Node server sending the same bytes from memory.
 */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import * as t from "#db/schema";
import { DEFAULT_LAYOUT_PARAMS } from "#db/seed/default-layout";
import { transaction } from "~/data/db.server";
import { createEditionWithDefaults, ensureMarket } from "~/data/setup.server";
import { addDays, localDate } from "~/rules/calendar";
import { generateSpots, type LngLat } from "~/rules/layout-geometry";
import type { BenchContext, BenchRow, LoadResult } from "./context";
import { generatedSpotColumns } from "~/data/layout.server";

export const name = "public-map";

const STALLS = 150;
const CONNECTIONS = 50;
/** Before the map's own chunk (Leaflet, loaded by a dynamic import once the page has hydrated). */
const TARGET_INITIAL_JS_KB = 125;
/** Everything, the map's chunk included. */
const TARGET_JS_KB = 150;
const TARGET_GEOJSON_KB = 25;
const TARGET_RATIO = { html: 0.25, geojson: 0.5 };
const LOAD = { connections: CONNECTIONS, maxRequests: 40_000, maxDurationMs: 4_000, warmupRequests: 300 };
// A phone on event day: compressed responses, Dutch.
const PHONE_HEADERS = { "Accept-Encoding": "gzip, deflate, br", "Accept-Language": "nl-NL,nl;q=0.9", Accept: "*/*" };

const WORDS = ["wafels", "boeken", "keramiek", "kaas", "limonade", "vintage", "speelgoed", "kruiden", "sieraden", "soep", "fietsen", "honing", "platen", "knutselen", "bloemen"];

/** A published edition with 150 stalls, each on its own spot (narrower spots than the default, so 150 fit). */
export function seedBenchEdition(now = new Date()) {
  transaction((tx) => {
    const market = ensureMarket(tx);
    const day = addDays(localDate(now), 30);
    const { edition, days, categories } = createEditionWithDefaults(tx, {
      marketId: market.id,
      year: Number(day.slice(0, 4)),
      nameNl: "SK Zomerparade bench",
      nameEn: "SK Zomerparade bench",
      days: [{ date: day, startsAt: "12:00", endsAt: "18:00" }],
    });
    tx.delete(t.spots).where(eq(t.spots.editionId, edition.id)).run();
    const line = JSON.parse(edition.streetLineJson) as LngLat[];
    const generated = generateSpots(line, { ...DEFAULT_LAYOUT_PARAMS, spotWidthM: 1.4, gapM: 0.1 });
    if (generated.length < STALLS) throw new Error(`only ${generated.length} spots for ${STALLS} stalls`);
    generated.forEach((spot, index) => {
      const row = tx
        .insert(t.spots)
        .values({
          editionId: edition.id,
          ...generatedSpotColumns(spot),
          hasElectricity: index % 3 === 0,
        })
        .returning()
        .get();
      if (index >= STALLS) return;
      const category = categories[index % categories.length]!;
      const word = WORDS[index % WORDS.length]!;
      const application = tx
        .insert(t.applications)
        .values({
          editionId: edition.id,
          accessToken: randomBytes(24).toString("base64url"),
          stallName: `Kraam ${index + 1} – ${word}`,
          description: `Verse ${word} en meer van de buurt, kraam nummer ${index + 1}.`,
          categoryId: category.id,
          contactName: `Bench Persoon ${index}`,
          email: `bench.${index}@example.org`,
          phone: "06 12345678",
          applicantKind: "resident",
          frontageCm: 300,
          depthCm: 300,
          consentedAt: now,
          reviewState: "approved",
          paymentState: "paid",
          feeBreakdownJson: "{}",
          feeTotalCents: 1500,
        })
        .returning()
        .get();
      const assignment = tx.insert(t.stallAssignments).values({ applicationId: application.id, eventDayId: days[0]!.id }).returning().get();
      tx.insert(t.assignmentSpots).values({ assignmentId: assignment.id, eventDayId: days[0]!.id, spotId: row.id }).run();
    });
    tx.update(t.editions).set({ mapPublishedAt: now }).where(eq(t.editions.id, edition.id)).run();
  });
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const app = await ctx.startApp({ seed: () => seedBenchEdition() });
  const rows: BenchRow[] = [];
  try {
    const page = await ctx.fetchRaw(`${app.baseURL}/map`, { "Accept-Language": "nl" });
    if (page.status !== 200) throw new Error(`/map answered ${page.status}`);
    const html = page.body.toString("utf8");
    const assets = await collectAssets(ctx, app.baseURL, html);
    const jsKb = assets.js.reduce((sum, a) => sum + a.gz, 0) / 1024;
    const initial = assets.js.filter((a) => !a.lazy);
    const initialKb = initial.reduce((sum, a) => sum + a.gz, 0) / 1024;
    const cssKb = assets.css.reduce((sum, a) => sum + a.gz, 0) / 1024;
    rows.push(
      {
        metric: `/map JavaScript before the map's chunk, gzipped (${initial.length} files, service worker included)`,
        value: `${initialKb.toFixed(1)} KB`,
        target: `≤ ${TARGET_INITIAL_JS_KB} KB`,
        ok: initialKb <= TARGET_INITIAL_JS_KB,
      },
      { metric: `/map JavaScript with the map's chunk, gzipped (${assets.js.length} files)`, value: `${jsKb.toFixed(1)} KB`, target: `≤ ${TARGET_JS_KB} KB`, ok: jsKb <= TARGET_JS_KB },
      { metric: `/map CSS, gzipped (${assets.css.length} files)`, value: `${cssKb.toFixed(1)} KB` },
      { metric: "/map HTML, gzipped", value: `${(ctx.gzipSize(page.body) / 1024).toFixed(1)} KB` },
    );

    const geo = await ctx.fetchRaw(`${app.baseURL}/api/editions/current/stalls.geojson`, { "Accept-Encoding": "identity" });
    const collection = JSON.parse(geo.body.toString("utf8")) as { features: { properties: { stalls?: unknown[] } }[] };
    const stallCount = collection.features.reduce((n, f) => n + (f.properties.stalls?.length ?? 0), 0);
    if (stallCount !== STALLS) throw new Error(`the GeoJSON holds ${stallCount} stalls, expected ${STALLS}`);
    const geoKb = ctx.gzipSize(geo.body) / 1024;
    rows.push({
      metric: `GeoJSON, gzipped (${stallCount} stalls, ${(geo.body.length / 1024).toFixed(0)} KB raw)`,
      value: `${geoKb.toFixed(1)} KB`,
      target: `≤ ${TARGET_GEOJSON_KB} KB`,
      ok: geoKb <= TARGET_GEOJSON_KB,
    });

    for (const [label, pathname, ratioTarget] of [
      ["GeoJSON", "/api/editions/current/stalls.geojson", TARGET_RATIO.geojson],
      ["/map HTML", "/map", TARGET_RATIO.html],
    ] as const) {
      const url = `${app.baseURL}${pathname}`;
      const recorded = await ctx.fetchRaw(url, PHONE_HEADERS);
      const appResult = await ctx.load({ url, headers: PHONE_HEADERS, ...LOAD });
      const plain = await ctx.startPlainServer(recorded);
      let plainResult: LoadResult;
      try {
        plainResult = await ctx.load({ url: `${plain.baseURL}${pathname}`, headers: PHONE_HEADERS, ...LOAD });
      } finally {
        await plain.stop();
      }
      checkAllOk(label, appResult);
      checkAllOk(`${label} (plain)`, plainResult);
      const ratio = appResult.requestsPerSecond / plainResult.requestsPerSecond;
      const size = `${(recorded.body.length / 1024).toFixed(1)} KB ${recorded.headers["content-encoding"] ?? "identity"}`;
      rows.push(
        { metric: `${label} app: req/s, p50/p99 @${CONNECTIONS} (${size})`, value: describe(appResult) },
        { metric: `${label} plain node http, same bytes`, value: describe(plainResult) },
        { metric: `${label} app / plain req/s`, value: `${ratio.toFixed(2)}×`, target: `≥ ${ratioTarget}×`, ok: ratio >= ratioTarget },
      );
    }

    // A returning visitor (or a CDN revalidating) sends If-None-Match and gets a bodiless 304.
    for (const [label, pathname] of [
      ["GeoJSON 304", "/api/editions/current/stalls.geojson"],
      ["/map HTML 304", "/map"],
    ] as const) {
      const url = `${app.baseURL}${pathname}`;
      const etag = (await ctx.fetchRaw(url, PHONE_HEADERS)).headers.etag;
      if (!etag) {
        rows.push({ metric: `${label}: revalidation`, value: "no ETag", target: "ETag + 304", ok: false });
        continue;
      }
      const result = await ctx.load({ url, headers: { ...PHONE_HEADERS, "If-None-Match": etag }, ...LOAD, maxDurationMs: 2_000 });
      const all304 = result.statuses[304] === result.requests;
      rows.push({ metric: `${label}: req/s, p50/p99 @${CONNECTIONS}`, value: describe(result), target: "all 304", ok: all304 });
    }
  } finally {
    await app.stop();
  }
  return rows;
}

function describe(result: LoadResult) {
  return `${Math.round(result.requestsPerSecond)} req/s, ${result.p50Ms.toFixed(1)}/${result.p99Ms.toFixed(1)} ms`;
}

function checkAllOk(label: string, result: LoadResult) {
  const good = result.statuses[200] ?? 0;
  if (result.errors > 0 || good !== result.requests || result.requests === 0) {
    throw new Error(`${label}: ${result.errors} errors, statuses ${JSON.stringify(result.statuses)}`);
  }
}

/**
 * Every script and stylesheet /map loads, following imports between chunks (static and dynamic).
 * A script is `lazy` when only a dynamic import reaches it: the page asks for it after it has shown.
 */
async function collectAssets(ctx: BenchContext, baseURL: string, html: string) {
  const js = new Map<string, { gz: number; lazy: boolean }>();
  const css = new Map<string, number>();
  const queue: string[] = [];
  const lazyQueue: string[] = [];
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]+)"`).exec(tag)?.[1];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const src = attr(tag, "src");
    const href = attr(tag, "href");
    if (tag.startsWith("<script") && src) queue.push(src);
    else if (href && /rel="modulepreload"/.test(tag)) queue.push(href);
    else if (href && /rel="stylesheet"/.test(tag)) css.set(href, 0);
  }
  // Module imports in inline scripts (Remix's entry: import "/build/…").
  for (const [, spec] of html.matchAll(/import\s*(?:[^"'()]*?from\s*)?["']([^"']+\.js)["']/g)) queue.push(spec!);

  // First what the page loads at once (static imports), then what dynamic imports ask for later.
  for (const [pending, lazy] of [
    [queue, false],
    [lazyQueue, true],
  ] as const) {
    while (pending.length > 0) {
      const spec = pending.shift()!;
      const url = new URL(spec, baseURL).pathname;
      if (js.has(url)) continue;
      const response = await ctx.fetchRaw(`${baseURL}${url}`, { "Accept-Encoding": "identity" });
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
      js.set(url, { gz: ctx.gzipSize(response.body), lazy });
      const text = response.body.toString("utf8");
      for (const [, how, next] of text.matchAll(/(from\s*|import\s*\(?\s*)["'](\.{1,2}\/[^"']+\.js|\/build\/[^"']+\.js)["']/g)) {
        const dynamic = /\($/.test(how!.trim());
        (dynamic ? lazyQueue : pending).push(new URL(next!, `${baseURL}${url}`).pathname);
      }
    }
  }
  // The service worker the page registers is JavaScript the phone downloads too.
  const worker = await ctx.fetchRaw(`${baseURL}/sw.js`, { "Accept-Encoding": "identity" });
  if (worker.status === 200) js.set("/sw.js", { gz: ctx.gzipSize(worker.body), lazy: false });
  for (const href of css.keys()) {
    const response = await ctx.fetchRaw(`${baseURL}${href}`, { "Accept-Encoding": "identity" });
    css.set(href, ctx.gzipSize(response.body));
  }
  return {
    js: [...js].map(([url, { gz, lazy }]) => ({ url, gz, lazy })),
    css: [...css].map(([url, gz]) => ({ url, gz })),
  };
}

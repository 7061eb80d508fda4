/**
 * The organisers' applications list with 2,000 applications: server time per request for the
 * list page (default, filtered + searched, sorted deep page), in-process (the loader alone, no
 * HTTP) and over HTTP against the built server with a signed-in session cookie.
 * Runs inside `npm run bench` (exports `name` and `run(ctx)`), or alone:
 *   npx tsx scripts/bench/organiser-list.bench.ts
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as t from "#db/schema";
import { closeDatabase, switchDatabaseFile, transaction } from "~/data/db.server";
import { createSession } from "~/data/sessions.server";
import { createEditionWithDefaults, ensureMarket } from "~/data/setup.server";
import { addDays, localDate } from "~/rules/calendar";
import { sessionCookieHeader } from "~/services/auth.server";
import type { BenchContext, BenchRow } from "./context";

export const name = "organiser-list";

const APPLICATIONS = 2000;
const TARGET_MS = 50;
const QUERIES = [
  { label: "default (newest first)", query: "" },
  { label: "filtered + search", query: "?state=submitted&payment=pending&q=wafel&assigned=no" },
  { label: "sorted by stall, page 20", query: "?sort=stall&dir=asc&page=20" },
];
const STATES = ["submitted", "approved", "waitlisted", "rejected", "withdrawn"] as const;
const WORDS = ["Wafels", "Boeken", "Keramiek", "Kaas", "Limonade", "Vintage", "Speelgoed", "Kruiden", "Sieraden", "Soep"];

/** A current edition with two days and 2,000 applications in every state; returns a session cookie for an organiser. */
export function seedOrganiserBench(now = new Date()): string {
  return transaction((tx) => {
    const market = ensureMarket(tx);
    const first = addDays(localDate(now), 40);
    const { edition, days, categories, spots } = createEditionWithDefaults(tx, {
      marketId: market.id,
      year: Number(first.slice(0, 4)),
      nameNl: "SK Zomerparade bench",
      nameEn: "SK Zomerparade bench",
      days: [first, addDays(first, 1)].map((date) => ({ date, startsAt: "12:00", endsAt: "18:00" })),
    });
    let spotIndex = 0;
    for (let i = 0; i < APPLICATIONS; i += 1) {
      const state = STATES[i % STATES.length]!;
      const app = tx
        .insert(t.applications)
        .values({
          editionId: edition.id,
          accessToken: randomBytes(24).toString("base64url"),
          language: i % 4 === 0 ? "en" : "nl",
          stallName: `${WORDS[i % WORDS.length]} ${i}`,
          description: "Bench",
          categoryId: categories[i % categories.length]!.id,
          contactName: `Persoon ${i}`,
          email: `persoon.${i}@example.org`,
          phone: "0612345678",
          applicantKind: "resident",
          frontageCm: 300,
          depthCm: 300,
          consentedAt: now,
          reviewState: state,
          paymentState: i % 3 === 0 ? "paid" : "pending",
          feeBreakdownJson: JSON.stringify({ lines: [], dayCount: 1, free: false, totalCents: 1500 }),
          feeTotalCents: 1500,
          createdAt: new Date(now.getTime() - i * 60_000),
        })
        .returning({ id: t.applications.id })
        .get();
      const chosen = i % 3 === 2 ? days : [days[i % 2]!];
      for (const day of chosen) tx.insert(t.applicationDays).values({ applicationId: app.id, eventDayId: day.id }).run();
      if (state === "approved" && spotIndex < spots.length) {
        const day = chosen[0]!;
        const assignment = tx.insert(t.stallAssignments).values({ applicationId: app.id, eventDayId: day.id }).returning().get();
        tx.insert(t.assignmentSpots).values({ assignmentId: assignment.id, eventDayId: day.id, spotId: spots[spotIndex]!.id }).run();
        spotIndex += 1;
      }
    }
    const organiser = tx.insert(t.organisers).values({ email: "bench@team.example", passwordHash: "x", role: "organiser" }).returning().get();
    const { token } = createSession(tx, { organiserId: organiser.id, userAgent: "bench", now });
    return sessionCookieHeader(token);
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/** The loader alone, in this process, against a seeded file. */
async function inProcess(): Promise<BenchRow[]> {
  const folder = mkdtempSync(path.join(tmpdir(), "zomerparade-bench-organiser-"));
  try {
    switchDatabaseFile(path.join(folder, "list.db"));
    const cookie = seedOrganiserBench();
    const { loader } = await import("~/routes/organiser.applications._index");
    const rows: BenchRow[] = [];
    for (const { label, query } of QUERIES) {
      const once = async () => {
        const request = new Request(`http://localhost/organiser/applications${query}`, { headers: { Cookie: cookie } });
        const response = (await loader({ request, params: {}, context: {} })) as Response;
        if (response.status !== 200) throw new Error(`loader answered ${response.status}`);
        await response.text();
      };
      for (let i = 0; i < 20; i += 1) await once();
      const times: number[] = [];
      for (let i = 0; i < 200; i += 1) {
        const start = performance.now();
        await once();
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      const p50 = percentile(times, 0.5);
      const p95 = percentile(times, 0.95);
      rows.push({ metric: `loader ${label}: p50 / p95`, value: `${p50.toFixed(2)} / ${p95.toFixed(2)} ms`, target: `p95 ≤ ${TARGET_MS} ms`, ok: p95 <= TARGET_MS });
    }
    return rows;
  } finally {
    closeDatabase();
    rmSync(folder, { recursive: true, force: true });
  }
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rows = await inProcess();
  let cookie = "";
  const server = await ctx.startApp({ seed: () => void (cookie = seedOrganiserBench()) });
  try {
    for (const { label, query } of QUERIES) {
      const url = `${server.baseURL}/organiser/applications${query}`;
      const first = await ctx.fetchRaw(url, { Cookie: cookie });
      if (first.status !== 200) throw new Error(`${url} answered ${first.status}`);
      // One connection: the time a single organiser waits for the whole HTML page.
      const result = await ctx.load({ url, connections: 1, maxRequests: 300, maxDurationMs: 3_000, warmupRequests: 20, headers: { Cookie: cookie } });
      if (result.errors > 0 || Object.keys(result.statuses).some((s) => s !== "200")) throw new Error(`errors: ${JSON.stringify(result.statuses)}`);
      rows.push({
        metric: `HTTP page ${label}: p50 / p99 (${Math.round(first.body.length / 1024)} KB)`,
        value: `${result.p50Ms.toFixed(1)} / ${result.p99Ms.toFixed(1)} ms`,
        target: `p99 ≤ ${TARGET_MS * 4} ms`,
        ok: result.p99Ms <= TARGET_MS * 4,
      });
    }
  } finally {
    await server.stop();
  }
  return rows;
}

// Alone: npx tsx scripts/bench/organiser-list.bench.ts
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { createContext } = await import("./context");
  const ctx = createContext();
  try {
    for (const row of await run(ctx)) console.info(`${row.metric}: ${row.value}${row.target ? ` (target ${row.target}: ${row.ok ? "ok" : "MISSED"})` : ""}`);
  } finally {
    await ctx.cleanup();
  }
}

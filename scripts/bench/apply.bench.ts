/**
 * An application rush: 300 applications sent by 50 concurrent clients to the built server
 * (loopback only, bounded in count and time). Reports throughput, p50/p99 latency, error
 * responses, and that exactly 300 applications (and 300 confirmation mails) exist afterwards.
 *
 * Part of `npm run bench`; also runs alone: `npx tsx scripts/bench/apply.bench.ts`.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { sqlite, transaction } from "~/data/db.server";
import { createEditionWithDefaults, ensureMarket } from "~/data/setup.server";
import { addDays, localDate } from "~/rules/calendar";
import { assertLoopback } from "./load";
import { createContext, type BenchContext, type BenchRow } from "./context";

export const name = "apply";

const APPLICATIONS = 300;
const CLIENTS = 50;
const REQUEST_TIMEOUT_MS = 30_000;
const RUN_TIMEOUT_MS = 120_000;

/** An edition taking applications now; returns where its database is (for counting afterwards). */
function seedOpenEdition(now = new Date()) {
  transaction((tx) => {
    const market = ensureMarket(tx);
    const day = addDays(localDate(now), 60);
    createEditionWithDefaults(tx, {
      marketId: market.id,
      year: Number(day.slice(0, 4)),
      nameNl: "SK Zomerparade bench",
      nameEn: "SK Zomerparade bench",
      days: [{ date: day, startsAt: "12:00", endsAt: "18:00" }],
      applicationsOpenAt: new Date(now.getTime() - 24 * 3600_000),
      applicationsCloseAt: new Date(now.getTime() + 30 * 24 * 3600_000),
    });
  });
  return sqlite().name;
}

interface FormOptions {
  days: { id: number }[];
  categories: { id: number; isFree: boolean }[];
}

function applicationBody(index: number, options: FormOptions): string {
  const kinds = ["resident", "non_profit", "commercial"] as const;
  const kind = kinds[index % kinds.length]!;
  const category = options.categories[index % options.categories.length]!;
  const body = new URLSearchParams({
    submissionKey: randomBytes(18).toString("base64url"),
    language: index % 4 === 0 ? "en" : "nl",
    stallName: `Benchkraam ${index + 1}`,
    description: "Een kraam uit de bench: wafels, boeken en limonade.",
    categoryId: String(category.id),
    contactName: `Bench Persoon ${index + 1}`,
    email: `bench.${index + 1}@example.org`,
    phone: "06 12345678",
    applicantKind: kind,
    postcode: kind === "resident" ? "3812 AB" : "",
    kvkNumber: kind === "commercial" ? "12345678" : "",
    frontageCm: String(300 * (1 + (index % 3))),
    depthCm: "300",
    rentedStalls: String(index % 2),
    remarks: "",
    consent: "on",
    website: "",
  });
  if (index % 3 === 0) {
    body.set("needsElectricity", "on");
    body.set("electricityWatts", "2000");
  }
  for (const day of options.days) body.append("days", String(day.id));
  return body.toString();
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  let databasePath = "";
  // 50 phones, 50 addresses: the server trusts X-Forwarded-For here as it would behind a proxy.
  const server = await ctx.startApp({
    seed: () => {
      databasePath = seedOpenEdition();
    },
    env: { TRUST_PROXY: "1" },
  });
  try {
    const base = new URL(server.baseURL);
    assertLoopback(base);
    // What the form offers (the same JSON the page's loader sends).
    const data = (await (await fetch(new URL("/apply?_data=routes%2Fapply", base))).json()) as { options: FormOptions };
    const bodies = Array.from({ length: APPLICATIONS }, (_, i) => applicationBody(i, data.options));

    const latencies: number[] = [];
    const orderLatencies: number[] = [];
    const statuses: Record<number, number> = {};
    let next = 0;
    let failures = 0;
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    const began = performance.now();
    let clientCount = 0;
    const client = async () => {
      // Documentation addresses (RFC 5737): only a header value, never a destination.
      const address = `198.51.100.${(clientCount++ % 250) + 1}`;
      while (next < bodies.length && Date.now() < deadline) {
        const sentIndex = next;
        const body = bodies[next++]!;
        const started = performance.now();
        try {
          const response = await fetch(new URL("/apply", base), {
            method: "POST",
            // A browser form post from our own page: the cross-site guard wants our origin.
            headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base.origin, "X-Forwarded-For": address },
            body,
            redirect: "manual",
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          await response.arrayBuffer();
          const ok = response.status === 303 && /^\/a\/[A-Za-z0-9_-]{43}\/sent$/.test(response.headers.get("Location") ?? "");
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          if (!ok) failures += 1;
        } catch {
          failures += 1;
          statuses[0] = (statuses[0] ?? 0) + 1;
        }
        latencies.push(performance.now() - started);
        orderLatencies[sentIndex] = performance.now() - started;
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    const seconds = (performance.now() - began) / 1000;
    latencies.sort((a, b) => a - b);

    const db = new Database(databasePath, { readonly: true, fileMustExist: true });
    let rows = 0;
    let mails = 0;
    try {
      rows = (db.prepare("select count(*) as n from applications").get() as { n: number }).n;
      mails = (db.prepare("select count(*) as n from outbox where template = 'application-received'").get() as { n: number }).n;
    } finally {
      db.close();
    }
    ctx.log(`statuses ${JSON.stringify(statuses)}`);
    return [
      { metric: `applications sent (${CLIENTS} clients)`, value: String(latencies.length), target: `= ${APPLICATIONS}`, ok: latencies.length === APPLICATIONS },
      { metric: "throughput", value: `${(latencies.length / seconds).toFixed(1)} applications/s` },
      { metric: "latency p50", value: `${percentile(latencies, 50).toFixed(1)} ms` },
      { metric: "latency p99", value: `${percentile(latencies, 99).toFixed(1)} ms` },
      // The first burst of 50 meets a cold server all at once; after it the rush is steady.
      { metric: `latency p99 after the first ${CLIENTS}`, value: `${percentile([...orderLatencies.slice(CLIENTS)].sort((a, b) => a - b), 99).toFixed(1)} ms` },
      { metric: "error responses", value: String(failures), target: "= 0", ok: failures === 0 },
      { metric: "application rows afterwards", value: String(rows), target: `= ${APPLICATIONS}`, ok: rows === APPLICATIONS },
      { metric: "confirmation mails in outbox", value: String(mails), target: `= ${APPLICATIONS}`, ok: mails === APPLICATIONS },
    ];
  } finally {
    await server.stop();
  }
}

// Run alone: npx tsx scripts/bench/apply.bench.ts (after `npm run build`).
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const ctx = createContext();
  try {
    const rows = await run(ctx);
    for (const row of rows) console.info(`${row.metric.padEnd(36)} ${row.value.padStart(22)}  ${row.target ?? ""} ${row.ok === undefined ? "" : row.ok ? "ok" : "MISSED"}`);
    process.exitCode = rows.some((row) => row.ok === false) ? 1 : 0;
  } finally {
    await ctx.cleanup();
  }
}

/**
 * The organisers' map editor with 200 spots and 200 stalls: server time of loading the editor's
 * data and of an assign action (in-process: data and rules, no HTTP), and the JavaScript the
 * editor page loads (gzipped, from the build manifest).
 * Runs inside `npm run bench`, or alone: npx tsx scripts/bench/map-editor.bench.ts
 */
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import * as t from "#db/schema";
import { assignStallFromSpot, listSpots } from "~/data/assignments.server";
import { closeDatabase, switchDatabaseFile, transaction } from "~/data/db.server";
import { currentLayoutParams, applyRegeneration } from "~/data/layout.server";
import { loadMapEditor } from "~/data/map-editor.server";
import { createEditionWithDefaults, ensureMarket } from "~/data/setup.server";
import { getEdition } from "~/data/editions.server";
import type { BenchContext, BenchRow } from "./context";

export const name = "map-editor";
const STALLS = 200;

function seed() {
  const { editionId, dayId, categoryIds, organiserId } = transaction((tx) => {
    const market = ensureMarket(tx);
    const organiser = tx.insert(t.organisers).values({ email: "bench@example.org", passwordHash: "-", role: "organiser" }).returning().get();
    const { edition, days, categories } = createEditionWithDefaults(tx, { marketId: market.id, year: 2098, nameNl: "Bench", nameEn: "Bench", days: [{ date: "2098-07-04", startsAt: "12:00", endsAt: "18:00" }] });
    return { editionId: edition.id, dayId: days[0]!.id, categoryIds: categories.map((c) => c.id), organiserId: organiser.id };
  });
  // 200+ spots: the whole street line, smaller gaps.
  const { line, params } = currentLayoutParams(editionId);
  applyRegeneration(editionId, line, { ...params!, gapM: 0.5, startM: 0, endM: undefined, skips: [] }, organiserId);
  transaction((tx) => {
    for (let i = 0; i < STALLS; i++) {
      const app = tx
        .insert(t.applications)
        .values({
          editionId, accessToken: randomBytes(24).toString("base64url"), stallName: `Kraam ${i}`, description: "", categoryId: categoryIds[i % categoryIds.length]!,
          contactName: `Persoon ${i}`, email: `p${i}@example.org`, phone: "0612345678", applicantKind: "resident", frontageCm: i % 10 === 0 ? 600 : 300, depthCm: 300,
          needsElectricity: i % 5 === 0, consentedAt: new Date(), reviewState: "approved", paymentState: "paid", feeBreakdownJson: "{}", feeTotalCents: 1500,
        })
        .returning({ id: t.applications.id })
        .get();
      tx.insert(t.applicationDays).values({ applicationId: app.id, eventDayId: dayId }).run();
    }
  });
  return { editionId, dayId };
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The JavaScript the browser loads for /organiser/map: entry, root, the organiser layout and the editor route, with their imports. */
function editorJavaScriptGz(): { files: number; kb: number } {
  const manifestFile = readdirSync("public/build").find((f) => f.startsWith("manifest-"));
  if (!manifestFile) throw new Error("No build: run npm run build first");
  const text = readFileSync(path.join("public/build", manifestFile), "utf8");
  const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as {
    entry: { module: string; imports: string[] };
    routes: Record<string, { module: string; imports?: string[] }>;
  };
  const urls = new Set<string>([manifest.entry.module, ...manifest.entry.imports]);
  for (const id of ["root", "routes/organiser", "routes/organiser.map"]) {
    const route = manifest.routes[id];
    if (!route) throw new Error(`No route ${id} in the manifest`);
    urls.add(route.module);
    for (const url of route.imports ?? []) urls.add(url);
  }
  let bytes = 0;
  for (const url of urls) bytes += gzipSync(readFileSync(path.join("public", url)), { level: 9 }).length;
  return { files: urls.size, kb: bytes / 1024 };
}

export async function run(ctx?: BenchContext): Promise<BenchRow[]> {
  const folder = mkdtempSync(path.join(tmpdir(), "zomerparade-bench-editor-"));
  try {
    switchDatabaseFile(path.join(folder, "editor.db"));
    const { editionId } = seed();
    const edition = getEdition(editionId)!;
    const spots = listSpots(editionId).filter((s) => s.kind === "stall");
    const load: number[] = [];
    for (let i = 0; i < 40; i++) {
      const start = performance.now();
      loadMapEditor(getEdition(editionId)!, null);
      load.push(performance.now() - start);
    }
    const apps = loadMapEditor(edition, null).stalls.map((s) => s.applicationId);
    const assign: number[] = [];
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      const start = performance.now();
      const result = assignStallFromSpot({ editionId, applicationId: apps[i % apps.length]!, spotId: spots[(i * 7) % spots.length]!.id, acceptedWarnings: ["too_small", "no_electricity", "same_category_neighbour"], acceptReason: "bench", organiserId: null });
      assign.push(performance.now() - start);
      if (!result.ok) refused += 1;
    }
    const js = editorJavaScriptGz();
    ctx?.log(`map-editor: ${spots.length} spots, ${apps.length} stalls, ${refused} of 300 assigns refused (spot taken), as expected on a full street`);
    return [
      { metric: `spots / stalls`, value: `${spots.length} / ${apps.length}` },
      { metric: "load editor data: p50 / p95", value: `${percentile(load, 50).toFixed(1)} / ${percentile(load, 95).toFixed(1)} ms`, target: "p95 ≤ 100 ms", ok: percentile(load, 95) <= 100 },
      { metric: "assign action (rules + transaction): p50 / p95", value: `${percentile(assign, 50).toFixed(1)} / ${percentile(assign, 95).toFixed(1)} ms`, target: "p95 ≤ 50 ms", ok: percentile(assign, 95) <= 50 },
      { metric: `editor JavaScript, gzipped (${js.files} files)`, value: `${js.kb.toFixed(1)} KB` },
    ];
  } finally {
    closeDatabase();
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const row of await run()) console.info(`${row.metric}: ${row.value}${row.target ? ` (${row.target}: ${row.ok ? "ok" : "MISSED"})` : ""}`);
}

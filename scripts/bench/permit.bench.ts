/**
 * The permit pack with 200 stalls: time from the database to the finished site plan PDF (data,
 * rules, passage check, drawing, both pages), and the rental list PDF.
 * Runs inside `npm run bench`, or alone: npx tsx scripts/bench/permit.bench.ts
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { eq } from "drizzle-orm";
import * as t from "#db/schema";
import "~/i18n/messages/organiser-bundles";
import { listSpots } from "~/data/assignments.server";
import { closeDatabase, switchDatabaseFile, transaction } from "~/data/db.server";
import { getEdition } from "~/data/editions.server";
import { applyRegeneration, currentLayoutParams } from "~/data/layout.server";
import { loadPermitDay } from "~/data/permit.server";
import { createEditionWithDefaults, ensureMarket } from "~/data/setup.server";
import { renderRentalPdf, renderSitePlanPdf } from "~/services/pdf.server";
import type { BenchContext, BenchRow } from "./context";

export const name = "permit";
const STALLS = 200;

function seed() {
  const { editionId, dayId, categoryIds, organiserId } = transaction((tx) => {
    const market = ensureMarket(tx);
    const organiser = tx.insert(t.organisers).values({ email: "bench@example.org", passwordHash: "-", role: "organiser" }).returning().get();
    const { edition, days, categories } = createEditionWithDefaults(tx, { marketId: market.id, year: 2098, nameNl: "Bench", nameEn: "Bench", days: [{ date: "2098-07-04", startsAt: "12:00", endsAt: "18:00" }] });
    tx.update(t.editions).set({ mapPublishedAt: new Date() }).where(eq(t.editions.id, edition.id)).run();
    tx.update(t.categories).set({ cooks: true }).where(eq(t.categories.id, categories[0]!.id)).run();
    return { editionId: edition.id, dayId: days[0]!.id, categoryIds: categories.map((c) => c.id), organiserId: organiser.id };
  });
  const { line, params } = currentLayoutParams(editionId);
  applyRegeneration(editionId, line, { ...params!, gapM: 0.5, startM: 0, endM: undefined, skips: [] }, organiserId);
  const spots = listSpots(editionId).filter((s) => s.kind === "stall");
  transaction((tx) => {
    for (let i = 0; i < Math.min(STALLS, spots.length); i++) {
      const app = tx
        .insert(t.applications)
        .values({
          editionId, accessToken: randomBytes(24).toString("base64url"), stallName: `Kraam ${i} van de Noordewierweg`, description: "", categoryId: categoryIds[i % categoryIds.length]!,
          contactName: `Persoon ${i}`, email: `p${i}@example.org`, phone: "0612345678", applicantKind: "resident", frontageCm: 300, depthCm: 300,
          needsElectricity: i % 5 === 0, electricityWatts: i % 5 === 0 ? 2000 : null, heatKind: i % categoryIds.length === 0 ? "gas" : null, rentedStalls: i % 3 === 0 ? 1 : 0,
          consentedAt: new Date(), reviewState: "approved", paymentState: "paid", feeBreakdownJson: "{}", feeTotalCents: 1500,
        })
        .returning({ id: t.applications.id })
        .get();
      tx.insert(t.applicationDays).values({ applicationId: app.id, eventDayId: dayId }).run();
      const assignment = tx.insert(t.stallAssignments).values({ applicationId: app.id, eventDayId: dayId }).returning().get();
      tx.insert(t.assignmentSpots).values({ assignmentId: assignment.id, eventDayId: dayId, spotId: spots[i]!.id }).run();
    }
  });
  return { editionId, dayId, stalls: Math.min(STALLS, spots.length) };
}

export async function run(ctx?: BenchContext): Promise<BenchRow[]> {
  const folder = mkdtempSync(path.join(tmpdir(), "zomerparade-bench-permit-"));
  try {
    switchDatabaseFile(path.join(folder, "permit.db"));
    const { editionId, dayId, stalls } = seed();
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const data = loadPermitDay(getEdition(editionId)!, dayId, "nl");
      if (!data.ok) throw new Error(`no permit data: ${data.reason}`);
      const pdf = await renderSitePlanPdf(data, "A3", { language: "nl", marketName: "SK Zomerparade", editionName: "Bench", street: "Noordewierweg", city: "Amersfoort", date: data.day.date, now: new Date() });
      times.push(performance.now() - start);
      bytes = pdf.length;
    }
    const rentalStart = performance.now();
    const data = loadPermitDay(getEdition(editionId)!, dayId, "nl");
    if (data.ok) await renderRentalPdf(data.facts, { language: "nl", marketName: "SK Zomerparade", editionName: "Bench", street: "", city: "", date: data.day.date, now: new Date() });
    const rentalMs = performance.now() - rentalStart;
    const worst = Math.max(...times);
    ctx?.log(`permit: ${stalls} stalls, site plan ${(bytes / 1024).toFixed(0)} KB`);
    return [
      { metric: `site plan + facts PDF, ${stalls} stalls: worst of 5 (first included)`, value: `${worst.toFixed(0)} ms`, target: "≤ 3000 ms", ok: worst <= 3000 },
      { metric: "site plan PDF: median", value: `${[...times].sort((a, b) => a - b)[2]!.toFixed(0)} ms` },
      { metric: "rental list PDF", value: `${rentalMs.toFixed(0)} ms` },
    ];
  } finally {
    closeDatabase();
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const row of await run()) console.info(`${row.metric}: ${row.value}${row.target ? ` (${row.target}: ${row.ok ? "ok" : "MISSED"})` : ""}`);
}

/**
 * The permit pack and the market morning's logistics for one day: what stands where (from the
 * published layout), the permit facts, the passage check and the rental order. Read-only, except
 * the power points and the minimum passage, which organisers keep here.
 */
import { and, asc, eq } from "drizzle-orm";
import * as t from "#db/schema";
import { translator } from "~/i18n/i18n";
import { toCsv, type CsvValue } from "~/rules/csv";
import { locateAlongLine, type LngLat, type PolygonGeometry } from "~/rules/layout-geometry";
import { measurePassage, type PassageReport } from "~/rules/passage-width";
import { permitFacts, walkingOrder, type DayStall, type PermitFacts } from "~/rules/permit-facts";
import { crossingsOf } from "~/rules/side-streets";
import type { PlanInput, PlanSpot } from "~/rules/site-plan";
import { recordAudit } from "./audit.server";
import { db, transaction } from "./db.server";
import { listEventDays, type EditionRow, type EventDayRow } from "./editions.server";
import { currentLayoutParams, listLandmarks } from "./layout.server";

export type PowerPointRow = typeof t.powerPoints.$inferSelect;

export function listPowerPoints(editionId: number): PowerPointRow[] {
  return db().select().from(t.powerPoints).where(eq(t.powerPoints.editionId, editionId)).orderBy(asc(t.powerPoints.code)).all();
}

export type PermitDay =
  | { ok: false; reason: "no_day" | "not_published" | "no_spots"; day: EventDayRow | null }
  | {
      ok: true;
      day: EventDayRow;
      plan: Omit<PlanInput, "sheet">;
      facts: PermitFacts;
      passage: PassageReport;
      powerPointsSet: boolean;
    };

/** The day asked for (or the first), with everything the permit pack and the rental list need. */
export function loadPermitDay(edition: EditionRow, requestedDayId: number | null, language: "nl" | "en"): PermitDay {
  const days = listEventDays(edition.id);
  const day = days.find((d) => d.id === requestedDayId) ?? (requestedDayId ? undefined : days[0]);
  if (!day) return { ok: false, reason: "no_day", day: null };
  if (!edition.mapPublishedAt) return { ok: false, reason: "not_published", day };
  const spotRows = db().select().from(t.spots).where(eq(t.spots.editionId, edition.id)).all();
  if (spotRows.length === 0) return { ok: false, reason: "no_spots", day };

  const standing = db()
    .select({
      spotId: t.assignmentSpots.spotId,
      applicationId: t.applications.id,
      stallName: t.applications.stallName,
      frontageCm: t.applications.frontageCm,
      needsElectricity: t.applications.needsElectricity,
      electricityWatts: t.applications.electricityWatts,
      heatKind: t.applications.heatKind,
      deepFrying: t.applications.deepFrying,
      fireExtinguisher: t.applications.fireExtinguisher,
      rentedStalls: t.applications.rentedStalls,
      categoryNl: t.categories.nameNl,
      categoryEn: t.categories.nameEn,
      colour: t.categories.colour,
      cooks: t.categories.cooks,
    })
    .from(t.assignmentSpots)
    .innerJoin(t.stallAssignments, eq(t.stallAssignments.id, t.assignmentSpots.assignmentId))
    .innerJoin(t.applications, eq(t.applications.id, t.stallAssignments.applicationId))
    .innerJoin(t.categories, eq(t.categories.id, t.applications.categoryId))
    .where(and(eq(t.assignmentSpots.eventDayId, day.id), eq(t.applications.editionId, edition.id), eq(t.applications.reviewState, "approved")))
    .all();
  const bySpot = new Map(standing.map((s) => [s.spotId, s]));
  const ordered = [...spotRows].sort((a, b) => walkingOrder(a, b) || a.code.localeCompare(b.code));

  const stalls = new Map<number, DayStall>();
  for (const spot of ordered) {
    const s = bySpot.get(spot.id);
    if (!s) continue;
    const known = stalls.get(s.applicationId);
    if (known) {
      known.spotCodes.push(spot.code);
      continue;
    }
    stalls.set(s.applicationId, {
      applicationId: s.applicationId,
      stallName: s.stallName,
      categoryName: language === "en" ? s.categoryEn : s.categoryNl,
      cooks: s.cooks,
      frontageCm: s.frontageCm,
      needsElectricity: s.needsElectricity,
      electricityWatts: s.electricityWatts,
      heatKind: s.heatKind,
      deepFrying: s.deepFrying,
      fireExtinguisher: s.fireExtinguisher,
      rentedStalls: s.rentedStalls,
      spotCodes: [spot.code],
      position: [spot.centreLon, spot.centreLat],
      alongM: spot.alongM,
      side: spot.side,
    });
  }

  const powerRows = listPowerPoints(edition.id);
  const facts = permitFacts([...stalls.values()], powerRows.map((p) => ({ code: p.code, capacityWatts: p.capacityWatts, position: [p.lon, p.lat] as LngLat })));
  const { line, params } = currentLayoutParams(edition.id);
  const streetLine = line.length >= 2 ? line : ordered.map((s) => [s.centreLon, s.centreLat] as LngLat);
  const passage = measurePassage(
    streetLine,
    ordered.filter((s) => bySpot.has(s.id)).map((s) => ({ code: s.code, side: s.side, polygon: JSON.parse(s.polygonJson) as PolygonGeometry })),
    { minimumM: edition.minPassageCm / 100 },
  );

  const planSpots: PlanSpot[] = ordered.map((spot) => {
    const s = bySpot.get(spot.id);
    const stall = s ? stalls.get(s.applicationId) : undefined;
    const cooking = stall && (stall.cooks || stall.heatKind === "gas" || stall.heatKind === "open_fire" || stall.deepFrying);
    return {
      code: spot.code,
      polygon: JSON.parse(spot.polygonJson) as PolygonGeometry,
      widthCm: spot.widthCm,
      depthCm: spot.depthCm,
      hasElectricity: spot.hasElectricity,
      blocked: spot.kind === "blocked",
      stallName: s?.stallName ?? null,
      colour: s?.colour ?? null,
      heat: cooking ? (stall.heatKind ?? "unknown") : null,
      deepFrying: stall?.deepFrying === true,
    };
  });
  const sideStreets: PlanInput["sideStreets"] = [];
  if (line.length >= 2 && params) {
    for (const crossing of crossingsOf(params.skips)) {
      const at = locateAlongLine(line, crossing.atM);
      sideStreets.push({ name: crossing.name, position: at.point, bearingDeg: at.bearingDeg, widthM: crossing.widthM });
    }
  }
  const landmarks = listLandmarks(edition.id).map((l) => ({ kind: l.kind, name: language === "en" ? l.nameEn : l.nameNl, geometry: JSON.parse(l.geometryJson) as PlanInput["landmarks"][number]["geometry"] }));
  return {
    ok: true,
    day,
    plan: { line: streetLine, spots: planSpots, landmarks, powerPoints: powerRows.map((p) => ({ code: p.code, position: [p.lon, p.lat] })), sideStreets },
    facts,
    passage,
    powerPointsSet: powerRows.length > 0,
  };
}

/** Passage check for the map editor: all spots but blocked ones (the worst case, whatever is placed). */
export function editorPassage(edition: EditionRow): PassageReport {
  const spotRows = db().select().from(t.spots).where(eq(t.spots.editionId, edition.id)).all();
  const { line } = currentLayoutParams(edition.id);
  const streetLine = line.length >= 2 ? line : spotRows.map((s) => [s.centreLon, s.centreLat] as LngLat);
  return measurePassage(
    streetLine,
    spotRows.filter((s) => s.kind !== "blocked").map((s) => ({ code: s.code, side: s.side, polygon: JSON.parse(s.polygonJson) as PolygonGeometry })),
    { minimumM: edition.minPassageCm / 100 },
  );
}

// ---------------------------------------------------------------------------------------------
// Power points and the minimum passage (kept on the permit page)

export function savePowerPoint(input: { editionId: number; code: string; capacityWatts: number | null; position: LngLat; organiserId: number }): { ok: boolean } {
  return transaction((tx) => {
    const existing = tx.select().from(t.powerPoints).where(and(eq(t.powerPoints.editionId, input.editionId), eq(t.powerPoints.code, input.code))).get();
    if (existing) tx.update(t.powerPoints).set({ capacityWatts: input.capacityWatts }).where(eq(t.powerPoints.id, existing.id)).run();
    else tx.insert(t.powerPoints).values({ editionId: input.editionId, code: input.code, capacityWatts: input.capacityWatts, lon: input.position[0], lat: input.position[1] }).run();
    recordAudit(tx, { actor: { type: "organiser", organiserId: input.organiserId }, editionId: input.editionId, entityType: "power_point", entityId: existing?.id ?? null, action: existing ? "power_point_changed" : "power_point_added", detail: { code: input.code, capacityWatts: input.capacityWatts } });
    return { ok: true };
  });
}

export function deletePowerPoint(editionId: number, id: number, organiserId: number): boolean {
  return transaction((tx) => {
    const removed = tx.delete(t.powerPoints).where(and(eq(t.powerPoints.id, id), eq(t.powerPoints.editionId, editionId))).run().changes;
    if (removed) recordAudit(tx, { actor: { type: "organiser", organiserId }, editionId, entityType: "power_point", entityId: id, action: "power_point_deleted" });
    return removed > 0;
  });
}

/** Which categories cook (the apply form then asks how they heat). */
export function setCookingCategories(editionId: number, cookingIds: number[], organiserId: number) {
  transaction((tx) => {
    for (const c of tx.select().from(t.categories).where(eq(t.categories.editionId, editionId)).all()) {
      const cooks = cookingIds.includes(c.id);
      if (c.cooks !== cooks) tx.update(t.categories).set({ cooks }).where(eq(t.categories.id, c.id)).run();
    }
    recordAudit(tx, { actor: { type: "organiser", organiserId }, editionId, entityType: "edition", entityId: editionId, action: "cooking_categories_set", detail: { cookingIds } });
  });
}

export function setMinimumPassage(editionId: number, cm: number, organiserId: number) {
  transaction((tx) => {
    tx.update(t.editions).set({ minPassageCm: cm }).where(eq(t.editions.id, editionId)).run();
    recordAudit(tx, { actor: { type: "organiser", organiserId }, editionId, entityType: "edition", entityId: editionId, action: "min_passage_set", detail: { cm } });
  });
}

/** Position of a spot (for placing a power point beside it). */
export function spotPosition(editionId: number, code: string): LngLat | null {
  const spot = db().select().from(t.spots).where(and(eq(t.spots.editionId, editionId), eq(t.spots.code, code))).get();
  return spot ? [spot.centreLon, spot.centreLat] : null;
}

// ---------------------------------------------------------------------------------------------
// CSV (Excel with Dutch settings, see app/rules/csv.ts)

export function permitFactsCsv(facts: PermitFacts, passage: PassageReport, language: "nl" | "en"): string {
  const tr = translator(language);
  const rows: CsvValue[][] = [];
  const m = (cm: number) => String(cm / 100).replace(".", ",");
  for (const c of facts.perCategory) rows.push([tr("permit.stallsPerCategory"), c.categoryName, c.stalls, `${tr("permit.frontage")}: ${m(c.frontageCm)}`]);
  rows.push([tr("permit.stallsPerCategory"), tr("permit.total"), facts.stallCount, `${tr("permit.frontage")}: ${m(facts.totalFrontageCm)}`]);
  const metres = (n: number) => n.toFixed(2).replace(".", ",");
  rows.push([tr("permit.passageTitle"), tr("permit.minPassage"), metres(passage.minimumM), ""]);
  rows.push([tr("permit.passageTitle"), passage.narrowest ? passage.narrowest.codes.join(" / ") : "", passage.narrowest ? metres(passage.narrowest.widthM) : "", passage.narrowest ? "" : tr("permit.passageNone")]);
  for (const s of passage.stretches) rows.push([tr("permit.passageTitle"), `${metres(s.fromM)}–${metres(s.toM)} m`, metres(s.narrowestM), s.codes.join(", ")]);
  if (facts.power.points.length === 0) rows.push([tr("permit.powerTitle"), "", "", tr("permit.powerNoPoints")]);
  for (const p of facts.power.points) {
    const note = p.capacityWatts === null ? tr("permit.powerCapacityMissing", { code: p.code }) : p.over ? tr("permit.powerOver", { code: p.code, demand: p.demandWatts, capacity: p.capacityWatts }) : `${tr("permit.capacity")}: ${p.capacityWatts}`;
    rows.push([tr("permit.powerTitle"), p.code, p.demandWatts, `${note} · ${p.stalls.map((s) => `${s.spotCodes.join("+")} ${s.stallName}`).join(", ")}`]);
  }
  for (const s of facts.power.unassigned) rows.push([tr("permit.powerTitle"), tr("permit.noPoint"), s.watts ?? "", `${s.spotCodes.join("+")} ${s.stallName}`]);
  rows.push([tr("permit.powerTitle"), tr("permit.total"), facts.power.totalWatts, facts.power.stallsWithoutWatts.length ? tr("permit.powerWattsMissing", { names: facts.power.stallsWithoutWatts.join(", ") }) : ""]);
  const yesNo = (v: boolean | null) => (v === null ? tr("permit.missing") : v ? tr("permit.yes") : tr("permit.no"));
  for (const c of facts.cooking) {
    rows.push([
      tr("permit.cookingTitle"),
      `${c.spotCodes.join("+")} ${c.stallName}`,
      c.heatKind ? tr(`permit.heat_${c.heatKind}`) : tr("permit.missing"),
      `${tr("permit.frying")}: ${yesNo(c.deepFrying)} · ${tr("permit.extinguisher")}: ${yesNo(c.fireExtinguisher)}${c.missing.length ? ` · ${tr("permit.missing")}: ${c.missing.map((f) => tr(`permit.fact_${f}`)).join(", ")}` : ""}`,
    ]);
  }
  return toCsv([tr("permit.csvSection"), tr("permit.csvItem"), tr("permit.csvValue"), tr("permit.csvNote")], rows);
}

export function rentalCsv(facts: PermitFacts, language: "nl" | "en"): string {
  const tr = translator(language);
  const rows: CsvValue[][] = facts.rental.lines.map((l, i) => [i + 1, l.spotCodes.join("+"), l.side === "left" ? tr("permit.sideLeft") : l.side === "right" ? tr("permit.sideRight") : "", Math.round(l.alongM), l.count, `${l.sizeM} m`, l.stallName]);
  for (const s of facts.rental.sizes) rows.push(["", "", "", "", s.count, `${s.sizeM} m`, tr("permit.total")]);
  return toCsv([tr("permit.position"), tr("permit.spots"), tr("permit.side"), tr("permit.alongM"), tr("permit.rentalCount"), tr("permit.rentalSize"), tr("permit.stall")], rows);
}

/** What the PDFs print in their title block. */
export function marketOf(edition: EditionRow) {
  return db().select().from(t.markets).where(eq(t.markets.id, edition.marketId)).get();
}

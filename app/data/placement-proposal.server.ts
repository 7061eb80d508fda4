/**
 * The placement proposal's data (issue 14): builds the planner's input from the database, keeps
 * a fingerprint of what the plan was computed on, and accepts a plan (all, or some stalls) in one
 * transaction — refused when the data changed meanwhile — with undo of the accepted batch.
 */
import { createHash } from "node:crypto";
import { and, asc, eq, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import * as t from "#db/schema";
import { DEFAULT_WEIGHTS, planPlacements, type CategoryZone, type FixedPlacement, type Plan, type PlanInput, type PlanStall, type PlanWeights } from "~/rules/placement-plan";
import { wishesFromJson } from "~/rules/placement-wishes";
import { bumpPublicRevision, listAssignments, listSpots, listStallsToPlace, toFitSpot } from "./assignments.server";
import { recordAudit } from "./audit.server";
import { db, transaction, type DbOrTx, type Tx } from "./db.server";
import { listEventDays } from "./editions.server";
import { listLandmarks } from "./layout.server";

export type ProposalMode = "unplaced" | "replan";
export interface ProposalScope {
  /** One day, or every day of the edition. */
  day: number | "all";
  mode: ProposalMode;
}

export interface PlacementSettings {
  weights: PlanWeights;
  caps: Record<string, number>;
  zones: CategoryZone[];
  offerHours: number;
  offersPaused: boolean;
  extraPlaces: number;
  /** The date (YYYY-MM-DD) by which the organisers expect to decide on the waitlist, or null. */
  waitlistDecisionDate: string | null;
}

export function getPlacementSettings(editionId: number, conn: DbOrTx = db()): PlacementSettings {
  const row = conn.select().from(t.placementSettings).where(eq(t.placementSettings.editionId, editionId)).get();
  return {
    weights: { ...DEFAULT_WEIGHTS, ...(row ? (JSON.parse(row.weightsJson) as Partial<PlanWeights>) : {}) },
    caps: row ? (JSON.parse(row.capsJson) as Record<string, number>) : {},
    zones: row ? (JSON.parse(row.zonesJson) as CategoryZone[]) : [],
    offerHours: row?.offerHours ?? 48,
    offersPaused: row?.offersPaused ?? false,
    extraPlaces: row?.extraPlaces ?? 0,
    waitlistDecisionDate: row?.waitlistDecisionDate ?? null,
  };
}

export function savePlacementSettings(editionId: number, change: Partial<PlacementSettings>, organiserId: number | null, conn: DbOrTx = db()) {
  const current = getPlacementSettings(editionId, conn);
  const next = { ...current, ...change };
  const values = {
    editionId,
    weightsJson: JSON.stringify(next.weights),
    capsJson: JSON.stringify(next.caps),
    zonesJson: JSON.stringify(next.zones),
    offerHours: next.offerHours,
    offersPaused: next.offersPaused,
    extraPlaces: next.extraPlaces,
    waitlistDecisionDate: next.waitlistDecisionDate,
    updatedAt: new Date(),
  };
  conn.insert(t.placementSettings).values(values).onConflictDoUpdate({ target: t.placementSettings.editionId, set: values }).run();
  recordAudit(conn, { actor: organiserId ? { type: "organiser", organiserId } : { type: "system" }, editionId, entityType: "edition", entityId: editionId, action: "placement_settings_changed", detail: change as Record<string, unknown> });
  return next;
}

/**
 * What the goals page shows: the edition's categories (with how many are approved, next to a cap),
 * its spot codes (zones are checked against them) and the saved settings.
 */
export function placementGoalsView(editionId: number, conn: DbOrTx = db()) {
  const approved = new Map(
    conn
      .select({ categoryId: t.applications.categoryId, n: sql<number>`count(*)` })
      .from(t.applications)
      .where(and(eq(t.applications.editionId, editionId), eq(t.applications.reviewState, "approved")))
      .groupBy(t.applications.categoryId)
      .all()
      .map((r) => [r.categoryId, r.n]),
  );
  const categories = conn
    .select({ id: t.categories.id, key: t.categories.key, nameNl: t.categories.nameNl, nameEn: t.categories.nameEn })
    .from(t.categories)
    .where(eq(t.categories.editionId, editionId))
    .orderBy(asc(t.categories.sortOrder), asc(t.categories.id))
    .all()
    .map((c) => ({ ...c, approved: approved.get(c.id) ?? 0 }));
  return { categories, spotCodes: listSpots(editionId, conn).map((s) => s.code), settings: getPlacementSettings(editionId, conn) };
}

/** The goals in one line for the map editor's proposal panel: weights as stored, caps and zones by category name. */
export function placementGoalsSummary(editionId: number, conn: DbOrTx = db()) {
  const view = placementGoalsView(editionId, conn);
  const named = (key: string) => view.categories.find((c) => c.key === key);
  return {
    weights: view.settings.weights,
    caps: Object.entries(view.settings.caps).flatMap(([key, cap]) => {
      const c = named(key);
      return c ? [{ nameNl: c.nameNl, nameEn: c.nameEn, cap }] : [];
    }),
    zones: view.settings.zones.flatMap((z) => {
      const c = named(z.categoryKey);
      return c ? [{ nameNl: c.nameNl, nameEn: c.nameEn, spots: z.spotCodes.length }] : [];
    }),
  };
}

const normalise = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();

/** Last edition's spot codes per stallholder, matched by e-mail or stall name. */
function previousSpots(editionId: number, conn: DbOrTx) {
  const edition = conn.select().from(t.editions).where(eq(t.editions.id, editionId)).get();
  const byEmail = new Map<string, string[]>();
  const byName = new Map<string, string[]>();
  if (!edition) return { year: null as number | null, byEmail, byName };
  const previous = conn
    .select()
    .from(t.editions)
    .where(and(eq(t.editions.marketId, edition.marketId), lt(t.editions.year, edition.year), eq(t.editions.isDemo, edition.isDemo)))
    .orderBy(asc(t.editions.year))
    .all()
    .at(-1);
  if (!previous) return { year: null, byEmail, byName };
  const rows = conn
    .select({ email: t.applications.email, stallName: t.applications.stallName, code: t.spots.code })
    .from(t.assignmentSpots)
    .innerJoin(t.stallAssignments, eq(t.stallAssignments.id, t.assignmentSpots.assignmentId))
    .innerJoin(t.applications, eq(t.applications.id, t.stallAssignments.applicationId))
    .innerJoin(t.spots, eq(t.spots.id, t.assignmentSpots.spotId))
    .where(eq(t.applications.editionId, previous.id))
    .all();
  for (const row of rows) {
    for (const [map, key] of [[byEmail, row.email.toLowerCase()], [byName, normalise(row.stallName)]] as const) {
      const list = map.get(key) ?? [];
      if (!list.includes(row.code)) list.push(row.code);
      map.set(key, list);
    }
  }
  return { year: previous.year, byEmail, byName };
}

/** Where the church square is along the street: the along-position of the spot nearest to its landmark. */
function squareAlong(editionId: number, spots: { centreLat: number; centreLon: number; alongM: number }[]): number | undefined {
  const square = listLandmarks(editionId).find((l) => l.kind === "square");
  if (!square || spots.length === 0) return undefined;
  const geometry = JSON.parse(square.geometryJson) as { type: string; coordinates: unknown };
  let lon: number;
  let lat: number;
  if (geometry.type === "Point") [lon, lat] = geometry.coordinates as [number, number];
  else {
    const ring = (geometry.coordinates as [number, number][][])[0] ?? [];
    if (ring.length === 0) return undefined;
    lon = ring.reduce((s, p) => s + p[0], 0) / ring.length;
    lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  }
  let best = spots[0]!;
  let bestD = Infinity;
  for (const s of spots) {
    const d = (s.centreLat - lat) ** 2 + ((s.centreLon - lon) * Math.cos((lat * Math.PI) / 180)) ** 2;
    if (d < bestD) [best, bestD] = [s, d];
  }
  return best.alongM;
}

/**
 * Where each house number is along the street, from the numbers the organisers wrote on spots. A
 * house in front of two spots stands between them.
 */
function housesAlong(spots: { houseNumbers: string; side: "left" | "right" | null; alongM: number }[]): NonNullable<PlanInput["houses"]> {
  const byNumber = new Map<string, { side: "left" | "right" | null; along: number[] }>();
  for (const spot of spots) {
    for (const houseNumber of spot.houseNumbers.split(",").map((n) => n.trim()).filter(Boolean)) {
      const house = byNumber.get(houseNumber) ?? { side: spot.side, along: [] };
      house.along.push(spot.alongM);
      byNumber.set(houseNumber, house);
    }
  }
  return [...byNumber].map(([houseNumber, h]) => ({ houseNumber, side: h.side, alongM: h.along.reduce((a, b) => a + b, 0) / h.along.length }));
}

export interface BuiltInput {
  input: PlanInput;
  fingerprint: string;
  /** Assignments a re-plan would replace (not locked, on the plan's days). */
  replaceable: { assignmentId: number; applicationId: number; dayId: number; spotIds: number[]; locked: boolean }[];
}

export function buildPlanInput(editionId: number, scope: ProposalScope, conn: DbOrTx = db()): BuiltInput {
  const days = listEventDays(editionId, conn);
  const dayIds = scope.day === "all" ? days.map((d) => d.id) : days.filter((d) => d.id === scope.day).map((d) => d.id);
  const spotRows = listSpots(editionId, conn);
  const stalls = listStallsToPlace(editionId, conn);
  const extra = new Map(
    conn
      .select({ id: t.applications.id, email: t.applications.email, wishes: t.applications.placementWishesJson, version: t.applications.version })
      .from(t.applications)
      .where(and(eq(t.applications.editionId, editionId), eq(t.applications.reviewState, "approved")))
      .all()
      .map((r) => [r.id, r]),
  );
  const stallById = new Map(stalls.map((s) => [s.applicationId, s]));
  const lockRows = conn
    .select({ id: t.stallAssignments.id, locked: t.stallAssignments.locked })
    .from(t.stallAssignments)
    .innerJoin(t.applications, eq(t.applications.id, t.stallAssignments.applicationId))
    .where(eq(t.applications.editionId, editionId))
    .all();
  const lockedIds = new Set(lockRows.filter((r) => r.locked).map((r) => r.id));
  const assignments = listAssignments(editionId, conn).filter((a) => stallById.has(a.applicationId));
  const settings = getPlacementSettings(editionId, conn);
  const previous = previousSpots(editionId, conn);

  const fixed: FixedPlacement[] = [];
  const replaceable: BuiltInput["replaceable"] = [];
  for (const a of assignments) {
    const stall = stallById.get(a.applicationId)!;
    const locked = lockedIds.has(a.assignmentId);
    if (scope.mode === "replan" && !locked && dayIds.includes(a.dayId)) {
      replaceable.push({ assignmentId: a.assignmentId, applicationId: a.applicationId, dayId: a.dayId, spotIds: a.spotIds, locked });
      continue;
    }
    fixed.push({ applicationId: a.applicationId, stallName: stall.stallName, categoryKey: stall.categoryKey, dayId: a.dayId, spotIds: a.spotIds, locked });
  }
  const planStalls: PlanStall[] = stalls.map((s) => {
    const more = extra.get(s.applicationId);
    const codes = previous.byEmail.get(more?.email.toLowerCase() ?? "") ?? previous.byName.get(normalise(s.stallName));
    return {
      applicationId: s.applicationId,
      stallName: s.stallName,
      frontageCm: s.frontageCm,
      depthCm: s.depthCm,
      needsElectricity: s.needsElectricity,
      categoryKey: s.categoryKey,
      dayIds: s.dayIds,
      wishes: more ? wishesFromJson(more.wishes) : [],
      previousSpotCodes: codes,
      previousYear: codes ? (previous.year ?? undefined) : undefined,
    };
  });
  const input: PlanInput = {
    spots: spotRows.map(toFitSpot),
    dayIds,
    fixed,
    stalls: planStalls,
    weights: settings.weights,
    caps: settings.caps,
    zones: settings.zones,
    squareAlongM: squareAlong(editionId, spotRows),
    houses: housesAlong(spotRows),
  };
  // What the plan depends on: spots, assignments (with locks), approved stalls and settings.
  const hash = createHash("sha256");
  hash.update(JSON.stringify(scope));
  hash.update(JSON.stringify(spotRows.map((s) => [s.id, s.version])));
  hash.update(JSON.stringify(assignments.map((a) => [a.applicationId, a.dayId, [...a.spotIds].sort((x, y) => x - y), lockedIds.has(a.assignmentId)]).sort()));
  hash.update(JSON.stringify([...extra.values()].map((r) => [r.id, r.version]).sort()));
  hash.update(JSON.stringify(settings));
  return { input, fingerprint: hash.digest("hex").slice(0, 32), replaceable };
}

export function proposePlan(editionId: number, scope: ProposalScope, conn: DbOrTx = db()): { plan: Plan; fingerprint: string } {
  const built = buildPlanInput(editionId, scope, conn);
  return { plan: planPlacements(built.input), fingerprint: built.fingerprint };
}

export type AcceptResult =
  | { ok: true; batchId: number; placed: number; fresh: { plan: Plan; fingerprint: string } }
  | { ok: false; reason: "stale"; fresh: { plan: Plan; fingerprint: string } }
  | { ok: false; reason: "occupied"; fresh: { plan: Plan; fingerprint: string } }
  | { ok: false; reason: "nothing" };

class Stale extends Error {}

/**
 * Accepts the plan computed on `fingerprint` — all of it, or the placements of `applicationIds`.
 * Refused (nothing written) when the data changed since the preview; the answer then carries a
 * fresh plan. In re-plan mode the accepted stalls' unlocked placements on the plan's days are
 * replaced (and kept in the batch for undo).
 */
export function acceptPlan(input: { editionId: number; scope: ProposalScope; fingerprint: string; applicationIds?: number[]; organiserId: number | null }): AcceptResult {
  try {
    return transaction((tx): AcceptResult => {
      const built = buildPlanInput(input.editionId, input.scope, tx);
      if (built.fingerprint !== input.fingerprint) throw new Stale();
      const plan = planPlacements(built.input);
      const chosen = plan.placements.filter((p) => !input.applicationIds || input.applicationIds.includes(p.applicationId));
      if (chosen.length === 0) return { ok: false, reason: "nothing" };
      const chosenIds = new Set(chosen.map((p) => p.applicationId));
      const replaced = built.replaceable.filter((r) => chosenIds.has(r.applicationId));
      if (replaced.length > 0) tx.delete(t.stallAssignments).where(inArray(t.stallAssignments.id, replaced.map((r) => r.assignmentId))).run();
      const batch = tx
        .insert(t.placementBatches)
        .values({ editionId: input.editionId, organiserId: input.organiserId, replacedJson: JSON.stringify(replaced.map(({ assignmentId: _id, ...rest }) => rest)) })
        .returning({ id: t.placementBatches.id })
        .get();
      // A re-planned stall may take a spot another (not accepted) stall still has: the unique
      // index refuses it and the whole batch rolls back.
      insertPlacements(tx, chosen, batch.id, input.organiserId);
      recordAudit(tx, {
        actor: input.organiserId ? { type: "organiser", organiserId: input.organiserId } : { type: "system" },
        editionId: input.editionId,
        entityType: "edition",
        entityId: input.editionId,
        action: "placement_proposal_accepted",
        detail: { batchId: batch.id, stalls: chosen.map((p) => ({ applicationId: p.applicationId, spots: p.spotCodes, dayIds: p.dayIds })) },
      });
      bumpPublicRevision(input.editionId, tx);
      return { ok: true, batchId: batch.id, placed: chosen.length, fresh: proposePlan(input.editionId, input.scope, tx) };
    });
  } catch (error) {
    if (error instanceof Stale) return { ok: false, reason: "stale", fresh: proposePlan(input.editionId, input.scope) };
    // Inside the transaction nobody else writes: a refused spot is held by a stall of this
    // re-plan that was not accepted with it.
    if (String(error).includes("UNIQUE constraint failed")) return { ok: false, reason: "occupied", fresh: proposePlan(input.editionId, input.scope) };
    throw error;
  }
}

function insertPlacements(tx: Tx, placements: { applicationId: number; dayIds: number[]; spotIds: number[]; locked?: boolean }[], batchId: number | null, organiserId: number | null) {
  for (const p of placements) {
    for (const dayId of p.dayIds) {
      const row = tx
        .insert(t.stallAssignments)
        .values({ applicationId: p.applicationId, eventDayId: dayId, assignedByOrganiserId: organiserId, proposalBatchId: batchId, locked: p.locked ?? false, acceptReason: batchId ? "placement proposal" : "" })
        .returning({ id: t.stallAssignments.id })
        .get();
      tx.insert(t.assignmentSpots).values(p.spotIds.map((spotId) => ({ assignmentId: row.id, eventDayId: dayId, spotId }))).run();
    }
  }
}

/** Removes an accepted batch and puts back what it replaced; refused when the map changed so that cannot be done cleanly. */
export function undoBatch(editionId: number, batchId: number, organiserId: number | null): { ok: boolean; removed: number } {
  try {
    return transaction((tx) => {
      const batch = tx
        .select()
        .from(t.placementBatches)
        .where(and(eq(t.placementBatches.id, batchId), eq(t.placementBatches.editionId, editionId), isNull(t.placementBatches.undoneAt)))
        .get();
      if (!batch) return { ok: false, removed: 0 };
      const removed = tx.delete(t.stallAssignments).where(eq(t.stallAssignments.proposalBatchId, batchId)).run().changes;
      const replaced = JSON.parse(batch.replacedJson) as { applicationId: number; dayId: number; spotIds: number[]; locked: boolean }[];
      insertPlacements(tx, replaced.map((r) => ({ applicationId: r.applicationId, dayIds: [r.dayId], spotIds: r.spotIds, locked: r.locked })), null, organiserId);
      tx.update(t.placementBatches).set({ undoneAt: new Date() }).where(eq(t.placementBatches.id, batchId)).run();
      recordAudit(tx, { actor: organiserId ? { type: "organiser", organiserId } : { type: "system" }, editionId, entityType: "edition", entityId: editionId, action: "placement_proposal_undone", detail: { batchId, removed } });
      bumpPublicRevision(editionId, tx);
      return { ok: true, removed };
    });
  } catch (error) {
    if (String(error).includes("UNIQUE constraint failed")) return { ok: false, removed: 0 };
    throw error;
  }
}

/** Locks (or unlocks) placements: all of the edition's, or one stall's. A locked placement is never moved by a proposal. */
export function setLocked(editionId: number, locked: boolean, applicationId: number | null, organiserId: number | null): number {
  return transaction((tx) => {
    const ids = tx
      .select({ id: t.stallAssignments.id })
      .from(t.stallAssignments)
      .innerJoin(t.applications, eq(t.applications.id, t.stallAssignments.applicationId))
      .where(and(eq(t.applications.editionId, editionId), applicationId === null ? undefined : eq(t.applications.id, applicationId), ne(t.stallAssignments.locked, locked)))
      .all()
      .map((r) => r.id);
    if (ids.length > 0) tx.update(t.stallAssignments).set({ locked }).where(inArray(t.stallAssignments.id, ids)).run();
    recordAudit(tx, { actor: organiserId ? { type: "organiser", organiserId } : { type: "system" }, editionId, entityType: "edition", entityId: editionId, action: locked ? "placements_locked" : "placements_unlocked", detail: { applicationId, count: ids.length } });
    return ids.length;
  });
}

export function lockedCount(editionId: number, conn: DbOrTx = db()) {
  const rows = conn
    .select({ locked: t.stallAssignments.locked })
    .from(t.stallAssignments)
    .innerJoin(t.applications, eq(t.applications.id, t.stallAssignments.applicationId))
    .where(eq(t.applications.editionId, editionId))
    .all();
  return { locked: rows.filter((r) => r.locked).length, total: rows.length };
}

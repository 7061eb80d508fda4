/**
 * Spots and assignments of an edition: what the organisers' map editor reads, and every change it
 * makes. Each change runs in one IMMEDIATE transaction; the unique index on (spot, day) is the
 * final word when two organisers take the same spot at the same moment.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import * as t from "#db/schema";
import {
  checkFit,
  runFrom,
  needsAcceptReason,
  unacceptedWarnings,
  type FitSpot,
  type FitStall,
  type HardProblem,
  type Occupancy,
  type Warning,
  type WarningCode,
} from "~/rules/spot-fit";
import { recordAudit } from "./audit.server";
import { db, transaction, type DbOrTx, type Tx } from "./db.server";

export type SpotRow = typeof t.spots.$inferSelect;

export function listSpots(editionId: number, conn: DbOrTx = db()): SpotRow[] {
  return conn.select().from(t.spots).where(eq(t.spots.editionId, editionId)).orderBy(asc(t.spots.side), asc(t.spots.alongM), asc(t.spots.code)).all();
}

export function toFitSpot(row: SpotRow): FitSpot {
  return {
    id: row.id,
    code: row.code,
    side: row.side,
    alongM: row.alongM,
    widthCm: row.widthCm,
    depthCm: row.depthCm,
    hasElectricity: row.hasElectricity,
    kind: row.kind,
  };
}

/** Stalls the editor can place: approved applications of the edition, with what placing needs. */
export function listStallsToPlace(editionId: number, conn: DbOrTx = db()) {
  const rows = conn
    .select({
      applicationId: t.applications.id,
      stallName: t.applications.stallName,
      frontageCm: t.applications.frontageCm,
      depthCm: t.applications.depthCm,
      needsElectricity: t.applications.needsElectricity,
      paymentState: t.applications.paymentState,
      arrivalState: t.applications.arrivalState,
      categoryKey: t.categories.key,
      categoryId: t.categories.id,
    })
    .from(t.applications)
    .innerJoin(t.categories, eq(t.categories.id, t.applications.categoryId))
    .where(and(eq(t.applications.editionId, editionId), eq(t.applications.reviewState, "approved")))
    .orderBy(asc(t.applications.stallName))
    .all();
  const days = daysByApplication(rows.map((r) => r.applicationId), conn);
  return rows.map((row) => ({ ...row, dayIds: days.get(row.applicationId) ?? [] }));
}

function daysByApplication(applicationIds: number[], conn: DbOrTx): Map<number, number[]> {
  const result = new Map<number, number[]>();
  if (applicationIds.length === 0) return result;
  const rows = conn
    .select()
    .from(t.applicationDays)
    .where(inArray(t.applicationDays.applicationId, applicationIds))
    .all();
  for (const row of rows) result.set(row.applicationId, [...(result.get(row.applicationId) ?? []), row.eventDayId]);
  return result;
}

export interface AssignmentView {
  assignmentId: number;
  applicationId: number;
  dayId: number;
  spotIds: number[];
  acceptedWarnings: WarningCode[];
  acceptReason: string;
}

export function listAssignments(editionId: number, conn: DbOrTx = db()): AssignmentView[] {
  const rows = conn
    .select({
      assignmentId: t.stallAssignments.id,
      applicationId: t.stallAssignments.applicationId,
      dayId: t.stallAssignments.eventDayId,
      acceptedWarningsJson: t.stallAssignments.acceptedWarningsJson,
      acceptReason: t.stallAssignments.acceptReason,
      spotId: t.assignmentSpots.spotId,
    })
    .from(t.stallAssignments)
    .innerJoin(t.applications, eq(t.applications.id, t.stallAssignments.applicationId))
    .leftJoin(t.assignmentSpots, eq(t.assignmentSpots.assignmentId, t.stallAssignments.id))
    .where(eq(t.applications.editionId, editionId))
    .all();
  const byId = new Map<number, AssignmentView>();
  for (const row of rows) {
    const view = byId.get(row.assignmentId) ?? {
      assignmentId: row.assignmentId,
      applicationId: row.applicationId,
      dayId: row.dayId,
      spotIds: [],
      acceptedWarnings: JSON.parse(row.acceptedWarningsJson) as WarningCode[],
      acceptReason: row.acceptReason,
    };
    if (row.spotId !== null) view.spotIds.push(row.spotId);
    byId.set(row.assignmentId, view);
  }
  return [...byId.values()];
}

/** Who stands on which spot on `dayId`. */
function occupancyOn(editionId: number, dayId: number, conn: DbOrTx): Occupancy {
  const rows = conn
    .select({
      spotId: t.assignmentSpots.spotId,
      applicationId: t.stallAssignments.applicationId,
      stallName: t.applications.stallName,
      categoryKey: t.categories.key,
    })
    .from(t.assignmentSpots)
    .innerJoin(t.stallAssignments, eq(t.stallAssignments.id, t.assignmentSpots.assignmentId))
    .innerJoin(t.applications, eq(t.applications.id, t.stallAssignments.applicationId))
    .innerJoin(t.categories, eq(t.categories.id, t.applications.categoryId))
    .where(and(eq(t.assignmentSpots.eventDayId, dayId), eq(t.applications.editionId, editionId)))
    .all();
  return new Map(rows.map(({ spotId, ...rest }) => [spotId, rest]));
}

export type AssignResult =
  | { ok: true; dayIds: number[]; warnings: Warning[] }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "hard"; dayId: number; problems: HardProblem[] }
  | { ok: false; reason: "warnings"; dayId: number; warnings: Warning[] }
  | { ok: false; reason: "reason_required"; warnings: Warning[] };

export interface AssignInput {
  editionId: number;
  applicationId: number;
  spotIds: number[];
  /** Days to assign; undefined = all the days the stall applied for (the default). */
  dayIds?: number[];
  acceptedWarnings?: WarningCode[];
  acceptReason?: string;
  organiserId: number | null;
}

/**
 * Puts a stall on a spot (or a run of adjacent spots) on its days, replacing where it stood on
 * those days. Hard problems refuse; warnings refuse unless accepted (with a reason).
 */
export function assignStall(input: AssignInput, conn?: Tx): AssignResult {
  const work = (tx: Tx): AssignResult => {
    const stall = loadFitStall(input.editionId, input.applicationId, tx);
    if (!stall) return { ok: false, reason: "not_found" };
    const all = listSpots(input.editionId, tx).map(toFitSpot);
    const run = input.spotIds.map((id) => all.find((s) => s.id === id)).filter((s): s is FitSpot => Boolean(s));
    if (run.length !== input.spotIds.length || run.length === 0) return { ok: false, reason: "not_found" };
    const dayIds = input.dayIds ?? stall.dayIds;
    if (dayIds.length === 0) return { ok: false, reason: "hard", dayId: 0, problems: [{ code: "day_not_applied" }] };
    const accepted = input.acceptedWarnings ?? [];
    const allWarnings: Warning[] = [];
    for (const dayId of dayIds) {
      const fit = checkFit(stall, run, dayId, occupancyOn(input.editionId, dayId, tx), all);
      if (fit.hard.length > 0) return { ok: false, reason: "hard", dayId, problems: fit.hard };
      const open = unacceptedWarnings(fit, accepted);
      if (open.length > 0) return { ok: false, reason: "warnings", dayId, warnings: open };
      allWarnings.push(...fit.warnings);
    }
    if (needsAcceptReason(allWarnings, input.acceptReason)) return { ok: false, reason: "reason_required", warnings: allWarnings };
    for (const dayId of dayIds) {
      tx.delete(t.stallAssignments)
        .where(and(eq(t.stallAssignments.applicationId, stall.applicationId), eq(t.stallAssignments.eventDayId, dayId)))
        .run();
      const assignment = tx
        .insert(t.stallAssignments)
        .values({
          applicationId: stall.applicationId,
          eventDayId: dayId,
          acceptedWarningsJson: JSON.stringify([...new Set(allWarnings.map((w) => w.code))].filter((c) => accepted.includes(c))),
          acceptReason: allWarnings.length > 0 ? (input.acceptReason ?? "").trim() : "",
          assignedByOrganiserId: input.organiserId,
        })
        .returning({ id: t.stallAssignments.id })
        .get();
      tx.insert(t.assignmentSpots)
        .values(run.map((spot) => ({ assignmentId: assignment.id, eventDayId: dayId, spotId: spot.id })))
        .run();
    }
    recordAudit(tx, {
      actor: input.organiserId ? { type: "organiser", organiserId: input.organiserId } : { type: "system" },
      editionId: input.editionId,
      entityType: "application",
      entityId: stall.applicationId,
      action: "assigned",
      detail: { spots: run.map((s) => s.code), dayIds, acceptedWarnings: accepted, reason: input.acceptReason ?? "" },
    });
    bumpPublicRevision(input.editionId, tx);
    return { ok: true, dayIds, warnings: allWarnings };
  };
  try {
    return conn ? work(conn) : transaction(work);
  } catch (error) {
    // Another organiser took one of these spot-days between our check and our write: the unique
    // index refused it. Say who has it now.
    if (String(error).includes("UNIQUE constraint failed: assignment_spots.spot_id")) {
      return raceRefusal(input);
    }
    throw error;
  }
}

function raceRefusal(input: AssignInput): AssignResult {
  const stall = loadFitStall(input.editionId, input.applicationId, db());
  const dayIds = input.dayIds ?? stall?.dayIds ?? [];
  for (const dayId of dayIds) {
    const occupancy = occupancyOn(input.editionId, dayId, db());
    for (const spotId of input.spotIds) {
      const occupant = occupancy.get(spotId);
      if (occupant && occupant.applicationId !== input.applicationId) {
        const code = db().select({ code: t.spots.code }).from(t.spots).where(eq(t.spots.id, spotId)).get()?.code ?? "";
        return { ok: false, reason: "hard", dayId, problems: [{ code: "spot_taken", spotCode: code, takenBy: occupant.stallName }] };
      }
    }
  }
  return { ok: false, reason: "hard", dayId: dayIds[0] ?? 0, problems: [{ code: "spot_taken", spotCode: "", takenBy: "" }] };
}

function loadFitStall(editionId: number, applicationId: number, conn: DbOrTx): FitStall | undefined {
  const row = conn
    .select({
      applicationId: t.applications.id,
      stallName: t.applications.stallName,
      frontageCm: t.applications.frontageCm,
      depthCm: t.applications.depthCm,
      needsElectricity: t.applications.needsElectricity,
      categoryKey: t.categories.key,
      reviewState: t.applications.reviewState,
    })
    .from(t.applications)
    .innerJoin(t.categories, eq(t.categories.id, t.applications.categoryId))
    .where(and(eq(t.applications.id, applicationId), eq(t.applications.editionId, editionId)))
    .get();
  // Only approved stalls are placed on the street.
  if (!row || row.reviewState !== "approved") return undefined;
  const { reviewState: _reviewState, ...stall } = row;
  return { ...stall, dayIds: daysByApplication([applicationId], conn).get(applicationId) ?? [] };
}

export function unassignStall(
  input: { editionId: number; applicationId: number; dayIds?: number[]; organiserId: number | null },
): { ok: boolean } {
  return transaction((tx) => {
    const owned = tx
      .select({ id: t.applications.id })
      .from(t.applications)
      .where(and(eq(t.applications.id, input.applicationId), eq(t.applications.editionId, input.editionId)))
      .get();
    if (!owned) return { ok: false };
    const where = input.dayIds
      ? and(eq(t.stallAssignments.applicationId, input.applicationId), inArray(t.stallAssignments.eventDayId, input.dayIds))
      : eq(t.stallAssignments.applicationId, input.applicationId);
    const removed = tx.delete(t.stallAssignments).where(where).run().changes;
    if (removed > 0) {
      recordAudit(tx, {
        actor: input.organiserId ? { type: "organiser", organiserId: input.organiserId } : { type: "system" },
        editionId: input.editionId,
        entityType: "application",
        entityId: input.applicationId,
        action: "unassigned",
        detail: { dayIds: input.dayIds ?? "all" },
      });
      bumpPublicRevision(input.editionId, tx);
    }
    return { ok: removed > 0 };
  });
}

/**
 * Swaps where two stalls stand on one day, in one transaction. Hard rules still hold; warnings
 * are reported, not refused (the organiser sees them on the map and can accept them there).
 */
export function swapStalls(
  input: { editionId: number; firstId: number; secondId: number; dayId: number; organiserId: number | null },
): AssignResult {
  return transaction((tx) => {
    const current = listAssignments(input.editionId, tx).filter((a) => a.dayId === input.dayId);
    const first = current.find((a) => a.applicationId === input.firstId);
    const second = current.find((a) => a.applicationId === input.secondId);
    if (!first || !second) return { ok: false, reason: "not_found" };
    tx.delete(t.stallAssignments).where(inArray(t.stallAssignments.id, [first.assignmentId, second.assignmentId])).run();
    const everything: WarningCode[] = ["too_small", "no_electricity", "same_category_neighbour"];
    const a = assignStall({ editionId: input.editionId, applicationId: input.firstId, spotIds: second.spotIds, dayIds: [input.dayId], acceptedWarnings: everything, acceptReason: "swap", organiserId: input.organiserId }, tx);
    if (!a.ok) throw new SwapRefused(a);
    const b = assignStall({ editionId: input.editionId, applicationId: input.secondId, spotIds: first.spotIds, dayIds: [input.dayId], acceptedWarnings: everything, acceptReason: "swap", organiserId: input.organiserId }, tx);
    if (!b.ok) throw new SwapRefused(b);
    return { ok: true, dayIds: [input.dayId], warnings: [...a.warnings, ...b.warnings] };
  });
}

class SwapRefused extends Error {
  constructor(readonly result: AssignResult) {
    super("swap refused");
  }
}

/** Published map data changes: public caches (ETag, service worker) see a new revision. */
export function bumpPublicRevision(editionId: number, conn: DbOrTx) {
  conn.update(t.editions).set({ publicRevision: sql`${t.editions.publicRevision} + 1` }).where(eq(t.editions.id, editionId)).run();
}

export function publishMap(editionId: number, organiserId: number, now = new Date()) {
  return transaction((tx) => {
    tx.update(t.editions).set({ mapPublishedAt: now }).where(eq(t.editions.id, editionId)).run();
    bumpPublicRevision(editionId, tx);
    recordAudit(tx, { actor: { type: "organiser", organiserId }, editionId, entityType: "edition", entityId: editionId, action: "map_published" });
  });
}

export function unpublishMap(editionId: number, organiserId: number) {
  return transaction((tx) => {
    tx.update(t.editions).set({ mapPublishedAt: null }).where(eq(t.editions.id, editionId)).run();
    bumpPublicRevision(editionId, tx);
    recordAudit(tx, { actor: { type: "organiser", organiserId }, editionId, entityType: "edition", entityId: editionId, action: "map_unpublished" });
  });
}

/**
 * A stall dropped on one spot: it takes that spot and, when wider, the adjacent free spots its
 * frontage needs (rules/spot-fit `runFrom`), then the ordinary assignment with all its checks.
 */
export function assignStallFromSpot(input: Omit<AssignInput, "spotIds"> & { spotId: number }): AssignResult {
  const stall = loadFitStall(input.editionId, input.applicationId, db());
  const all = listSpots(input.editionId).map(toFitSpot);
  const start = all.find((s) => s.id === input.spotId);
  if (!stall || !start) return { ok: false, reason: "not_found" };
  const firstDay = (input.dayIds ?? stall.dayIds)[0];
  const occupancy = firstDay ? occupancyOn(input.editionId, firstDay, db()) : new Map();
  const run = runFrom(start, stall, all, occupancy);
  return assignStall({ ...input, spotIds: run.map((s) => s.id) });
}

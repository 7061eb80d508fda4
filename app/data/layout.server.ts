/**
 * The street layout of an edition: the street line, spots and landmarks, as the organisers edit
 * them on the map. Assignments on surviving spot codes are kept when the layout is regenerated.
 */
import { and, eq, inArray, notExists, sql } from "drizzle-orm";
import * as t from "#db/schema";
import {
  generateSpots,
  polygonsOverlap,
  rectangleAt,
  validateLine,
  validateParams,
  type GeneratedSpot,
  type LayoutParams,
  type LngLat,
  type PolygonGeometry,
} from "~/rules/layout-geometry";
import { planRegeneration, type RegenerationPlan } from "~/rules/layout-regeneration";
import { newSpotSizeCm, spotShapeProblem, type SpotShapeProblem } from "~/rules/spot-geometry";
import { recordAudit } from "./audit.server";
import { bumpPublicRevision, listAssignments, listSpots, type SpotRow } from "./assignments.server";
import { db, transaction, type DbOrTx, type Tx } from "./db.server";
import { getEdition } from "./editions.server";

type SpotKind = (typeof t.SPOT_KINDS)[number];

/** A generated spot as the columns of a spot row (its place and shape; not its attributes). */
export function generatedSpotColumns(spot: GeneratedSpot) {
  return {
    code: spot.code,
    side: spot.side,
    alongM: spot.alongM,
    polygonJson: JSON.stringify(spot.polygon),
    centreLon: spot.centre[0],
    centreLat: spot.centre[1],
    bearingDeg: spot.bearingDeg,
    widthCm: Math.round(spot.widthM * 100),
    depthCm: Math.round(spot.depthM * 100),
  };
}

export interface SpotShapeInput {
  centre: LngLat;
  widthCm: number;
  depthCm: number;
  bearingDeg: number;
}

export interface SpotAttributes {
  hasElectricity: boolean;
  hasWater: boolean;
  kind: SpotKind;
  note: string;
  /** Normalised, "12, 14a" (see parseHouseNumberList). */
  houseNumbers: string;
}

export type SpotChangeResult =
  | { ok: true; spot: SpotRow }
  | { ok: false; problem: SpotShapeProblem | "not_found" | "stale" | "code_taken" | "assigned_cannot_block" }
  | { ok: false; problem: "overlaps_spot"; overlapsCode: string };

/** The first other spot of the edition that the new shape would lie over (a drag or resize too far). */
function overlappedSpot(tx: DbOrTx, editionId: number, polygon: PolygonGeometry, exceptSpotId: number | null): string | null {
  const others = tx.select({ id: t.spots.id, code: t.spots.code, polygonJson: t.spots.polygonJson }).from(t.spots).where(eq(t.spots.editionId, editionId)).all();
  for (const other of others) {
    if (other.id === exceptSpotId) continue;
    if (polygonsOverlap(polygon, JSON.parse(other.polygonJson) as PolygonGeometry)) return other.code;
  }
  return null;
}

function shapeOf(input: SpotShapeInput): PolygonGeometry {
  return rectangleAt(input.centre, input.widthCm / 100, input.depthCm / 100, input.bearingDeg);
}

/** Moves, rotates, resizes and re-attributes one spot; refused when someone else changed it meanwhile. */
export function updateSpot(
  editionId: number,
  spotId: number,
  change: SpotShapeInput & SpotAttributes & { version: number },
  organiserId: number,
): SpotChangeResult {
  const polygon = shapeOf(change);
  const problem = spotShapeProblem(polygon);
  if (problem) return { ok: false, problem };
  return transaction((tx) => {
    const spot = tx.select().from(t.spots).where(and(eq(t.spots.id, spotId), eq(t.spots.editionId, editionId))).get();
    if (!spot) return { ok: false, problem: "not_found" };
    if (spot.version !== change.version) return { ok: false, problem: "stale" };
    if (change.kind === "blocked" && spotIsAssigned(spotId, tx)) return { ok: false, problem: "assigned_cannot_block" };
    const overlapsCode = overlappedSpot(tx, editionId, polygon, spotId);
    if (overlapsCode) return { ok: false, problem: "overlaps_spot", overlapsCode };
    const updated = tx
      .update(t.spots)
      .set({
        polygonJson: JSON.stringify(polygon),
        centreLon: change.centre[0],
        centreLat: change.centre[1],
        widthCm: change.widthCm,
        depthCm: change.depthCm,
        bearingDeg: change.bearingDeg,
        hasElectricity: change.hasElectricity,
        hasWater: change.hasWater,
        kind: change.kind,
        note: change.note,
        houseNumbers: change.houseNumbers,
        version: spot.version + 1,
      })
      .where(eq(t.spots.id, spotId))
      .returning()
      .get();
    recordAudit(tx, { actor: { type: "organiser", organiserId }, editionId, entityType: "spot", entityId: spotId, action: "spot_changed", detail: { code: spot.code } });
    bumpPublicRevision(editionId, tx);
    return { ok: true, spot: updated };
  });
}

/** Runs inside a layout write's transaction with the ids of the spots it added (the waitlist offers them). */
export type AfterSpotsAdded = (tx: Tx, spotIds: number[]) => void;

export function addSpot(
  editionId: number,
  input: SpotShapeInput & SpotAttributes & { code: string; side: "left" | "right" | null; alongM: number },
  organiserId: number,
  afterAdd?: AfterSpotsAdded,
): SpotChangeResult {
  const polygon = shapeOf(input);
  const problem = spotShapeProblem(polygon);
  if (problem) return { ok: false, problem };
  return transaction((tx) => {
    const taken = tx.select({ id: t.spots.id }).from(t.spots).where(and(eq(t.spots.editionId, editionId), eq(t.spots.code, input.code))).get();
    if (taken) return { ok: false, problem: "code_taken" };
    const overlapsCode = overlappedSpot(tx, editionId, polygon, null);
    if (overlapsCode) return { ok: false, problem: "overlaps_spot", overlapsCode };
    const spot = tx
      .insert(t.spots)
      .values({
        editionId,
        code: input.code,
        side: input.side,
        alongM: input.alongM,
        polygonJson: JSON.stringify(polygon),
        centreLon: input.centre[0],
        centreLat: input.centre[1],
        bearingDeg: input.bearingDeg,
        widthCm: input.widthCm,
        depthCm: input.depthCm,
        hasElectricity: input.hasElectricity,
        hasWater: input.hasWater,
        kind: input.kind,
        note: input.note,
        houseNumbers: input.houseNumbers,
      })
      .returning()
      .get();
    recordAudit(tx, { actor: { type: "organiser", organiserId }, editionId, entityType: "spot", entityId: spot.id, action: "spot_added", detail: { code: spot.code } });
    bumpPublicRevision(editionId, tx);
    afterAdd?.(tx, [spot.id]);
    return { ok: true, spot };
  });
}

/** A spot added by hand in the editor: sized like the layout's spots (or one stall unit), no power or water yet. */
export function addSpotByHand(editionId: number, input: { code: string; centre: LngLat; bearingDeg: number }, organiserId: number, afterAdd?: AfterSpotsAdded): SpotChangeResult {
  const edition = getEdition(editionId);
  if (!edition) return { ok: false, problem: "not_found" };
  const size = newSpotSizeCm({ stallUnitCm: edition.stallUnitCm, layout: currentLayoutParams(editionId).params });
  return addSpot(editionId, { ...input, ...size, side: null, alongM: 0, hasElectricity: false, hasWater: false, kind: "stall", note: "", houseNumbers: "" }, organiserId, afterAdd);
}

/** Deletes a spot; a stall standing on it loses that spot (and its assignment when it had no other). */
export function deleteSpot(editionId: number, spotId: number, organiserId: number): { ok: boolean } {
  return transaction((tx) => {
    const spot = tx.select().from(t.spots).where(and(eq(t.spots.id, spotId), eq(t.spots.editionId, editionId))).get();
    if (!spot) return { ok: false };
    tx.delete(t.spots).where(eq(t.spots.id, spotId)).run();
    removeEmptyAssignments(tx);
    recordAudit(tx, { actor: { type: "organiser", organiserId }, editionId, entityType: "spot", entityId: spotId, action: "spot_deleted", detail: { code: spot.code } });
    bumpPublicRevision(editionId, tx);
    return { ok: true };
  });
}

function spotIsAssigned(spotId: number, tx: Tx): boolean {
  return tx.select({ n: sql<number>`count(*)` }).from(t.assignmentSpots).where(eq(t.assignmentSpots.spotId, spotId)).get()!.n > 0;
}

/** An assignment whose spots were all deleted no longer places the stall anywhere. */
function removeEmptyAssignments(tx: Tx) {
  tx.delete(t.stallAssignments)
    .where(notExists(tx.select({ one: sql`1` }).from(t.assignmentSpots).where(eq(t.assignmentSpots.assignmentId, t.stallAssignments.id))))
    .run();
}

export type RegenerationPreview =
  | { ok: true; plan: RegenerationPlan; spots: GeneratedSpot[] }
  /** `problems` are for the log; `kind` says which sentence a person reads (editor.layout_<kind>). */
  | { ok: false; problems: string[]; kind: "line" | "params" | "generation" };

/** What regenerating along `line` with `params` would do, without changing anything. */
export function previewRegeneration(editionId: number, line: LngLat[], params: LayoutParams): RegenerationPreview {
  const lineProblems = validateLine(line);
  if (lineProblems.length > 0) return { ok: false, problems: lineProblems, kind: "line" };
  const paramProblems = validateParams(params);
  if (paramProblems.length > 0) return { ok: false, problems: paramProblems, kind: "params" };
  let generated: GeneratedSpot[];
  try {
    generated = generateSpots(line, params);
  } catch (error) {
    return { ok: false, problems: [error instanceof Error ? error.message : String(error)], kind: "generation" };
  }
  const spots = listSpots(editionId);
  const current = listAssignments(editionId);
  const names = applicationNames(current.map((a) => a.applicationId));
  const assignments = current.flatMap((a) =>
    a.spotIds.map((spotId) => ({ spotId, applicationId: a.applicationId, dayId: a.dayId, stallName: names.get(a.applicationId) ?? "" })),
  );
  return { ok: true, plan: planRegeneration(spots, generated.map((s) => s.code), assignments), spots: generated };
}

function applicationNames(ids: number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  const rows = db().select({ id: t.applications.id, name: t.applications.stallName }).from(t.applications).where(inArray(t.applications.id, [...new Set(ids)])).all();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Replaces the layout: spots whose code survives are updated in place (their assignments stay),
 * new codes are added, vanished codes are deleted with their assignments. Spot attributes
 * (power, water, kind) survive on kept codes. One transaction.
 */
export function applyRegeneration(editionId: number, line: LngLat[], params: LayoutParams, organiserId: number, afterAdd?: AfterSpotsAdded): RegenerationPreview {
  const preview = previewRegeneration(editionId, line, params);
  if (!preview.ok) return preview;
  transaction((tx) => {
    const existing = new Map(listSpots(editionId, tx).map((s) => [s.code, s]));
    const keep = new Set(preview.spots.map((s) => s.code));
    const removedIds = [...existing.values()].filter((s) => !keep.has(s.code)).map((s) => s.id);
    const addedIds: number[] = [];
    if (removedIds.length > 0) tx.delete(t.spots).where(inArray(t.spots.id, removedIds)).run();
    for (const spot of preview.spots) {
      const { code: _code, ...values } = generatedSpotColumns(spot);
      const old = existing.get(spot.code);
      if (old) tx.update(t.spots).set({ ...values, version: old.version + 1 }).where(eq(t.spots.id, old.id)).run();
      else addedIds.push(tx.insert(t.spots).values({ editionId, code: spot.code, ...values }).returning({ id: t.spots.id }).get().id);
    }
    removeEmptyAssignments(tx);
    tx.update(t.editions)
      .set({ streetLineJson: JSON.stringify(line), layoutParamsJson: JSON.stringify(params) })
      .where(eq(t.editions.id, editionId))
      .run();
    recordAudit(tx, {
      actor: { type: "organiser", organiserId },
      editionId,
      entityType: "edition",
      entityId: editionId,
      action: "layout_regenerated",
      detail: { kept: preview.plan.kept.length, added: preview.plan.added, removed: preview.plan.removed, lostAssignments: preview.plan.lostAssignments.length },
    });
    bumpPublicRevision(editionId, tx);
    afterAdd?.(tx, addedIds);
  });
  return preview;
}

export function currentLayoutParams(editionId: number): { line: LngLat[]; params: LayoutParams | null } {
  const edition = getEdition(editionId);
  if (!edition) return { line: [], params: null };
  const params = JSON.parse(edition.layoutParamsJson) as Partial<LayoutParams>;
  return {
    line: JSON.parse(edition.streetLineJson) as LngLat[],
    params: params.spotWidthM ? (params as LayoutParams) : null,
  };
}

type LandmarkKind = (typeof t.LANDMARK_KINDS)[number];

export function addLandmark(
  editionId: number,
  input: { kind: LandmarkKind; nameNl: string; nameEn: string; position: LngLat },
  organiserId: number,
) {
  return transaction((tx) => {
    const row = tx
      .insert(t.landmarks)
      .values({ editionId, kind: input.kind, nameNl: input.nameNl, nameEn: input.nameEn, geometryJson: JSON.stringify({ type: "Point", coordinates: input.position }) })
      .returning()
      .get();
    recordAudit(tx, { actor: { type: "organiser", organiserId }, editionId, entityType: "landmark", entityId: row.id, action: "landmark_added" });
    bumpPublicRevision(editionId, tx);
    return row;
  });
}

export function moveLandmark(editionId: number, landmarkId: number, position: LngLat, organiserId: number): boolean {
  return transaction((tx) => {
    const landmark = tx.select().from(t.landmarks).where(and(eq(t.landmarks.id, landmarkId), eq(t.landmarks.editionId, editionId))).get();
    if (!landmark || JSON.parse(landmark.geometryJson).type !== "Point") return false;
    tx.update(t.landmarks).set({ geometryJson: JSON.stringify({ type: "Point", coordinates: position }) }).where(eq(t.landmarks.id, landmarkId)).run();
    recordAudit(tx, { actor: { type: "organiser", organiserId }, editionId, entityType: "landmark", entityId: landmarkId, action: "landmark_moved" });
    bumpPublicRevision(editionId, tx);
    return true;
  });
}

export function deleteLandmark(editionId: number, landmarkId: number, organiserId: number): boolean {
  return transaction((tx) => {
    const removed = tx.delete(t.landmarks).where(and(eq(t.landmarks.id, landmarkId), eq(t.landmarks.editionId, editionId))).run().changes;
    if (removed) {
      recordAudit(tx, { actor: { type: "organiser", organiserId }, editionId, entityType: "landmark", entityId: landmarkId, action: "landmark_deleted" });
      bumpPublicRevision(editionId, tx);
    }
    return removed > 0;
  });
}

export function listLandmarks(editionId: number) {
  return db().select().from(t.landmarks).where(eq(t.landmarks.editionId, editionId)).all();
}

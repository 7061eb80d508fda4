/** Everything the organisers' map editor shows for one day, with each spot's state at a glance. */
import { checkFit, type Occupancy } from "~/rules/spot-fit";
import type { LngLat, PolygonGeometry } from "~/rules/layout-geometry";
import { listAssignments, listSpots, listStallsToPlace, toFitSpot } from "./assignments.server";
import { listCategories, listEventDays, type EditionRow } from "./editions.server";
import { currentLayoutParams, listLandmarks } from "./layout.server";
import { editorPassage } from "./permit.server";

export function loadMapEditor(edition: EditionRow, requestedDayId: number | null) {
  const days = listEventDays(edition.id);
  const day = days.find((d) => d.id === requestedDayId) ?? days[0];
  const categories = listCategories(edition.id);
  const categoryByKey = new Map(categories.map((c) => [c.key, c]));
  const spotRows = listSpots(edition.id);
  const fitSpots = spotRows.map(toFitSpot);
  const stalls = listStallsToPlace(edition.id);
  const stallById = new Map(stalls.map((s) => [s.applicationId, s]));
  const assignments = listAssignments(edition.id);
  const today = assignments.filter((a) => a.dayId === day?.id);

  const occupancy: Occupancy = new Map();
  for (const a of today) {
    const stall = stallById.get(a.applicationId);
    if (!stall) continue;
    for (const spotId of a.spotIds) occupancy.set(spotId, { applicationId: a.applicationId, stallName: stall.stallName, categoryKey: stall.categoryKey });
  }
  const warningsBySpot = new Map<number, string[]>();
  for (const a of today) {
    const stall = stallById.get(a.applicationId);
    if (!stall || !day) continue;
    const run = fitSpots.filter((s) => a.spotIds.includes(s.id));
    const fit = checkFit(stall, run, day.id, occupancy, fitSpots);
    if (fit.warnings.length > 0) for (const spot of run) warningsBySpot.set(spot.id, fit.warnings.map((w) => w.code));
  }

  const spots = spotRows.map((row) => {
    const occupant = occupancy.get(row.id);
    const state = row.kind === "blocked" ? "blocked" : warningsBySpot.has(row.id) ? "warning" : occupant ? "taken" : "free";
    return {
      id: row.id,
      code: row.code,
      side: row.side,
      alongM: row.alongM,
      polygon: JSON.parse(row.polygonJson) as PolygonGeometry,
      centre: [row.centreLon, row.centreLat] as LngLat,
      widthCm: row.widthCm,
      depthCm: row.depthCm,
      bearingDeg: row.bearingDeg,
      hasElectricity: row.hasElectricity,
      hasWater: row.hasWater,
      kind: row.kind,
      note: row.note,
      houseNumbers: row.houseNumbers,
      version: row.version,
      state: state as "free" | "taken" | "warning" | "blocked",
      occupant: occupant ? { applicationId: occupant.applicationId, stallName: occupant.stallName } : null,
      colour: occupant ? (categoryByKey.get(occupant.categoryKey)?.colour ?? "#888888") : "#ffffff",
      warnings: warningsBySpot.get(row.id) ?? [],
    };
  });
  const spotCode = new Map(spotRows.map((s) => [s.id, s.code]));
  const { line, params } = currentLayoutParams(edition.id);
  // Issue 15: the narrowest free passage, as a warning over the map when stretches are too narrow.
  const passageReport = editorPassage(edition);
  const passage = {
    minimumM: passageReport.minimumM,
    stretches: passageReport.stretches.map((s) => ({ fromM: s.fromM, toM: s.toM, narrowestM: s.narrowestM, codes: s.codes })),
  };
  return {
    edition: { id: edition.id, nameNl: edition.nameNl, nameEn: edition.nameEn, mapPublishedAt: edition.mapPublishedAt?.toISOString() ?? null },
    days: days.map(({ id, date }) => ({ id, date })),
    dayId: day?.id ?? null,
    categories: categories.map(({ key, nameNl, nameEn, colour }) => ({ key, nameNl, nameEn, colour })),
    spots,
    stalls: stalls.map((stall) => ({
      ...stall,
      placedOn: today.find((a) => a.applicationId === stall.applicationId)?.spotIds.map((id) => spotCode.get(id) ?? "") ?? [],
      colour: categoryByKey.get(stall.categoryKey)?.colour ?? "#888888",
    })),
    landmarks: listLandmarks(edition.id).map((l) => ({ id: l.id, kind: l.kind, nameNl: l.nameNl, nameEn: l.nameEn, geometry: JSON.parse(l.geometryJson) })),
    streetLine: line,
    layoutParams: params,
    passage,
  };
}

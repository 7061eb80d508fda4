/**
 * The list for the day itself: every spot along the street in walking order (both sides
 * together, from the Primulastraat end), who stands there, and whether they have arrived.
 * For organisers and volunteers only: it holds contact details.
 */
import { and, eq } from "drizzle-orm";
import * as t from "#db/schema";
import type { PolygonGeometry } from "~/rules/layout-geometry";
import { listSpots } from "./assignments.server";
import { db } from "./db.server";
import { listEventDays, type EditionRow } from "./editions.server";

export function loadDayView(edition: EditionRow, requestedDayId: number | null) {
  const days = listEventDays(edition.id);
  const day = days.find((d) => d.id === requestedDayId) ?? days[0];
  const spots = listSpots(edition.id);
  const stands = day
    ? db()
        .select({
          spotId: t.assignmentSpots.spotId,
          applicationId: t.applications.id,
          stallName: t.applications.stallName,
          contactName: t.applications.contactName,
          phone: t.applications.phone,
          needsElectricity: t.applications.needsElectricity,
          rentedStalls: t.applications.rentedStalls,
          arrivalState: t.applications.arrivalState,
          paymentState: t.applications.paymentState,
          categoryNl: t.categories.nameNl,
          categoryEn: t.categories.nameEn,
          colour: t.categories.colour,
        })
        .from(t.assignmentSpots)
        .innerJoin(t.stallAssignments, eq(t.stallAssignments.id, t.assignmentSpots.assignmentId))
        .innerJoin(t.applications, eq(t.applications.id, t.stallAssignments.applicationId))
        .innerJoin(t.categories, eq(t.categories.id, t.applications.categoryId))
        .where(and(eq(t.assignmentSpots.eventDayId, day.id), eq(t.applications.editionId, edition.id)))
        .all()
    : [];
  const standBySpot = new Map(stands.map((s) => [s.spotId, s]));
  const rows = [...spots]
    .sort((a, b) => a.alongM - b.alongM || (a.side ?? "").localeCompare(b.side ?? ""))
    .map((spot) => ({
      spotId: spot.id,
      code: spot.code,
      side: spot.side,
      kind: spot.kind,
      hasElectricity: spot.hasElectricity,
      polygon: JSON.parse(spot.polygonJson) as PolygonGeometry,
      stand: standBySpot.get(spot.id) ?? null,
    }));
  return { days: days.map(({ id, date, startsAt }) => ({ id, date, startsAt })), day: day ? { id: day.id, date: day.date } : null, rows };
}

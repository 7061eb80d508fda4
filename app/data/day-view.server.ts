/**
 * The set-up list for the day itself: the spots along the street in walking order (both sides
 * together, from the start of the street line — the page says which end that is), who stands
 * there, and whether they have arrived. By default only spots with a stall; a search narrows it.
 * For organisers and volunteers only: it holds contact details.
 */
import { and, eq } from "drizzle-orm";
import * as t from "#db/schema";
import type { PolygonGeometry } from "~/rules/layout-geometry";
import { depositsOf } from "./money.server";
import { listSpots } from "./assignments.server";
import { db } from "./db.server";
import { listEventDays, type EditionRow } from "./editions.server";
import { placeNameOf } from "~/rules/side-streets";
import { currentLayoutParams } from "./layout.server";

export interface SetupFilter {
  /** Words to find in the spot code, stall name, contact name or phone number. */
  query: string;
  /** Also list spots without a stall (free or blocked). */
  showFree: boolean;
}

export type Compass = "n" | "ne" | "e" | "se" | "s" | "sw" | "w" | "nw";

/** The eight-way direction from `from` to `to` ([lon, lat]), as a person says "the north-west end". */
export function compassFrom(from: [number, number], to: [number, number]): Compass {
  const k = Math.cos((from[1] * Math.PI) / 180);
  const angle = (Math.atan2((to[0] - from[0]) * k, to[1] - from[1]) * 180) / Math.PI; // clockwise from north
  const names: Compass[] = ["n", "ne", "e", "se", "s", "sw", "w", "nw"];
  return names[((Math.round(angle / 45) % 8) + 8) % 8]!;
}

/** Lower case without accents, so "emmaus" finds "Emmaüs" and "6 12" finds "06-12…". */
const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
const digits = (text: string) => text.replace(/\D/g, "");

/** A phone number as a tel: link: digits, with a leading + kept. */
export function telHref(phone: string): string {
  const trimmed = phone.trim();
  return `tel:${trimmed.startsWith("+") ? "+" : ""}${digits(trimmed)}`;
}

export function loadDayView(edition: EditionRow, requestedDayId: number | null, filter: SetupFilter = { query: "", showFree: false }) {
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
  // Issue 15: the deposit of each stall, for "Schoon achtergelaten" / keeping it after the market.
  const deposits = depositsOf([...new Set(stands.map((s) => s.applicationId))]);
  // A stall on a run of spots has power when any of its spots that day has it: the warning is
  // for a stall that needs power and has none at all, not for each spot of the run.
  const powered = new Set(spots.filter((s) => s.hasElectricity).map((s) => s.id));
  const hasPower = new Set(stands.filter((s) => powered.has(s.spotId)).map((s) => s.applicationId));
  const standBySpot = new Map(
    stands.map((s) => {
      const deposit = deposits.get(s.applicationId);
      return [
        s.spotId,
        { ...s, tel: telHref(s.phone), powerMissing: s.needsElectricity && !hasPower.has(s.applicationId), deposit: deposit ? { amountCents: deposit.amountCents, state: deposit.state, reason: deposit.reason } : null },
      ];
    }),
  );
  // Walking order: along the street line from its first point, the two sides together.
  const all = [...spots]
    .sort((a, b) => a.alongM - b.alongM || (a.side ?? "").localeCompare(b.side ?? ""))
    .map((spot) => ({
      spotId: spot.id,
      code: spot.code,
      side: spot.side,
      alongM: spot.alongM,
      widthM: spot.widthCm / 100,
      centre: [spot.centreLon, spot.centreLat] as [number, number],
      kind: spot.kind,
      hasElectricity: spot.hasElectricity,
      polygon: JSON.parse(spot.polygonJson) as PolygonGeometry,
      stand: standBySpot.get(spot.id) ?? null,
    }));

  const words = fold(filter.query).split(/\s+/).filter(Boolean);
  const matches = (row: (typeof all)[number]) => {
    if (words.length === 0) return true;
    const haystack = fold([row.code, row.stand?.stallName ?? "", row.stand?.contactName ?? ""].join(" "));
    const phone = digits(row.stand?.phone ?? "");
    return words.every((w) => haystack.includes(w) || (digits(w).length >= 3 && phone.includes(digits(w))));
  };
  const rows = all.filter((row) => (filter.showFree || row.stand !== null) && matches(row));

  // Which end the walk starts at, and which side of the street each code prefix is on.
  const first = all[0];
  const last = all[all.length - 1];
  const middle: [number, number] | null = all.length > 0 ? [all.reduce((s, r) => s + r.centre[0], 0) / all.length, all.reduce((s, r) => s + r.centre[1], 0) / all.length] : null;
  const walk =
    first && last && middle && first !== last
      ? {
          from: compassFrom(middle, first.centre),
          to: compassFrom(middle, last.centre),
          firstCodes: [...new Set(["left", "right", null].map((side) => all.find((r) => r.side === side)?.code).filter((c): c is string => Boolean(c)))],
        }
      : null;
  const sides = (["left", "right"] as const).flatMap((side) => {
    const ofSide = all.filter((r) => r.side === side);
    if (ofSide.length === 0 || !middle) return [];
    const centroid: [number, number] = [ofSide.reduce((s, r) => s + r.centre[0], 0) / ofSide.length, ofSide.reduce((s, r) => s + r.centre[1], 0) / ofSide.length];
    return [{ side, prefix: ofSide[0]!.code.split("-")[0] ?? "", compass: compassFrom(middle, centroid) }];
  });

  // Side streets and the church square: where the list (and the drawing) say where you are.
  const { params } = currentLayoutParams(edition.id);
  const landmarks = (params?.skips ?? [])
    .filter((skip) => skip.reason)
    .map((skip) => ({
      name: placeNameOf(skip.reason!),
      crossing: skip.side === undefined,
      side: skip.side ?? null,
      fromM: skip.fromM,
      toM: skip.toM,
      atM: (skip.fromM + skip.toM) / 2,
    }))
    .sort((a, b) => a.atM - b.atM);

  return {
    days: days.map(({ id, date, startsAt }) => ({ id, date, startsAt })),
    day: day ? { id: day.id, date: day.date } : null,
    filter,
    rows,
    /** Every spot, for the street drawing. */
    all,
    total: all.length,
    occupied: all.filter((r) => r.stand !== null).length,
    walk,
    sides,
    landmarks,
    /** Whether the deposit column is shown: the edition asks one, or a stall paid one. */
    depositsOn: edition.depositCents > 0 || deposits.size > 0,
  };
}

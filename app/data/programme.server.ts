/**
 * Programme items of an edition: listing for the public pages (through public-map.server.ts) and
 * create/update/delete for the back office. Input is checked with the one schema in
 * app/forms/programme-item.ts; what only the database knows (the day, landmark or spot belong
 * to this edition) is checked here. Every change bumps the edition's public revision, so public
 * caches see it.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import * as t from "#db/schema";
import {
  programmeFieldErrors,
  programmeItemSchema,
  type ProgrammeFieldErrors,
  type ProgrammeItemInput,
  type ProgrammeItemValues,
} from "~/forms/programme-item";
import { sortProgramme } from "~/rules/programme";
import { db, transaction, type DbOrTx } from "./db.server";

export interface ProgrammeItem {
  id: number;
  eventDayId: number;
  date: string;
  startsAt: string;
  endsAt: string | null;
  titleNl: string;
  titleEn: string;
  textNl: string;
  textEn: string;
  landmarkId: number | null;
  spotId: number | null;
  /** Where it happens, for display: a landmark's name, a spot's code, or nothing. */
  place:
    | { type: "landmark"; kind: (typeof t.LANDMARK_KINDS)[number]; nameNl: string; nameEn: string }
    | { type: "spot"; code: string }
    | null;
}

export function listProgramme(editionId: number, conn: DbOrTx = db()): ProgrammeItem[] {
  const rows = conn
    .select({
      id: t.programmeItems.id,
      eventDayId: t.programmeItems.eventDayId,
      date: t.eventDays.date,
      startsAt: t.programmeItems.startsAt,
      endsAt: t.programmeItems.endsAt,
      titleNl: t.programmeItems.titleNl,
      titleEn: t.programmeItems.titleEn,
      textNl: t.programmeItems.textNl,
      textEn: t.programmeItems.textEn,
      landmarkId: t.programmeItems.landmarkId,
      spotId: t.programmeItems.spotId,
      landmarkKind: t.landmarks.kind,
      landmarkNameNl: t.landmarks.nameNl,
      landmarkNameEn: t.landmarks.nameEn,
      spotCode: t.spots.code,
    })
    .from(t.programmeItems)
    .innerJoin(t.eventDays, eq(t.eventDays.id, t.programmeItems.eventDayId))
    .leftJoin(t.landmarks, eq(t.landmarks.id, t.programmeItems.landmarkId))
    .leftJoin(t.spots, eq(t.spots.id, t.programmeItems.spotId))
    .where(eq(t.programmeItems.editionId, editionId))
    .orderBy(asc(t.eventDays.date), asc(t.programmeItems.startsAt), asc(t.programmeItems.id))
    .all();
  return sortProgramme(
    rows.map(({ landmarkKind, landmarkNameNl, landmarkNameEn, spotCode, ...row }) => ({
      ...row,
      place:
        landmarkKind && landmarkNameNl !== null && landmarkNameEn !== null
          ? { type: "landmark" as const, kind: landmarkKind, nameNl: landmarkNameNl, nameEn: landmarkNameEn }
          : spotCode
            ? { type: "spot" as const, code: spotCode }
            : null,
    })),
  );
}

export type ProgrammeResult = { ok: true; item: ProgrammeItem } | { ok: false; errors: ProgrammeFieldErrors };

export function createProgrammeItem(editionId: number, input: ProgrammeItemInput | FormData): ProgrammeResult {
  const parsed = parse(input);
  if (!parsed.ok) return parsed;
  return transaction((tx) => {
    const problem = checkReferences(tx, editionId, parsed.values);
    if (problem) return { ok: false, errors: problem };
    const row = tx
      .insert(t.programmeItems)
      .values({ editionId, ...parsed.values })
      .returning({ id: t.programmeItems.id })
      .get();
    bumpRevision(tx, editionId);
    return { ok: true, item: findItem(tx, editionId, row.id)! };
  });
}

export function updateProgrammeItem(editionId: number, id: number, input: ProgrammeItemInput | FormData): ProgrammeResult {
  const parsed = parse(input);
  if (!parsed.ok) return parsed;
  return transaction((tx) => {
    if (!findItem(tx, editionId, id)) return { ok: false, errors: { _form: "errNotFound" } };
    const problem = checkReferences(tx, editionId, parsed.values);
    if (problem) return { ok: false, errors: problem };
    tx.update(t.programmeItems)
      .set(parsed.values)
      .where(and(eq(t.programmeItems.id, id), eq(t.programmeItems.editionId, editionId)))
      .run();
    bumpRevision(tx, editionId);
    return { ok: true, item: findItem(tx, editionId, id)! };
  });
}

/** True when the item existed in this edition and is gone now. */
export function deleteProgrammeItem(editionId: number, id: number): boolean {
  return transaction((tx) => {
    const result = tx
      .delete(t.programmeItems)
      .where(and(eq(t.programmeItems.id, id), eq(t.programmeItems.editionId, editionId)))
      .run();
    if (result.changes === 0) return false;
    bumpRevision(tx, editionId);
    return true;
  });
}

function findItem(conn: DbOrTx, editionId: number, id: number): ProgrammeItem | undefined {
  return listProgramme(editionId, conn).find((item) => item.id === id);
}

function parse(input: ProgrammeItemInput | FormData): { ok: true; values: ProgrammeItemValues } | { ok: false; errors: ProgrammeFieldErrors } {
  const raw = input instanceof FormData ? Object.fromEntries([...input].filter(([, v]) => typeof v === "string")) : input;
  const result = programmeItemSchema.safeParse(raw);
  return result.success ? { ok: true, values: result.data } : { ok: false, errors: programmeFieldErrors(result.error) };
}

function checkReferences(conn: DbOrTx, editionId: number, values: ProgrammeItemValues): ProgrammeFieldErrors | null {
  const day = conn
    .select({ id: t.eventDays.id })
    .from(t.eventDays)
    .where(and(eq(t.eventDays.id, values.eventDayId), eq(t.eventDays.editionId, editionId)))
    .get();
  if (!day) return { eventDayId: "errDay" };
  if (values.landmarkId !== null) {
    const landmark = conn
      .select({ id: t.landmarks.id })
      .from(t.landmarks)
      .where(and(eq(t.landmarks.id, values.landmarkId), eq(t.landmarks.editionId, editionId)))
      .get();
    if (!landmark) return { landmarkId: "errPlace" };
  }
  if (values.spotId !== null) {
    const spot = conn
      .select({ id: t.spots.id })
      .from(t.spots)
      .where(and(eq(t.spots.id, values.spotId), eq(t.spots.editionId, editionId)))
      .get();
    if (!spot) return { spotId: "errPlace" };
  }
  return null;
}

function bumpRevision(conn: DbOrTx, editionId: number) {
  conn
    .update(t.editions)
    .set({ publicRevision: sql`${t.editions.publicRevision} + 1` })
    .where(eq(t.editions.id, editionId))
    .run();
}

/** The demo edition's programme: a few acts on the stage and activities around the square. */
export function seedDemoProgramme(conn: DbOrTx, editionId: number) {
  const day = conn.select().from(t.eventDays).where(eq(t.eventDays.editionId, editionId)).orderBy(asc(t.eventDays.date)).get();
  if (!day) return;
  const landmarks = conn.select().from(t.landmarks).where(eq(t.landmarks.editionId, editionId)).all();
  const at = (kind: (typeof t.LANDMARK_KINDS)[number]) => landmarks.find((l) => l.kind === kind)?.id ?? null;
  const items: Omit<typeof t.programmeItems.$inferInsert, "editionId" | "eventDayId">[] = [
    { startsAt: "12:00", endsAt: "12:15", titleNl: "Opening door de wijkwethouder", titleEn: "Opening by the district alderman", landmarkId: at("stage") },
    { startsAt: "12:30", endsAt: "13:15", titleNl: "Muziekvereniging Harmonie", titleEn: "Harmonie brass band", textNl: "Zomerse marsen en popmuziek.", textEn: "Summer marches and pop songs.", landmarkId: at("stage") },
    { startsAt: "13:00", endsAt: "16:00", titleNl: "Kinderdraaimolen gratis", titleEn: "Free rides on the carousel", textNl: "Voor kinderen tot 8 jaar.", textEn: "For children up to 8.", landmarkId: at("ride") },
    { startsAt: "13:30", endsAt: "14:15", titleNl: "Buurtkoor Soesterkwartier", titleEn: "Soesterkwartier neighbourhood choir", landmarkId: at("stage") },
    { startsAt: "14:30", endsAt: "15:30", titleNl: "Repair Café: repareren op het plein", titleEn: "Repair Café on the square", textNl: "Neem iets kapots mee.", textEn: "Bring something broken.", landmarkId: at("terrace") },
    { startsAt: "15:00", endsAt: "15:45", titleNl: "Band De Eemrockers", titleEn: "De Eemrockers (band)", landmarkId: at("stage") },
    { startsAt: "16:00", endsAt: null, titleNl: "Loterij voor de wijktuin", titleEn: "Raffle for the community garden", textNl: "Trekking van de prijzen.", textEn: "Prize draw.", landmarkId: at("information") },
    { startsAt: "16:30", endsAt: "17:30", titleNl: "Afsluitend concert", titleEn: "Closing concert", landmarkId: at("stage") },
  ];
  conn
    .insert(t.programmeItems)
    .values(items.map((item) => ({ ...item, editionId, eventDayId: day.id })))
    .run();
}

/**
 * Edition settings (admins): dates and times, the application window, payment deadline and
 * refund period, categories, fee table and market rules; and a new edition made from last year's.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import * as t from "#db/schema";
import { recordAudit } from "./audit.server";
import { db, transaction, type DbOrTx, type Tx } from "./db.server";
import { getEdition, listCategories, listEventDays, listFeeRates } from "./editions.server";

type ApplicantKind = (typeof t.APPLICANT_KINDS)[number];
type Result<P extends string> = { ok: true; id?: number } | { ok: false; problem: P };

export function listEditions(conn: DbOrTx = db()) {
  return conn
    .select({ id: t.editions.id, year: t.editions.year, nameNl: t.editions.nameNl, nameEn: t.editions.nameEn, isDemo: t.editions.isDemo })
    .from(t.editions)
    .orderBy(asc(t.editions.year), asc(t.editions.id))
    .all();
}

function audit(tx: Tx, organiserId: number, editionId: number, action: string, detail: Record<string, unknown>, now: Date) {
  recordAudit(tx, { actor: { type: "organiser", organiserId }, editionId, entityType: "edition", entityId: editionId, action, detail, at: now });
}

export interface EditionGeneral {
  nameNl: string;
  nameEn: string;
  applicationsOpenAt: Date | null;
  applicationsCloseAt: Date | null;
  paymentDeadline: Date | null;
  refundPeriodDays: number;
  /** Months after the last market day that personal data is kept (app/rules/retention.ts). */
  retentionMonths: number;
  /** Which postcodes count for the resident rate (app/rules/resident-postcodes.ts). */
  residentPostcodes?: string;
  marketRulesNl: string;
  marketRulesEn: string;
}

export function updateEditionGeneral(input: { editionId: number; version: number; values: EditionGeneral; organiserId: number; now: Date }): Result<"conflict" | "not_found"> {
  return transaction((tx) => {
    const edition = getEdition(input.editionId, tx);
    if (!edition) return { ok: false, problem: "not_found" };
    const changed = tx
      .update(t.editions)
      .set({ ...input.values, version: edition.version + 1, updatedAt: input.now })
      .where(and(eq(t.editions.id, edition.id), eq(t.editions.version, input.version)))
      .run().changes;
    if (changed === 0) return { ok: false, problem: "conflict" };
    audit(tx, input.organiserId, edition.id, "edition_settings_changed", { fields: Object.keys(input.values) }, input.now);
    return { ok: true };
  });
}

/** The deposit asked with the fee of applications priced from now on (0 = none). */
export function saveDeposit(input: { editionId: number; depositCents: number; organiserId: number; now: Date }): Result<"not_found"> {
  return transaction((tx) => {
    const edition = getEdition(input.editionId, tx);
    if (!edition) return { ok: false, problem: "not_found" };
    tx.update(t.editions).set({ depositCents: input.depositCents, version: edition.version + 1, updatedAt: input.now }).where(eq(t.editions.id, edition.id)).run();
    audit(tx, input.organiserId, edition.id, "deposit_settings_changed", { from: edition.depositCents, to: input.depositCents }, input.now);
    return { ok: true };
  });
}

export interface DayInput {
  date: string;
  startsAt: string;
  endsAt: string;
}

/** Adds a day (no id) or changes one. Two days on one date are refused. */
export function saveDay(input: { editionId: number; id?: number; day: DayInput; organiserId: number; now: Date }): Result<"date_taken" | "not_found"> {
  return transaction((tx) => {
    const days = listEventDays(input.editionId, tx);
    if (input.id !== undefined && !days.some((d) => d.id === input.id)) return { ok: false, problem: "not_found" };
    if (days.some((d) => d.date === input.day.date && d.id !== input.id)) return { ok: false, problem: "date_taken" };
    let id = input.id;
    if (id === undefined) {
      id = tx.insert(t.eventDays).values({ editionId: input.editionId, ...input.day }).returning().get().id;
    } else {
      tx.update(t.eventDays).set(input.day).where(eq(t.eventDays.id, id)).run();
    }
    audit(tx, input.organiserId, input.editionId, input.id === undefined ? "day_added" : "day_changed", { ...input.day }, input.now);
    return { ok: true, id };
  });
}

/** A day that applications chose stays: remove it from them first. The last day stays too. */
export function removeDay(input: { editionId: number; id: number; organiserId: number; now: Date }): Result<"in_use" | "last_day" | "not_found"> {
  return transaction((tx) => {
    const days = listEventDays(input.editionId, tx);
    const day = days.find((d) => d.id === input.id);
    if (!day) return { ok: false, problem: "not_found" };
    if (days.length <= 1) return { ok: false, problem: "last_day" };
    const used = tx.select({ n: sql<number>`count(*)` }).from(t.applicationDays).where(eq(t.applicationDays.eventDayId, day.id)).get()?.n ?? 0;
    if (used > 0) return { ok: false, problem: "in_use" };
    tx.delete(t.eventDays).where(eq(t.eventDays.id, day.id)).run();
    audit(tx, input.organiserId, input.editionId, "day_removed", { date: day.date }, input.now);
    return { ok: true };
  });
}

export interface CategoryInput {
  nameNl: string;
  nameEn: string;
  colour: string;
  applicantKind: ApplicantKind | null;
  isFree: boolean;
}

function keyFor(name: string, taken: Set<string>): string {
  const base =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_|_$/g, "")
      .slice(0, 40) || "category";
  let key = base;
  for (let n = 2; taken.has(key); n += 1) key = `${base}_${n}`;
  return key;
}

export function saveCategory(input: { editionId: number; id?: number; category: CategoryInput; organiserId: number; now: Date }): Result<"not_found"> {
  return transaction((tx) => {
    const categories = listCategories(input.editionId, tx);
    let id = input.id;
    if (id === undefined) {
      const key = keyFor(input.category.nameEn || input.category.nameNl, new Set(categories.map((c) => c.key)));
      const sortOrder = categories.reduce((max, c) => Math.max(max, c.sortOrder), -1) + 1;
      id = tx.insert(t.categories).values({ editionId: input.editionId, key, sortOrder, ...input.category }).returning().get().id;
    } else {
      if (!categories.some((c) => c.id === input.id)) return { ok: false, problem: "not_found" };
      tx.update(t.categories).set(input.category).where(eq(t.categories.id, id)).run();
    }
    audit(tx, input.organiserId, input.editionId, input.id === undefined ? "category_added" : "category_changed", { id, ...input.category }, input.now);
    return { ok: true, id };
  });
}

export function removeCategory(input: { editionId: number; id: number; organiserId: number; now: Date }): Result<"in_use" | "not_found"> {
  return transaction((tx) => {
    const category = listCategories(input.editionId, tx).find((c) => c.id === input.id);
    if (!category) return { ok: false, problem: "not_found" };
    const used = tx.select({ n: sql<number>`count(*)` }).from(t.applications).where(eq(t.applications.categoryId, category.id)).get()?.n ?? 0;
    if (used > 0) return { ok: false, problem: "in_use" };
    tx.delete(t.categories).where(eq(t.categories.id, category.id)).run();
    audit(tx, input.organiserId, input.editionId, "category_removed", { key: category.key }, input.now);
    return { ok: true };
  });
}

export interface FeeRateInput {
  applicantKind: ApplicantKind;
  firstUnitCents: number;
  extraMetreCents: number;
  electricityCents: number;
  stallRentalCents: number;
}

/** Replaces the fee table. Applications already made keep the fee they were told. */
export function saveFeeRates(input: { editionId: number; rates: FeeRateInput[]; organiserId: number; now: Date }) {
  transaction((tx) => {
    for (const rate of input.rates) {
      tx.insert(t.feeRates)
        .values({ editionId: input.editionId, ...rate })
        .onConflictDoUpdate({ target: [t.feeRates.editionId, t.feeRates.applicantKind], set: { ...rate } })
        .run();
    }
    audit(tx, input.organiserId, input.editionId, "fee_rates_changed", { rates: input.rates }, input.now);
  });
}

/**
 * Next summer in minutes: a new edition with the source edition's categories, fee table, layout
 * (spots, landmarks, street line), rules, refund and retention periods and day times. Applications, assignments,
 * the application window and deadlines are not copied; the map starts unpublished.
 */
export function createEditionFrom(input: {
  sourceEditionId: number;
  year: number;
  nameNl: string;
  nameEn: string;
  days: DayInput[];
  organiserId: number;
  now: Date;
}): Result<"not_found" | "year_taken"> {
  return transaction((tx) => {
    const source = getEdition(input.sourceEditionId, tx);
    if (!source) return { ok: false, problem: "not_found" };
    const taken = tx
      .select({ id: t.editions.id })
      .from(t.editions)
      .where(and(eq(t.editions.marketId, source.marketId), eq(t.editions.year, input.year), eq(t.editions.isDemo, source.isDemo)))
      .get();
    if (taken) return { ok: false, problem: "year_taken" };
    const edition = tx
      .insert(t.editions)
      .values({
        marketId: source.marketId,
        year: input.year,
        nameNl: input.nameNl,
        nameEn: input.nameEn,
        isDemo: source.isDemo,
        refundPeriodDays: source.refundPeriodDays,
        residentPostcodes: source.residentPostcodes,
        retentionMonths: source.retentionMonths,
        stallUnitCm: source.stallUnitCm,
        marketRulesNl: source.marketRulesNl,
        marketRulesEn: source.marketRulesEn,
        streetLineJson: source.streetLineJson,
        layoutParamsJson: source.layoutParamsJson,
      })
      .returning()
      .get();
    for (const day of input.days) tx.insert(t.eventDays).values({ editionId: edition.id, ...day }).run();
    const categories = listCategories(source.id, tx);
    if (categories.length) {
      tx.insert(t.categories)
        .values(categories.map(({ id: _id, editionId: _e, ...c }) => ({ ...c, editionId: edition.id })))
        .run();
    }
    const rates = listFeeRates(source.id, tx);
    if (rates.length) tx.insert(t.feeRates).values(rates.map(({ id: _id, editionId: _e, ...r }) => ({ ...r, editionId: edition.id }))).run();
    const spots = tx.select().from(t.spots).where(eq(t.spots.editionId, source.id)).all();
    for (let i = 0; i < spots.length; i += 200) {
      tx.insert(t.spots)
        .values(spots.slice(i, i + 200).map(({ id: _id, editionId: _e, version: _v, ...s }) => ({ ...s, editionId: edition.id })))
        .run();
    }
    const landmarks = tx.select().from(t.landmarks).where(eq(t.landmarks.editionId, source.id)).all();
    if (landmarks.length) {
      tx.insert(t.landmarks).values(landmarks.map(({ id: _id, editionId: _e, ...l }) => ({ ...l, editionId: edition.id }))).run();
    }
    tx.insert(t.editionStatusHistory).values({ editionId: edition.id, status: "scheduled", changedByOrganiserId: input.organiserId }).run();
    audit(tx, input.organiserId, edition.id, "edition_created", { from: source.id, year: input.year }, input.now);
    return { ok: true, id: edition.id };
  });
}

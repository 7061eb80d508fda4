/**
 * The waitlist that fills itself (issue 14, item 2). When an approved stall leaves, the place it
 * had is offered to the next waitlisted applicant who fits (app/rules/waitlist.ts), by mail with
 * a link carrying a random token (only its SHA-256 is stored). Accept → approved through the
 * ordinary approve path (so the pay link mail follows as always); decline or expiry → the next in
 * line. Every step is in the application's history, in the same transaction as the step.
 *
 * Race-safety is the database's: the partial unique indexes on waitlist_offers allow one open
 * offer per place (slot_key) and one per applicant, and SQLite's write lock (transactions start
 * IMMEDIATE) runs two withdrawals one after the other, the second seeing the first's offer.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, asc, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import * as t from "#db/schema";
import { renderWaitlistOffer } from "~/mail/waitlist-offer";
import { localDate } from "~/rules/calendar";
import { addedPlaces, capacitySlotKey, capacitySlotOf, nextToOffer, offerExpiresAt, offerLapsed, queuePosition, type FreePlace, type Waiting } from "~/rules/waitlist";
import type { ApplicationRow, applyDecision } from "./application-review.server";
import { recordAudit, type Actor } from "./audit.server";
import { db, transaction, type DbOrTx, type Tx } from "./db.server";
import { getEdition } from "./editions.server";
import { enqueueMail } from "./outbox.server";
import { getPlacementSettings, savePlacementSettings, type PlacementSettings } from "./placement-proposal.server";
import type { OfferCause } from "~/rules/vocabularies";

export type OfferRow = typeof t.waitlistOffers.$inferSelect;
export type { OfferCause };

export function hashOfferToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,64}$/;

/** The place an application held, named so that one place has one key. */
export function slotKeyOf(applicationId: number): string {
  return `application:${applicationId}`;
}

function daysOf(conn: DbOrTx, applicationIds: number[]): Map<number, number[]> {
  const byApp = new Map<number, number[]>();
  if (applicationIds.length === 0) return byApp;
  const rows = conn
    .select({ applicationId: t.applicationDays.applicationId, dayId: t.applicationDays.eventDayId })
    .from(t.applicationDays)
    .where(inArray(t.applicationDays.applicationId, applicationIds))
    .all();
  for (const row of rows) byApp.set(row.applicationId, [...(byApp.get(row.applicationId) ?? []), row.dayId]);
  return byApp;
}

/** The waitlisted applications of an edition, as the rule reads them. */
export function waitingList(editionId: number, conn: DbOrTx = db()): Waiting[] {
  const rows = conn
    .select({ a: t.applications, categoryKey: t.categories.key })
    .from(t.applications)
    .innerJoin(t.categories, eq(t.categories.id, t.applications.categoryId))
    .where(and(eq(t.applications.editionId, editionId), eq(t.applications.reviewState, "waitlisted")))
    .orderBy(asc(t.applications.createdAt), asc(t.applications.id))
    .all();
  const days = daysOf(
    conn,
    rows.map((r) => r.a.id),
  );
  return rows.map(({ a, categoryKey }) => ({
    id: a.id,
    categoryKey,
    appliedAt: a.createdAt,
    frontageCm: a.frontageCm,
    depthCm: a.depthCm,
    needsElectricity: a.needsElectricity,
    electricityWatts: a.electricityWatts,
    dayIds: days.get(a.id) ?? [],
  }));
}

/** The slot of a spot the organisers added to the layout: one place, the size of that spot. */
export function spotSlotKey(spotId: number): string {
  return `spot:${spotId}`;
}

/**
 * What the place behind `slotKey` offers: the stall that left, or a spot added to the layout; null
 * for a place added to a category (no size). "gone": an added spot that was deleted or has been
 * given to a stall meanwhile, so there is nothing left to offer.
 */
function placeOf(conn: DbOrTx, slotKey: string): FreePlace | null | "gone" {
  const spotMatch = /^spot:(\d+)$/.exec(slotKey);
  if (spotMatch) {
    const spot = conn.select().from(t.spots).where(eq(t.spots.id, Number(spotMatch[1]))).get();
    if (!spot || spot.kind !== "stall") return "gone";
    if (conn.select({ id: t.assignmentSpots.spotId }).from(t.assignmentSpots).where(eq(t.assignmentSpots.spotId, spot.id)).get()) return "gone";
    const dayIds = conn.select({ id: t.eventDays.id }).from(t.eventDays).where(eq(t.eventDays.editionId, spot.editionId)).all().map((d) => d.id);
    return {
      categoryKey: null,
      frontageCm: spot.widthCm,
      depthCm: spot.depthCm,
      needsElectricity: spot.hasElectricity,
      // A spot has power or not; how many watts a stall may draw is the organisers' call.
      electricityWatts: spot.hasElectricity ? Number.MAX_SAFE_INTEGER : null,
      dayIds,
    };
  }
  const match = /^application:(\d+)$/.exec(slotKey);
  if (!match) return null;
  const id = Number(match[1]);
  const row = conn
    .select({ a: t.applications, categoryKey: t.categories.key })
    .from(t.applications)
    .innerJoin(t.categories, eq(t.categories.id, t.applications.categoryId))
    .where(eq(t.applications.id, id))
    .get();
  if (!row) return null;
  return {
    categoryKey: row.categoryKey,
    frontageCm: row.a.frontageCm,
    depthCm: row.a.depthCm,
    needsElectricity: row.a.needsElectricity,
    electricityWatts: row.a.electricityWatts,
    dayIds: daysOf(conn, [id]).get(id) ?? [],
  };
}

/** Per category: the approved stalls plus the open offers (what counts against a cap). */
function takenPerCategory(conn: DbOrTx, editionId: number): Record<string, number> {
  const taken: Record<string, number> = {};
  const approved = conn
    .select({ key: t.categories.key, n: sql<number>`count(*)` })
    .from(t.applications)
    .innerJoin(t.categories, eq(t.categories.id, t.applications.categoryId))
    .where(and(eq(t.applications.editionId, editionId), eq(t.applications.reviewState, "approved")))
    .groupBy(t.categories.key)
    .all();
  for (const row of approved) taken[row.key] = (taken[row.key] ?? 0) + row.n;
  const offered = conn
    .select({ key: t.categories.key, n: sql<number>`count(*)` })
    .from(t.waitlistOffers)
    .innerJoin(t.applications, eq(t.applications.id, t.waitlistOffers.applicationId))
    .innerJoin(t.categories, eq(t.categories.id, t.applications.categoryId))
    .where(and(eq(t.waitlistOffers.editionId, editionId), eq(t.waitlistOffers.state, "open")))
    .groupBy(t.categories.key)
    .all();
  for (const row of offered) taken[row.key] = (taken[row.key] ?? 0) + row.n;
  return taken;
}

export interface MadeOffer {
  offerId: number;
  applicationId: number;
  /** The secret in the link; only its hash is stored. */
  token: string;
}

/**
 * Offers the free place `slotKey` to the next waitlisted applicant who fits, inside the caller's
 * transaction: the offer row, the offer mail in the applicant's language, the history entry.
 * Nothing when automatic offers are paused (unless an organiser makes it by hand), when the place
 * already has an open offer, or when nobody fits. Skips whoever holds an open offer and whoever
 * already declined or let lapse this place.
 */
export function offerFreedPlace(
  tx: Tx,
  input: { editionId: number; slotKey: string; cause: OfferCause; now: Date; appUrl: string; organiserId?: number; onlyApplicationId?: number },
): MadeOffer | null {
  const settings = getPlacementSettings(input.editionId, tx);
  if (settings.offersPaused && input.organiserId === undefined) return null;
  const edition = getEdition(input.editionId, tx);
  if (!edition || edition.status === "cancelled") return null;
  const offers = tx.select().from(t.waitlistOffers).where(eq(t.waitlistOffers.editionId, input.editionId)).all();
  if (offers.some((o) => o.slotKey === input.slotKey && o.state === "open")) return null;
  const skipped = new Set(
    offers.filter((o) => o.state === "open" || (o.slotKey === input.slotKey && o.state !== "withdrawn")).map((o) => o.applicationId),
  );
  // By hand to one applicant: the organiser decides, so size and caps are theirs to judge.
  const only = input.onlyApplicationId;
  // A place the organisers added to a category (a raised cap) goes to someone of that category.
  const added = capacitySlotOf(input.slotKey);
  const waiting = waitingList(input.editionId, tx).filter((w) => (only === undefined || w.id === only) && (!added || w.categoryKey === added.categoryKey));
  const place = only === undefined ? placeOf(tx, input.slotKey) : null;
  if (place === "gone") return null;
  const taken = takenPerCategory(tx, input.editionId);
  for (;;) {
    const next = nextToOffer({ waiting, place, caps: only === undefined ? settings.caps : {}, taken, skipped });
    if (!next) return null;
    const token = randomBytes(32).toString("base64url");
    const expiresAt = offerExpiresAt(input.now, settings.offerHours);
    // The unique indexes decide: a place with an open offer, or an applicant with one, is not
    // offered again (DO NOTHING), and we try the next person.
    const inserted = tx
      .insert(t.waitlistOffers)
      .values({
        editionId: input.editionId,
        applicationId: next.id,
        slotKey: input.slotKey,
        categoryKey: place?.categoryKey ?? added?.categoryKey ?? null,
        cause: input.cause,
        tokenHash: hashOfferToken(token),
        expiresAt,
        madeByOrganiserId: input.organiserId ?? null,
        createdAt: input.now,
      })
      .onConflictDoNothing()
      .returning({ id: t.waitlistOffers.id })
      .get();
    if (!inserted) {
      if (tx.select({ id: t.waitlistOffers.id }).from(t.waitlistOffers).where(and(eq(t.waitlistOffers.editionId, input.editionId), eq(t.waitlistOffers.slotKey, input.slotKey), eq(t.waitlistOffers.state, "open"))).get()) return null;
      skipped.add(next.id);
      continue;
    }
    const application = tx.select().from(t.applications).where(eq(t.applications.id, next.id)).get()!;
    const mail = renderWaitlistOffer({
      language: application.language,
      contactName: application.contactName,
      stallName: application.stallName,
      edition,
      url: `${input.appUrl.replace(/\/$/, "")}/offer/${token}`,
      expiresAt,
    });
    enqueueMail(
      tx,
      { ...mail, to: application.email, template: "waitlist-offer", language: application.language, editionId: input.editionId, applicationId: application.id, dedupeKey: `waitlist-offer:${inserted.id}` },
      input.now,
    );
    recordAudit(tx, {
      actor: input.organiserId !== undefined ? { type: "organiser", organiserId: input.organiserId } : { type: "system" },
      editionId: input.editionId,
      entityType: "application",
      entityId: application.id,
      action: "waitlist.offered",
      detail: { offerId: inserted.id, slotKey: input.slotKey, cause: input.cause, expiresAt: expiresAt.toISOString() },
      at: input.now,
    });
    return { offerId: inserted.id, applicationId: application.id, token };
  }
}

/** Ends `offer` (declined, expired, withdrawn) with its history entry, and passes the place on. */
function closeOffer(tx: Tx, offer: OfferRow, state: "declined" | "expired" | "withdrawn", now: Date, appUrl: string, actor: Actor, passOn: boolean) {
  const closed = tx
    .update(t.waitlistOffers)
    .set({ state, decidedAt: now })
    .where(and(eq(t.waitlistOffers.id, offer.id), eq(t.waitlistOffers.state, "open")))
    .run();
  if (closed.changes !== 1) return;
  recordAudit(tx, { actor, editionId: offer.editionId, entityType: "application", entityId: offer.applicationId, action: `waitlist.${state}`, detail: { offerId: offer.id, slotKey: offer.slotKey }, at: now });
  if (passOn) offerFreedPlace(tx, { editionId: offer.editionId, slotKey: offer.slotKey, cause: offer.cause, now, appUrl });
}

/**
 * Called by every decision and withdrawal (inside its transaction): an approved stall that leaves
 * frees its place; a waitlisted one that holds an open offer gives it up (rejected or withdrawn:
 * the place goes to the next; approved by hand: the offer has done its work).
 */
export function afterDecision(tx: Tx, input: { row: ApplicationRow; to: string; now: Date; appUrl: string }) {
  const { row, to, now, appUrl } = input;
  if (to !== "rejected" && to !== "withdrawn" && to !== "approved") return;
  if (row.reviewState === "approved" && (to === "rejected" || to === "withdrawn")) {
    offerFreedPlace(tx, { editionId: row.editionId, slotKey: slotKeyOf(row.id), cause: to, now, appUrl });
    return;
  }
  if (row.reviewState !== "waitlisted") return;
  const open = tx.select().from(t.waitlistOffers).where(and(eq(t.waitlistOffers.applicationId, row.id), eq(t.waitlistOffers.state, "open"))).get();
  if (open) closeOffer(tx, open, "withdrawn", now, appUrl, { type: "system" }, to !== "approved");
}

// ---------------------------------------------------------------------------------------------
// The link in the offer mail

export type OfferView =
  | { kind: "open"; offer: OfferRow; application: ApplicationRow }
  | { kind: "expired" | "accepted" | "declined" | "withdrawn"; offer: OfferRow; application: ApplicationRow };

/** The offer behind a link, with its application; undefined for an unknown token. */
export function findOffer(token: string, now: Date, conn: DbOrTx = db()): OfferView | undefined {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const offer = conn.select().from(t.waitlistOffers).where(eq(t.waitlistOffers.tokenHash, hashOfferToken(token))).get();
  if (!offer) return undefined;
  const application = conn.select().from(t.applications).where(eq(t.applications.id, offer.applicationId)).get();
  if (!application) return undefined;
  if (offer.state === "open") return offerLapsed(offer.expiresAt, now) ? { kind: "expired", offer, application } : { kind: "open", offer, application };
  return { kind: offer.state, offer, application };
}

export type AnswerOutcome = { kind: "accepted" | "declined" | "expired" | "already_accepted" | "already_declined" | "gone" | "not_found" };

/**
 * The stallholder's answer. Accept while open → approved (the ordinary approve path: state,
 * payment request, approval mail); decline → the next in line. After the offer lapsed, or once
 * answered, nothing changes and the outcome says why.
 */
export function answerOffer(
  input: { token: string; answer: "accept" | "decline"; now: Date; appUrl: string },
  // The review's approve path, passed in by waitlist-answer.server.ts: the review module calls
  // this one after each decision, so importing it here would make an import cycle.
  approve: typeof applyDecision,
): AnswerOutcome {
  return transaction((tx): AnswerOutcome => {
    const found = findOffer(input.token, input.now, tx);
    if (!found) return { kind: "not_found" };
    const { offer, application } = found;
    if (found.kind === "expired") return { kind: "expired" };
    if (found.kind === "accepted") return { kind: "already_accepted" };
    if (found.kind === "declined") return { kind: "already_declined" };
    if (found.kind === "withdrawn" || application.reviewState !== "waitlisted") return { kind: "gone" };
    const stallholder: Actor = { type: "stallholder" };
    if (input.answer === "decline") {
      closeOffer(tx, offer, "declined", input.now, input.appUrl, stallholder, true);
      return { kind: "declined" };
    }
    const taken = tx
      .update(t.waitlistOffers)
      .set({ state: "accepted", decidedAt: input.now })
      .where(and(eq(t.waitlistOffers.id, offer.id), eq(t.waitlistOffers.state, "open")))
      .run();
    if (taken.changes !== 1) return { kind: "gone" };
    recordAudit(tx, { actor: stallholder, editionId: offer.editionId, entityType: "application", entityId: application.id, action: "waitlist.accepted", detail: { offerId: offer.id, slotKey: offer.slotKey }, at: input.now });
    const edition = getEdition(offer.editionId, tx)!;
    approve(tx, { edition, row: application, to: "approved", reason: "", now: input.now, appUrl: input.appUrl, actor: { type: "system" } });
    return { kind: "accepted" };
  });
}

/** The worker's step: every open offer past its time lapses, and its place goes to the next. */
export function expireOffers(now: Date, appUrl: string): number {
  const due = db()
    .select({ id: t.waitlistOffers.id })
    .from(t.waitlistOffers)
    .where(and(eq(t.waitlistOffers.state, "open"), lte(t.waitlistOffers.expiresAt, now)))
    .all();
  for (const { id } of due) {
    transaction((tx) => {
      const offer = tx.select().from(t.waitlistOffers).where(eq(t.waitlistOffers.id, id)).get();
      if (offer && offer.state === "open" && offerLapsed(offer.expiresAt, now)) closeOffer(tx, offer, "expired", now, appUrl, { type: "system" }, true);
    });
  }
  return due.length;
}

/** The waitlisted applicant's place in the queue (per category where a cap applies), or null. */
export function queuePlace(application: Pick<ApplicationRow, "id" | "editionId" | "reviewState">, conn: DbOrTx = db()) {
  if (application.reviewState !== "waitlisted") return null;
  const place = queuePosition(waitingList(application.editionId, conn), application.id, getPlacementSettings(application.editionId, conn).caps);
  if (!place) return null;
  const open = conn
    .select({ expiresAt: t.waitlistOffers.expiresAt })
    .from(t.waitlistOffers)
    .where(and(eq(t.waitlistOffers.applicationId, application.id), eq(t.waitlistOffers.state, "open")))
    .get();
  const now = new Date();
  // The organisers' expected decision date, while it is still ahead (a date gone by would no longer be true).
  const decisionDate = getPlacementSettings(application.editionId, conn).waitlistDecisionDate;
  return {
    ...place,
    offerOpenUntil: open && !offerLapsed(open.expiresAt, now) ? open.expiresAt.toISOString() : null,
    decisionDate: decisionDate && decisionDate >= localDate(now) ? decisionDate : null,
  };
}

/**
 * Offers the places a change of the category caps added (app/rules/waitlist.ts addedPlaces says
 * which, and why), inside the caller's transaction: one offer per new place, each under the
 * place's own slot key, so a second save of the same cap finds the place taken (counted, and
 * guarded by the unique index on open offers) instead of offering it twice.
 */
export function offerAddedCapacity(tx: Tx, input: { editionId: number; before: Record<string, number>; after: Record<string, number>; now: Date; appUrl: string }): MadeOffer[] {
  const holding = new Set(
    tx
      .select({ applicationId: t.waitlistOffers.applicationId })
      .from(t.waitlistOffers)
      .where(and(eq(t.waitlistOffers.editionId, input.editionId), eq(t.waitlistOffers.state, "open")))
      .all()
      .map((o) => o.applicationId),
  );
  const waiting: Record<string, number> = {};
  for (const w of waitingList(input.editionId, tx)) if (!holding.has(w.id)) waiting[w.categoryKey] = (waiting[w.categoryKey] ?? 0) + 1;
  const places = addedPlaces({ before: input.before, after: input.after, taken: takenPerCategory(tx, input.editionId), waiting });
  const made: MadeOffer[] = [];
  for (const place of places) {
    const offer = offerFreedPlace(tx, { editionId: input.editionId, slotKey: capacitySlotKey(place), cause: "capacity", now: input.now, appUrl: input.appUrl });
    if (offer) made.push(offer);
  }
  return made;
}

/**
 * Spots the organisers added to the layout (by hand, or new codes of a regenerated layout) are
 * places too: each ordinary stall spot is offered, inside the caller's transaction, to the next
 * waitlisted applicant who fits it (size, power, every day, under the category's cap). The slot is
 * the spot, so the same layout saved again offers nothing more, and a declined offer passes on.
 */
export function offerAddedSpots(tx: Tx, input: { editionId: number; spotIds: number[]; now: Date; appUrl: string }): MadeOffer[] {
  if (input.spotIds.length === 0) return [];
  const added = tx
    .select({ id: t.spots.id, kind: t.spots.kind })
    .from(t.spots)
    .where(and(eq(t.spots.editionId, input.editionId), inArray(t.spots.id, input.spotIds)))
    .orderBy(asc(t.spots.alongM), asc(t.spots.code))
    .all();
  const made: MadeOffer[] = [];
  for (const spot of added) {
    if (spot.kind !== "stall") continue;
    const offer = offerFreedPlace(tx, { editionId: input.editionId, slotKey: spotSlotKey(spot.id), cause: "capacity", now: input.now, appUrl: input.appUrl });
    if (offer) made.push(offer);
  }
  return made;
}

/** A hook for the layout's writes: offers for the spots they add, counted for the editor's message. */
export function addedSpotOffers(editionId: number, now: Date, appUrl: string) {
  const made: MadeOffer[] = [];
  return { made, afterAdd: (tx: Tx, spotIds: number[]) => void made.push(...offerAddedSpots(tx, { editionId, spotIds, now, appUrl })) };
}

/**
 * The planner's settings (weights, category caps) saved, and in the same transaction an offer for
 * every place a raised or removed cap adds. The caps before the change are read inside the
 * transaction, so two saves at once are one after the other and the second sees the first's offers.
 */
export function savePlacementSettingsWithOffers(input: { editionId: number; change: Partial<PlacementSettings>; organiserId: number; now: Date; appUrl: string }) {
  return transaction((tx) => {
    const before = getPlacementSettings(input.editionId, tx);
    const settings = savePlacementSettings(input.editionId, input.change, input.organiserId, tx);
    const offers = offerAddedCapacity(tx, { editionId: input.editionId, before: before.caps, after: settings.caps, now: input.now, appUrl: input.appUrl });
    return { settings, offers };
  });
}

/**
 * The organisers' waitlist switches: pause automatic offers, how long an offer stays open, and the
 * date by which they expect to decide (null: not said; the private page then says nothing).
 */
export function saveWaitlistSettings(input: { editionId: number; offersPaused: boolean; offerHours: number; decisionDate: string | null; organiserId: number }) {
  return transaction((tx) =>
    savePlacementSettings(input.editionId, { offersPaused: input.offersPaused, offerHours: input.offerHours, waitlistDecisionDate: input.decisionDate }, input.organiserId, tx),
  );
}

export type ByHandOutcome = { kind: "offered" } | { kind: "not_possible" };

/** An organiser offers a place to one waitlisted applicant by hand (also while automatic offers are paused). */
export function offerByHand(input: { editionId: number; applicationId: number; organiserId: number; now: Date; appUrl: string }): ByHandOutcome {
  return transaction((tx): ByHandOutcome => {
    const made = offerFreedPlace(tx, {
      editionId: input.editionId,
      slotKey: `manual:${input.applicationId}:${input.now.getTime()}`,
      cause: "manual",
      now: input.now,
      appUrl: input.appUrl,
      organiserId: input.organiserId,
      onlyApplicationId: input.applicationId,
    });
    return made ? { kind: "offered" } : { kind: "not_possible" };
  });
}

/** The open offer of an application, for the organisers' application page. */
export function openOfferOf(applicationId: number, conn: DbOrTx = db()): { expiresAt: Date } | undefined {
  return conn
    .select({ expiresAt: t.waitlistOffers.expiresAt })
    .from(t.waitlistOffers)
    .where(and(eq(t.waitlistOffers.applicationId, applicationId), eq(t.waitlistOffers.state, "open")))
    .get();
}

/** How far back the dashboard lists answered and lapsed offers. */
export const RECENT_OFFER_DAYS = 14;

/**
 * The waitlist on the organisers' dashboard: whether automatic offers are paused, the open offers
 * (who, until when), and the offers accepted, declined or lapsed in the last two weeks (newest first).
 */
export function waitlistOverview(editionId: number, now: Date, conn: DbOrTx = db()) {
  const o = t.waitlistOffers;
  const columns = { applicationId: o.applicationId, stallName: t.applications.stallName, cause: o.cause, state: o.state, expiresAt: o.expiresAt, decidedAt: o.decidedAt };
  const open = conn
    .select(columns)
    .from(o)
    .innerJoin(t.applications, eq(t.applications.id, o.applicationId))
    .where(and(eq(o.editionId, editionId), eq(o.state, "open")))
    .orderBy(asc(o.expiresAt), asc(o.id))
    .limit(50)
    .all()
    .map(({ applicationId, stallName, cause, expiresAt }) => ({ applicationId, stallName, cause, expiresAt }));
  const recent = conn
    .select(columns)
    .from(o)
    .innerJoin(t.applications, eq(t.applications.id, o.applicationId))
    .where(and(eq(o.editionId, editionId), inArray(o.state, ["accepted", "declined", "expired"]), gte(o.decidedAt, new Date(now.getTime() - RECENT_OFFER_DAYS * 86_400_000))))
    .orderBy(desc(o.decidedAt), desc(o.id))
    .limit(20)
    .all()
    .map(({ applicationId, stallName, state, decidedAt }) => ({ applicationId, stallName, state: state as "accepted" | "declined" | "expired", decidedAt: decidedAt! }));
  return { paused: getPlacementSettings(editionId, conn).offersPaused, open, recent };
}

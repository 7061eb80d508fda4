/**
 * The waitlist that fills itself (issue 14): who is next when a place comes free, whether they fit
 * that place, and how long an offer stays open. Pure: the data layer (app/data/waitlist.server.ts)
 * reads the rows, asks these questions and writes the answer in one transaction.
 *
 * The queue is the waitlisted applications by the moment they applied (earliest first; the id
 * breaks a tie). Where a category has a cap the queue is counted per category: the 3rd florist on
 * the list is 3rd, whatever other categories wait.
 */

export const DEFAULT_OFFER_HOURS = 48;
const HOUR_MS = 3600_000;

export interface Waiting {
  id: number;
  categoryKey: string;
  appliedAt: Date;
  frontageCm: number;
  depthCm: number;
  needsElectricity: boolean;
  electricityWatts: number | null;
  dayIds: number[];
}

/**
 * A free place: what the stall that left had (its frontage, depth, power, days), or null for a
 * place the organisers added (anyone fits its size).
 */
export interface FreePlace {
  categoryKey: string | null;
  frontageCm: number;
  depthCm: number;
  needsElectricity: boolean;
  electricityWatts: number | null;
  dayIds: number[];
}

/** Category key → at most this many approved stalls (plus open offers). */
export type Caps = Record<string, number>;

/** The waitlist in order: who applied first comes first. */
export function queueOrder<T extends Pick<Waiting, "id" | "appliedAt">>(waiting: readonly T[]): T[] {
  return [...waiting].sort((a, b) => a.appliedAt.getTime() - b.appliedAt.getTime() || a.id - b.id);
}

/**
 * Place in the queue (1 = next), counted in the applicant's own category when that category has a
 * cap, else over the whole list. Null when `id` is not waiting.
 */
export function queuePosition(
  waiting: readonly Pick<Waiting, "id" | "appliedAt" | "categoryKey">[],
  id: number,
  caps: Caps,
): { position: number; perCategory: boolean } | null {
  const me = waiting.find((w) => w.id === id);
  if (!me) return null;
  const perCategory = caps[me.categoryKey] !== undefined;
  const line = queueOrder(perCategory ? waiting.filter((w) => w.categoryKey === me.categoryKey) : waiting);
  return { position: line.findIndex((w) => w.id === id) + 1, perCategory };
}

/** Whether a waiting stall fits a free place: its days, its size and its power. */
export function fitsPlace(stall: Omit<Waiting, "id" | "appliedAt" | "categoryKey">, place: FreePlace | null): boolean {
  if (!place) return true;
  if (!stall.dayIds.every((day) => place.dayIds.includes(day))) return false;
  if (stall.frontageCm > place.frontageCm || stall.depthCm > place.depthCm) return false;
  if (stall.needsElectricity) {
    if (!place.needsElectricity) return false;
    if ((stall.electricityWatts ?? 0) > (place.electricityWatts ?? 0)) return false;
  }
  return true;
}

/**
 * The next applicant to offer `place`: the first in the queue who is not `skipped` (already holds
 * an open offer, or said no to / let lapse this very place), whose category is under its cap, and
 * who fits. `taken` counts per category the approved stalls plus the open offers. Null: nobody.
 */
export function nextToOffer(input: {
  waiting: readonly Waiting[];
  place: FreePlace | null;
  caps: Caps;
  taken: Record<string, number>;
  skipped: ReadonlySet<number>;
}): Waiting | null {
  for (const candidate of queueOrder(input.waiting)) {
    if (input.skipped.has(candidate.id)) continue;
    const cap = input.caps[candidate.categoryKey];
    if (cap !== undefined && (input.taken[candidate.categoryKey] ?? 0) >= cap) continue;
    if (fitsPlace(candidate, input.place)) return candidate;
  }
  return null;
}

/** When an offer made at `now` lapses. */
export function offerExpiresAt(now: Date, hours: number = DEFAULT_OFFER_HOURS): Date {
  return new Date(now.getTime() + Math.max(1, hours) * HOUR_MS);
}

/** An offer can be accepted until the moment it lapses, not at or after it. */
export function offerLapsed(expiresAt: Date, now: Date): boolean {
  return now.getTime() >= expiresAt.getTime();
}

/** A place the organisers added to a capped category: the `number`-th place under its cap. */
export interface AddedPlace {
  categoryKey: string;
  number: number;
}

/**
 * The places a change of the category caps adds, each named by its category and its number under
 * the cap (the 13th food place), so that one new place has one name however often it is saved.
 * `taken` counts per category the approved stalls plus the open offers; `waiting` the waitlisted
 * applicants per category who hold no offer.
 *
 * What an organiser expects:
 * - Raising a cap from 12 to 14 adds the 13th and 14th place: two offers, never more, and never
 *   more than the new cap allows (with 13 taken, one). Places that were already free under the
 *   old cap are not what the organiser changed, so they bring no offers.
 * - Removing a cap ("no cap") names no number. It lets waiting people in only when the cap was
 *   full: then the cap was what kept that category's waiting list out, and every one of them gets
 *   an offer. When the cap still had room, something else (the organisers' own judgement, the
 *   space on the street) keeps them waiting, and removing the cap lets nobody in.
 * - A cap set on a category that had none, or lowered, only limits: no offers (and open offers
 *   stay open; they were made in good faith).
 */
export function addedPlaces(input: { before: Caps; after: Caps; taken: Record<string, number>; waiting: Record<string, number> }): AddedPlace[] {
  const places: AddedPlace[] = [];
  for (const categoryKey of Object.keys(input.before).sort()) {
    const old = input.before[categoryKey]!;
    const now = input.after[categoryKey];
    const taken = input.taken[categoryKey] ?? 0;
    let from: number;
    let to: number;
    if (now === undefined) {
      if (taken < old) continue;
      [from, to] = [taken + 1, taken + (input.waiting[categoryKey] ?? 0)];
    } else {
      [from, to] = [Math.max(old, taken) + 1, now];
    }
    for (let number = from; number <= to; number++) places.push({ categoryKey, number });
  }
  return places;
}

/** The name of an added place, the key of its offers (one open offer per name). */
export function capacitySlotKey(place: AddedPlace): string {
  return `capacity:${place.categoryKey}:${place.number}`;
}

/** The added place behind a slot key, or null for any other kind of place. */
export function capacitySlotOf(slotKey: string): AddedPlace | null {
  const match = /^capacity:(.+):(\d+)$/.exec(slotKey);
  return match ? { categoryKey: match[1]!, number: Number(match[2]) } : null;
}

/**
 * People wait while nothing is on offer and offers are not paused: the dashboard then says what
 * makes a place come free (a withdrawal or rejection, spots added, a raised maximum), since empty
 * spots on the map alone send no offer.
 */
export function waitlistStalled(input: { waiting: number; openOffers: number; paused: boolean }): boolean {
  return input.waiting > 0 && input.openOffers === 0 && !input.paused;
}

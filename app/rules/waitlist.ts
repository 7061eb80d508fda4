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

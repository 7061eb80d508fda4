/**
 * The day's programme: what is on now and what comes next, at a moment, in Amsterdam time.
 * Items are plain data (a market day, HH:MM times); an item without an end time lasts
 * `DEFAULT_DURATION_MIN` minutes.
 */
import { amsterdamMoment, localDate } from "./calendar";

export const DEFAULT_DURATION_MIN = 30;
/** How many upcoming items "next" shows at most. */
export const NEXT_LIMIT = 3;

export interface TimedItem {
  date: string; // YYYY-MM-DD, a market day
  startsAt: string; // HH:MM
  endsAt: string | null; // HH:MM, after startsAt
}

export function startOf(item: TimedItem): Date {
  return amsterdamMoment(item.date, item.startsAt);
}

export function endOf(item: TimedItem): Date {
  if (item.endsAt) return amsterdamMoment(item.date, item.endsAt);
  return new Date(startOf(item).getTime() + DEFAULT_DURATION_MIN * 60_000);
}

/** Chronological order: by day, start, then end. */
export function sortProgramme<T extends TimedItem>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      a.startsAt.localeCompare(b.startsAt) ||
      (a.endsAt ?? "99:99").localeCompare(b.endsAt ?? "99:99"),
  );
}

export interface NowAndNext<T> {
  /** Items running at the moment (started, not yet ended). */
  now: T[];
  /** The first items still to start, at most NEXT_LIMIT, in order. */
  next: T[];
  /** True when every item has ended. */
  over: boolean;
}

/** "Now and next" is for market days only (issue 11): months before, "nothing on now" says nothing. */
export function isMarketDay(items: readonly TimedItem[], moment: Date): boolean {
  const today = localDate(moment);
  return items.some((item) => item.date === today);
}

export function nowAndNext<T extends TimedItem>(items: readonly T[], moment: Date, limit = NEXT_LIMIT): NowAndNext<T> {
  const at = moment.getTime();
  const sorted = sortProgramme(items);
  const now = sorted.filter((item) => startOf(item).getTime() <= at && at < endOf(item).getTime());
  const next = sorted.filter((item) => startOf(item).getTime() > at).slice(0, limit);
  const over = sorted.length > 0 && sorted.every((item) => endOf(item).getTime() <= at);
  return { now, next, over };
}

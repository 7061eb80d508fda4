/** Calendar arithmetic in the market's own time zone, Europe/Amsterdam, whatever the server's. */
export const MARKET_TIME_ZONE = "Europe/Amsterdam";

/** The local calendar date (YYYY-MM-DD) in Amsterdam at `moment`. */
// Formatters are costly to create and cheap to reuse (every public request asks for today's date).
const DATE_PARTS = new Intl.DateTimeFormat("en-CA", {
  timeZone: MARKET_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const TIME_PARTS = new Intl.DateTimeFormat("en-GB", {
  timeZone: MARKET_TIME_ZONE,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

export function localDate(moment: Date): string {
  const parts = DATE_PARTS.formatToParts(moment);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** The local time of day (HH:MM, 24 h) in Amsterdam at `moment`. */
export function localTime(moment: Date): string {
  const parts = TIME_PARTS.formatToParts(moment);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("hour")}:${get("minute")}`;
}

/**
 * The moment that is `time` (HH:MM) on `date` (YYYY-MM-DD) in Amsterdam. Found by correcting a
 * UTC guess with the zone's offset at that moment, which handles summer and winter time.
 */
export function amsterdamMoment(date: string, time = "00:00"): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  const offsetMinutes = zoneOffsetMinutes(guess);
  const corrected = new Date(guess.getTime() - offsetMinutes * 60_000);
  // Around a clock change the offset at the corrected moment can differ; settle on it.
  const secondOffset = zoneOffsetMinutes(corrected);
  return secondOffset === offsetMinutes
    ? corrected
    : new Date(guess.getTime() - secondOffset * 60_000);
}

function zoneOffsetMinutes(moment: Date): number {
  const local = localDate(moment);
  const time = localTime(moment);
  const asUtc = Date.parse(`${local}T${time}:00Z`);
  const truncated = Math.floor(moment.getTime() / 60_000) * 60_000;
  return Math.round((asUtc - truncated) / 60_000);
}

/** The first Friday of July of the first year whose July 1 is still ahead of `today`. */
export function nextDefaultMarketDay(today: string): string {
  const year = Number(today.slice(0, 4));
  const targetYear = today < `${year}-07-01` ? year : year + 1;
  const first = new Date(Date.UTC(targetYear, 6, 1));
  const daysToFriday = (5 - first.getUTCDay() + 7) % 7;
  first.setUTCDate(1 + daysToFriday);
  return first.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from one calendar date to another (`YYYY-MM-DD`; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface MarketDay {
  date: string;
  startsAt: string;
  endsAt: string;
}

/**
 * The days of a new edition copied from the last one: the same pattern (a Saturday and the Sunday
 * after it stay a weekend) and the same times, starting on `firstDate`. With no days to copy, one
 * day on `firstDate` from 12:00 to 18:00.
 */
export function shiftedMarketDays(source: readonly MarketDay[], firstDate: string): MarketDay[] {
  const first = source[0]?.date;
  if (!first) return [{ date: firstDate, startsAt: "12:00", endsAt: "18:00" }];
  return source.map((day) => ({ date: addDays(firstDate, daysBetween(first, day.date)), startsAt: day.startsAt, endsAt: day.endsAt }));
}

/** Whether `text` is a date that exists, written YYYY-MM-DD (2027-02-29 does not; 2028-02-29 does). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * How long personal data of an application is kept (the privacy statement's promise), and which
 * applications are due to be anonymised. Pure: the caller passes today's local date.
 *
 * - An edition's applications are anonymised from the day after "last market day + retention
 *   months" (12 months by default: the statement says "at most a year after the market").
 * - Never while money is not settled: an open Checkout payment, a payment that did not match, or
 *   a refund that is not finished (pending, failed, or to be paid by hand). Those wait until the
 *   money is settled, then go in the next run.
 * - An application already anonymised is never due again (the run is idempotent).
 */

export const DEFAULT_RETENTION_MONTHS = 12;
export const RETENTION_MONTHS_MIN = 1;
export const RETENTION_MONTHS_MAX = 120;

/** How the privacy statement says a period: whole years when it is whole years, else months. */
export function retentionPeriod(months: number): { unit: "year" | "month"; count: number } {
  return months % 12 === 0 ? { unit: "year", count: months / 12 } : { unit: "month", count: months };
}

export type PaymentStatus = "open" | "succeeded" | "failed" | "expired" | "mismatch";
export type RefundStatus = "pending" | "succeeded" | "failed" | "to_pay_manually" | "paid_manually";

/** What keeps an application's data: money that is not settled yet. */
export type MoneyHold = "payment_open" | "payment_mismatch" | "refund_unsettled";

export interface RetentionCandidate {
  id: number;
  anonymised: boolean;
  paymentStatuses: readonly PaymentStatus[];
  refundStatuses: readonly RefundStatus[];
}

export type RetentionVerdict =
  | { kind: "anonymised" }
  | { kind: "keep"; until: string }
  | { kind: "held"; hold: MoneyHold }
  | { kind: "due" };

const SETTLED_REFUNDS: readonly RefundStatus[] = ["succeeded", "paid_manually"];

/** `isoDate` plus whole calendar months; the 31st becomes the month's last day when shorter. */
export function addMonths(isoDate: string, months: number): string {
  if (!Number.isInteger(months)) throw new Error(`months must be a whole number, got ${months}`);
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, "0")}-${String(month + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function nextDay(isoDate: string): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * The local date on which the edition's personal data goes: the day after its last market day
 * plus `retentionMonths`. Null for an edition without market days (nothing to count from).
 */
export function anonymiseOn(marketDays: readonly string[], retentionMonths: number): string | null {
  if (marketDays.length === 0) return null;
  const last = [...marketDays].sort().at(-1)!;
  return nextDay(addMonths(last, retentionMonths));
}

export function moneyHold(candidate: Pick<RetentionCandidate, "paymentStatuses" | "refundStatuses">): MoneyHold | null {
  if (candidate.refundStatuses.some((s) => !SETTLED_REFUNDS.includes(s))) return "refund_unsettled";
  if (candidate.paymentStatuses.includes("open")) return "payment_open";
  if (candidate.paymentStatuses.includes("mismatch")) return "payment_mismatch";
  return null;
}

export function retentionVerdict(
  edition: { marketDays: readonly string[]; retentionMonths: number },
  candidate: RetentionCandidate,
  today: string,
): RetentionVerdict {
  if (candidate.anonymised) return { kind: "anonymised" };
  const from = anonymiseOn(edition.marketDays, edition.retentionMonths);
  if (from === null) return { kind: "keep", until: "" };
  if (today < from) return { kind: "keep", until: from };
  const hold = moneyHold(candidate);
  return hold ? { kind: "held", hold } : { kind: "due" };
}

export interface RetentionSummary {
  /** The local date the edition's data goes (null without market days). */
  anonymiseOn: string | null;
  /** Still holding personal data and not yet due (they go on `anonymiseOn`, money permitting). */
  waiting: number;
  /** Due today: the next run anonymises them. */
  due: number[];
  /** Past the date but kept while money is not settled. */
  held: { id: number; hold: MoneyHold }[];
  /** Waiting applications that would be held today if their money stays as it is. */
  waitingWithMoneyOpen: number;
  anonymised: number;
}

/** Every candidate of one edition sorted into what happens to it. */
export function summariseRetention(
  edition: { marketDays: readonly string[]; retentionMonths: number },
  candidates: readonly RetentionCandidate[],
  today: string,
): RetentionSummary {
  const summary: RetentionSummary = {
    anonymiseOn: anonymiseOn(edition.marketDays, edition.retentionMonths),
    waiting: 0,
    due: [],
    held: [],
    waitingWithMoneyOpen: 0,
    anonymised: 0,
  };
  for (const candidate of candidates) {
    const verdict = retentionVerdict(edition, candidate, today);
    if (verdict.kind === "anonymised") summary.anonymised += 1;
    else if (verdict.kind === "due") summary.due.push(candidate.id);
    else if (verdict.kind === "held") summary.held.push({ id: candidate.id, hold: verdict.hold });
    else {
      summary.waiting += 1;
      if (moneyHold(candidate)) summary.waitingWithMoneyOpen += 1;
    }
  }
  return summary;
}

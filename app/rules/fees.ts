/**
 * The stall fee, computed from the edition's fee table. All amounts are integer cents (EUR);
 * prices in the table are per market day, so each line is multiplied by the number of days.
 */
import type { ApplicantKind } from "./vocabularies";

export type { ApplicantKind };

export interface FeeRate {
  applicantKind: ApplicantKind;
  firstUnitCents: number;
  extraMetreCents: number;
  electricityCents: number;
  stallRentalCents: number;
}

export interface FeeInput {
  applicantKind: ApplicantKind;
  frontageCm: number;
  needsElectricity: boolean;
  rentedStalls: number;
  dayCount: number;
  /** The edition's frontage unit: the first unit is one price, every started metre beyond it another. */
  stallUnitCm: number;
  /** A free category (e.g. associations) pays nothing, whatever the table says. */
  categoryIsFree: boolean;
  /** The edition's deposit (borg), once per application, not per day; 0 or absent = none. */
  depositCents?: number;
}

export type FeeLineKind = "first_unit" | "extra_metres" | "electricity" | "stall_rental" | "deposit";

export interface FeeLine {
  kind: FeeLineKind;
  /** How many (metres, stalls, 1 for a unit or a connection) per day. */
  quantity: number;
  unitCents: number;
  days: number;
  totalCents: number;
}

export interface FeeBreakdown {
  lines: FeeLine[];
  dayCount: number;
  free: boolean;
  totalCents: number;
}

export class FeeError extends Error {}

export function extraMetres(frontageCm: number, stallUnitCm: number): number {
  return frontageCm > stallUnitCm ? Math.ceil((frontageCm - stallUnitCm) / 100) : 0;
}

export function computeFee(input: FeeInput, rates: FeeRate[]): FeeBreakdown {
  assertWhole("frontage", input.frontageCm, 1);
  assertWhole("stall unit", input.stallUnitCm, 1);
  assertWhole("rented stalls", input.rentedStalls, 0);
  assertWhole("days", input.dayCount, 1);
  assertWhole("deposit", input.depositCents ?? 0, 0);
  if (input.categoryIsFree) return { lines: [], dayCount: input.dayCount, free: true, totalCents: 0 };

  const rate = rates.find((r) => r.applicantKind === input.applicantKind);
  if (!rate) throw new FeeError(`No fee rate for applicant kind ${input.applicantKind}`);
  for (const [name, value] of Object.entries(rate)) {
    if (name !== "applicantKind") assertWhole(name, value as number, 0);
  }

  const days = input.dayCount;
  const candidates: Omit<FeeLine, "totalCents" | "days">[] = [
    { kind: "first_unit", quantity: 1, unitCents: rate.firstUnitCents },
    { kind: "extra_metres", quantity: extraMetres(input.frontageCm, input.stallUnitCm), unitCents: rate.extraMetreCents },
    { kind: "electricity", quantity: input.needsElectricity ? 1 : 0, unitCents: rate.electricityCents },
    { kind: "stall_rental", quantity: input.rentedStalls, unitCents: rate.stallRentalCents },
  ];
  const lines = candidates
    .filter((line) => line.quantity > 0)
    .map((line): FeeLine => ({ ...line, days, totalCents: line.quantity * line.unitCents * days }));
  // The deposit is its own line, once (not per day): collected with the fee, given back after the market.
  const depositCents = input.depositCents ?? 0;
  if (depositCents > 0) lines.push({ kind: "deposit", quantity: 1, unitCents: depositCents, days: 1, totalCents: depositCents });
  const totalCents = lines.reduce((sum, line) => sum + line.totalCents, 0);
  return { lines, dayCount: days, free: totalCents === 0, totalCents };
}

/** The deposit inside a stored fee breakdown (0 when the edition asked none when it was priced). */
export function depositOf(fee: Pick<FeeBreakdown, "lines">): number {
  return fee.lines.filter((line) => line.kind === "deposit").reduce((sum, line) => sum + line.totalCents, 0);
}

function assertWhole(name: string, value: number, min: number) {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new FeeError(`${name} must be a whole number of at least ${min}, got ${value}`);
  }
}

/**
 * The refund rule for a withdrawal (editions.refund_period_days): withdrawn on or before this
 * local date (YYYY-MM-DD), `refundPeriodDays` before the first market day, what was paid comes
 * back in full; later, nothing does.
 */
export function fullRefundDeadline(firstMarketDay: string, refundPeriodDays: number): string {
  assertWhole("refund period", refundPeriodDays, 0);
  const day = new Date(`${firstMarketDay}T12:00:00Z`);
  if (Number.isNaN(day.getTime())) throw new FeeError(`Not a date: ${firstMarketDay}`);
  day.setUTCDate(day.getUTCDate() - refundPeriodDays);
  return day.toISOString().slice(0, 10);
}

/** Whether a withdrawal on local date `today` is refunded in full. */
export function withdrawalRefundedInFull(today: string, firstMarketDay: string, refundPeriodDays: number): boolean {
  return today <= fullRefundDeadline(firstMarketDay, refundPeriodDays);
}

/**
 * Money rules for an application, with no database and no clock of their own: the payment state
 * that follows from the fee and the payments and refunds recorded, how much may still be
 * refunded, the refund policy for a withdrawal, the reminder schedule before the payment deadline,
 * how a Stripe Checkout Session's expiry is chosen, the line items it shows, and how the status of
 * one payment moves when Stripe's events arrive in any order. All amounts are integer cents (EUR).
 *
 * Refund policy for a withdrawal (editions.refund_period_days, default 14):
 *   withdrawn on or before the local date `refund_period_days` days before the first market day
 *   → everything paid and not yet refunded comes back; withdrawn later → nothing comes back
 *   automatically (organisers may still refund by hand). A payment that arrives for an application
 *   that is no longer approved (withdrawn, cancelled, rejected) is always refunded in full: it paid
 *   for nothing.
 */
import type { PaymentState } from "./application-state";
import type { FeeBreakdown, FeeLineKind } from "./fees";
import { withdrawalRefundedInFull } from "./fees";
import type { PaymentStatus, RefundStatus } from "./vocabularies";

export type { PaymentStatus, RefundStatus };

/** The stallholder has money with us for this application (all of it, or some after a partial refund). */
export function moneyHeld(state: PaymentState): boolean {
  return state === "paid" || state === "partially_refunded";
}

export interface PaymentFact {
  id: number;
  status: PaymentStatus;
  amountCents: number;
}

export interface RefundFact {
  paymentId: number;
  status: RefundStatus;
  amountCents: number;
}

const DAY_MS = 24 * 3600_000;
const MINUTE_MS = 60_000;

/** Money that arrived and counts towards the fee. A mismatched payment waits for the organisers. */
export function paidCents(payments: readonly PaymentFact[]): number {
  return sum(payments.filter((p) => p.status === "succeeded").map((p) => p.amountCents));
}

/** Refunds that went back (through Stripe or by hand), on payments that counted towards the fee. */
export function refundedCents(payments: readonly PaymentFact[], refunds: readonly RefundFact[]): number {
  const counted = new Set(payments.filter((p) => p.status === "succeeded").map((p) => p.id));
  return sum(refunds.filter((r) => counted.has(r.paymentId) && isRefundDone(r.status)).map((r) => r.amountCents));
}

export function isRefundDone(status: RefundStatus): boolean {
  return status === "succeeded" || status === "paid_manually";
}

/** A refund that is done or still on its way; a failed one gives its amount back to "refundable". */
export function isRefundCommitted(status: RefundStatus): boolean {
  return status !== "failed";
}

/**
 * The application's payment state:
 *   nothing paid: `not_required` when the fee is 0, else `pending` (also while partly paid);
 *   paid in full and nothing refunded: `paid`; some of it refunded: `partially_refunded` (unless
 *   what is left still covers the fee, e.g. a double payment sent back: `paid`);
 *   everything paid refunded: `refunded`.
 */
export function derivePaymentState(input: {
  feeTotalCents: number;
  payments: readonly PaymentFact[];
  refunds: readonly RefundFact[];
}): PaymentState {
  const paid = paidCents(input.payments);
  const refunded = refundedCents(input.payments, input.refunds);
  if (paid === 0) return input.feeTotalCents === 0 ? "not_required" : "pending";
  if (refunded >= paid) return "refunded";
  // A second payment for a fee already paid, sent back, leaves the fee paid.
  if (refunded > 0) return paid - refunded >= input.feeTotalCents ? "paid" : "partially_refunded";
  return paid >= input.feeTotalCents ? "paid" : "pending";
}

/** What the stallholder still owes (never negative). */
export function outstandingCents(feeTotalCents: number, payments: readonly PaymentFact[]): number {
  return Math.max(0, feeTotalCents - paidCents(payments));
}

/** Payments whose money arrived (a mismatched amount arrived too, and can be sent back). */
export function holdsMoney(status: PaymentStatus): boolean {
  return status === "succeeded" || status === "mismatch";
}

/** Per payment, what may still be refunded: its amount minus every refund on it that did not fail. */
export function refundableByPayment(payments: readonly PaymentFact[], refunds: readonly RefundFact[]): Map<number, number> {
  const result = new Map<number, number>();
  for (const payment of payments) {
    if (!holdsMoney(payment.status)) continue;
    const committed = sum(
      refunds.filter((r) => r.paymentId === payment.id && isRefundCommitted(r.status)).map((r) => r.amountCents),
    );
    result.set(payment.id, Math.max(0, payment.amountCents - committed));
  }
  return result;
}

/** The most that may be refunded now: paid minus refunded (and minus refunds on their way). */
export function refundableCents(payments: readonly PaymentFact[], refunds: readonly RefundFact[]): number {
  return sum([...refundableByPayment(payments, refunds).values()]);
}

/**
 * Splits a refund over the payments, newest first (the order given), never more than each payment
 * still holds. Returns null when the amount is not a positive whole number of cents or is more
 * than is refundable.
 */
export function splitRefund(
  amountCents: number,
  newestFirst: readonly PaymentFact[],
  refunds: readonly RefundFact[],
): { paymentId: number; amountCents: number }[] | null {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) return null;
  const refundable = refundableByPayment(newestFirst, refunds);
  let left = amountCents;
  const parts: { paymentId: number; amountCents: number }[] = [];
  for (const payment of newestFirst) {
    const room = refundable.get(payment.id) ?? 0;
    if (left === 0 || room === 0) continue;
    const part = Math.min(room, left);
    parts.push({ paymentId: payment.id, amountCents: part });
    left -= part;
  }
  return left === 0 ? parts : null;
}

/** What a withdrawal on local date `today` refunds by itself (see the policy at the top). */
export function withdrawalRefundCents(input: {
  today: string;
  firstMarketDay: string | null;
  refundPeriodDays: number;
  refundableCents: number;
}): { policy: "full" | "none"; amountCents: number } {
  if (input.refundableCents <= 0) return { policy: "none", amountCents: 0 };
  const full = input.firstMarketDay === null || withdrawalRefundedInFull(input.today, input.firstMarketDay, input.refundPeriodDays);
  return full ? { policy: "full", amountCents: input.refundableCents } : { policy: "none", amountCents: 0 };
}

// ---------------------------------------------------------------------------------------------
// Reminders before the payment deadline

/** Reminders go out this many days before the deadline. */
export const REMINDER_DAYS_BEFORE = [7, 2] as const;

/**
 * The reminder due at `now`, or null: the latest reminder moment that has passed while the
 * deadline has not, unless a reminder was already sent at or after that moment (so a late start
 * sends one reminder, not two). `daysBefore` goes into the mail's dedupe key.
 */
export function dueReminder(input: {
  deadline: Date;
  now: Date;
  lastReminderAt: Date | null;
}): { daysBefore: number; at: Date } | null {
  const now = input.now.getTime();
  const deadline = input.deadline.getTime();
  if (now >= deadline) return null;
  const passed = REMINDER_DAYS_BEFORE.map((days) => ({ daysBefore: days, at: new Date(deadline - days * DAY_MS) }))
    .filter((r) => r.at.getTime() <= now)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const latest = passed[0];
  if (!latest) return null;
  if (input.lastReminderAt && input.lastReminderAt.getTime() >= latest.at.getTime()) return null;
  return latest;
}

/** The deadline that applies to one application: its own (set on approval or extended), else the edition's. */
export function effectiveDeadline(applicationDueAt: Date | null, editionDeadline: Date | null): Date | null {
  return applicationDueAt ?? editionDeadline;
}

export function isOverdue(deadline: Date | null, now: Date): boolean {
  return deadline !== null && now.getTime() >= deadline.getTime();
}

// ---------------------------------------------------------------------------------------------
// Stripe Checkout

/** Stripe accepts an expiry between 30 minutes and 24 hours after the session is made. */
export const CHECKOUT_MIN_MS = 30 * MINUTE_MS;
export const CHECKOUT_MAX_MS = 24 * 3600_000;
/** Rounding `now` down to this makes two clicks close together send identical parameters. */
export const CHECKOUT_BUCKET_MS = 5 * MINUTE_MS;

/**
 * The expiry of a new Checkout Session: as late as Stripe allows but no later than the payment
 * deadline, and never earlier than Stripe's minimum (a session made 10 minutes before the
 * deadline lives 31 minutes; the webhook takes a payment that arrives a little late, and the
 * organisers decide). Computed from `now` rounded down to 5 minutes, so two requests in the same
 * 5 minutes ask Stripe for exactly the same session (the idempotency key includes it).
 */
export function checkoutExpiry(now: Date, deadline: Date | null): Date {
  const bucket = Math.floor(now.getTime() / CHECKOUT_BUCKET_MS) * CHECKOUT_BUCKET_MS;
  const latest = bucket + CHECKOUT_MAX_MS - MINUTE_MS; // ≤ now + 24 h − 1 min
  const earliest = bucket + CHECKOUT_BUCKET_MS + CHECKOUT_MIN_MS + MINUTE_MS; // ≥ now + 31 min
  const wanted = deadline ? Math.min(latest, deadline.getTime()) : latest;
  return new Date(Math.floor(Math.max(earliest, wanted) / 1000) * 1000);
}

export type CheckoutLineKind = FeeLineKind | "adjustment" | "fee" | "remaining";

export interface CheckoutLine {
  kind: CheckoutLineKind;
  quantity: number;
  unitCents: number;
}

/**
 * The Checkout line items for `amountCents` (what is asked now): the fee's own lines when they
 * add up to it (with a positive organisers' adjustment as a line of its own); otherwise one line
 * for the whole amount (a discount cannot be a negative line at Stripe; a remainder after a partial
 * payment is one line). The lines always add up to `amountCents` exactly.
 */
export function checkoutLines(breakdown: FeeBreakdown, feeTotalCents: number, amountCents: number): CheckoutLine[] {
  if (amountCents === feeTotalCents) {
    const lines: CheckoutLine[] = breakdown.lines
      .filter((line) => line.totalCents > 0)
      .map((line) => ({ kind: line.kind, quantity: line.quantity * line.days, unitCents: line.unitCents }));
    const computed = sum(lines.map((l) => l.quantity * l.unitCents));
    const valid = lines.every((l) => Number.isSafeInteger(l.quantity) && l.quantity > 0 && Number.isSafeInteger(l.unitCents) && l.unitCents >= 0);
    if (valid && lines.length > 0 && computed === amountCents) return lines;
    if (valid && lines.length > 0 && computed < amountCents) return [...lines, { kind: "adjustment", quantity: 1, unitCents: amountCents - computed }];
    return [{ kind: "fee", quantity: 1, unitCents: amountCents }];
  }
  return [{ kind: "remaining", quantity: 1, unitCents: amountCents }];
}

export function linesTotal(lines: readonly CheckoutLine[]): number {
  return sum(lines.map((l) => l.quantity * l.unitCents));
}

// ---------------------------------------------------------------------------------------------
// One payment's status as Stripe's events arrive (in any order, any number of times)

const RANK: Record<PaymentStatus, number> = { open: 0, expired: 1, failed: 1, succeeded: 2, mismatch: 2 };

/**
 * Money that arrived is never un-arrived: `succeeded`/`mismatch` win over everything; a failure
 * or an expiry wins over `open`; between the two "ended without money" states the first one
 * stays. So a session's events give the same end state in any order.
 */
export function nextPaymentStatus(current: PaymentStatus, incoming: PaymentStatus): PaymentStatus {
  return RANK[incoming] > RANK[current] ? incoming : current;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}


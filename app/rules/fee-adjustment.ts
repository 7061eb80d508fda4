/**
 * The organisers' correction of a computed fee: an organiser can adjust it, with a
 * reason, before payment. What the stallholder owes is the computed total plus the adjustment,
 * and never below zero.
 */
import type { PaymentState } from "./application-state";

export type AdjustmentProblem = "reason_required" | "negative_total" | "already_paid";

/** The fee can change while nothing has been paid yet. */
export function feeMayChange(payment: PaymentState): boolean {
  return payment === "pending" || payment === "not_required";
}

export function adjustmentProblem(input: {
  computedCents: number;
  adjustmentCents: number;
  reason: string;
  payment: PaymentState;
}): AdjustmentProblem | null {
  if (!feeMayChange(input.payment)) return "already_paid";
  if (input.adjustmentCents !== 0 && input.reason.trim() === "") return "reason_required";
  if (input.computedCents + input.adjustmentCents < 0) return "negative_total";
  return null;
}

/** The total and the payment state that follows from it (nothing to pay → not required). */
export function adjustedTotal(computedCents: number, adjustmentCents: number) {
  const totalCents = Math.max(0, computedCents + adjustmentCents);
  return { totalCents, paymentState: (totalCents === 0 ? "not_required" : "pending") as PaymentState };
}

/**
 * What may truthfully be said about an application, from its review state, payment state and the
 * edition's status: one decision, used by the private page, the organiser's lists, the application
 * page and the money page, so no two places on one screen contradict each other (a refunded
 * stallholder is never told "your stall is confirmed"; a rejected one never "not paid yet").
 */
import { isActive, type PaymentState, type ReviewState } from "./application-state";
import { moneyHeld } from "./payment-state";

export type EditionStatusWord = "scheduled" | "uncertain" | "cancelled" | "postponed";

/** The payment as one short word: the same word in every list and on every page. */
export type PaymentWord =
  | "free" // nothing to pay for this stall
  | "not_yet_due" // under review or waitlisted: paying comes after approval
  | "to_pay" // approved, not (fully) paid
  | "not_due" // rejected, withdrawn or cancelled with nothing paid: nothing will be asked
  | "paid"
  | "paid_to_refund" // paid, no longer taking part, refund not yet complete
  | "paid_kept" // paid, withdrawn after the free-withdrawal period: the money stays
  | "partially_refunded"
  | "refunded";

export interface WordingInput {
  reviewState: ReviewState;
  paymentState: PaymentState;
  /** Needed for the headline and "confirmed"; a payment's word does not depend on it. */
  editionStatus?: EditionStatusWord;
  /** Refunds asked for but not yet done (pending at Stripe, failed, or to pay by hand), in cents;
   *  left out where a page does not know them. */
  refundInProgressCents?: number;
}

export function paymentWord(input: WordingInput): PaymentWord {
  const { reviewState, paymentState } = input;
  const active = isActive(reviewState);
  switch (paymentState) {
    case "not_required":
      return active || reviewState === "cancelled" ? "free" : "not_due";
    case "pending":
      if (reviewState === "approved") return "to_pay";
      return active ? "not_yet_due" : "not_due";
    case "paid": {
      if (reviewState === "approved") return "paid";
      const inProgress = input.refundInProgressCents;
      // Unknown refunds (a list without them): say only what is certainly true.
      if (inProgress === undefined) return reviewState === "cancelled" ? "paid_to_refund" : "paid";
      if (inProgress > 0) return "paid_to_refund";
      return active ? "paid" : "paid_kept";
    }
    case "partially_refunded":
      return "partially_refunded";
    case "refunded":
      return "refunded";
  }
}

/** The headline on the private page. */
export type StallholderHeadline =
  | "submitted"
  | "waitlisted"
  | "approved_pending"
  | "approved_paused"
  | "approved_confirmed"
  | "approved_refunded"
  | "rejected"
  | "withdrawn"
  | "cancelled_with_money"
  | "cancelled";

export function stallholderHeadline(input: WordingInput): StallholderHeadline {
  const { reviewState, paymentState } = input;
  const paidSomething = paymentState === "paid" || paymentState === "partially_refunded" || paymentState === "refunded";
  // A cancelled edition outranks the application's own state: its cancellation may still be running.
  if (input.editionStatus === "cancelled" && (reviewState === "approved" || reviewState === "submitted" || reviewState === "waitlisted")) {
    return paidSomething ? "cancelled_with_money" : "cancelled";
  }
  switch (reviewState) {
    case "approved":
      if (paymentState === "pending") return input.editionStatus === "uncertain" ? "approved_paused" : "approved_pending";
      return paymentState === "refunded" ? "approved_refunded" : "approved_confirmed";
    case "cancelled":
      return paidSomething ? "cancelled_with_money" : "cancelled";
    default:
      return reviewState;
  }
}

/** Whether the page may speak of a spot at all: only a stall that is (or may still be) coming. */
export function spotWording(reviewState: ReviewState, hasSpot: boolean, editionStatus?: EditionStatusWord): "show" | "not_yet" | "none" {
  if (editionStatus === "cancelled") return "none";
  if (reviewState !== "approved") return reviewState === "submitted" || reviewState === "waitlisted" ? "not_yet" : "none";
  return hasSpot ? "show" : "not_yet";
}

/**
 * Whether the application is still in play: submitted, waitlisted or approved, in an edition that is
 * not cancelled. Only then does the private page show "what it costs" (a fee nobody will be asked
 * for reads as a bill) and say that details can be changed by asking the organisers.
 */
export function stillInPlay(reviewState: ReviewState, editionStatus?: EditionStatusWord): boolean {
  return editionStatus !== "cancelled" && (reviewState === "submitted" || reviewState === "waitlisted" || reviewState === "approved");
}

/** An application cancelled with its edition, which has since started afresh: the way back in is a new application. */
export function lapsedButMarketReopened(reviewState: ReviewState, editionStatus?: EditionStatusWord): boolean {
  return reviewState === "cancelled" && editionStatus !== "cancelled";
}

/** The refund rule speaks only to someone who pays something (a free stall pays nothing). */
export function refundRuleApplies(feeTotalCents: number, paymentState: PaymentState): boolean {
  return feeTotalCents > 0 || moneyHeld(paymentState);
}

/** "Your payment is in, your stall is confirmed": only when confirmed by a payment (not a free stall). */
export function mayCallPaymentIn(input: WordingInput): boolean {
  return mayCallConfirmed(input) && input.paymentState !== "not_required";
}

/** "Paid, your stall is confirmed" is said only when it is true. */
export function mayCallConfirmed(input: WordingInput): boolean {
  return input.reviewState === "approved" && input.editionStatus !== "cancelled" && (input.paymentState === "paid" || input.paymentState === "not_required");
}

/** The refundable amount: still owed back to someone who no longer takes part, or merely possible. */
export function refundableWord(reviewState: ReviewState): "refund_due" | "refund_possible" {
  return isActive(reviewState) ? "refund_possible" : "refund_due";
}

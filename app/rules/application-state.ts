/**
 * The life of an application:
 *   submitted → approved | waitlisted | rejected
 *   waitlisted → approved | rejected
 *   approved → rejected (by the organisers, with a reason: the stall's spot is freed, what was paid
 *     comes back, and the place goes to the waitlist; app/data/application-review.server.ts)
 *   any active one → withdrawn (by the stallholder) or cancelled (edition cancelled)
 * Payment state is separate; a stall is *confirmed* when approved and paid (or free).
 */
import type { PaymentState, ReviewState } from "./vocabularies";

export type { PaymentState, ReviewState };

export const ACTIVE_STATES: readonly ReviewState[] = ["submitted", "approved", "waitlisted"];

const DECISIONS: Record<ReviewState, readonly ReviewState[]> = {
  submitted: ["approved", "waitlisted", "rejected"],
  waitlisted: ["approved", "rejected"],
  approved: ["rejected"],
  rejected: [],
  withdrawn: [],
  cancelled: [],
};

export type Actor = "organiser" | "stallholder" | "system";

export type TransitionRefusal = "not_allowed_from_state" | "not_allowed_for_actor";

/** Whether `actor` may move an application from `from` to `to`; null when allowed. */
export function transitionRefusal(from: ReviewState, to: ReviewState, actor: Actor): TransitionRefusal | null {
  if (to === "withdrawn") {
    if (actor !== "stallholder" && actor !== "organiser") return "not_allowed_for_actor";
    return isActive(from) ? null : "not_allowed_from_state";
  }
  if (to === "cancelled") {
    if (actor === "stallholder") return "not_allowed_for_actor";
    return isActive(from) ? null : "not_allowed_from_state";
  }
  if (actor !== "organiser") return "not_allowed_for_actor";
  return DECISIONS[from].includes(to) ? null : "not_allowed_from_state";
}

export function canTransition(from: ReviewState, to: ReviewState, actor: Actor): boolean {
  return transitionRefusal(from, to, actor) === null;
}

export function isActive(state: ReviewState): boolean {
  return ACTIVE_STATES.includes(state);
}

export function isConfirmed(review: ReviewState, payment: PaymentState): boolean {
  return review === "approved" && (payment === "paid" || payment === "not_required");
}

/** While under review the stallholder may still change their details. */
export function stallholderMayEdit(review: ReviewState): boolean {
  return review === "submitted" || review === "waitlisted";
}

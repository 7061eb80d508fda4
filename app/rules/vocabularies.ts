/**
 * Every fixed vocabulary of the domain, defined once: the database schema builds its CHECK
 * constraints from these lists (db/schema.ts), and the rules, forms and routes import them from
 * here. Plain data, no imports, so rules may use it (they must not import the schema).
 */
export const EDITION_STATUSES = ["scheduled", "uncertain", "cancelled", "postponed"] as const;
/** On a postponement each approved stallholder keeps the spot for the new date or withdraws with a full refund. */
export const POSTPONEMENT_CHOICES = ["keep", "refund"] as const;
export const APPLICANT_KINDS = ["resident", "non_profit", "commercial"] as const;
export const SPOT_KINDS = ["stall", "food_truck", "activity", "blocked"] as const;
export const LANDMARK_KINDS = [
  "square",
  "stage",
  "terrace",
  "ride",
  "first_aid",
  "toilets",
  "information",
  "waste",
] as const;
export const REVIEW_STATES = [
  "submitted",
  "approved",
  "waitlisted",
  "rejected",
  "withdrawn",
  "cancelled",
] as const;
export const PAYMENT_STATES = [
  "not_required",
  "pending",
  "paid",
  "partially_refunded",
  "refunded",
] as const;
export const ARRIVAL_STATES = ["expected", "arrived", "absent"] as const;
export const LANGUAGES = ["nl", "en"] as const;
export const ORGANISER_ROLES = ["admin", "organiser", "volunteer"] as const;
export const PAYMENT_METHODS = ["stripe", "cash", "bank_transfer"] as const;
export const PAYMENT_STATUSES = ["open", "succeeded", "failed", "expired", "mismatch"] as const;
export const REFUND_STATUSES = [
  "pending",
  "succeeded",
  "failed",
  "to_pay_manually",
  "paid_manually",
] as const;
export const MAIL_STATUSES = ["pending", "sending", "sent", "failed"] as const;
export const JOB_STATUSES = ["queued", "running", "succeeded", "failed"] as const;
/** How a cooking stall heats (the permit's list of cooking, gas and open-fire stalls). */
export const HEAT_KINDS = ["electric", "gas", "open_fire", "none"] as const;
/** A waitlist offer's life, and why its place came free. */
export const OFFER_STATES = ["open", "accepted", "declined", "expired", "withdrawn"] as const;
export const OFFER_CAUSES = ["withdrawn", "rejected", "capacity", "manual"] as const;
export type OfferCause = (typeof OFFER_CAUSES)[number];
/** After the market a deposit is given back (spot left clean) or kept with a reason. */
export const DEPOSIT_DECISIONS = ["released", "kept"] as const;
export const DEPOSIT_STATES = ["held", "releasing", "released", "kept"] as const;

/** Who or what recorded a payment or refund (payments.recorded_by, refunds.recorded_by). */
export const RECORDED_BY = {
  checkout: "stallholder_checkout",
  webhook: "stripe_webhook",
  organiser: "organiser",
  withdrawal: "system_withdrawal",
  cancellation: "system_cancellation",
  notActive: "system_not_active",
  duplicate: "system_duplicate",
  stripe: "stripe_dashboard",
} as const;
export const RECORDED_BY_VALUES = [
  RECORDED_BY.checkout,
  RECORDED_BY.webhook,
  RECORDED_BY.organiser,
  RECORDED_BY.withdrawal,
  RECORDED_BY.cancellation,
  RECORDED_BY.notActive,
  RECORDED_BY.duplicate,
  RECORDED_BY.stripe,
] as const;
export type RecordedBy = (typeof RECORDED_BY_VALUES)[number];
/** Who made a postponement choice: the stallholder, or the organisers' default after the deadline. */
export const CHOICE_BY = ["stallholder", "default"] as const;
/** Durable background job kinds (jobs.kind). */
export const JOB_KINDS = ["cancellation_refunds"] as const;

export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export type RefundStatus = (typeof REFUND_STATUSES)[number];
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];
export type ReviewState = (typeof REVIEW_STATES)[number];
export type PaymentState = (typeof PAYMENT_STATES)[number];
export type EditionStatus = (typeof EDITION_STATUSES)[number];
export type ArrivalState = (typeof ARRIVAL_STATES)[number];
export type HeatKind = (typeof HEAT_KINDS)[number];

/**
 * The deposit (borg), optional per edition: collected with the fee as its own line
 * (app/rules/fees.ts), decided once after the market — released when a volunteer or organiser
 * marks the spot "Schoon achtergelaten" (the deposit is refunded through the refund machinery),
 * or kept by an organiser with a stated reason. Pure: no I/O, no clock.
 */
import { roleAllows, type OrganiserRole } from "./organiser-roles";

export type DepositAction = "release" | "keep";
export type DepositDecisionKind = "released" | "kept";
type PaymentState = "not_required" | "pending" | "paid" | "partially_refunded" | "refunded";
type RefundStatus = "pending" | "succeeded" | "failed" | "to_pay_manually" | "paid_manually";

/**
 * none: no deposit on this application · unpaid: asked, not paid yet · held: paid, not decided ·
 * releasing: released, the refund is on its way · released: the money is back · kept: kept.
 */
export type DepositState = "none" | "unpaid" | "held" | "releasing" | "released" | "kept";

export function depositState(input: {
  depositCents: number;
  paymentState: PaymentState;
  decision: { decision: DepositDecisionKind; refundStatus: RefundStatus | null } | null;
}): DepositState {
  if (input.depositCents <= 0) return "none";
  if (input.decision?.decision === "kept") return "kept";
  if (input.decision?.decision === "released") {
    const done = input.decision.refundStatus === "succeeded" || input.decision.refundStatus === "paid_manually";
    return done ? "released" : "releasing";
  }
  return input.paymentState === "paid" || input.paymentState === "partially_refunded" ? "held" : "unpaid";
}

/** Anyone on the day crew may say a spot was left clean; only organisers and admins keep money. */
export const mayReleaseDeposit = (role: OrganiserRole) => roleAllows(role, "arrivals");
export const mayKeepDeposit = (role: OrganiserRole) => roleAllows(role, "money");

export type DepositProblem = "forbidden" | "no_deposit" | "not_paid" | "already_decided" | "reason_required";

/** Whether this decision may be made now; the reason is required (and trimmed) for keeping. */
export function checkDepositDecision(input: {
  action: DepositAction;
  role: OrganiserRole;
  reason: string;
  state: DepositState;
}): { ok: true; reason: string } | { ok: false; problem: DepositProblem } {
  if (input.action === "keep" ? !mayKeepDeposit(input.role) : !mayReleaseDeposit(input.role)) return { ok: false, problem: "forbidden" };
  if (input.state === "none") return { ok: false, problem: "no_deposit" };
  if (input.state === "releasing" || input.state === "released" || input.state === "kept") return { ok: false, problem: "already_decided" };
  if (input.state === "unpaid") return { ok: false, problem: "not_paid" };
  const reason = input.reason.trim().slice(0, 500);
  if (input.action === "keep" && reason.length < 3) return { ok: false, problem: "reason_required" };
  return { ok: true, reason };
}

/** The refund of a released deposit has its own idempotency key: one per application, ever. */
export function depositRefundKey(applicationId: number, paymentId: number): string {
  return `deposit:${applicationId}:${paymentId}`;
}

/** The refund row's reason (a fixed word; shown as a sentence by the money page). */
export const DEPOSIT_REFUND_REASON = "deposit_released";

/**
 * The application history and refund codes as sentences in the reader's language. The audit log
 * stores codes and numbers (so it can be read back by programs); a person reads these sentences.
 * Every action the app records about an application has a sentence here (a unit test checks the
 * source for actions without one).
 */
import type { MessageKey, Params } from "~/i18n/i18n";
import { wishesList } from "~/rules/placement-text";
import { historyWishes } from "~/rules/placement-wishes";

export interface HistoryEntryData {
  action: string;
  /** An organiser's name, or "stallholder" / "system" / "stripe". */
  actor: string;
  detail: Record<string, unknown>;
}

export interface Speaker {
  t: (key: MessageKey, params?: Params) => string;
  money: (cents: number) => string;
  moment: (at: Date | string) => string;
  /** A market day (YYYY-MM-DD) as the reader writes dates; without it the date is shown as stored. */
  eventDate?: (isoDate: string) => string;
}

/** Actions recorded about an application, each with its sentence below. */
export const HISTORY_ACTIONS = [
  "deposit_released",
  "deposit_kept",
  "application.submitted",
  "application.changed_by_stallholder",
  "application.withdrawn",
  "application.links_requested",
  "application_approved",
  "application_waitlisted",
  "application_rejected",
  "application_edited",
  "fee_adjusted",
  "notes_changed",
  "arrival_marked",
  "checkout_started",
  "payment_succeeded",
  "payment_failed",
  "payment_expired",
  "payment_open",
  "payment_mismatch",
  "payment_refund_automatic",
  "refund_confirmed_by_stripe",
  "manual_payment_recorded",
  "payment_requested",
  "refund_requested",
  "refund_not_due_after_withdrawal",
  "refund_failed",
  "refund_succeeded",
  "refund_retried",
  "payment_reminder_queued",
  "payment_deadline_extended",
  "assigned",
  "unassigned",
  "anonymised",
  "assignment.moved_with_market_day",
  "status_notice.confirmed",
  "status_notice.called",
  "postponement.kept",
  "waitlist.offered",
  "waitlist.accepted",
  "waitlist.declined",
  "waitlist.expired",
  "waitlist.withdrawn",
  "postponement.refund_chosen",
] as const;

const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : 0);
const str = (value: unknown) => (typeof value === "string" ? value : "");

function actorName(actor: string, t: Speaker["t"]): string {
  if (actor === "stallholder") return t("history.actorStallholder");
  if (actor === "system") return t("history.actorSystem");
  if (actor === "stripe") return t("history.actorStripe");
  if (actor === "?" || actor === "") return t("history.actorUnknown");
  return actor;
}

/** "a, b and c" in the reader's language. */
export function listOf(items: string[], t: Speaker["t"]): string {
  if (items.length <= 1) return items[0] ?? "";
  return t("history.and", { list: items.slice(0, -1).join(", "), last: items[items.length - 1]! });
}

const FIELD_KEYS = new Set([
  "language", "stallName", "description", "categoryId", "contactName", "email", "phone", "postcode", "applicantKind", "kvkNumber",
  "frontageCm", "depthCm", "needsElectricity", "electricityWatts", "rentedStalls", "remarks", "days", "feeTotalCents", "paymentState", "wishes",
]);

function fieldName(field: string, t: Speaker["t"]): string {
  return FIELD_KEYS.has(field) ? t(`history.field_${field}` as MessageKey) : t("history.field_other");
}

/** A before or after value as a person writes it, or null when it is not worth showing. */
function valueText(field: string, value: unknown, speaker: Speaker): string | null {
  const { t, money } = speaker;
  if (value === null || value === undefined || value === "") return null;
  if (field === "frontageCm" || field === "depthCm") return t("history.metres", { n: (num(value) / 100).toLocaleString(undefined, { maximumFractionDigits: 2 }) });
  if (field === "electricityWatts") return t("history.watts", { n: num(value) });
  if (field === "needsElectricity") return value ? t("history.yes") : t("history.no");
  if (field === "rentedStalls") return String(num(value));
  if (field === "feeTotalCents") return money(num(value));
  if (field === "stallName") return `“${str(value)}”`;
  if (field === "wishes") {
    const wishes = historyWishes(value);
    return `“${wishes.length ? wishesList(wishes, t) : t("history.wishesNone")}”`;
  }
  return null;
}

function changesText(detail: Record<string, unknown>, speaker: Speaker): string {
  const changes = (detail.changes ?? {}) as Record<string, { from: unknown; to: unknown }>;
  const fields = Array.isArray(detail.fields) ? (detail.fields as string[]) : Object.keys(changes);
  const parts = fields
    .filter((field) => field !== "feeBreakdownJson" && field !== "version" && field !== "updatedAt")
    .map((field) => {
      const change = changes[field];
      const from = change ? valueText(field, change.from, speaker) : null;
      const to = change ? valueText(field, change.to, speaker) : null;
      return from && to ? speaker.t("history.fieldFrom", { field: fieldName(field, speaker.t), from, to }) : fieldName(field, speaker.t);
    });
  return listOf([...new Set(parts)], speaker.t);
}

/** Why money went back, in words: a known code, or the organiser's own reason as typed. */
export function refundReasonText(reason: string, t: Speaker["t"]): string {
  const key = `history.refundReason_${reason}` as MessageKey;
  const text = t(key);
  return text === key ? reason : text;
}

/** Why a refund did not go through, and what to do next. */
export function refundFailureText(failure: string | null | undefined, t: Speaker["t"]): string {
  if (!failure) return "";
  if (failure === "stripe_not_configured") return t("history.failure_stripe_not_configured");
  if (failure === "no_payment_intent") return t("history.failure_no_payment_intent");
  if (failure.startsWith("stripe_refund_")) return t("history.failure_stripe_refund");
  return t("history.failure_stripe_error", { detail: failure });
}

export function historySentence(entry: HistoryEntryData, speaker: Speaker): string {
  const { t, money, moment } = speaker;
  const d = entry.detail ?? {};
  const actor = actorName(entry.actor, t);
  const amount = money(num(d.amountCents));
  switch (entry.action) {
    case "application.submitted":
      return t("history.submitted", { actor, fee: money(num(d.feeTotalCents)) });
    case "application.changed_by_stallholder": {
      const changes = changesText(d, speaker);
      const before = num(d.feeTotalCentsBefore);
      const after = num(d.feeTotalCents);
      return before !== after
        ? t("history.changedByStallholderFee", { actor, changes, before: money(before), after: money(after) })
        : t("history.changedByStallholder", { actor, changes });
    }
    case "application.withdrawn": {
      const refund = (d.refund ?? {}) as { amountCents?: number };
      return num(refund.amountCents) > 0 ? t("history.withdrawnRefund", { actor, amount: money(num(refund.amountCents)) }) : t("history.withdrawn", { actor });
    }
    case "application.links_requested":
      return t("history.linksRequested", { actor });
    case "application_approved":
    case "application_waitlisted":
    case "application_rejected": {
      const to = entry.action.slice("application_".length) as "approved" | "waitlisted" | "rejected";
      const decided = t(`history.${to}`, { actor });
      const message = str(d.reason).trim();
      const sentence = message ? t("history.withMessage", { sentence: decided, message }) : decided;
      // A stall rejected after its approval: its place is freed and what it paid comes back.
      if (to === "rejected" && d.from === "approved") {
        return num(d.refundCents) > 0 ? t("history.rejectedAfterApprovalRefund", { sentence, amount: money(num(d.refundCents)) }) : t("history.rejectedAfterApproval", { sentence });
      }
      return sentence;
    }
    case "application_edited": {
      const changes = changesText(d, speaker);
      return changes ? t("history.edited", { actor, changes }) : t("history.editedNothing", { actor });
    }
    case "fee_adjusted":
      return t("history.feeAdjusted", { actor, from: money(num(d.fromCents)), to: money(num(d.toCents)), reason: str(d.reason) });
    case "notes_changed":
      return t("history.notesChanged", { actor });
    case "arrival_marked": {
      const to = str(d.to);
      return to === "arrived" || to === "absent" || to === "expected" ? t(`history.arrival_${to}`, { actor }) : t("history.arrivalChanged", { actor });
    }
    case "checkout_started":
      return t("history.checkoutStarted", { amount });
    case "payment_succeeded":
    case "payment_failed":
    case "payment_expired":
    case "payment_open":
      return t(`history.${entry.action}`, { amount });
    case "payment_mismatch":
      return t("history.payment_mismatch", { amount, expected: money(num(d.expectedCents)) });
    case "payment_refund_automatic":
      return t("history.paymentRefundAutomatic", { amount });
    case "refund_confirmed_by_stripe":
      return t("history.refundConfirmedByStripe", { amount: money(num(d.amountRefundedCents)) });
    case "manual_payment_recorded": {
      const method = str(d.method);
      const methodText = ["cash", "bank_transfer", "stripe"].includes(method) ? t(`history.method_${method}` as MessageKey) : t("history.method_other");
      return t("history.manualPaymentRecorded", { actor, amount, method: methodText });
    }
    case "payment_requested":
      return t("history.paymentRequested");
    case "refund_requested":
      return t("history.refundRequested", { actor, amount, reason: refundReasonText(str(d.reason), t) });
    case "refund_not_due_after_withdrawal":
      return t("history.refundNotDue", { days: num(d.refundPeriodDays) });
    case "refund_failed":
      return t("history.refundFailed", { amount, attempts: num(d.attempts), reason: refundFailureText(str(d.reason), t) });
    case "refund_succeeded":
      return t("history.refundSucceeded", { amount });
    case "deposit_released":
      return t("history.depositReleased", { actor, amount });
    case "deposit_kept":
      return t("history.depositKept", { actor, amount, reason: str(d.reason) });
    case "refund_retried":
      return t("history.refundRetried", { actor });
    case "payment_reminder_queued":
      return typeof d.daysBefore === "number" && d.daysBefore > 0 ? t("history.reminderQueued", { days: d.daysBefore }) : t("history.reminderQueuedLate");
    case "payment_deadline_extended":
      return t("history.deadlineExtended", { actor, date: typeof d.to === "string" ? moment(d.to) : "" });
    case "assigned": {
      const spots = Array.isArray(d.spots) ? (d.spots as string[]) : [];
      const reason = str(d.reason).trim();
      const sentence = t("history.assigned", { actor, spots: listOf(spots, t) });
      return reason ? t("history.assignedWithReason", { sentence, reason }) : sentence;
    }
    case "unassigned":
      return t("history.unassigned", { actor });
    case "anonymised":
      return t("history.anonymised");
    case "assignment.moved_with_market_day": {
      const days = Array.isArray(d.days) ? (d.days as { from?: string; to?: string; spots?: string[] }[]) : [];
      const moves = days.map((m) => t("history.movedDay", { from: (speaker.eventDate ?? String)(str(m.from)), to: (speaker.eventDate ?? String)(str(m.to)), spots: listOf(Array.isArray(m.spots) ? m.spots : [], t) }));
      const key = d.reason === "back_to_old_dates" ? "history.movedBack" : "history.movedPostponed";
      return moves.length ? t("history.movedWith", { sentence: t(key, { actor }), moves: listOf(moves, t) }) : t(key, { actor });
    }
    case "status_notice.confirmed":
      return t("history.noticeConfirmed", { status: t(`status.${str(d.status) || "scheduled"}` as MessageKey) });
    case "status_notice.called": {
      const note = str(d.note).trim();
      return note ? t("history.noticeCalledNote", { actor, note }) : t("history.noticeCalled", { actor });
    }
    case "postponement.kept":
      return d.by === "default" ? t("history.postponementKeptDefault") : t("history.postponementKept");
    case "postponement.refund_chosen": {
      const cents = num(d.refundCents);
      const sentence = d.by === "default" ? t("history.postponementRefundDefault") : t("history.postponementRefund");
      return cents > 0 ? t("history.postponementRefundAmount", { sentence, amount: speaker.money(cents) }) : sentence;
    }
    case "waitlist.offered": {
      const cause = ["withdrawn", "rejected", "capacity", "manual"].includes(str(d.cause)) ? str(d.cause) : "manual";
      return t("history.offerMade", { actor, cause: t(`history.offerCause_${cause}` as MessageKey), until: typeof d.expiresAt === "string" ? moment(d.expiresAt) : "" });
    }
    case "waitlist.accepted":
      return t("history.offerAccepted");
    case "waitlist.declined":
      return t("history.offerDeclined");
    case "waitlist.expired":
      return t("history.offerExpired");
    case "waitlist.withdrawn":
      return t("history.offerWithdrawn");
    default:
      return t("history.other", { actor });
  }
}

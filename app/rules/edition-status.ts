/**
 * The edition's status as everyone sees it: goes ahead, uncertain, cancelled, or postponed to new
 * dates (issue 17); and whether applications are being taken.
 */
import type { EditionStatus } from "./vocabularies";

export type { EditionStatus };

export interface StatusFacts {
  status: EditionStatus;
  statusMessageNl: string;
  statusMessageEn: string;
  decisionExpectedOn: string | null;
}

export interface PublicStatus {
  status: EditionStatus;
  message: string;
  decisionExpectedOn: string | null;
}

export function publicStatus(facts: StatusFacts, language: "nl" | "en"): PublicStatus {
  const preferred = language === "en" ? facts.statusMessageEn : facts.statusMessageNl;
  const fallback = language === "en" ? facts.statusMessageNl : facts.statusMessageEn;
  return {
    status: facts.status,
    message: preferred.trim() || fallback.trim(),
    decisionExpectedOn: facts.status === "uncertain" ? facts.decisionExpectedOn : null,
  };
}

export type ApplicationWindow =
  | { state: "open"; closesAt: Date | null }
  | { state: "not_open_yet"; opensAt: Date | null }
  | { state: "closed"; reason: "past_deadline" | "closed_by_organisers" | "cancelled" };

/** Whether the apply form takes applications at `now`. No opening moment means not yet opened. */
export function applicationWindow(
  edition: {
    status: EditionStatus;
    applicationsOpenAt: Date | null;
    applicationsCloseAt: Date | null;
    applicationsClosedManually: boolean;
  },
  now: Date,
): ApplicationWindow {
  if (edition.status === "cancelled") return { state: "closed", reason: "cancelled" };
  if (edition.applicationsClosedManually) return { state: "closed", reason: "closed_by_organisers" };
  if (!edition.applicationsOpenAt || now < edition.applicationsOpenAt) {
    return { state: "not_open_yet", opensAt: edition.applicationsOpenAt };
  }
  if (edition.applicationsCloseAt && now >= edition.applicationsCloseAt) {
    return { state: "closed", reason: "past_deadline" };
  }
  return { state: "open", closesAt: edition.applicationsCloseAt };
}

/**
 * Status changes an organiser may make. From cancelled the edition can only start afresh: every
 * application stays cancelled (stallholders apply again), refunds already made stay made.
 */
export type StatusChangeKind = "same" | "normal" | "cancel" | "reopen_fresh" | "postpone" | "back_to_old_dates" | "not_allowed";

/**
 * `postpone` moves the market days (also from postponed to yet other dates); `back_to_old_dates`
 * is postponed → goes ahead, which moves the days back to where they were before the postponement.
 * A cancelled edition cannot be postponed: it starts afresh first.
 */
export function statusChangeKind(from: EditionStatus, to: EditionStatus): StatusChangeKind {
  if (to === "postponed") return from === "cancelled" ? "not_allowed" : "postpone";
  if (from === to) return "same";
  if (to === "cancelled") return "cancel";
  if (from === "cancelled") return "reopen_fresh";
  if (from === "postponed" && to === "scheduled") return "back_to_old_dates";
  return "normal";
}

/** What a status change will do, shown before the organiser confirms. */
export interface StatusChangePreview {
  kind: StatusChangeKind;
  applicantsMailed: number;
  applicationsCancelled: number;
  paymentsRefunded: number;
  refundCents: number;
  manualRefunds: number;
  manualRefundCents: number;
}

/** The message key of the status's title ("De markt is verplaatst"), for pages and mails alike. */
export function statusTitleKey(status: EditionStatus) {
  return ({ scheduled: "common.statusScheduled", uncertain: "common.statusUncertain", cancelled: "common.statusCancelled", postponed: "common.statusPostponed" } as const)[status];
}

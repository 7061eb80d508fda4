/**
 * Every sentence the status page (/organiser/status) says about the edition's state, decided in
 * one place from the facts of the case (issue 13: after a cancellation the page must not say that
 * applications follow the usual window or that payment requests go on; the preview must not promise
 * Stripe refunds with Stripe switched off; a refund run with failures is not simply "done").
 * Returns message keys of the `status` bundle and their parameters.
 */
import type { EditionStatus, StatusChangePreview } from "./edition-status";

export type Sentence = { key: string; params?: Record<string, string | number> };

export interface StatusPageFacts {
  status: EditionStatus;
  stripeConfigured: boolean;
  applicationsClosedManually: boolean;
  paymentsPaused: boolean;
}

/** The two switches' lines, and whether their buttons make sense at all. */
export function switchSentences(facts: StatusPageFacts): { applications: Sentence; payments: Sentence; switchesApply: boolean } {
  if (facts.status === "cancelled") {
    return {
      applications: { key: "applicationsClosedCancelled" },
      payments: { key: "paymentsNoneCancelled" },
      switchesApply: false,
    };
  }
  return {
    applications: { key: facts.applicationsClosedManually ? "applicationsClosed" : "applicationsOpen" },
    payments: { key: facts.paymentsPaused ? "paymentsPaused" : facts.stripeConfigured ? "paymentsActive" : "paymentsActiveManual" },
    switchesApply: true,
  };
}

/** What the preview says about the refunds of a cancellation. */
export function refundPreviewSentences(preview: StatusChangePreview, stripeConfigured: boolean): Sentence[] {
  if (preview.kind !== "cancel") return [];
  const sentences: Sentence[] = [];
  const amount = preview.refundCents;
  if (preview.paymentsRefunded === 0 && preview.manualRefunds === 0) return [{ key: "previewNothingToRefund" }];
  if (preview.paymentsRefunded > 0) {
    sentences.push({ key: stripeConfigured ? "previewRefunds" : "previewRefundsNoStripe", params: { count: preview.paymentsRefunded, amountCents: amount } });
  }
  if (preview.manualRefunds > 0) sentences.push({ key: "previewManual", params: { count: preview.manualRefunds, amountCents: preview.manualRefundCents } });
  return sentences;
}

export interface JobFacts {
  status: "queued" | "running" | "succeeded" | "failed";
  total: number;
  done: number;
  failed: number;
  /** Cash and bank refunds the treasurer has not ticked off yet. */
  manualOpen: number;
}

/** The refund run's one-line summary under its progress bar. */
export function jobSentence(job: JobFacts, stripeConfigured: boolean): Sentence {
  const finished = job.status === "succeeded" || job.status === "failed";
  if (!finished) return { key: "jobRunning" };
  if (job.total === 0) return { key: "jobNothing" };
  if (job.failed === 0) return job.manualOpen > 0 ? { key: "jobDoneManual", params: { count: job.manualOpen } } : { key: "jobDone" };
  if (!stripeConfigured) return { key: "jobDoneFailedNoStripe", params: { failed: job.failed, total: job.total } };
  return { key: "jobDoneFailed", params: { failed: job.failed, total: job.total } };
}

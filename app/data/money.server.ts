/**
 * Money: one aggregate, one module. This file is its public surface — what routes, other data
 * modules, workers and tests may call. Its insides live in app/data/money/ and are imported from
 * nowhere else (eslint.config.js and tests/unit/money-boundary.test.ts check it):
 *
 *   ledger.server.ts       an application's payments and refunds, its payment state; an edition's refundable payments
 *   payments.server.ts     Stripe Checkout, Stripe's webhook events, payments recorded by hand, the pay-link mail
 *   refunds.server.ts      refunds (split over payments, idempotent at Stripe), the refund worker, manual refunds
 *   refund-jobs.server.ts  the durable job that pays everyone back when an edition is cancelled
 *   reminders.server.ts    reminder mails before the payment deadline, the overdue list, extending a deadline
 *   reconcile.server.ts    asking Stripe how open sessions and waiting refunds ended (return page, sweep)
 *   deposits.server.ts     the deposit (borg) after the market: released through a refund, or kept
 *   pages.server.ts        the read models of the organisers' money pages and the money CSV
 *   provider.server.ts     the port to Stripe (`PaymentProvider`): the only inside that reaches the
 *                          adapter (app/services/stripe.server.ts), the only file that imports `stripe`
 *
 * Nothing outside money calls Stripe: "Stripe off" is `paymentProvider()` being null, and
 * `onlinePaymentsEnabled()` is the one answer to whether people can pay online.
 * The insides import each other directly, never this file, and nothing outside money, so money
 * has no import cycle (tests/unit/import-cycles.test.ts).
 */

// The payment provider (Stripe), behind its port
export {
  onlinePaymentsEnabled,
  paymentProvider,
  verifyProviderEvent,
  type CheckoutRequest,
  type PaymentProvider,
  type ProviderCharge,
  type ProviderCheckoutSession,
  type ProviderEvent,
  type ProviderRefund,
  type RefundRequest,
} from "./money/provider.server";

// The ledger
export { paymentsOf, refundablePayments, refundsOf, type PaymentRow, type RefundRow } from "./money/ledger.server";

// Paying: Checkout, Stripe's events, payments by hand, the pay-link mail, the private page's pay box
export {
  payBoxFor,
  processStripeEvent,
  queuePaymentRequest,
  recordManualPayment,
  startCheckout,
  type CheckoutResult,
  type EventOutcome,
  type ManualPaymentResult,
  type PayBoxData,
} from "./money/payments.server";

// Refunds
export {
  markManualRefundPaid,
  markRefundSucceeded,
  processDueRefunds,
  refundDone,
  refundOnWithdrawal,
  requestRefund,
  retryRefund,
  sendDueRefunds,
  type RefundRequestResult,
} from "./money/refunds.server";

// The refund job of a cancelled edition
export { jobRefunds, JOB_LEASE_MS, latestJob, reopenJobOf, runCancellationJob, runDueCancellationJobs, runnableJobs, type JobRow } from "./money/refund-jobs.server";

// The payment deadline
export { extendPaymentDeadline, listOverdue, queuePaymentReminders, type OverdueRow } from "./money/reminders.server";

// Asking Stripe ourselves
export { reconcileCheckoutOnReturn, reconcileOpenStripeObjects, resetReconcileMemory, type ReconcileResult } from "./money/reconcile.server";

// Deposits
export { decideDeposit, depositOfApplication, depositsOf, type DepositDecisionResult, type DepositInfo } from "./money/deposits.server";

// The money pages
export { applicationMoney, moneyCsv, moneyOverview, type MoneyTotals } from "./money/pages.server";

/**
 * The background work of payments: reminder mails before the payment deadline (always; they only
 * go into the outbox), sending pending refunds to Stripe, and asking Stripe about sessions and
 * refunds still open whose webhook did not come (when Stripe is configured; the money module
 * knows). Each is a task of its own (app/services/workers.server.ts).
 */
import { queuePaymentReminders, reconcileOpenStripeObjects, sendDueRefunds } from "~/data/money.server";
import { registerWorker } from "./workers.server";

export function registerPaymentWorkers() {
  registerWorker({ name: "payment-reminders", run: (now) => void queuePaymentReminders(now) });
  registerWorker({
    name: "refunds",
    // The clock, not the run's start: each refund is stamped when Stripe answered.
    run: () => sendDueRefunds(() => new Date()),
  });
  registerWorker({ name: "stripe-reconcile", run: async (now) => void (await reconcileOpenStripeObjects(now)) });
}

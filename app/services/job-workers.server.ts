/** Durable jobs in the background: the refund run of a cancelled edition. */
import { runCancellationJob, runnableJobs } from "~/data/refund-jobs.server";
import { stripeClient } from "./stripe.server";
import { registerWorker } from "./workers.server";

export function registerJobWorkers() {
  registerWorker({
    name: "cancellation-refunds",
    run: async (now) => {
      for (const job of runnableJobs(now)) await runCancellationJob(job.id, stripeClient(), now);
    },
  });
}

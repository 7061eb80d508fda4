/** Durable jobs in the background: the refund run of a cancelled edition. */
import { runDueCancellationJobs } from "~/data/money.server";
import { applyPostponementDefaults } from "~/data/status-notices.server";
import { expireOffers } from "~/data/waitlist.server";
import { env } from "~/env.server";
import { registerWorker } from "./workers.server";

export function registerJobWorkers() {
  registerWorker({
    name: "cancellation-refunds",
    run: (now) => runDueCancellationJobs(now),
  });
  registerWorker({
    name: "postponement-defaults",
    // After a postponement's deadline the organisers' default applies to who did not choose; the
    // refunds it creates go out with the refund worker, each once.
    run: (now) => {
      applyPostponementDefaults(now);
    },
  });
  registerWorker({
    name: "waitlist-offers",
    // An offer from the waitlist past its time lapses, and its place goes to the next in line.
    run: (now) => {
      expireOffers(now, env().APP_URL);
    },
  });
}

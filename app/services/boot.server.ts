/**
 * What the server does once before it takes requests: open the database (which applies the
 * migrations; a folder that held a database and lost it is refused), watch its file, create the market and its next edition on an empty database, start the workers.
 */
import { ensureFirstStart } from "~/data/setup.server";
import { db } from "~/data/db.server";
import { watchDatabase } from "~/data/health.server";
import { env } from "~/env.server";
import { registerJobWorkers } from "./job-workers.server";
import { registerMailWorker } from "./mail.server";
import { registerPaymentWorkers } from "./payment-workers.server";
import { registerRetentionWorker } from "./retention-worker.server";
import { startWorkers } from "./workers.server";

export function boot(options: { workers?: boolean } = {}) {
  const config = env();
  db(); // opens the file and migrates; refuses a folder that lost its database
  watchDatabase(); // a removed, replaced or damaged file is noticed and logged without a request
  const { created } = ensureFirstStart(new Date());
  if (created) console.info(`[zomerparade] new database at ${config.DATABASE_PATH}: created the market and its next edition`);
  if (options.workers !== false && config.WORKER_INTERVAL_MS > 0) {
    registerMailWorker();
    registerPaymentWorkers();
    registerJobWorkers();
    registerRetentionWorker();
    startWorkers(config.WORKER_INTERVAL_MS);
  }
}

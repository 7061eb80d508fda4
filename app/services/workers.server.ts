/**
 * Background work in the server process: each registered worker runs every `intervalMs`, one run
 * at a time, and a failing run is logged and retried on the next tick (the work itself is durable
 * in the database, so nothing is lost by a crash between ticks).
 */
type Worker = { name: string; run: (now: Date) => Promise<void> | void };

const registered: Worker[] = [];
let timer: NodeJS.Timeout | undefined;
let running = false;

export function registerWorker(worker: Worker) {
  if (!registered.some((w) => w.name === worker.name)) registered.push(worker);
}

export async function runWorkersOnce(now = new Date()) {
  for (const worker of registered) {
    try {
      await worker.run(now);
    } catch (error) {
      console.error(`[zomerparade] worker ${worker.name} failed; retrying on the next tick`, error);
    }
  }
}

export function startWorkers(intervalMs: number) {
  if (timer) return;
  timer = setInterval(() => {
    if (running) return;
    running = true;
    void runWorkersOnce().finally(() => {
      running = false;
    });
  }, intervalMs);
  timer.unref();
}

export function stopWorkers() {
  if (timer) clearInterval(timer);
  timer = undefined;
}

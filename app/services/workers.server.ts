/**
 * Background work in the server process: a list of named tasks (mail, payment reminders, refunds,
 * cancellation jobs …), each on a timer of its own with its own in-flight guard. One task waiting
 * for a slow or stalled server (a mail server that never greets) never holds up another: a
 * refund goes to Stripe while the mail task waits. A task's run gets the real time at its start;
 * a failing run is logged and tried again on its next tick (the work itself is durable in the
 * database, so nothing is lost by a crash between ticks). While the database file is missing,
 * replaced or damaged (app/data/health.server.ts) no task runs.
 *
 * To add a task: `registerWorker({ name, run, intervalMs? })` before `startWorkers`.
 */
import { databaseProblem } from "~/data/health.server";

export interface Worker {
  name: string;
  run: (now: Date) => Promise<unknown> | unknown;
  /** Its own interval; the one given to `startWorkers` when not set. */
  intervalMs?: number;
}

interface Task {
  worker: Worker;
  timer?: NodeJS.Timeout;
  /** The run in flight, if any: a task never runs twice at once. */
  inFlight?: Promise<void>;
}

const tasks: Task[] = [];
let defaultIntervalMs: number | undefined;

export function registerWorker(worker: Worker) {
  if (tasks.some((task) => task.worker.name === worker.name)) return;
  const task: Task = { worker };
  tasks.push(task);
  if (defaultIntervalMs !== undefined) schedule(task, defaultIntervalMs);
}

/** Runs one task now unless its previous run is still going (then waits for that one). */
export function runWorker(name: string): Promise<void> {
  const task = tasks.find((t) => t.worker.name === name);
  if (!task) return Promise.resolve();
  return tick(task);
}

/** Runs every task once, side by side, and waits for all of them (scripts and tests). */
export async function runWorkersOnce() {
  await Promise.all(tasks.map((task) => tick(task)));
}

function tick(task: Task): Promise<void> {
  if (task.inFlight) return task.inFlight;
  const run = (async () => {
    try {
      if (databaseProblem()) return; // logged there; nothing is done with a database that is gone
      await task.worker.run(new Date());
    } catch (error) {
      console.error(`[zomerparade] worker ${task.worker.name} failed; retrying on the next tick`, error);
    }
  })();
  task.inFlight = run.finally(() => {
    task.inFlight = undefined;
  });
  return task.inFlight;
}

function schedule(task: Task, intervalMs: number) {
  if (task.timer) return;
  task.timer = setInterval(() => {
    if (!task.inFlight) void tick(task);
  }, task.worker.intervalMs ?? intervalMs);
  task.timer.unref();
}

export function startWorkers(intervalMs: number) {
  if (defaultIntervalMs !== undefined) return;
  defaultIntervalMs = intervalMs;
  for (const task of tasks) schedule(task, intervalMs);
}

/** The names of the registered tasks (tests). */
export function workerNames(): string[] {
  return tasks.map((task) => task.worker.name);
}

/** For tests: stop every task, wait for the runs in flight, and forget the tasks. */
export async function resetWorkersForTests() {
  for (const task of tasks) {
    if (task.timer) clearInterval(task.timer);
    task.timer = undefined;
  }
  defaultIntervalMs = undefined;
  await Promise.all(tasks.map((task) => task.inFlight));
  tasks.length = 0;
}

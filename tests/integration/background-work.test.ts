/**
 * Background work with a mail server that accepts the connection and never greets: mail waits
 * (bounded by the transport's timeouts) while refunds go to Stripe at once, each task on its own
 * timer. Job and refund timestamps are the real moments; `attempts` counts runs that worked; a
 * crashed process's lease on a job is taken over within a minute.
 */
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { changeEditionStatus } from "~/data/edition-status.server";
import { deliverDueMail, enqueueMail } from "~/data/outbox.server";
import { JOB_LEASE_MS, paymentProvider, runCancellationJob } from "~/data/money.server";
import { resetEnvForTests } from "~/env.server";
import { registerJobWorkers } from "~/services/job-workers.server";
import { registerMailWorker, smtpTransport } from "~/services/mail.server";
import { registerPaymentWorkers } from "~/services/payment-workers.server";
import { resetWorkersForTests, startWorkers, workerNames } from "~/services/workers.server";
import { makeApplication, makeEdition } from "#tests/helpers/factories";
import { signedIn } from "#tests/helpers/signed-in";
import { mockStripePerTest, stripeState } from "#tests/mocks/stripe";

mockStripePerTest({ beforeAll, afterAll, beforeEach, afterEach, resetEnv: resetEnvForTests });

/** Accepts TCP connections and never says a word, like a hung mail server. */
let silent: { server: Server; sockets: Set<Socket>; url: string } | undefined;
async function silentSmtp() {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  silent = { server, sockets, url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}` };
  return silent;
}

afterEach(async () => {
  if (silent) for (const socket of silent.sockets) socket.destroy();
  await resetWorkersForTests(); // the mail run ends when its connection is cut
  delete process.env.SMTP_URL;
  resetEnvForTests();
  if (silent) await new Promise((resolve) => silent!.server.close(resolve));
  silent = undefined;
});

function paidStalls(paid: number, now: Date) {
  const made = makeEdition();
  const category = made.categories.find((c) => !c.isFree)!;
  for (let i = 0; i < paid; i++) {
    const app = makeApplication(made.edition, category.id, { feeTotalCents: 2500 + i, paymentState: "paid" });
    db().insert(t.payments).values({ applicationId: app.id, method: "stripe", status: "succeeded", amountCents: 2500 + i, stripePaymentIntentId: `pi_test_${app.id}`, paidAt: now, recordedBy: "stripe_webhook" }).run();
  }
  return made;
}

function cancel(editionId: number, now: Date) {
  const { organiser } = signedIn("organiser");
  const result = changeEditionStatus({ editionId, to: "cancelled", expectedFrom: "scheduled", messageNl: "Afgelast", messageEn: "Cancelled", decisionExpectedOn: null, organiserId: organiser.id, appUrl: "http://localhost", now });
  if (!result.ok) throw new Error(`not cancelled: ${JSON.stringify(result)}`);
  return (result as { jobId: number }).jobId;
}

const refundRequests = () => stripeState.requests.filter((r) => r.path === "/v1/refunds");

async function until<T>(what: () => T | undefined | false, timeoutMs: number): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = what();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("a mail server that never greets", () => {
  test("the first cancellation refund reaches Stripe within a few seconds; stamped with the real time; attempts count working runs", { timeout: 30_000 }, async () => {
    const smtp = await silentSmtp();
    process.env.SMTP_URL = smtp.url;
    resetEnvForTests();
    const edition = paidStalls(3, new Date());
    const cancelledAt = new Date();
    const jobId = cancel(edition.edition.id, cancelledAt);
    expect(db().select().from(t.outbox).all().length).toBeGreaterThanOrEqual(3); // the cancellation mails wait in front

    registerMailWorker();
    registerPaymentWorkers();
    registerJobWorkers();
    expect(workerNames()).toEqual(["mail", "payment-reminders", "refunds", "stripe-reconcile", "cancellation-refunds", "postponement-defaults", "waitlist-offers"]);
    const started = Date.now();
    startWorkers(100);

    await until(() => refundRequests().length > 0, 5_000);
    const firstRefundMs = Date.now() - started;
    console.info(`[background-work] first cancellation refund at Stripe after ${firstRefundMs} ms with a silent mail server`);
    expect(firstRefundMs).toBeLessThan(5_000);
    // The mail task is still waiting for a greeting: it held nothing up.
    expect(db().select().from(t.outbox).orderBy(t.outbox.id).get()).toMatchObject({ status: "sending", attempts: 1 });

    const refunds = await until(() => {
      const rows = db().select().from(t.refunds).all();
      return rows.length === 3 && rows.every((r) => r.status === "succeeded") ? rows : undefined;
    }, 10_000);
    const done = Date.now();
    for (const refund of refunds) {
      // The moment Stripe answered, not a clock caught at the start of some round.
      expect(refund.completedAt!.getTime()).toBeGreaterThanOrEqual(started);
      expect(refund.completedAt!.getTime()).toBeLessThanOrEqual(done);
    }
    // The workers keep ticking (every 100 ms) for a while: a tick with nothing due is no attempt.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const job = db().select().from(t.jobs).where(eq(t.jobs.id, jobId)).get()!;
    expect(job).toMatchObject({ status: "succeeded", total: 3, done: 3, lockedAt: null });
    expect(job.attempts).toBeGreaterThanOrEqual(1);
    expect(job.attempts).toBeLessThanOrEqual(2);
    expect(job.updatedAt.getTime()).toBeGreaterThanOrEqual(started);
    expect(stripeState.refunds.size).toBe(3);
  });

  test("the transport gives up on a silent server after its greeting timeout, and the round stops there", async () => {
    const smtp = await silentSmtp();
    for (let i = 1; i <= 3; i++) enqueueMail(db(), { to: `s${i}@example.org`, subject: `Mail ${i}`, text: "x", html: "<p>x</p>", template: "test", language: "nl" });
    const start = Date.now();
    const result = await deliverDueMail(smtpTransport(smtp.url, "zomerparade@example.org", { greetingTimeoutMs: 300, connectionTimeoutMs: 300 }));
    expect(Date.now() - start).toBeLessThan(3_000);
    expect(result).toEqual({ sent: 0, failed: 1 });
    const rows = db().select().from(t.outbox).orderBy(t.outbox.id).all();
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([["pending", 1], ["pending", 0], ["pending", 0]]);
    expect(rows[0]!.lastError).toMatch(/greeting/i);
  });
});

describe("a refund job whose process crashed", () => {
  test(`the dead run's lease is taken over within a minute (${JOB_LEASE_MS / 1000} s), and progress shows at once`, async () => {
    const now = new Date();
    const edition = paidStalls(4, now);
    const jobId = cancel(edition.edition.id, now);
    const stripe = paymentProvider()!;
    const first = await runCancellationJob(jobId, stripe, now, { maxRefunds: 2 });
    expect(first).toMatchObject({ status: "running", total: 4, done: 2, attempts: 1 });

    // The process dies holding the lease; its refund worker had finished one more refund first.
    const crashedAt = new Date(now.getTime() + 1_000);
    db().update(t.jobs).set({ lockedAt: crashedAt }).where(eq(t.jobs.id, jobId)).run();
    const pending = db().select().from(t.refunds).where(eq(t.refunds.status, "pending")).all();
    db().update(t.refunds).set({ status: "succeeded", completedAt: crashedAt }).where(eq(t.refunds.id, pending[0]!.id)).run();

    // Restarted 20 s later: the lease may still be alive, so the job is not run, but its page shows the progress.
    const early = await runCancellationJob(jobId, stripe, new Date(crashedAt.getTime() + 20_000));
    expect(early).toMatchObject({ status: "running", done: 3, attempts: 1 });
    expect(refundRequests()).toHaveLength(2);

    // A minute after the crash: taken over and finished.
    const later = new Date(crashedAt.getTime() + 60_000);
    const resumed = await runCancellationJob(jobId, stripe, later);
    expect(resumed).toMatchObject({ status: "succeeded", done: 4, attempts: 2, lockedAt: null });
    expect(resumed!.updatedAt.getTime()).toBe(later.getTime());
    expect(refundRequests()).toHaveLength(3);
  });

  test("a refund claimed by a crashed worker is sent again within a minute, with the same key", async () => {
    const now = new Date();
    const edition = paidStalls(1, now);
    const jobId = cancel(edition.edition.id, now);
    const stripe = paymentProvider()!;
    // A run that created the rows and claimed the refund, then died before Stripe answered.
    await runCancellationJob(jobId, null, now).catch(() => undefined);
    db().update(t.refunds).set({ status: "pending", failureReason: null, attempts: 1, nextAttemptAt: new Date(now.getTime() + 60_000) }).run();
    db().update(t.jobs).set({ status: "running", lockedAt: null }).where(eq(t.jobs.id, jobId)).run();
    expect(await runCancellationJob(jobId, stripe, new Date(now.getTime() + 59_000))).toMatchObject({ status: "running", done: 0 });
    expect(await runCancellationJob(jobId, stripe, new Date(now.getTime() + 60_000))).toMatchObject({ status: "succeeded", done: 1 });
    expect(refundRequests()).toHaveLength(1);
  });
});

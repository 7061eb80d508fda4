/**
 * Flagging an edition uncertain or cancelled: everyone told once, everyone paid back exactly once,
 * even across a crash; shown everywhere, in both languages.
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { changeEditionStatus, previewStatusChange } from "~/data/edition-status.server";
import { paymentProvider, runCancellationJob } from "~/data/money.server";
import { resetEnvForTests } from "~/env.server";
import { loader as geojsonLoader } from "~/routes/api.editions.current.stalls[.]geojson";
import { action as statusAction } from "~/routes/organiser.status";
import { makeApplication, makeEdition } from "#tests/helpers/factories";
import { loaderArgs, renderPage } from "#tests/helpers/remix";
import { formRequest, signedIn } from "#tests/helpers/signed-in";
import { stripeState, mockStripePerTest } from "#tests/mocks/stripe";

mockStripePerTest({ beforeAll, afterAll, beforeEach, afterEach, resetEnv: resetEnvForTests });

const NOW = new Date("2099-05-01T10:00:00Z");

/** An edition with `paid` approved applications paid through Stripe, plus others as asked. */
function editionWithPaidStalls(paid: number, options: { cash?: number; submitted?: number } = {}) {
  const made = makeEdition();
  const category = made.categories.find((c) => !c.isFree)!;
  const apps = [];
  for (let i = 0; i < paid + (options.cash ?? 0); i++) {
    const app = makeApplication(made.edition, category.id, { feeTotalCents: 2500 + i, paymentState: "paid", language: i % 2 ? "en" : "nl" });
    const cash = i >= paid;
    db().insert(t.payments).values({ applicationId: app.id, method: cash ? "cash" : "stripe", status: "succeeded", amountCents: 2500 + i, stripePaymentIntentId: cash ? null : `pi_test_${app.id}`, paidAt: NOW, recordedBy: cash ? "organiser" : "stripe_webhook" }).run();
    apps.push(app);
  }
  for (let i = 0; i < (options.submitted ?? 0); i++) apps.push(makeApplication(made.edition, category.id, { reviewState: "submitted", paymentState: "pending" }));
  return { ...made, apps };
}

function cancel(editionId: number, organiserId: number, expectedFrom: "scheduled" | "uncertain" = "scheduled") {
  return changeEditionStatus({ editionId, to: "cancelled", expectedFrom, messageNl: "Afgelast wegens storm", messageEn: "Cancelled because of a storm", decisionExpectedOn: null, organiserId, appUrl: "http://localhost", now: NOW });
}

const refundRequests = () => stripeState.requests.filter((r) => r.path === "/v1/refunds");

describe("cancelling an edition with 40 paid applications", () => {
  test("the preview says what will happen; confirming cancels, mails each applicant once and starts one job", () => {
    const { edition, apps } = editionWithPaidStalls(40, { cash: 2, submitted: 3 });
    const { organiser } = signedIn("organiser");
    expect(previewStatusChange(edition.id, "cancelled")).toEqual({
      kind: "cancel",
      applicantsMailed: 45,
      applicationsCancelled: 45,
      paymentsRefunded: 40,
      refundCents: Array.from({ length: 40 }, (_, i) => 2500 + i).reduce((a, b) => a + b, 0),
      manualRefunds: 2,
      manualRefundCents: 2540 + 2541,
    });
    const result = cancel(edition.id, organiser.id);
    expect(result).toMatchObject({ ok: true, mailed: 45 });
    expect(db().select().from(t.applications).all().every((a) => a.reviewState === "cancelled")).toBe(true);
    const mails = db().select().from(t.outbox).where(eq(t.outbox.template, "status-cancelled")).all();
    expect(new Set(mails.map((m) => m.applicationId)).size).toBe(45);
    expect(mails).toHaveLength(45);
    const enMail = mails.find((m) => m.applicationId === apps[1]!.id)!;
    expect(enMail.language).toBe("en");
    expect(enMail.textBody).toContain("Cancelled because of a storm");
    expect(enMail.textBody).toContain("€25.01");
    expect(mails.find((m) => m.applicationId === apps[0]!.id)!.textBody).toContain("€ 25,00 terug");
    // A second confirmation (double click, a second organiser) starts nothing.
    expect(cancel(edition.id, organiser.id)).toEqual({ ok: false, reason: "stale" });
    expect(db().select().from(t.jobs).all()).toHaveLength(1);
    expect(db().select().from(t.editionStatusHistory).all().map((h) => h.status)).toEqual(["scheduled", "cancelled"]);
  });

  test("40 refunds, each requested once; a crash after 15 resumes with the remaining 25, still each once", async () => {
    const { edition } = editionWithPaidStalls(40);
    const { organiser } = signedIn("organiser");
    const { jobId } = cancel(edition.id, organiser.id) as { jobId: number };
    const stripe = paymentProvider()!;

    const first = await runCancellationJob(jobId, stripe, NOW, { maxRefunds: 15 });
    expect(refundRequests()).toHaveLength(15);
    expect(first).toMatchObject({ status: "running", total: 40, done: 15, failed: 0 });

    // The process dies in the middle of its next run: the job stays locked by the dead run.
    db().update(t.jobs).set({ lockedAt: new Date(NOW.getTime() + 1000) }).where(eq(t.jobs.id, jobId)).run();
    await runCancellationJob(jobId, stripe, new Date(NOW.getTime() + 30_000));
    expect(refundRequests()).toHaveLength(15); // the lock is respected while it may still be alive

    // After a restart the lock has expired: the job resumes where it stopped.
    const resumed = await runCancellationJob(jobId, stripe, new Date(NOW.getTime() + 5 * 60_000));
    expect(resumed).toMatchObject({ status: "succeeded", total: 40, done: 40, failed: 0 });
    const keys = refundRequests().map((r) => r.idempotencyKey);
    expect(keys).toHaveLength(40);
    expect(new Set(keys).size).toBe(40);
    expect(stripeState.refunds.size).toBe(40);
    const refunds = db().select().from(t.refunds).all();
    expect(refunds).toHaveLength(40);
    expect(refunds.every((r) => r.status === "succeeded" && r.jobId === jobId)).toBe(true);
    expect(db().select().from(t.applications).all().every((a) => a.paymentState === "refunded")).toBe(true);
    // Running again changes nothing and asks Stripe nothing.
    await runCancellationJob(jobId, stripe, new Date(NOW.getTime() + 10 * 60_000));
    expect(refundRequests()).toHaveLength(40);
  });

  test("Stripe refusing 3 refunds lists them as failed with the reason; the rest is done; a retry succeeds later", async () => {
    const { edition } = editionWithPaidStalls(10);
    const { organiser, cookie } = signedIn("organiser");
    const { jobId } = cancel(edition.id, organiser.id) as { jobId: number };
    stripeState.refundFaults.push("invalid", "invalid", "invalid");
    const job = await runCancellationJob(jobId, paymentProvider()!, NOW);
    expect(job).toMatchObject({ status: "succeeded", total: 10, done: 7, failed: 3 });
    const failed = db().select().from(t.refunds).where(eq(t.refunds.status, "failed")).all();
    expect(failed).toHaveLength(3);
    expect(failed.every((r) => /refunded/i.test(r.failureReason ?? ""))).toBe(true);

    for (const refund of failed) {
      const response = (await statusAction(formRequest("/organiser/status", { intent: "retry-refund", refundId: refund.id }, cookie))) as Response;
      expect(response.status).toBe(200);
    }
    const retried = await runCancellationJob(jobId, paymentProvider()!, new Date(NOW.getTime() + 60_000));
    expect(retried).toMatchObject({ status: "succeeded", done: 10, failed: 0 });
    // Each failed refund went to Stripe twice with one key; Stripe made exactly 10 refunds.
    expect(stripeState.refunds.size).toBe(10);
  });

  test("cash and bank payments are listed for the treasurer, who ticks them off", async () => {
    const { edition } = editionWithPaidStalls(0, { cash: 2 });
    const { organiser, cookie } = signedIn("organiser");
    const { jobId } = cancel(edition.id, organiser.id) as { jobId: number };
    expect(await runCancellationJob(jobId, paymentProvider()!, NOW)).toMatchObject({ status: "succeeded", total: 2, done: 2 });
    expect(refundRequests()).toHaveLength(0);
    const manual = db().select().from(t.refunds).all();
    expect(manual.map((r) => r.status)).toEqual(["to_pay_manually", "to_pay_manually"]);
    await statusAction(formRequest("/organiser/status", { intent: "manual-refund-paid", refundId: manual[0]!.id }, cookie));
    expect(db().select().from(t.refunds).where(eq(t.refunds.id, manual[0]!.id)).get()!.status).toBe("paid_manually");
  });
});

describe("the status page", () => {
  async function post(fields: Record<string, string | number>, cookie: string) {
    try {
      return (await statusAction(formRequest("/organiser/status", fields, cookie))) as Response;
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  }
  const cancelForm = { intent: "change", to: "cancelled", expectedFrom: "scheduled", messageNl: "Afgelast", messageEn: "Cancelled", decisionExpectedOn: "", confirm: "yes" };

  test("a volunteer cannot change the status; an organiser must confirm; a double confirmation starts one job", async () => {
    const { edition } = editionWithPaidStalls(2);
    expect((await post(cancelForm, signedIn("volunteer").cookie)).status).toBe(403);
    const { cookie } = signedIn("organiser");
    const unconfirmed = await post({ ...cancelForm, confirm: "" }, cookie);
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.json()).toMatchObject({ message: "status.confirmRequired" });
    const [a, b] = await Promise.all([post(cancelForm, cookie), post(cancelForm, cookie)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(db().select().from(t.jobs).all()).toHaveLength(1);
    expect(db().select().from(t.editions).where(eq(t.editions.id, edition.id)).get()!.status).toBe("cancelled");
  });

  test("uncertain and back: everyone told each time, applications stay open, then goes ahead again", async () => {
    const { edition, apps } = editionWithPaidStalls(0, { submitted: 2 });
    const { cookie } = signedIn("organiser");
    const uncertain = await post({ intent: "change", to: "uncertain", expectedFrom: "scheduled", messageNl: "Vergunning nog niet binnen", messageEn: "Permit not in yet", decisionExpectedOn: "2099-06-01", confirm: "yes" }, cookie);
    expect(uncertain.status).toBe(200);
    const mails = db().select().from(t.outbox).where(eq(t.outbox.template, "status-uncertain")).all();
    expect(mails).toHaveLength(2);
    expect(mails[0]!.textBody).toMatch(/Betalen is veilig|Paying is safe/);
    expect(db().select().from(t.applications).all().every((a) => a.reviewState === "submitted")).toBe(true);
    const back = await post({ intent: "change", to: "scheduled", expectedFrom: "uncertain", messageNl: "", messageEn: "", decisionExpectedOn: "", confirm: "yes" }, cookie);
    expect(back.status).toBe(200);
    expect(db().select().from(t.outbox).where(eq(t.outbox.template, "status-scheduled")).all()).toHaveLength(apps.length);
    expect(db().select().from(t.editions).where(eq(t.editions.id, edition.id)).get()!.status).toBe("scheduled");
  });

  test("from cancelled only a fresh start: applications stay cancelled, refunds stay, everyone is invited to apply again", async () => {
    const { edition } = editionWithPaidStalls(1);
    const { organiser, cookie } = signedIn("organiser");
    const { jobId } = cancel(edition.id, organiser.id) as { jobId: number };
    await runCancellationJob(jobId, paymentProvider()!, NOW);
    const reopened = await post({ intent: "change", to: "scheduled", expectedFrom: "cancelled", messageNl: "Toch door!", messageEn: "On after all!", decisionExpectedOn: "", confirm: "yes" }, cookie);
    expect(reopened.status).toBe(200);
    expect(db().select().from(t.applications).all().every((a) => a.reviewState === "cancelled")).toBe(true);
    expect(db().select().from(t.refunds).all().map((r) => r.status)).toEqual(["succeeded"]);
    const invite = db().select().from(t.outbox).where(eq(t.outbox.template, "status-scheduled")).all();
    expect(invite).toHaveLength(1);
    expect(invite[0]!.textBody).toContain("/apply");
  });
});

describe("the status everywhere", () => {
  test("on /, /map, the apply form, a private page, the GeoJSON and the mails, in both languages", async () => {
    const { edition, apps } = editionWithPaidStalls(0, { submitted: 1 });
    const { organiser } = signedIn("organiser");
    changeEditionStatus({ editionId: edition.id, to: "uncertain", expectedFrom: "scheduled", messageNl: "Het KNMI geeft code oranje", messageEn: "The met office warns of storms", decisionExpectedOn: "2099-06-01", organiserId: organiser.id, appUrl: "http://localhost", now: NOW });
    for (const [lang, message] of [["nl", "Het KNMI geeft code oranje"], ["en", "The met office warns of storms"]] as const) {
      for (const path of ["/", "/map", "/apply", `/a/${apps[0]!.accessToken}`]) {
        const html = await (await renderPage(`${path}?lang=${lang}`)).text();
        expect(html, `${path} ${lang}`).toContain(message);
        expect(html, `${path} ${lang}`).toContain('data-status="uncertain"');
      }
    }
    const geojson = await (await geojsonLoader(loaderArgs("/api/editions/current/stalls.geojson"))).json();
    expect(geojson.edition).toMatchObject({ status: "uncertain", statusMessage: { nl: "Het KNMI geeft code oranje", en: "The met office warns of storms" }, decisionExpectedOn: "2099-06-01" });
    const mail = db().select().from(t.outbox).where(eq(t.outbox.template, "status-uncertain")).get()!;
    expect(mail.htmlBody).toContain("code oranje");
  });
});

/**
 * Issue 17: bad news that reaches everyone. Read confirmations and the call list (with a bounced
 * mail), postponing to new dates with the keep/refund choice before and after its deadline (each
 * refund exactly once, also when Stripe's answer is lost), moved assignments, the feed.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { changeEditionStatus } from "~/data/edition-status.server";
import { listEventDays } from "~/data/editions.server";
import { deliverDueMail } from "~/data/outbox.server";
import { paymentProvider, processDueRefunds } from "~/data/money.server";
import { applyPostponementDefaults, callList, chooseOnPostponement, confirmationCounts } from "~/data/status-notices.server";
import { resetEnvForTests } from "~/env.server";
import { loader as geojsonLoader } from "~/routes/api.editions.current.stalls[.]geojson";
import { action as readAction, loader as readLoader } from "~/routes/a.$token_.gelezen.$historyId";
import { action as choiceAction } from "~/routes/a.$token_.postponement";
import { action as callsAction, loader as callsLoader } from "~/routes/organiser.calls";
import { action as statusAction } from "~/routes/organiser.status";
import { loader as feedLoader } from "~/routes/status[.]xml";
import { createStripeProvider } from "~/services/stripe.server";
import { assign, makeApplication, makeEdition } from "#tests/helpers/factories";
import { loaderArgs, renderPage } from "#tests/helpers/remix";
import { readableText } from "#tests/helpers/page-text";
import { formRequest, signedIn } from "#tests/helpers/signed-in";
import { mockStripePerTest, STRIPE_TEST_KEY, STRIPE_TEST_URL, stripeState } from "#tests/mocks/stripe";

mockStripePerTest({ beforeAll, afterAll, beforeEach, afterEach, resetEnv: resetEnvForTests });

const NOW = new Date("2099-05-01T10:00:00Z");
const hours = (n: number) => new Date(NOW.getTime() + n * 3600_000);

function market(count: number, options: { days?: string[] } = {}) {
  const made = makeEdition({ days: options.days ?? ["2099-07-03"], published: true });
  const category = made.categories.find((c) => !c.isFree)!;
  const apps = Array.from({ length: count }, (_, i) => {
    const app = makeApplication(made.edition, category.id, { feeTotalCents: 3000, paymentState: "paid", language: i % 2 ? "en" : "nl" });
    db().insert(t.payments).values({ applicationId: app.id, method: "stripe", status: "succeeded", amountCents: 3000, stripePaymentIntentId: `pi_news_${app.id}`, paidAt: NOW, recordedBy: "stripe_webhook" }).run();
    return app;
  });
  return { ...made, apps };
}

function change(editionId: number, organiserId: number, to: "scheduled" | "uncertain" | "cancelled" | "postponed", expectedFrom: string, extra: Partial<Parameters<typeof changeEditionStatus>[0]> = {}) {
  return changeEditionStatus({ editionId, to, expectedFrom: expectedFrom as "scheduled", messageNl: `Bericht ${to}`, messageEn: `Message ${to}`, decisionExpectedOn: null, organiserId, appUrl: "http://localhost", now: NOW, ...extra });
}

function readRequest(token: string, historyId: number, method: "GET" | "POST" = "POST") {
  return { request: new Request(`http://localhost/a/${token}/gelezen/${historyId}`, { method, ...(method === "POST" ? { body: new URLSearchParams(), headers: { "Content-Type": "application/x-www-form-urlencoded" } } : {}) }), params: { token, historyId: String(historyId) }, context: {} };
}

describe("read confirmations and the call list", () => {
  test("counts who confirmed; after 24 h lists the others with phone, language and mail state, a bounce included", async () => {
    const { edition, apps } = market(3);
    const { organiser } = signedIn("organiser");
    const result = change(edition.id, organiser.id, "uncertain", "scheduled");
    if (!result.ok) throw new Error("change refused");
    const mails = db().select().from(t.outbox).where(eq(t.outbox.template, "status-uncertain")).all();
    expect(mails).toHaveLength(3);
    // Every mail carries its one-click "Gelezen" link for this change.
    for (const app of apps) expect(mails.find((m) => m.applicationId === app.id)!.textBody).toContain(`/a/${app.accessToken}/gelezen/${result.historyId}`);

    // The second stallholder's address does not exist: the receiving server refuses it for good.
    await deliverDueMail(async (mail) => {
      if (mail.to === apps[1]!.email) throw new Error("Can't send mail - all recipients were rejected: 550 5.1.1 <x>: Recipient address rejected: User unknown");
    }, NOW);
    const bounced = db().select().from(t.outbox).where(eq(t.outbox.applicationId, apps[1]!.id)).get()!;
    expect(bounced).toMatchObject({ status: "failed", attempts: 1 });

    // The first confirms with one tap on the page the link opens.
    const page = await (readLoader(readRequest(apps[0]!.accessToken, result.historyId, "GET")) as Response).json();
    expect(page).toMatchObject({ confirmed: false, status: "uncertain", latest: true });
    expect(await (readAction(readRequest(apps[0]!.accessToken, result.historyId)) as Response).json()).toEqual({ outcome: "confirmed" });
    expect(await (readAction(readRequest(apps[0]!.accessToken, result.historyId)) as Response).json()).toEqual({ outcome: "already_confirmed" });
    expect(confirmationCounts(edition.id).get(result.historyId)).toEqual({ told: 3, confirmed: 1 });

    // Within the waiting time nobody is listed yet; after it, the two who did not confirm.
    expect(callList(edition.id, hours(2))).toMatchObject({ entries: [], notYetDue: 2 });
    const due = callList(edition.id, hours(25))!;
    expect(due.entries.map((e) => e.stallName).sort()).toEqual([apps[1]!.stallName, apps[2]!.stallName].sort());
    const bouncedEntry = due.entries.find((e) => e.stallName === apps[1]!.stallName)!;
    expect(bouncedEntry).toMatchObject({ mailState: "bounced", phone: apps[1]!.phone, contactName: apps[1]!.contactName, language: "en" });
    expect(due.entries.find((e) => e.stallName === apps[2]!.stallName)).toMatchObject({ mailState: "sent", language: "nl" });
  });

  test("on the day before the market everyone who did not confirm is listed, whatever the waiting time", () => {
    const { edition } = market(2, { days: ["2099-05-02"] });
    const { organiser } = signedIn("organiser");
    change(edition.id, organiser.id, "uncertain", "scheduled", { callAfterHours: 72 });
    // 1 May 12:00 in Amsterdam is the day before the market on 2 May: listed after one hour.
    expect(callList(edition.id, hours(1))!.entries).toHaveLength(2);
  });

  test("a volunteer ticks 'gebeld' with a note; the page and the history keep it", async () => {
    const { edition, apps } = market(1);
    const { organiser } = signedIn("organiser");
    change(edition.id, organiser.id, "cancelled", "scheduled", { now: new Date(Date.now() - 48 * 3600_000) });
    const volunteer = signedIn("volunteer");
    const before = await (callsLoader(loaderArgs("/organiser/calls", { headers: { Cookie: volunteer.cookie } })) as unknown as Response).json();
    expect(before.mayTick).toBe(true);
    expect(before.calls.entries).toHaveLength(1);
    const noticeId = before.calls.entries[0].noticeId as number;
    const response = (await callsAction(formRequest("/organiser/calls", { intent: "called", noticeId, note: "Voicemail ingesproken" }, volunteer.cookie))) as Response;
    expect(response.status).toBe(200);
    const after = await (callsLoader(loaderArgs("/organiser/calls", { headers: { Cookie: volunteer.cookie } })) as unknown as Response).json();
    expect(after.calls.entries[0]).toMatchObject({ callNote: "Voicemail ingesproken", calledBy: volunteer.organiser.name });
    expect(after.calls.entries[0].calledAt).not.toBeNull();
    const audit = db().select().from(t.auditLog).where(and(eq(t.auditLog.entityId, apps[0]!.id), eq(t.auditLog.action, "status_notice.called"))).all();
    expect(audit).toHaveLength(1);
  });

  test("a confirmation link of an old change still works and says it was about that change", async () => {
    const { edition, apps } = market(1);
    const { organiser } = signedIn("organiser");
    const first = change(edition.id, organiser.id, "uncertain", "scheduled") as { historyId: number };
    change(edition.id, organiser.id, "scheduled", "uncertain");
    const page = await (readLoader(readRequest(apps[0]!.accessToken, first.historyId, "GET")) as Response).json();
    expect(page).toMatchObject({ status: "uncertain", latest: false, confirmed: false });
    expect(await (readAction(readRequest(apps[0]!.accessToken, first.historyId)) as Response).json()).toEqual({ outcome: "confirmed" });
    const counts = confirmationCounts(edition.id);
    expect(counts.get(first.historyId)).toEqual({ told: 1, confirmed: 1 });
    // Another stallholder's token cannot confirm it; an unknown change is a plain 404.
    await expect(async () => readLoader(readRequest(apps[0]!.accessToken, 999_999, "GET"))).rejects.toMatchObject({ status: 404 });
  });
});

describe("postponing to a new date", () => {
  const statusForm = (dayId: number, fields: Record<string, string> = {}) => ({
    intent: "change",
    to: "postponed",
    expectedFrom: "scheduled",
    messageNl: "Verplaatst wegens storm",
    messageEn: "Postponed because of a storm",
    decisionExpectedOn: "",
    [`newDate-${dayId}`]: "2099-07-10",
    [`startsAt-${dayId}`]: "11:00",
    [`endsAt-${dayId}`]: "17:00",
    choiceDeadline: "2099-07-05T18:00",
    defaultChoice: "refund",
    confirm: "yes",
    ...fields,
  });

  test("a date in the past is refused with a field error that keeps what was typed", async () => {
    const { edition } = market(1);
    const day = listEventDays(edition.id)[0]!;
    const { cookie } = signedIn("organiser");
    const response = (await statusAction(formRequest("/organiser/status", statusForm(day.id, { [`newDate-${day.id}`]: "2020-01-01" }), cookie))) as Response;
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors).toEqual({ days: "status.err_date_in_past" });
    expect(body.values[`newDate-${day.id}`]).toBe("2020-01-01");
    expect(db().select().from(t.editions).where(eq(t.editions.id, edition.id)).get()!.status).toBe("scheduled");
    expect(listEventDays(edition.id)[0]!.date).toBe("2099-07-03");
  });

  test("without JavaScript the refused postponement comes back with the sentence beside its field and what was typed", async () => {
    const { edition } = market(1);
    const day = listEventDays(edition.id)[0]!;
    const { cookie } = signedIn("organiser");
    const body = new URLSearchParams(Object.entries(statusForm(day.id, { [`newDate-${day.id}`]: "2020-01-01" })));
    const response = await renderPage("/organiser/status?lang=nl", { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie }, duplex: "half" } as RequestInit);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(readableText(html)).toContain("De nieuwe datum moet na vandaag liggen.");
    expect(html).toMatch(/name="newDate-\d+"[^>]*value="2020-01-01"|value="2020-01-01"[^>]*name="newDate-\d+"/);
    expect(html).toMatch(/aria-describedby="postpone-days-error"/);
  });

  test("the days move with every assignment and spot; GeoJSON, feed and mails show the new date; the history says so", async () => {
    const { edition, apps } = market(2);
    const day = listEventDays(edition.id)[0]!;
    const spot = db().select().from(t.spots).where(eq(t.spots.editionId, edition.id)).get()!;
    assign(apps[0]!.id, day.id, [spot.id]);
    const { cookie } = signedIn("organiser");
    const response = (await statusAction(formRequest("/organiser/status", statusForm(day.id), cookie))) as Response;
    expect(response.status).toBe(200);

    expect(listEventDays(edition.id).map((d) => [d.id, d.date, d.startsAt, d.endsAt])).toEqual([[day.id, "2099-07-10", "11:00", "17:00"]]);
    const assignment = db().select().from(t.stallAssignments).where(eq(t.stallAssignments.applicationId, apps[0]!.id)).get()!;
    expect(assignment.eventDayId).toBe(day.id);
    expect(db().select().from(t.assignmentSpots).where(eq(t.assignmentSpots.assignmentId, assignment.id)).all().map((s) => s.spotId)).toEqual([spot.id]);
    const moved = db().select().from(t.auditLog).where(and(eq(t.auditLog.entityId, apps[0]!.id), eq(t.auditLog.action, "assignment.moved_with_market_day"))).get()!;
    expect(JSON.parse(moved.detailJson)).toMatchObject({ days: [{ from: "2099-07-03", to: "2099-07-10", spots: [spot.code] }] });

    const geojson = await (await geojsonLoader(loaderArgs("/api/editions/current/stalls.geojson"))).json();
    expect(geojson.edition).toMatchObject({ status: "postponed", days: [{ date: "2099-07-10", startsAt: "11:00", endsAt: "17:00" }] });
    expect(typeof geojson.edition.statusChangedAt).toBe("string");
    const stall = geojson.features.find((f: { id?: string }) => f.id === spot.code);
    expect(stall.properties.stalls[0].date).toBe("2099-07-10");

    const mail = db().select().from(t.outbox).where(and(eq(t.outbox.template, "status-postponed"), eq(t.outbox.applicationId, apps[0]!.id))).get()!;
    expect(mail.textBody).toContain("10 juli 2099");
    expect(mail.textBody).toMatch(/Kies vóór .*5 juli 2099/);
    const feed = await (feedLoader(loaderArgs("/status.xml?lang=nl")) as Response).text();
    expect(feed).toContain("<rss");
    expect(feed).toContain("De markt is verplaatst");
    expect(feed).toContain("10 juli 2099");
    expect(feed).not.toContain(apps[0]!.contactName);
  });

  test("keep or refund before the deadline: a refund is made once, also when Stripe's answer is lost; after the deadline a choice changes nothing and the default applies once", async () => {
    const { edition, apps } = market(4);
    const day = listEventDays(edition.id)[0]!;
    const { cookie } = signedIn("organiser");
    expect(((await statusAction(formRequest("/organiser/status", statusForm(day.id), cookie))) as Response).status).toBe(200);
    const before = new Date("2099-07-01T10:00:00Z");
    const after = new Date("2099-07-06T10:00:00Z");

    // Before the deadline: one keeps, one withdraws with a refund; a second click changes nothing.
    expect(chooseOnPostponement({ token: apps[0]!.accessToken, choice: "keep", now: before })).toEqual({ kind: "chosen", choice: "keep" });
    expect(chooseOnPostponement({ token: apps[1]!.accessToken, choice: "refund", now: before })).toEqual({ kind: "chosen", choice: "refund" });
    expect(chooseOnPostponement({ token: apps[1]!.accessToken, choice: "refund", now: before })).toEqual({ kind: "already_chosen", choice: "refund" });
    expect(chooseOnPostponement({ token: apps[0]!.accessToken, choice: "refund", now: before })).toEqual({ kind: "already_chosen", choice: "keep" });
    const state = (id: number) => db().select().from(t.applications).where(eq(t.applications.id, id)).get()!.reviewState;
    expect([state(apps[0]!.id), state(apps[1]!.id)]).toEqual(["approved", "withdrawn"]);

    // Stripe makes the refund but its answer never arrives (a crash, as far as we can tell); the
    // next run asks again with the same idempotency key and Stripe answers with the same refund.
    stripeState.timeoutDelayMs = 600;
    stripeState.refundFaults.push("timeout");
    const impatient = createStripeProvider({ secretKey: STRIPE_TEST_KEY, apiUrl: STRIPE_TEST_URL, timeoutMs: 150 });
    expect(await processDueRefunds(impatient, before)).toMatchObject({ succeeded: 0, retrying: 1 });
    await processDueRefunds(impatient, new Date(before.getTime() + 3600_000));
    const keys = stripeState.requests.filter((r) => r.path === "/v1/refunds").map((r) => r.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
    const refunds1 = db().select().from(t.refunds).where(eq(t.refunds.applicationId, apps[1]!.id)).all();
    expect(refunds1).toHaveLength(1);
    expect(refunds1[0]).toMatchObject({ status: "succeeded", amountCents: 3000 });
    expect(stripeState.refunds.size).toBe(1);

    // After the deadline: choosing gets a sentence and no change.
    expect(chooseOnPostponement({ token: apps[2]!.accessToken, choice: "keep", now: after })).toEqual({ kind: "after_deadline", applies: "refund" });
    expect(state(apps[2]!.id)).toBe("approved");

    // The default (refund) applies to the two who did not choose, once, however often it runs.
    expect(applyPostponementDefaults(after)).toBe(2);
    expect(applyPostponementDefaults(after)).toBe(0);
    await processDueRefunds(paymentProvider()!, after);
    await processDueRefunds(paymentProvider()!, new Date(after.getTime() + 3600_000));
    for (const app of [apps[2]!, apps[3]!]) {
      expect(state(app.id)).toBe("withdrawn");
      expect(db().select().from(t.refunds).where(eq(t.refunds.applicationId, app.id)).all()).toHaveLength(1);
    }
    expect(db().select().from(t.refunds).where(eq(t.refunds.applicationId, apps[0]!.id)).all()).toHaveLength(0);
    expect(stripeState.refunds.size).toBe(3);
  });

  test("the private page's choice after the deadline gets a sentence and changes nothing", async () => {
    const { edition, apps } = market(1);
    const { organiser } = signedIn("organiser");
    const current = listEventDays(edition.id).map((d) => ({ dayId: d.id, date: d.date, startsAt: d.startsAt, endsAt: d.endsAt }));
    const moved = current.map((d) => ({ ...d, date: "2099-07-10" }));
    // A deadline already behind the real clock the route uses.
    change(edition.id, organiser.id, "postponed", "scheduled", { postponement: { daysBefore: current, daysAfter: moved, choiceDeadline: "2001-01-01T10:00:00.000Z", defaultChoice: "keep" } });
    const request = new Request(`http://localhost/a/${apps[0]!.accessToken}/postponement`, { method: "POST", body: new URLSearchParams({ choice: "refund" }), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    const late = (await choiceAction({ request, params: { token: apps[0]!.accessToken }, context: {} })) as Response;
    expect(late.status).toBe(409);
    expect(await late.json()).toEqual({ answer: "choiceTooLate" });
    expect(db().select().from(t.applications).where(eq(t.applications.id, apps[0]!.id)).get()!.reviewState).toBe("approved");
    expect(db().select().from(t.refunds).all()).toHaveLength(0);
  });

  test("back from postponed to goes ahead is a normal change: the old dates return, with their own mails", async () => {
    const { edition, apps } = market(1);
    const day = listEventDays(edition.id)[0]!;
    const { cookie } = signedIn("organiser");
    await statusAction(formRequest("/organiser/status", statusForm(day.id), cookie));
    const back = (await statusAction(formRequest("/organiser/status", { intent: "change", to: "scheduled", expectedFrom: "postponed", messageNl: "", messageEn: "", decisionExpectedOn: "", confirm: "yes" }, cookie))) as Response;
    expect(back.status).toBe(200);
    expect(listEventDays(edition.id).map((d) => [d.date, d.startsAt, d.endsAt])).toEqual([["2099-07-03", "12:00", "18:00"]]);
    const mail = db().select().from(t.outbox).where(and(eq(t.outbox.template, "status-scheduled"), eq(t.outbox.applicationId, apps[0]!.id))).get()!;
    expect(mail.subject).toContain("oude datum");
    expect(mail.textBody).toContain("3 juli 2099");
  });

  test("a cancelled edition cannot be postponed", () => {
    const { edition } = market(1);
    const { organiser } = signedIn("organiser");
    change(edition.id, organiser.id, "cancelled", "scheduled");
    const current = listEventDays(edition.id).map((d) => ({ dayId: d.id, date: d.date, startsAt: d.startsAt, endsAt: d.endsAt }));
    expect(change(edition.id, organiser.id, "postponed", "cancelled", { postponement: { daysBefore: current, daysAfter: current, choiceDeadline: "2099-06-01T10:00:00Z", defaultChoice: "keep" } })).toEqual({ ok: false, reason: "not_allowed" });
  });
});

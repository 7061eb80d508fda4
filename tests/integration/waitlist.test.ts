// The waitlist that fills itself (issue 14, item 2): a withdrawal offers the freed place to the
// next who fits; accept → approved with the pay link mail; decline or expiry → the next in line;
// two withdrawals → two offers to two people; an accept after expiry changes nothing.
import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import * as t from "#db/schema";
import { decideApplications } from "~/data/application-review.server";
import { withdrawApplicationByStallholder } from "~/data/applications.server";
import { db } from "~/data/db.server";
import { answerOffer } from "~/data/waitlist-answer.server";
import { expireOffers, queuePlace } from "~/data/waitlist.server";
import { historySentence } from "~/components/organiser/history";
import { formatMoment, formatMoney, translator } from "~/i18n/i18n";
import { action as offerAction, loader as offerLoader } from "~/routes/offer.$token";
import { marketWithQueue } from "#tests/helpers/waitlist-market";
import { renderPage } from "#tests/helpers/remix";
import { readableText } from "#tests/helpers/page-text";
import { formRequest, signedIn } from "#tests/helpers/signed-in";
import { getPlacementSettings, savePlacementSettings } from "~/data/placement-proposal.server";
import { action as applicationAction } from "~/routes/organiser.applications.$id";
import { action as settingsAction } from "~/routes/organiser.settings";
import { editionCookie } from "~/services/auth.server";

const APP_URL = "http://localhost:3000";
const HOUR = 3600_000;
let year = 4100;

/** An edition with one day; `approved` approved stalls (3 m, unpaid) and `waiting` waitlisted ones, applied an hour apart. */
function market(options: { approved: number; waiting: number; waitingLanguage?: "nl" | "en" }) {
  year += 1;
  return marketWithQueue(year, { ...options, waitingOverrides: () => ({ language: options.waitingLanguage ?? "nl" }) });
}

const offersOf = (applicationId: number) => db().select().from(t.waitlistOffers).where(eq(t.waitlistOffers.applicationId, applicationId)).all();
const mails = (applicationId: number, template: string) =>
  db().select().from(t.outbox).where(and(eq(t.outbox.applicationId, applicationId), eq(t.outbox.template, template))).all();
const state = (id: number) => db().select().from(t.applications).where(eq(t.applications.id, id)).get()!.reviewState;

/** The token from the link in the offer mail (only its hash is in the database). */
function tokenFromMail(applicationId: number): string {
  const [mail] = mails(applicationId, "waitlist-offer");
  const match = /\/offer\/([A-Za-z0-9_-]+)/.exec(mail!.textBody);
  return match![1]!;
}

function withdraw(row: { accessToken: string }, now = new Date()) {
  return withdrawApplicationByStallholder({ token: row.accessToken, now, appUrl: APP_URL });
}

async function post(token: string, answer: "accept" | "decline") {
  const request = new Request(`${APP_URL}/offer/${token}`, { method: "POST", body: new URLSearchParams({ answer }), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  return (await offerAction({ request, params: { token }, context: {} })) as Response;
}

function historyOf(applicationId: number, language: "nl" | "en") {
  const t2 = translator(language);
  return db()
    .select()
    .from(t.auditLog)
    .where(and(eq(t.auditLog.entityType, "application"), eq(t.auditLog.entityId, applicationId)))
    .all()
    .filter((e) => e.action.startsWith("waitlist."))
    .map((e) => historySentence({ action: e.action, actor: e.actorOrganiserId ? db().select().from(t.organisers).where(eq(t.organisers.id, e.actorOrganiserId)).get()!.name : e.actorType, detail: JSON.parse(e.detailJson) }, { t: t2, money: (c) => formatMoney(c, language), moment: (m) => formatMoment(new Date(m), language) }));
}

test("a withdrawal offers the place to the first in the queue, by mail in their language, with a link whose token is stored only as a hash", () => {
  const m = market({ approved: 1, waiting: 2, waitingLanguage: "en" });
  const now = new Date();
  expect(withdraw(m.approved[0]!, now).kind).toBe("withdrawn");
  const [offer] = offersOf(m.waiting[0]!.id);
  expect(offer).toMatchObject({ state: "open", cause: "withdrawn", slotKey: `application:${m.approved[0]!.id}` });
  expect(offer!.expiresAt.getTime()).toBe(now.getTime() + 48 * HOUR);
  expect(offersOf(m.waiting[1]!.id)).toEqual([]);
  const [mail] = mails(m.waiting[0]!.id, "waitlist-offer");
  expect(mail!.subject).toBe(`A place is free for you: ${m.waiting[0]!.stallName}`);
  const token = tokenFromMail(m.waiting[0]!.id);
  expect(offer!.tokenHash).not.toContain(token);
  expect(offer!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  expect(historyOf(m.waiting[0]!.id, "nl")[0]).toMatch(/^Zomerparade \(automatisch\) bood een vrijgekomen plek van de wachtlijst aan \(een goedgekeurde kraam trok zich terug\); het aanbod geldt tot /);
  expect(historyOf(m.waiting[0]!.id, "en")[0]).toMatch(/^Zomerparade \(automatic\) offered a freed place from the waiting list \(an approved stall withdrew\)/);
});

test("accept → approved through the approve path: approval mail and the pay link mail; the page says so", async () => {
  const m = market({ approved: 1, waiting: 1 });
  withdraw(m.approved[0]!);
  const next = m.waiting[0]!;
  const token = tokenFromMail(next.id);
  const page = await (offerLoader({ request: new Request(`${APP_URL}/offer/${token}`), params: { token }, context: {} }) as Response).json();
  expect(page.kind).toBe("open");
  // The page says what the place costs before anyone says yes (€ 25 in this market).
  expect(page.feeCents).toBe(2500);
  const html = await (await renderPage(`/offer/${token}`)).text();
  expect(readableText(html)).toContain("De plek kost € 25,00.");
  const answered = await post(token, "accept");
  expect(answered.status).toBe(303);
  expect(state(next.id)).toBe("approved");
  expect(offersOf(next.id)[0]!.state).toBe("accepted");
  expect(mails(next.id, "review-approved")).toHaveLength(1);
  expect(mails(next.id, "payment-request")).toHaveLength(1);
  expect(historyOf(next.id, "nl")).toContain("De standhouder nam de aangeboden plek aan.");
  expect(historyOf(next.id, "en")).toContain("The stallholder accepted the place on offer.");
});

test("decline → the next person is offered the same place; the one who declined stays on the waitlist", async () => {
  const m = market({ approved: 1, waiting: 2 });
  withdraw(m.approved[0]!);
  const [first, second] = m.waiting as [typeof m.waiting[0], typeof m.waiting[0]];
  expect((await post(tokenFromMail(first.id), "decline")).status).toBe(303);
  expect(state(first.id)).toBe("waitlisted");
  expect(offersOf(first.id)[0]!.state).toBe("declined");
  expect(offersOf(second.id)).toMatchObject([{ state: "open", slotKey: `application:${m.approved[0]!.id}` }]);
  expect(mails(second.id, "waitlist-offer")).toHaveLength(1);
  expect(historyOf(first.id, "nl")).toContain("De standhouder sloeg de aangeboden plek af; de plek gaat naar de volgende op de wachtlijst.");
});

test("expiry → the worker lapses the offer and the next person is offered the place", () => {
  const m = market({ approved: 1, waiting: 2 });
  const now = new Date();
  withdraw(m.approved[0]!, now);
  expireOffers(new Date(now.getTime() + 47 * HOUR), APP_URL);
  expect(offersOf(m.waiting[0]!.id)[0]!.state).toBe("open");
  expireOffers(new Date(now.getTime() + 48 * HOUR), APP_URL);
  expect(offersOf(m.waiting[0]!.id)[0]!.state).toBe("expired");
  expect(offersOf(m.waiting[1]!.id)).toMatchObject([{ state: "open" }]);
  expect(historyOf(m.waiting[0]!.id, "en")).toContain("The offer lapsed without an answer; the place goes to the next on the waiting list.");
});

test("two withdrawals at the same moment: two offers, to two different people, one per place", () => {
  const m = market({ approved: 2, waiting: 3 });
  const now = new Date();
  withdraw(m.approved[0]!, now);
  withdraw(m.approved[1]!, now);
  const open = db().select().from(t.waitlistOffers).where(and(eq(t.waitlistOffers.editionId, m.edition.id), eq(t.waitlistOffers.state, "open"))).all();
  expect(open.map((o) => o.applicationId).sort()).toEqual([m.waiting[0]!.id, m.waiting[1]!.id].sort());
  expect(new Set(open.map((o) => o.slotKey)).size).toBe(2);
  expect(offersOf(m.waiting[2]!.id)).toEqual([]);
  // The database itself refuses a second open offer for one place.
  expect(() =>
    db().insert(t.waitlistOffers).values({ editionId: m.edition.id, applicationId: m.waiting[2]!.id, slotKey: open[0]!.slotKey, cause: "manual", tokenHash: "x".repeat(64), expiresAt: now }).run(),
  ).toThrow(/UNIQUE/);
});

test("accept after expiry: a clear sentence, and nothing changes", async () => {
  const m = market({ approved: 1, waiting: 1 });
  withdraw(m.approved[0]!, new Date(Date.now() - 49 * HOUR));
  const next = m.waiting[0]!;
  const token = tokenFromMail(next.id);
  const before = { app: db().select().from(t.applications).where(eq(t.applications.id, next.id)).get(), offers: offersOf(next.id), mails: db().select().from(t.outbox).all().length, audit: db().select().from(t.auditLog).all().length };
  const answered = await post(token, "accept");
  expect(answered.status).toBe(409);
  expect(await answered.json()).toEqual({ outcome: "expired" });
  expect(answerOffer({ token, answer: "accept", now: new Date(), appUrl: APP_URL }).kind).toBe("expired");
  expect(db().select().from(t.applications).where(eq(t.applications.id, next.id)).get()).toEqual(before.app);
  expect(offersOf(next.id)).toEqual(before.offers);
  expect(db().select().from(t.outbox).all().length).toBe(before.mails);
  expect(db().select().from(t.auditLog).all().length).toBe(before.audit);
  expect(translator("nl")("apply.offerExpired", { until: "x" })).toMatch(/^Dit aanbod is verlopen/);
});

test("the private page's place in the queue: 1st, 2nd, 3rd by time applied", () => {
  const m = market({ approved: 0, waiting: 3 });
  expect(m.waiting.map((w) => queuePlace(w)?.position)).toEqual([1, 2, 3]);
  expect(translator("nl")("apply.queuePlace", { n: 3 })).toBe("Je staat op plaats 3 van de wachtlijst.");
});

test("paused in /organiser/settings: a withdrawal makes no offer; the offer time is a setting there too", async () => {
  const m = market({ approved: 2, waiting: 1 });
  const admin = signedIn("admin");
  const cookie = `${admin.cookie}; ${editionCookie(m.edition.id).split(";")[0]}`;
  const save = (fields: Record<string, string>) => settingsAction(formRequest("/organiser/settings", { intent: "waitlist", ...fields }, cookie)) as Promise<Response>;
  expect((await save({ offersPaused: "on", offerHours: "24" })).status).toBe(200);
  expect(getPlacementSettings(m.edition.id)).toMatchObject({ offersPaused: true, offerHours: 24 });
  withdraw(m.approved[0]!);
  expect(offersOf(m.waiting[0]!.id)).toEqual([]);
  expect((await save({ offerHours: "0" })).status).toBe(400);
  expect((await save({ offerHours: "24" })).status).toBe(200);
  const now = new Date();
  withdraw(m.approved[1]!, now);
  expect(offersOf(m.waiting[0]!.id)).toMatchObject([{ state: "open", expiresAt: new Date(now.getTime() + 24 * HOUR) }]);
});

test("the private page of someone holding an offer says a place came free instead of the queue number", () => {
  const m = market({ approved: 1, waiting: 2 });
  withdraw(m.approved[0]!);
  expect(queuePlace(m.waiting[0]!)).toMatchObject({ position: 1, offerOpenUntil: expect.any(String) });
  expect(queuePlace(m.waiting[1]!)).toMatchObject({ position: 2, offerOpenUntil: null });
});

test("an organiser offers a place by hand from the application page, also while paused; a second open offer is refused", async () => {
  const m = market({ approved: 0, waiting: 2 });
  const reviewer = signedIn("organiser");
  const cookie = `${reviewer.cookie}; ${editionCookie(m.edition.id).split(";")[0]}`;
  savePlacementSettings(m.edition.id, { offersPaused: true }, null);
  const target = m.waiting[1]!; // the second in line: by hand the organiser chooses
  const offer = () => {
    const { request, context } = formRequest(`/organiser/applications/${target.id}`, { intent: "offer" }, cookie);
    return applicationAction({ request, params: { id: String(target.id) }, context }) as Promise<Response>;
  };
  expect((await offer()).status).toBe(200);
  expect(offersOf(target.id)).toMatchObject([{ state: "open", cause: "manual", madeByOrganiserId: reviewer.organiser.id }]);
  expect(offersOf(m.waiting[0]!.id)).toEqual([]);
  expect(mails(target.id, "waitlist-offer")).toHaveLength(1);
  expect(historyOf(target.id, "nl")[0]).toMatch(new RegExp(`^${reviewer.organiser.name} bood een vrijgekomen plek van de wachtlijst aan \\(met de hand\\)`));
  const again = await offer();
  expect(again.status).toBe(409);
  expect(offersOf(target.id)).toHaveLength(1);
});

test("an organiser rejects someone holding an offer: the offer lapses and the place goes to the next in line", () => {
  const m = market({ approved: 1, waiting: 2 });
  withdraw(m.approved[0]!);
  const reviewer = signedIn("organiser");
  const outcome = decideApplications({ editionId: m.edition.id, applicationIds: [m.waiting[0]!.id], to: "rejected", reason: "Geen plek voor deze soort", organiserId: reviewer.organiser.id, appUrl: APP_URL, now: new Date() });
  expect(outcome.changed).toHaveLength(1);
  expect(offersOf(m.waiting[0]!.id)[0]!.state).toBe("withdrawn");
  expect(offersOf(m.waiting[1]!.id)).toMatchObject([{ state: "open", slotKey: `application:${m.approved[0]!.id}` }]);
  expect(historyOf(m.waiting[0]!.id, "en")).toContain("The offer of the free place lapsed, because the application is no longer on the waiting list.");
});

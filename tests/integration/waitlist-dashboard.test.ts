// The waitlist that fills itself, part 2 (issue 14): the offers on the organisers' dashboard, and
// the date the organisers expect to decide, set in the settings and read by whoever waits.
import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import * as t from "#db/schema";
import { withdrawApplicationByStallholder } from "~/data/applications.server";
import { db } from "~/data/db.server";
import { getPlacementSettings, savePlacementSettings } from "~/data/placement-proposal.server";
import { answerOffer } from "~/data/waitlist-answer.server";
import { expireOffers } from "~/data/waitlist.server";
import { formatMoment, translator } from "~/i18n/i18n";
import { loader as dashboardLoader } from "~/routes/organiser._index";
import { action as settingsAction } from "~/routes/organiser.settings";
import { editionCookie } from "~/services/auth.server";
import { marketWithQueue } from "#tests/helpers/waitlist-market";
import { readableText } from "#tests/helpers/page-text";
import { renderPage } from "#tests/helpers/remix";
import { formRequest, signedIn } from "#tests/helpers/signed-in";

const APP_URL = "http://localhost";
const HOUR = 3600_000;
let year = 5300;

function market(options: { approved: number; waiting: number }) {
  year += 1;
  const made = marketWithQueue(year, {
    ...options,
    approvedOverrides: (i) => ({ stallName: `Goedgekeurd ${year}-${i + 1}` }),
    waitingOverrides: (i) => ({ stallName: `Wachtend ${year}-${i + 1}` }),
  });
  const admin = signedIn("admin");
  const cookie = `${admin.cookie}; ${editionCookie(made.edition.id).split(";")[0]}`;
  return { ...made, admin, cookie };
}

const tokenOf = (applicationId: number) => {
  const mails = db().select().from(t.outbox).where(and(eq(t.outbox.applicationId, applicationId), eq(t.outbox.template, "waitlist-offer"))).all();
  return /\/offer\/([A-Za-z0-9_-]+)/.exec(mails.at(-1)!.textBody)![1]!;
};
const openOfferOf = (applicationId: number) =>
  db().select().from(t.waitlistOffers).where(and(eq(t.waitlistOffers.applicationId, applicationId), eq(t.waitlistOffers.state, "open"))).get()!;

/**
 * An offer cycle: W1 lets an offer lapse, W2 declines, W1 accepts a second place, W3 holds an open offer.
 */
function offerCycle() {
  const m = market({ approved: 2, waiting: 3 });
  const [a1, a2] = m.approved as [typeof m.approved[0], typeof m.approved[0]];
  const [w1, w2, w3] = m.waiting as [typeof m.waiting[0], typeof m.waiting[0], typeof m.waiting[0]];
  const now = new Date();
  withdrawApplicationByStallholder({ token: a1.accessToken, now: new Date(now.getTime() - 49 * HOUR), appUrl: APP_URL });
  expireOffers(now, APP_URL); // W1's offer lapses; W2 is offered the place
  expect(answerOffer({ token: tokenOf(w2.id), answer: "decline", now, appUrl: APP_URL }).kind).toBe("declined"); // → W3
  withdrawApplicationByStallholder({ token: a2.accessToken, now, appUrl: APP_URL }); // → W1 (a new place)
  expect(answerOffer({ token: tokenOf(w1.id), answer: "accept", now, appUrl: APP_URL }).kind).toBe("accepted");
  return { ...m, w1, w2, w3 };
}

async function dashboardData(cookie: string) {
  const response = (await dashboardLoader({ request: new Request("http://localhost/organiser", { headers: { Cookie: cookie } }), params: {}, context: {} })) as Response;
  return (await response.json()).dashboard;
}

test("the dashboard's data: the pause state, open offers (who, until when) and the offers answered or lapsed lately", async () => {
  const m = offerCycle();
  const data = await dashboardData(m.cookie);
  expect(data.waitlist.paused).toBe(false);
  expect(data.waitlist.open).toEqual([{ applicationId: m.w3.id, stallName: m.w3.stallName, cause: "withdrawn", expiresAt: openOfferOf(m.w3.id).expiresAt.toISOString() }]);
  expect(data.waitlist.recent.map((o: { applicationId: number; state: string }) => `${o.applicationId}:${o.state}`).sort()).toEqual(
    [`${m.w1.id}:accepted`, `${m.w2.id}:declined`, `${m.w1.id}:expired`].sort(),
  );
  // Offers decided more than two weeks ago are no longer "recent".
  db().update(t.waitlistOffers).set({ decidedAt: new Date(Date.now() - 15 * 24 * HOUR) }).where(and(eq(t.waitlistOffers.editionId, m.edition.id), eq(t.waitlistOffers.state, "declined"))).run();
  expect((await dashboardData(m.cookie)).waitlist.recent.map((o: { state: string }) => o.state).sort()).toEqual(["accepted", "expired"]);

  savePlacementSettings(m.edition.id, { offersPaused: true }, null);
  expect((await dashboardData(m.cookie)).waitlist.paused).toBe(true);
});

test("the dashboard reads the offers in Dutch and in English, each linking to its application", async () => {
  const m = offerCycle();
  const until = openOfferOf(m.w3.id).expiresAt;
  const nlHtml = await (await renderPage("/organiser", { headers: { Cookie: m.cookie } })).text();
  const nl = readableText(nlHtml);
  expect(nlHtml).toContain(`href="/organiser/applications/${m.w3.id}"`);
  expect(nl).toContain("Komt er een plek vrij, dan gaat het aanbod vanzelf naar de volgende op de wachtlijst die past.");
  expect(nl).toContain("Er staat 1 aanbod open:");
  expect(nl).toContain(`${m.w3.stallName} – kan antwoorden tot ${formatMoment(until, "nl")}`);
  expect(nl).toMatch(new RegExp(`${m.w1.stallName} nam de aangeboden plek aan op \\d`));
  expect(nl).toMatch(new RegExp(`${m.w2.stallName} sloeg de aangeboden plek af op \\d`));
  expect(nl).toMatch(new RegExp(`${m.w1.stallName} antwoordde niet; het aanbod verliep op \\d`));

  savePlacementSettings(m.edition.id, { offersPaused: true }, null);
  const en = readableText(await (await renderPage("/organiser", { headers: { Cookie: `${m.cookie}; lang=en` } })).text());
  expect(en).toContain("Automatic offers are paused: a place that comes free is not offered by itself. An offer by hand is still possible.");
  expect(en).toContain("1 offer is open:");
  expect(en).toContain(`${m.w3.stallName} – may answer until ${formatMoment(until, "en")}`);
  expect(en).toMatch(new RegExp(`${m.w1.stallName} accepted the place offered on \\d`));
  expect(en).toMatch(new RegExp(`${m.w2.stallName} declined the place offered on \\d`));
  expect(en).toMatch(new RegExp(`${m.w1.stallName} did not answer; the offer lapsed on \\d`));
});

test("with no offers the dashboard says so", async () => {
  const m = market({ approved: 0, waiting: 1 });
  expect(readableText(await (await renderPage("/organiser", { headers: { Cookie: m.cookie } })).text())).toContain("Er staat geen aanbod open.");
  expect(readableText(await (await renderPage("/organiser", { headers: { Cookie: `${m.cookie}; lang=en` } })).text())).toContain("No offer is open.");
});

test("people waiting and nothing on offer: the dashboard says what makes an offer go out (empty spots alone do not), and the offer by hand only to those who can make one", async () => {
  const m = market({ approved: 0, waiting: 2 });
  const nl = readableText(await (await renderPage("/organiser", { headers: { Cookie: m.cookie } })).text());
  expect(nl).toContain("Er wachten 2 aanmeldingen. Een aanbod gaat vanzelf uit als een goedgekeurde kraam zich terugtrekt");
  expect(nl).toContain("Zelf een plek aanbieden kan op de pagina van de aanmelding.");
  const en = readableText(await (await renderPage("/organiser", { headers: { Cookie: `${m.cookie}; lang=en` } })).text());
  expect(en).toContain("2 applications are waiting. An offer goes out by itself");
  const volunteer = signedIn("volunteer");
  const forVolunteer = readableText(await (await renderPage("/organiser", { headers: { Cookie: `${volunteer.cookie}; ${editionCookie(m.edition.id).split(";")[0]}` } })).text());
  expect(forVolunteer).toContain("Er wachten 2 aanmeldingen.");
  expect(forVolunteer).not.toContain("Zelf een plek aanbieden");
  // Paused: nothing goes out by itself, so the sentence would be false.
  savePlacementSettings(m.edition.id, { offersPaused: true }, null);
  expect(readableText(await (await renderPage("/organiser", { headers: { Cookie: m.cookie } })).text())).not.toContain("Een aanbod gaat vanzelf uit");
});

// ---------------------------------------------------------------------------------------------
// 4. The date the organisers expect to decide

async function saveWaitlist(m: ReturnType<typeof market>, decisionDate: string) {
  const response = (await settingsAction(formRequest("/organiser/settings", { intent: "waitlist", offerHours: "48", decisionDate }, m.cookie))) as Response;
  return { status: response.status, body: await response.json() };
}

async function privatePage(token: string, language: "nl" | "en") {
  const html = await (await renderPage(`/a/${token}?lang=${language}`)).text();
  return { html, text: readableText(html) };
}

test("a decision date that does not exist is refused with a field error in the organiser's language; a real one is kept", async () => {
  const m = market({ approved: 0, waiting: 1 });
  const refused = await saveWaitlist(m, `${year}-02-30`);
  expect(refused.status).toBe(400);
  expect(refused.body.errors).toEqual({ decisionDate: "organiser.errRealDate" });
  expect(getPlacementSettings(m.edition.id).waitlistDecisionDate).toBeNull();
  expect(translator("nl")("organiser.errRealDate")).toBe("Vul een datum in die bestaat, bijvoorbeeld 15-05-2027.");
  expect(translator("en")("organiser.errRealDate")).toBe("Enter a date that exists, for example 15-05-2027.");
  expect((await saveWaitlist(m, "morgen")).status).toBe(400);

  // On the page itself, next to the field, in the reader's language.
  for (const [language, sentence] of [["nl", "Vul een datum in die bestaat"], ["en", "Enter a date that exists"]] as const) {
    const body = new URLSearchParams({ intent: "waitlist", offerHours: "48", decisionDate: `${year}-02-30` });
    const page = await renderPage(`/organiser/settings?lang=${language}`, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: m.cookie }, duplex: "half" } as RequestInit);
    expect(page.status).toBe(400);
    expect(readableText(await page.text())).toContain(sentence);
  }

  expect((await saveWaitlist(m, `${year}-05-15`)).status).toBe(200);
  expect(getPlacementSettings(m.edition.id).waitlistDecisionDate).toBe(`${year}-05-15`);
  // Typed by hand without a date picker, day first.
  expect((await saveWaitlist(m, `1-6-${year}`)).status).toBe(200);
  expect(getPlacementSettings(m.edition.id).waitlistDecisionDate).toBe(`${year}-06-01`);
});

test("the waitlisted stallholder reads the date next to their place in the queue, in both languages; no date set, or one gone by, no sentence at all", async () => {
  const m = market({ approved: 0, waiting: 2 });
  const token = m.waiting[1]!.accessToken;
  const none = await privatePage(token, "nl");
  expect(none.text).toContain("Je staat op plaats 2 van de wachtlijst.");
  expect(none.html).not.toContain("queue-decision-date");
  expect(none.text).not.toContain("verwacht");

  await saveWaitlist(m, `${year}-05-15`);
  const nl = await privatePage(token, "nl");
  expect(nl.text).toContain("Je staat op plaats 2 van de wachtlijst.");
  expect(nl.text).toContain("De organisatie verwacht uiterlijk 15 mei te beslissen.");
  const en = await privatePage(token, "en");
  expect(en.text).toContain("You are number 2 on the waiting list.");
  expect(en.text).toContain("The organisers expect to decide by 15 May.");

  await saveWaitlist(m, "");
  expect(getPlacementSettings(m.edition.id).waitlistDecisionDate).toBeNull();
  expect((await privatePage(token, "en")).html).not.toContain("queue-decision-date");

  await saveWaitlist(m, "2001-05-15");
  const past = await privatePage(token, "nl");
  expect(past.html).not.toContain("queue-decision-date");
  expect(past.text).not.toContain("verwacht");
});

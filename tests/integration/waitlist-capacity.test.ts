// The waitlist that fills itself, part 2 (issue 14): a raised or removed category cap offers its new
// places to the waitlist in the settings' own transaction; an approved stall the organisers reject
// after all frees its spot, refunds what it paid and offers its place to the next in line.
import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import * as t from "#db/schema";
import { historySentence } from "~/components/organiser/history";
import { db } from "~/data/db.server";
import { getPlacementSettings, savePlacementSettings } from "~/data/placement-proposal.server";
import { answerOffer } from "~/data/waitlist-answer.server";
import { formatMoment, formatMoney, translator } from "~/i18n/i18n";
import { action as applicationAction, loader as applicationLoader } from "~/routes/organiser.applications.$id";
import { action as goalsAction } from "~/routes/organiser.map_.goals";
import { editionCookie } from "~/services/auth.server";
import { assign } from "#tests/helpers/factories";
import { oneDayMarket } from "#tests/helpers/waitlist-market";
import { readableText } from "#tests/helpers/page-text";
import { renderPage } from "#tests/helpers/remix";
import { formRequest, signedIn } from "#tests/helpers/signed-in";

let year = 5100;

/** An edition with one day and a capped category `food` (its real key): approved and waitlisted stalls in it, and some waiting in another category. */
function market(options: { approved: number; waiting: number; otherWaiting?: number }) {
  year += 1;
  const made = oneDayMarket(year);
  const { food, crafts } = made;
  // Someone of another category waits longest: a place added to `food` must still go to a food stall.
  const otherWaiting = Array.from({ length: options.otherWaiting ?? 1 }, () => made.stall({ reviewState: "waitlisted" }, crafts.id));
  const approved = Array.from({ length: options.approved }, () => made.stall({ reviewState: "approved" }, food.id));
  const waiting = Array.from({ length: options.waiting }, () => made.stall({ reviewState: "waitlisted" }, food.id));
  const organiser = signedIn("organiser");
  const cookie = `${organiser.cookie}; ${editionCookie(made.edition.id).split(";")[0]}`;
  return { ...made, approved, waiting, otherWaiting, organiser, cookie };
}

const offersOf = (applicationId: number) => db().select().from(t.waitlistOffers).where(eq(t.waitlistOffers.applicationId, applicationId)).all();
const openOffers = (editionId: number) =>
  db().select().from(t.waitlistOffers).where(and(eq(t.waitlistOffers.editionId, editionId), eq(t.waitlistOffers.state, "open"))).all();
const mails = (applicationId: number, template: string) =>
  db().select().from(t.outbox).where(and(eq(t.outbox.applicationId, applicationId), eq(t.outbox.template, template))).all();
const row = (id: number) => db().select().from(t.applications).where(eq(t.applications.id, id)).get()!;

/** The goals page as an organiser saves it: only the food cap is filled in (empty: no cap). */
async function saveCaps(m: ReturnType<typeof market>, foodCap: string) {
  const { request, context } = formRequest("/organiser/map/goals", { [`cap.${m.food.key}`]: foodCap }, m.cookie);
  const response = (await goalsAction({ request, params: {}, context })) as Response;
  expect(response.status).toBe(200);
  return (await response.json()) as { ok: true; offersMade: number };
}

function historyOf(applicationId: number, language: "nl" | "en") {
  const speak = translator(language);
  return db()
    .select()
    .from(t.auditLog)
    .where(and(eq(t.auditLog.entityType, "application"), eq(t.auditLog.entityId, applicationId)))
    .all()
    .map((e) =>
      historySentence(
        { action: e.action, actor: e.actorOrganiserId ? db().select().from(t.organisers).where(eq(t.organisers.id, e.actorOrganiserId)).get()!.name : e.actorType, detail: JSON.parse(e.detailJson) },
        { t: speak, money: (c) => formatMoney(c, language), moment: (at) => formatMoment(new Date(at), language) },
      ),
    );
}

// ---------------------------------------------------------------------------------------------
// 1. Adding capacity makes offers

test("raising a full cap from 1 to 3 offers the two new places to the first two food stalls waiting, in the save's transaction; saving again offers nothing more", async () => {
  const m = market({ approved: 1, waiting: 3 });
  savePlacementSettings(m.edition.id, { caps: { [m.food.key]: 1 } }, null);
  const saved = await saveCaps(m, "3");
  expect(saved.offersMade).toBe(2);
  expect(getPlacementSettings(m.edition.id).caps).toEqual({ [m.food.key]: 3 });
  expect(offersOf(m.waiting[0]!.id)).toMatchObject([{ state: "open", cause: "capacity", slotKey: `capacity:${m.food.key}:2`, categoryKey: m.food.key }]);
  expect(offersOf(m.waiting[1]!.id)).toMatchObject([{ state: "open", cause: "capacity", slotKey: `capacity:${m.food.key}:3` }]);
  expect(offersOf(m.waiting[2]!.id)).toEqual([]);
  // The crafts stall waited longest, but the places were added to food.
  expect(offersOf(m.otherWaiting[0]!.id)).toEqual([]);
  expect(mails(m.waiting[0]!.id, "waitlist-offer")).toHaveLength(1);
  expect(historyOf(m.waiting[0]!.id, "nl")[0]).toMatch(/^Zomerparade \(automatisch\) bood een vrijgekomen plek van de wachtlijst aan \(er kwam ruimte bij\)/);
  expect(historyOf(m.waiting[0]!.id, "en")[0]).toMatch(/\(room was added\)/);

  // The same save again (a second click, a second organiser): the places are taken by the offers.
  expect((await saveCaps(m, "3")).offersMade).toBe(0);
  expect(openOffers(m.edition.id)).toHaveLength(2);
});

test("a declined capacity offer goes to the next food stall waiting, not to another category", async () => {
  const m = market({ approved: 1, waiting: 2 });
  savePlacementSettings(m.edition.id, { caps: { [m.food.key]: 1 } }, null);
  await saveCaps(m, "2");
  const token = /\/offer\/([A-Za-z0-9_-]+)/.exec(mails(m.waiting[0]!.id, "waitlist-offer")[0]!.textBody)![1]!;
  expect(answerOffer({ token, answer: "decline", now: new Date(), appUrl: "http://localhost" }).kind).toBe("declined");
  expect(offersOf(m.waiting[1]!.id)).toMatchObject([{ state: "open", cause: "capacity", slotKey: `capacity:${m.food.key}:2` }]);
  expect(offersOf(m.otherWaiting[0]!.id)).toEqual([]);
});

test("removing a full cap offers every food stall waiting a place; removing a cap that had room offers nothing", async () => {
  const full = market({ approved: 2, waiting: 2 });
  savePlacementSettings(full.edition.id, { caps: { [full.food.key]: 2 } }, null);
  expect((await saveCaps(full, "")).offersMade).toBe(2);
  expect(openOffers(full.edition.id).map((o) => o.applicationId).sort()).toEqual(full.waiting.map((w) => w.id).sort());

  const room = market({ approved: 1, waiting: 2 });
  savePlacementSettings(room.edition.id, { caps: { [room.food.key]: 5 } }, null);
  expect((await saveCaps(room, "")).offersMade).toBe(0);
  expect(openOffers(room.edition.id)).toEqual([]);
});

test("while automatic offers are paused a raised cap makes no offer; lowering a cap makes none either", async () => {
  const m = market({ approved: 1, waiting: 2 });
  savePlacementSettings(m.edition.id, { caps: { [m.food.key]: 1 }, offersPaused: true }, null);
  expect((await saveCaps(m, "3")).offersMade).toBe(0);
  expect(openOffers(m.edition.id)).toEqual([]);
  savePlacementSettings(m.edition.id, { offersPaused: false }, null);
  expect((await saveCaps(m, "1")).offersMade).toBe(0);
  expect(openOffers(m.edition.id)).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// 2. An approved stall rejected after all frees its place

async function reject(m: ReturnType<typeof market>, id: number, reason = "Past niet bij de markt") {
  const { request, context } = formRequest(`/organiser/applications/${id}`, { intent: "decide", to: "rejected", reason, version: row(id).version }, m.cookie);
  return (await applicationAction({ request, params: { id: String(id) }, context })) as Response;
}

test("rejecting an approved, paid, placed stall: spot freed, public map changed, everything paid refunded, the place offered to the next in line, and the mail says so", async () => {
  const m = market({ approved: 1, waiting: 1, otherWaiting: 0 });
  const stall = m.approved[0]!;
  db().update(t.applications).set({ paymentState: "paid" }).where(eq(t.applications.id, stall.id)).run();
  db().insert(t.payments).values({ applicationId: stall.id, method: "stripe", status: "succeeded", amountCents: 2500, stripePaymentIntentId: `pi_test_reject_${stall.id}`, paidAt: new Date(), recordedBy: "stripe_webhook" }).run();
  assign(stall.id, m.day.id, [m.spots[0]!.id]);
  const revision = db().select().from(t.editions).where(eq(t.editions.id, m.edition.id)).get()!.publicRevision;

  // The page offers the rejection, and says what it does with the money.
  const page = await ((await applicationLoader({ request: new Request(`http://localhost/organiser/applications/${stall.id}`, { headers: { Cookie: m.cookie } }), params: { id: String(stall.id) }, context: {} })) as Response).json();
  expect(page.heldCents).toBe(2500);

  const response = await reject(m, stall.id);
  expect(response.status).toBe(200);
  expect(row(stall.id).reviewState).toBe("rejected");
  expect(db().select().from(t.stallAssignments).where(eq(t.stallAssignments.applicationId, stall.id)).all()).toEqual([]);
  expect(db().select().from(t.editions).where(eq(t.editions.id, m.edition.id)).get()!.publicRevision).toBe(revision + 1);
  expect(db().select().from(t.refunds).where(eq(t.refunds.applicationId, stall.id)).all()).toMatchObject([
    { amountCents: 2500, status: "pending", reason: "rejected_after_approval", recordedBy: "organiser", recordedByOrganiserId: m.organiser.organiser.id },
  ]);
  expect(offersOf(m.waiting[0]!.id)).toMatchObject([{ state: "open", cause: "rejected", slotKey: `application:${stall.id}` }]);
  const [mail] = mails(stall.id, "review-rejected");
  expect(mail!.textBody).toContain("toch niet op de SK Zomerparade test staan");
  expect(mail!.textBody).toContain("De reden: Past niet bij de markt");
  expect(mail!.textBody).toContain(`Wat je betaald hebt, ${formatMoney(2500, "nl")}, krijg je terug.`);
  expect(historyOf(stall.id, "nl")).toContain(
    `${m.organiser.organiser.name} wees de aanmelding af. Bericht: “Past niet bij de markt” De plek is vrijgegeven en ${formatMoney(2500, "nl")} wordt terugbetaald.`,
  );
  expect(historyOf(m.waiting[0]!.id, "en")[0]).toMatch(/\(an approved stall was rejected\)/);
});

test("rejecting an approved stall that paid nothing: no refund, and the mail says there is nothing to pay", async () => {
  // A freed place goes to whoever waits longest and fits, of any category under its cap.
  const m = market({ approved: 1, waiting: 1 });
  const stall = m.approved[0]!;
  db().update(t.applications).set({ language: "en" }).where(eq(t.applications.id, stall.id)).run();
  expect((await reject(m, stall.id, "Not a market stall")).status).toBe(200);
  expect(row(stall.id).reviewState).toBe("rejected");
  expect(db().select().from(t.refunds).where(eq(t.refunds.applicationId, stall.id)).all()).toEqual([]);
  const [mail] = mails(stall.id, "review-rejected");
  expect(mail!.textBody).toContain("cannot be at SK Zomerparade test (en) after all");
  expect(mail!.textBody).toContain("You had not paid anything yet and do not need to pay anything now.");
  expect(mail!.textBody).not.toContain("comes back to you");
  expect(offersOf(m.otherWaiting[0]!.id)).toMatchObject([{ state: "open", cause: "rejected" }]);
  expect(offersOf(m.waiting[0]!.id)).toEqual([]);
  expect(historyOf(stall.id, "en").some((s) => s.endsWith("The place was freed."))).toBe(true);
});

test("a stallholder's rejected application cannot be rejected again, and a rejection without a reason is refused", async () => {
  const m = market({ approved: 1, waiting: 0 });
  const stall = m.approved[0]!;
  expect((await reject(m, stall.id, "  ")).status).toBe(400);
  expect(row(stall.id).reviewState).toBe("approved");
  expect((await reject(m, stall.id)).status).toBe(200);
  expect((await reject(m, stall.id)).status).toBe(422);
  expect(mails(stall.id, "review-rejected")).toHaveLength(1);
});

test("the application page offers rejecting an approved stall, and says truly what happens to a paid and to an unpaid stall; a rejected one offers no decision", async () => {
  const m = market({ approved: 2, waiting: 0, otherWaiting: 0 });
  const [paid, unpaid] = m.approved as [typeof m.approved[0], typeof m.approved[0]];
  db().update(t.applications).set({ paymentState: "paid" }).where(eq(t.applications.id, paid.id)).run();
  db().insert(t.payments).values({ applicationId: paid.id, method: "cash", status: "succeeded", amountCents: 2500, paidAt: new Date(), recordedBy: "organiser" }).run();
  const html = async (id: number, language: "nl" | "en") => (await renderPage(`/organiser/applications/${id}?lang=${language}`, { headers: { Cookie: m.cookie } })).text();
  const page = async (id: number, language: "nl" | "en") => readableText(await html(id, language));

  // The one decision possible: reject (not waitlist, not approve again).
  const decisions = [...(await html(paid.id, "nl")).matchAll(/<input[^>]*name="to"[^>]*value="(\w+)"/g)].map((match) => match[1]);
  expect(decisions).toEqual(["rejected"]);
  const paidNl = await page(paid.id, "nl");
  expect(paidNl).toContain("Afwijzen");
  expect(paidNl).toContain(`Deze kraam is goedgekeurd. Afwijzen geeft haar plek vrij, biedt die aan de volgende op de wachtlijst aan en betaalt ${formatMoney(2500, "nl")} terug.`);
  expect(await page(paid.id, "en")).toContain(`refunds ${formatMoney(2500, "en")}`);
  const unpaidEn = await page(unpaid.id, "en");
  expect(unpaidEn).toContain("This stall is approved but has paid nothing.");
  expect(unpaidEn).not.toContain("refunds €");
  expect(await page(unpaid.id, "nl")).toContain("er hoeft niets terugbetaald te worden");

  await reject(m, unpaid.id);
  const rejected = await page(unpaid.id, "nl");
  expect(rejected).toContain("Vanuit „Afgewezen” is geen besluit meer mogelijk.");
  expect(rejected).not.toContain("Deze kraam is goedgekeurd");
});

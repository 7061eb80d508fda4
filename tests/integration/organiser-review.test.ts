import { describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import * as t from "#db/schema";
import { auditTrail } from "~/data/audit.server";
import { db } from "~/data/db.server";
import { listOutbox } from "~/data/outbox.server";
import { adjustFee, decideApplications, getApplication, listApplicationsForReview, updateApplicationDetails, type ApplicationDetails } from "~/data/application-review.server";
import { createEditionFrom } from "~/data/edition-settings.server";
import { listCategories, listFeeRates } from "~/data/editions.server";
import * as applicationPage from "~/routes/organiser.applications.$id";
import * as applications from "~/routes/organiser.applications._index";
import * as exportApplications from "~/routes/organiser.exports.applications[.csv]";
import * as exportStalls from "~/routes/organiser.exports.stalls[.csv]";
import { assign, makeApplication, makeEdition } from "#tests/helpers/factories";
import { wishesFromJson } from "~/rules/placement-wishes";
import { call, get, post, signedIn } from "./organiser-fixtures";
import { renderPage } from "#tests/helpers/remix";

function setUp() {
  const made = makeEdition({ days: ["2099-07-03"] });
  const categoryId = made.categories.find((c) => !c.isFree)!.id;
  const app = (overrides: Partial<typeof t.applications.$inferInsert> = {}) => {
    const row = makeApplication(made.edition, categoryId, { reviewState: "submitted", paymentState: "pending", ...overrides });
    db().insert(t.applicationDays).values({ applicationId: row.id, eventDayId: made.days[0]!.id }).run();
    return row;
  };
  return { ...made, categoryId, app, organiser: signedIn("organiser") };
}

const decide = (editionId: number, ids: number[], to: "approved" | "waitlisted" | "rejected", organiserId: number, reason = "", expectedVersion?: number) =>
  decideApplications({ editionId, applicationIds: ids, to, reason, organiserId, appUrl: "http://localhost:3000", now: new Date(), expectedVersion });

describe("state changes", () => {
  test.each([
    ["submitted", "approved"],
    ["submitted", "waitlisted"],
    ["submitted", "rejected"],
    ["waitlisted", "approved"],
    ["waitlisted", "rejected"],
  ] as const)("%s → %s is allowed: state, mail and audit entry together", (from, to) => {
    const { edition, app, organiser } = setUp();
    const a = app({ reviewState: from });
    const outcome = decide(edition.id, [a.id], to, organiser.organiser.id, "Reden X");
    expect(outcome.changed.map((c) => c.id)).toEqual([a.id]);
    expect(getApplication(a.id)?.reviewState).toBe(to);
    const all = listOutbox({ applicationId: a.id });
    // An approval with a fee to pay also sends the pay link, in a mail of its own.
    expect(all.map((m) => m.template).sort()).toEqual(to === "approved" ? ["payment-request", "review-approved"] : [`review-${to}`]);
    const mails = all.filter((m) => m.template.startsWith("review-"));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.template).toBe(`review-${to}`);
    expect(mails[0]!.toAddress).toBe(a.email);
    expect(mails[0]!.textBody).toContain(`/a/${a.accessToken}`);
    if (to === "rejected") expect(mails[0]!.textBody).toContain("De reden: Reden X");
    if (to === "approved") expect(mails[0]!.textBody).toContain("betaalinstructies");
    expect(auditTrail("application", a.id).map((e) => e.action).sort()).toEqual(to === "approved" ? ["application_approved", "payment_requested"] : [`application_${to}`]);
  });

  test.each([
    ["withdrawn", "approved"],
    ["approved", "waitlisted"],
    ["rejected", "approved"],
    ["cancelled", "approved"],
    ["approved", "approved"],
  ] as const)("%s → %s is refused: nothing changes, nothing is sent", (from, to) => {
    const { edition, app, organiser } = setUp();
    const a = app({ reviewState: from });
    const outcome = decide(edition.id, [a.id], to, organiser.organiser.id, "x");
    expect(outcome.refused).toEqual([{ id: a.id, stallName: a.stallName, from, refusal: "not_allowed_from_state" }]);
    expect(getApplication(a.id)?.reviewState).toBe(from);
    expect(getApplication(a.id)?.version).toBe(a.version);
    expect(listOutbox()).toHaveLength(0);
    expect(auditTrail("application", a.id)).toHaveLength(0);
  });

  test("the application page says clearly that approving a withdrawn application is not possible (422)", async () => {
    const { app, organiser } = setUp();
    const a = app({ reviewState: "withdrawn" });
    const response = await call(() =>
      applicationPage.action(post(`/organiser/applications/${a.id}`, { intent: "decide", to: "approved", reason: "", version: "1" }, organiser.cookie, { id: String(a.id) }) as never),
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ outcome: { refused: [{ from: "withdrawn" }], changed: [] } });
  });

  test("an approved stall's decision form does not start on 'reject' (its only choice): sent without a choice, it asks for one and nothing changes", async () => {
    const { app, organiser } = setUp();
    const a = app({ reviewState: "approved" });
    const html = await (await renderPage(`/organiser/applications/${a.id}`, { headers: { Cookie: organiser.cookie } })).text();
    const radio = /<input[^>]*name="to"[^>]*>/.exec(html)![0];
    expect(radio).toContain('value="rejected"');
    expect(radio).not.toMatch(/checked/);
    // Nothing happened to it yet: the history says so instead of being an empty box.
    expect(html).toContain('data-testid="history-empty"');
    // A submitted application still starts on approving.
    const fresh = app();
    const freshHtml = await (await renderPage(`/organiser/applications/${fresh.id}`, { headers: { Cookie: organiser.cookie } })).text();
    expect(/<input[^>]*name="to"[^>]*value="approved"[^>]*>/.exec(freshHtml)![0]).toMatch(/checked/);

    const response = await call(() => applicationPage.action(post(`/organiser/applications/${a.id}`, { intent: "decide", reason: "", version: "1" }, organiser.cookie, { id: String(a.id) }) as never));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: { to: "organiser.errChooseDecision" } });
    expect(getApplication(a.id)?.reviewState).toBe("approved");
  });

  test("rejecting without a reason is refused by the form (400) and keeps the message typed", async () => {
    const { app, organiser } = setUp();
    const a = app();
    const response = await call(() => applications.action(post("/organiser/applications", { to: "rejected", reason: "  ", ids: [String(a.id)] }, organiser.cookie) as never));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: { reason: "organiser.errReasonRequired" } });
    expect(getApplication(a.id)?.reviewState).toBe("submitted");
  });

  test("bulk approve writes one decision mail per application in the stallholder's language (and a pay link where a fee is due), and skips what may not be approved", async () => {
    const { app, organiser } = setUp();
    const nl = app({ language: "nl", feeTotalCents: 1500 });
    const en = app({ language: "en", feeTotalCents: 0, feeBreakdownJson: JSON.stringify({ lines: [], dayCount: 1, free: true, totalCents: 0 }) });
    const withdrawn = app({ reviewState: "withdrawn" });
    const response = await call(() =>
      applications.action(post("/organiser/applications", { to: "approved", reason: "Welkom!", ids: [nl.id, en.id, withdrawn.id].map(String) }, organiser.cookie) as never),
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.outcome.changed.map((c: { id: number }) => c.id)).toEqual([nl.id, en.id]);
    expect(body.outcome.refused.map((r: { id: number }) => r.id)).toEqual([withdrawn.id]);
    const everything = listOutbox();
    expect(everything.filter((m) => m.template === "payment-request").map((m) => [m.applicationId, m.language])).toEqual([[nl.id, "nl"]]);
    const mails = everything.filter((m) => m.template === "review-approved").sort((x, y) => x.id - y.id);
    expect(mails.map((m) => [m.applicationId, m.language, m.toAddress])).toEqual([
      [nl.id, "nl", nl.email],
      [en.id, "en", en.email],
    ]);
    expect(everything).toHaveLength(3);
    expect(mails[0]!.subject).toBe("Je kraam op de SK Zomerparade test is goedgekeurd");
    expect(mails[0]!.textBody).toContain("€ 15,00");
    expect(mails[0]!.textBody).toContain("Bericht van de organisatie: Welkom!");
    expect(mails[1]!.subject).toBe("Your stall at SK Zomerparade test (en) has been approved");
    expect(mails[1]!.textBody).toContain("You do not need to pay anything");
    expect(getApplication(en.id)?.paymentState).toBe("not_required");
    expect(getApplication(withdrawn.id)?.reviewState).toBe("withdrawn");
  });
});

function details(a: NonNullable<ReturnType<typeof getApplication>>, dayId: number, patch: Partial<ApplicationDetails> = {}): ApplicationDetails {
  return {
    stallName: a.stallName, description: a.description, categoryId: a.categoryId, contactName: a.contactName, email: a.email, phone: a.phone,
    postcode: a.postcode, applicantKind: a.applicantKind, kvkNumber: a.kvkNumber, frontageCm: a.frontageCm, depthCm: a.depthCm,
    needsElectricity: a.needsElectricity, electricityWatts: a.electricityWatts, rentedStalls: a.rentedStalls, remarks: a.remarks,
    language: a.language, dayIds: [dayId], wishes: wishesFromJson(a.placementWishesJson), ...patch,
  };
}

describe("edits", () => {
  test("the second of two concurrent saves is refused and nothing is overwritten", () => {
    const { edition, days, app } = setUp();
    const a = app();
    const first = signedIn("organiser").organiser.id;
    const second = signedIn("organiser").organiser.id;
    const now = new Date();
    expect(updateApplicationDetails({ id: a.id, editionId: edition.id, version: 1, details: details(a, days[0]!.id, { stallName: "Eerste" }), organiserId: first, now })).toEqual({ ok: true, version: 2 });
    expect(updateApplicationDetails({ id: a.id, editionId: edition.id, version: 1, details: details(a, days[0]!.id, { stallName: "Tweede" }), organiserId: second, now })).toEqual({ ok: false, problem: "conflict" });
    expect(getApplication(a.id)).toMatchObject({ stallName: "Eerste", version: 2 });
  });

  test("via the page: 409 'changed by someone else meanwhile', the typed values come back, and the page then shows the newer data", async () => {
    const { app, organiser, days, categoryId } = setUp();
    const a = app();
    const form = (stallName: string) => ({
      intent: "details", version: "1", stallName, description: "", categoryId: String(categoryId), contactName: "Ans", email: "ans@example.org", phone: "0612345678",
      postcode: "", applicantKind: "resident", kvkNumber: "", frontageCm: "300", depthCm: "300", electricityWatts: "", rentedStalls: "0", remarks: "", language: "nl", dayIds: [String(days[0]!.id)],
    });
    const args = (stallName: string) => post(`/organiser/applications/${a.id}`, form(stallName), organiser.cookie, { id: String(a.id) });
    expect((await call(() => applicationPage.action(args("Kraam van Ans") as never))).status).toBe(200);
    const second = await call(() => applicationPage.action(args("Kraam van Bob") as never));
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ message: "organiser.conflict", values: { stallName: "Kraam van Bob" } });
    const page = await (await call(() => applicationPage.loader(get(`/organiser/applications/${a.id}`, organiser.cookie, { id: String(a.id) }) as never))).json();
    expect(page.application).toMatchObject({ stallName: "Kraam van Ans", version: 2 });
  });

  test("an organiser changes the wishes for the spot: stored canonically, in the history; a house number only for a resident", async () => {
    const { app, organiser, days, categoryId } = setUp();
    const a = app({ applicantKind: "resident", postcode: "3812 AB", placementWishesJson: JSON.stringify([{ kind: "near_power" }]) });
    const form = (version: number, more: Record<string, string>) => ({
      intent: "details", version: String(version), stallName: a.stallName, description: "", categoryId: String(categoryId), contactName: "Ans", email: "ans@example.org", phone: "0612345678",
      postcode: "3812 AB", applicantKind: "resident", kvkNumber: "", frontageCm: "300", depthCm: "300", electricityWatts: "", rentedStalls: "0", remarks: "", language: "nl", dayIds: [String(days[0]!.id)],
      ...more,
    });
    const send = (fields: Record<string, string | string[]>) => call(() => applicationPage.action(post(`/organiser/applications/${a.id}`, fields, organiser.cookie, { id: String(a.id) }) as never));
    // The page's form carries the stored wishes.
    const page = await (await call(() => applicationPage.loader(get(`/organiser/applications/${a.id}`, organiser.cookie, { id: String(a.id) }) as never))).json();
    expect(page.wishes).toEqual([{ kind: "near_power" }]);
    expect((await send(form(1, { wishNextTo: " Wafels van Wim ", wishNearSquare: "on", wishHouseNumber: "14 A" }))).status).toBe(200);
    expect(JSON.parse(getApplication(a.id)!.placementWishesJson)).toEqual([{ kind: "next_to", stallName: "Wafels van Wim" }, { kind: "near_square" }, { kind: "house_number", houseNumber: "14a" }]);
    const edited = db().select().from(t.auditLog).where(eq(t.auditLog.entityId, a.id)).all().filter((e) => e.action === "application_edited").at(-1)!;
    // The history names the change of wishes but not the house number (part of an address).
    expect(JSON.parse(edited.detailJson).changes.wishes).toEqual({ from: [{ kind: "near_power" }], to: [{ kind: "next_to", stallName: "Wafels van Wim" }, { kind: "near_square" }, { kind: "house_number" }] });

    const refused = await send(form(2, { applicantKind: "non_profit", postcode: "", wishHouseNumber: "14a" }));
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors).toEqual({ wishHouseNumber: "organiser.errHouseNumberResident" });
    expect((await (await send(form(2, { wishHouseNumber: "veertien" }))).json()).errors).toEqual({ wishHouseNumber: "organiser.errHouseNumber" });
    expect(getApplication(a.id)!.version).toBe(2);
  });

  test("a form error comes back with status 400 and every value as typed", async () => {
    const { app, organiser, categoryId } = setUp();
    const a = app();
    const response = await call(() =>
      applicationPage.action(post(`/organiser/applications/${a.id}`, { intent: "details", version: "1", stallName: "Nieuw", categoryId: String(categoryId), email: "geen-adres", frontageCm: "drie" }, organiser.cookie, { id: String(a.id) }) as never),
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors).toMatchObject({ email: "organiser.errEmail", frontageCm: "organiser.errWholeNumber", dayIds: "organiser.errChooseDay" });
    expect(body.values).toMatchObject({ stallName: "Nieuw", email: "geen-adres", frontageCm: "drie" });
  });

  test("a fee adjustment needs a reason, never makes the total negative, and is computed + adjustment", () => {
    const { edition, app, organiser } = setUp();
    const a = app({ feeTotalCents: 1500 });
    const by = { id: a.id, editionId: edition.id, organiserId: organiser.organiser.id, now: new Date() };
    expect(adjustFee({ ...by, version: 1, adjustmentCents: -500, reason: " " })).toEqual({ ok: false, problem: "reason_required" });
    expect(adjustFee({ ...by, version: 1, adjustmentCents: -1600, reason: "te veel" })).toEqual({ ok: false, problem: "negative_total" });
    expect(adjustFee({ ...by, version: 1, adjustmentCents: -500, reason: "buurtkorting" })).toEqual({ ok: true, version: 2 });
    expect(getApplication(a.id)).toMatchObject({ feeTotalCents: 1000, feeAdjustmentCents: -500, feeAdjustmentReason: "buurtkorting" });
    db().update(t.applications).set({ paymentState: "paid" }).where(eq(t.applications.id, a.id)).run();
    expect(adjustFee({ ...by, version: 2, adjustmentCents: 0, reason: "" })).toEqual({ ok: false, problem: "already_paid" });
    expect(auditTrail("application", a.id)[0]).toMatchObject({ action: "fee_adjusted" });
  });
});

describe("list and exports", () => {
  test("filters, search and paging happen in SQL", () => {
    const { edition, app, days, spots } = setUp();
    for (let i = 0; i < 12; i += 1) app({ stallName: `Kraam ${i}`, reviewState: i % 2 ? "approved" : "submitted" });
    const special = app({ stallName: "Poffertjes 100%", contactName: "Zoë Zomer", reviewState: "approved" });
    assign(special.id, days[0]!.id, [spots[0]!.id]);
    expect(listApplicationsForReview(edition.id, { state: "approved" }).total).toBe(7);
    expect(listApplicationsForReview(edition.id, { q: "100%" }).rows.map((r) => r.id)).toEqual([special.id]);
    expect(listApplicationsForReview(edition.id, { q: "zoë" }).rows.map((r) => r.id)).toEqual([special.id]);
    expect(listApplicationsForReview(edition.id, { assigned: "yes" }).rows.map((r) => r.id)).toEqual([special.id]);
    expect(listApplicationsForReview(edition.id, { assigned: "no", state: "approved" }).total).toBe(6);
    const paged = listApplicationsForReview(edition.id, { sort: "stall", dir: "asc", pageSize: 5, page: 3 });
    expect(paged).toMatchObject({ total: 13, page: 3, pageCount: 3 });
    expect(paged.rows).toHaveLength(3);
  });

  test("CSV exports neutralise formula injection and open in Dutch Excel", async () => {
    const { app, days, spots, organiser } = setUp();
    const evil = app({ stallName: '=HYPERLINK("http://evil.example","klik")', contactName: "@Piet", phone: "+31 6 1234", reviewState: "approved", remarks: "-2+3" });
    assign(evil.id, days[0]!.id, [spots[0]!.id]);
    const response = await call(() => exportApplications.loader(get("/organiser/exports/applications.csv", organiser.cookie) as never));
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    // UTF-8 byte-order mark first (Response.text() would strip it, so read the bytes).
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("\r\n");
    expect(csv.split("\r\n")[0]).toContain(";Kraam;");
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""klik"")"`);
    expect(csv).toContain(";'@Piet;");
    expect(csv).toContain(";'+31 6 1234;");
    expect(csv).toContain(";'-2+3;");
    const stalls = await (await call(() => exportStalls.loader(get(`/organiser/exports/stalls.csv?day=${days[0]!.id}`, organiser.cookie) as never))).text();
    const line = stalls.split("\r\n")[1]!;
    expect(line.startsWith(`${spots[0]!.code};"'=HYPERLINK(`)).toBe(true);
    expect(line).toContain(";'@Piet;'+31 6 1234;");
  });
});

test("a new edition copies categories, fee table and layout from this one", () => {
  const { edition, organiser } = setUp();
  const result = createEditionFrom({ sourceEditionId: edition.id, year: 2100, nameNl: "Zomerparade 2100", nameEn: "Zomerparade 2100", days: [{ date: "2100-07-02", startsAt: "11:00", endsAt: "17:00" }], organiserId: organiser.organiser.id, now: new Date() });
  expect(result.ok).toBe(true);
  const id = result.ok ? result.id! : 0;
  const strip = <T extends { id: number; editionId: number }>(rows: T[]) => rows.map(({ id: _i, editionId: _e, ...rest }) => rest);
  expect(strip(listCategories(id))).toEqual(strip(listCategories(edition.id)));
  expect(strip(listFeeRates(id))).toEqual(strip(listFeeRates(edition.id)));
  const spots = (editionId: number) => db().select({ code: t.spots.code, polygonJson: t.spots.polygonJson }).from(t.spots).where(eq(t.spots.editionId, editionId)).all();
  expect(spots(id)).toEqual(spots(edition.id));
  expect(spots(id).length).toBeGreaterThan(50);
  const landmarks = (editionId: number) => db().select({ n: t.landmarks.nameNl }).from(t.landmarks).where(eq(t.landmarks.editionId, editionId)).all();
  expect(landmarks(id)).toEqual(landmarks(edition.id));
  expect(createEditionFrom({ sourceEditionId: edition.id, year: 2100, nameNl: "x", nameEn: "x", days: [], organiserId: organiser.organiser.id, now: new Date() })).toEqual({ ok: false, problem: "year_taken" });
});

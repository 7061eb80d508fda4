// Retention (issue 12, item 13): applications past the edition's retention period lose their
// personal data; amounts and Stripe references stay; sessions, links and rate limits are pruned.
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import * as t from "#db/schema";
import { recordAudit } from "~/data/audit.server";
import { db } from "~/data/db.server";
import { findApplicationByToken } from "~/data/applications.server";
import { enqueueMail } from "~/data/outbox.server";
import { anonymiseDueApplications, retentionPreview, runDailyRetention } from "~/data/retention.server";
import { retentionTick, resetRetentionTickForTests } from "~/services/retention-worker.server";
import { makeApplication, makeEdition } from "#tests/helpers/factories";
import { call, post, signedIn } from "./organiser-fixtures";
import { renderPage } from "#tests/helpers/remix";
import * as settings from "~/routes/organiser.settings";

const BEFORE = new Date("2026-07-05T21:00:00Z"); // 23:00 in Amsterdam on the last day kept
const AFTER = new Date("2026-07-05T22:30:00Z"); // 00:30 on 6 July in Amsterdam

function setUp() {
  const { edition, categories } = makeEdition({ days: ["2025-07-04", "2025-07-05"] });
  const conn = db();
  const people = [0, 1, 2].map((i) =>
    makeApplication(edition, categories[0]!.id, {
      contactName: `Geheime Persoon ${i}`,
      email: `geheim.${i}@prive.example`,
      phone: `+31 6 5555 010${i}`,
      postcode: `38${i}2 ZZ`,
      kvkNumber: `8765432${i}`,
      remarks: `Bel me op +31 6 5555 010${i}`,
      internalNotes: `Geheime Persoon ${i} is een oude bekende`,
      feeAdjustmentReason: `Korting voor Geheime Persoon ${i}`,
      stallName: `Kraam ${i}`,
    }),
  );
  const [done, held, plain] = people as [(typeof people)[number], (typeof people)[number], (typeof people)[number]];
  const payment = conn
    .insert(t.payments)
    .values({ applicationId: done.id, method: "stripe", status: "succeeded", amountCents: 1500, stripeCheckoutSessionId: "cs_test_keep", stripePaymentIntentId: "pi_test_keep", paidAt: new Date("2025-06-01T10:00:00Z"), recordedBy: "stripe_webhook", note: "betaald door Geheime Persoon 0" })
    .returning()
    .get();
  conn.insert(t.refunds).values({ paymentId: payment.id, applicationId: done.id, amountCents: 500, status: "succeeded", idempotencyKey: "refund-keep", stripeRefundId: "re_test_keep", recordedBy: "organiser", reason: "geheim.0@prive.example vroeg erom" }).run();
  const heldPayment = conn.insert(t.payments).values({ applicationId: held.id, method: "stripe", status: "succeeded", amountCents: 1500, stripePaymentIntentId: "pi_test_held", recordedBy: "stripe_webhook" }).returning().get();
  conn.insert(t.refunds).values({ paymentId: heldPayment.id, applicationId: held.id, amountCents: 1500, status: "pending", idempotencyKey: "refund-held", recordedBy: "system_cancellation" }).run();
  for (const a of people) {
    enqueueMail(conn, { to: a.email, template: "application-received", language: "nl", subject: `Aanmelding ${a.stallName}`, text: `Beste ${a.contactName}, je link: http://localhost/a/${a.accessToken}`, html: `<p>Beste ${a.contactName}</p>`, editionId: edition.id, applicationId: a.id }, new Date("2025-05-01T10:00:00Z"));
    recordAudit(conn, { actor: { type: "organiser", organiserId: null as unknown as number }, editionId: edition.id, entityType: "application", entityId: a.id, action: "application_edited", detail: { changes: { email: { from: "oud@prive.example", to: a.email }, phone: { from: "", to: a.phone } }, note: `for ${a.contactName}` } });
  }
  // A "lost your link?" mail names the address only.
  enqueueMail(conn, { to: done.email, template: "lost-link", language: "nl", subject: "Je links", text: `Links voor ${done.email}: http://localhost/a/${done.accessToken}`, html: "<p>links</p>", editionId: edition.id }, new Date("2025-06-10T10:00:00Z"));
  // Money amounts before, to compare.
  return { edition, done, held, plain, people };
}

const personal = (a: { contactName: string; email: string; phone: string; postcode: string | null; kvkNumber: string | null; accessToken: string }) => [a.contactName, a.email, a.phone, a.postcode!, a.kvkNumber!, a.accessToken];

function everythingAbout(applicationId: number) {
  const conn = db();
  return JSON.stringify({
    application: conn.select().from(t.applications).where(eq(t.applications.id, applicationId)).get(),
    outbox: conn.select().from(t.outbox).all(),
    payments: conn.select().from(t.payments).where(eq(t.payments.applicationId, applicationId)).all(),
    refunds: conn.select().from(t.refunds).where(eq(t.refunds.applicationId, applicationId)).all(),
    audit: conn.select().from(t.auditLog).where(eq(t.auditLog.entityId, applicationId)).all(),
  });
}

describe("anonymising applications after the retention period", () => {
  test("nothing goes on the last day kept; the day after, every personal field goes and the bookkeeping stays", () => {
    const { done, held, plain } = setUp();
    const before = db().select().from(t.applications).all();
    expect(anonymiseDueApplications(BEFORE)).toEqual([]);
    expect(db().select().from(t.applications).all()).toEqual(before);

    const result = anonymiseDueApplications(AFTER);
    expect(result).toEqual([{ editionId: done.editionId, anonymised: 2, held: 1 }]);

    for (const a of [done, plain]) {
      const everything = everythingAbout(a.id);
      for (const value of personal(a)) expect(everything, `${value} is still stored`).not.toContain(value);
      const row = db().select().from(t.applications).where(eq(t.applications.id, a.id)).get()!;
      expect(row).toMatchObject({ contactName: "", email: "", phone: "", postcode: null, kvkNumber: null, remarks: "", internalNotes: "", description: "", stallName: a.stallName, categoryId: a.categoryId, feeTotalCents: a.feeTotalCents, feeBreakdownJson: a.feeBreakdownJson, paymentState: a.paymentState, reviewState: a.reviewState });
      expect(row.feeAdjustmentReason).toBe("Korting voor ");
      // The private link no longer opens anything.
      expect(findApplicationByToken(a.accessToken)).toBeUndefined();
      expect(findApplicationByToken(row.accessToken)).toBeUndefined();
    }
    // Amounts and Stripe references are kept.
    expect(db().select({ amount: t.payments.amountCents, cs: t.payments.stripeCheckoutSessionId, pi: t.payments.stripePaymentIntentId, status: t.payments.status }).from(t.payments).where(eq(t.payments.applicationId, done.id)).all()).toEqual([{ amount: 1500, cs: "cs_test_keep", pi: "pi_test_keep", status: "succeeded" }]);
    expect(db().select({ amount: t.refunds.amountCents, re: t.refunds.stripeRefundId }).from(t.refunds).where(eq(t.refunds.applicationId, done.id)).all()).toEqual([{ amount: 500, re: "re_test_keep" }]);
    // The lost-link mail to the address is emptied too, and never sent.
    const lostLink = db().select().from(t.outbox).where(eq(t.outbox.template, "lost-link")).get()!;
    expect(lostLink).toMatchObject({ toAddress: "", textBody: "", htmlBody: "", status: "failed" });
    // The held application's mail is untouched.
    expect(db().select().from(t.outbox).where(eq(t.outbox.applicationId, held.id)).get()).toMatchObject({ toAddress: held.email, status: "pending" });
    // Money still open: kept whole.
    const kept = db().select().from(t.applications).where(eq(t.applications.id, held.id)).get()!;
    expect(kept).toMatchObject({ contactName: held.contactName, email: held.email, phone: held.phone, accessToken: held.accessToken });
    expect(findApplicationByToken(held.accessToken)?.application.id).toBe(held.id);
    // Recorded in the history, once per application.
    const entries = db().select().from(t.auditLog).where(eq(t.auditLog.action, "anonymised")).all();
    expect(entries.map((e) => e.entityId).sort()).toEqual([done.id, plain.id].sort());
    expect(entries[0]!.actorType).toBe("system");
  });

  test("a resident's own house number among the wishes for the spot goes too; the other wishes stay", () => {
    const { edition, categories } = makeEdition({ days: ["2025-07-04", "2025-07-05"] });
    const wishes = [{ kind: "next_to", stallName: "Wafels van Wim" }, { kind: "near_power" }, { kind: "house_number", houseNumber: "12a" }];
    const resident = makeApplication(edition, categories[0]!.id, { placementWishesJson: JSON.stringify(wishes) });
    expect(anonymiseDueApplications(AFTER)).toEqual([{ editionId: edition.id, anonymised: 1, held: 0 }]);
    const row = db().select().from(t.applications).where(eq(t.applications.id, resident.id)).get()!;
    expect(JSON.parse(row.placementWishesJson)).toEqual(wishes.slice(0, 2));
  });

  test("running again changes nothing; the held one goes once its refund is settled", () => {
    const { done, held } = setUp();
    anonymiseDueApplications(AFTER);
    const snapshot = { apps: db().select().from(t.applications).all(), outbox: db().select().from(t.outbox).all(), audit: db().select().from(t.auditLog).all() };
    expect(anonymiseDueApplications(new Date(AFTER.getTime() + 86_400_000))).toEqual([{ editionId: done.editionId, anonymised: 0, held: 1 }]);
    expect({ apps: db().select().from(t.applications).all(), outbox: db().select().from(t.outbox).all(), audit: db().select().from(t.auditLog).all() }).toEqual(snapshot);

    db().update(t.refunds).set({ status: "succeeded", stripeRefundId: "re_test_held" }).where(eq(t.refunds.applicationId, held.id)).run();
    expect(anonymiseDueApplications(AFTER)).toEqual([{ editionId: done.editionId, anonymised: 1, held: 0 }]);
    expect(everythingAbout(held.id)).not.toContain(held.email);
    expect(db().select().from(t.auditLog).where(eq(t.auditLog.action, "anonymised")).all()).toHaveLength(3);
  });

  test("a pending mail to an anonymised application is never sent", () => {
    const { plain } = setUp();
    anonymiseDueApplications(AFTER);
    const mails = db().select().from(t.outbox).where(eq(t.outbox.applicationId, plain.id)).all();
    expect(mails.map((m) => ({ status: m.status, to: m.toAddress, text: m.textBody }))).toEqual([{ status: "failed", to: "", text: "" }]);
  });

  test("the preview counts what the run then does", () => {
    const { edition } = setUp();
    const [preview] = retentionPreview(BEFORE);
    expect(preview).toMatchObject({ edition: { id: edition.id, year: 2025, retentionMonths: 12 }, anonymiseOn: "2026-07-06", waiting: 3, due: [], held: [], waitingWithMoneyOpen: 1, anonymised: 0 });
    const [due] = retentionPreview(AFTER);
    expect(due!.due).toHaveLength(2);
    expect(due!.held).toHaveLength(1);
    const [run] = anonymiseDueApplications(AFTER);
    expect(run!.anonymised).toBe(due!.due.length);
    expect(run!.held).toBe(due!.held.length);
    const [after] = retentionPreview(AFTER);
    expect(after).toMatchObject({ due: [], anonymised: 2 });
    expect(after!.held).toHaveLength(1);
  });

  test("the retention setting moves the date", () => {
    const { edition } = setUp();
    db().update(t.editions).set({ retentionMonths: 24 }).where(eq(t.editions.id, edition.id)).run();
    expect(retentionPreview(AFTER)[0]!.anonymiseOn).toBe("2027-07-06");
    expect(anonymiseDueApplications(AFTER)).toEqual([]);
  });
});

describe("the daily run also prunes", () => {
  test("expired and revoked sessions, used and expired password links, old rate-limit rows; live ones stay", () => {
    const now = new Date("2099-03-01T10:00:00Z");
    const hour = 3600_000;
    const conn = db();
    const organiser = conn.insert(t.organisers).values({ email: "org@team.example", passwordHash: "x" }).returning().get();
    const session = (idHash: string, expiresAt: Date, revokedAt: Date | null = null) => conn.insert(t.organiserSessions).values({ idHash, organiserId: organiser.id, expiresAt, revokedAt, createdAt: new Date(now.getTime() - 2 * hour) }).run();
    session("live", new Date(now.getTime() + hour));
    session("expired", new Date(now.getTime() - 1));
    session("revoked", new Date(now.getTime() + hour), new Date(now.getTime() - hour));
    const link = (tokenHash: string, expiresAt: Date, usedAt: Date | null = null) => conn.insert(t.passwordResets).values({ tokenHash, organiserId: organiser.id, expiresAt, usedAt }).run();
    link("fresh", new Date(now.getTime() + hour));
    link("used", new Date(now.getTime() + hour), new Date(now.getTime() - 1000));
    link("stale", new Date(now.getTime() - 1000));
    const limit = (key: string, windowStart: Date, blockedUntil: Date | null = null) => conn.insert(t.rateLimits).values({ key, windowStart, count: 3, blockedUntil }).run();
    limit("recent", new Date(now.getTime() - hour));
    limit("old", new Date(now.getTime() - 25 * hour));
    limit("old-but-blocked", new Date(now.getTime() - 25 * hour), new Date(now.getTime() + hour));

    expect(runDailyRetention(now)).toEqual({ anonymised: [], sessions: 2, passwordLinks: 2, rateLimits: 1 });
    expect(conn.select({ id: t.organiserSessions.idHash }).from(t.organiserSessions).all()).toEqual([{ id: "live" }]);
    expect(conn.select({ id: t.passwordResets.tokenHash }).from(t.passwordResets).all()).toEqual([{ id: "fresh" }]);
    expect(conn.select({ key: t.rateLimits.key }).from(t.rateLimits).all().map((r) => r.key).sort()).toEqual(["old-but-blocked", "recent"]);
  });

  test("the worker runs the daily work once per local day", () => {
    resetRetentionTickForTests();
    const { done } = setUp();
    expect(retentionTick(new Date("2026-07-05T12:00:00Z"))).toBe(true);
    expect(retentionTick(new Date("2026-07-05T21:59:00Z"))).toBe(false); // 23:59 in Amsterdam, same day
    expect(db().select().from(t.applications).where(eq(t.applications.id, done.id)).get()!.email).toBe(done.email);
    expect(retentionTick(AFTER)).toBe(true); // past midnight: the next day's run anonymises
    expect(db().select().from(t.applications).where(eq(t.applications.id, done.id)).get()!.email).toBe("");
  });
});

describe("the setting on the settings page and in the privacy statement", () => {
  const general = (edition: { version: number }, retentionMonths: string) => ({
    intent: "general",
    version: String(edition.version),
    nameNl: "SK Zomerparade test",
    nameEn: "SK Zomerparade test (en)",
    applicationsOpenAt: "",
    applicationsCloseAt: "",
    paymentDeadline: "",
    refundPeriodDays: "14",
    retentionMonths,
    marketRulesNl: "",
    marketRulesEn: "",
  });

  test("an admin saves the retention months; out of range is refused with a message", async () => {
    const { edition } = makeEdition({ days: ["2099-07-03"] });
    const admin = signedIn("admin");
    const refused = await call(() => settings.action(post("/organiser/settings", general(edition, "0"), admin.cookie)));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: Record<string, string> }).errors.retentionMonths).toBe("organiser.errOutOfRange");
    const saved = await call(() => settings.action(post("/organiser/settings", general(edition, "18"), admin.cookie)));
    expect(saved.status).toBe(200);
    expect(db().select().from(t.editions).where(eq(t.editions.id, edition.id)).get()!.retentionMonths).toBe(18);
  });

  test("the settings page previews what goes when, in both languages", async () => {
    setUp();
    const admin = signedIn("admin");
    const nl = await (await renderPage("/organiser/settings", { headers: { Cookie: admin.cookie } })).text();
    // Today is long past July 2026: the three are due (one kept while its refund is pending).
    expect(nl).toContain("2 aanmeldingen van editie 2025 zijn aan de beurt en worden vannacht geanonimiseerd.");
    expect(nl).toContain("1 aanmelding van editie 2025 blijft bewaard tot het geld is afgehandeld");
    const en = await (await renderPage("/organiser/settings?lang=en", { headers: { Cookie: admin.cookie } })).text();
    expect(en).toContain("2 applications of edition 2025 are due and will be anonymised tonight.");
    const { edition: next } = makeEdition({ days: ["2099-07-03"], year: 2099 });
    makeApplication(next, db().select().from(t.categories).where(eq(t.categories.editionId, next.id)).all()[0]!.id);
    const later = await (await renderPage("/organiser/settings", { headers: { Cookie: admin.cookie } })).text();
    expect(later).toContain("1 aanmelding van editie 2099 wordt op zondag 4 juli 2100 geanonimiseerd.");
  });

  test("the privacy statement states the current edition's setting, in Dutch and English", async () => {
    const { edition } = makeEdition({ days: ["2099-07-03"] });
    expect(await (await renderPage("/privacy")).text()).toContain("tot uiterlijk een jaar na de laatste marktdag");
    db().update(t.editions).set({ retentionMonths: 18 }).where(eq(t.editions.id, edition.id)).run();
    expect(await (await renderPage("/privacy")).text()).toContain("tot uiterlijk 18 maanden na de laatste marktdag");
    expect(await (await renderPage("/privacy?lang=en")).text()).toContain("until at most 18 months after the last market day");
    db().update(t.editions).set({ retentionMonths: 24 }).where(eq(t.editions.id, edition.id)).run();
    expect(await (await renderPage("/privacy?lang=en")).text()).toContain("until at most 2 years after the last market day");
  });
});

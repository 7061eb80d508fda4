// The stallholder's side through the routes' own loaders and actions: apply, the private link,
// change, withdraw, lost link; and what is (not) saved when things go wrong.
import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import * as t from "#db/schema";
import { db, sqlite } from "~/data/db.server";
import { deliverDueMail } from "~/data/outbox.server";
import { action as applyAction, loader as applyLoader } from "~/routes/apply";
import { action as editAction, loader as editLoader } from "~/routes/a.$token_.edit";
import { loader as privateLoader } from "~/routes/a.$token";
import { loader as sentLoader } from "~/routes/a.$token_.sent";
import { action as withdrawAction } from "~/routes/a.$token_.withdraw";
import { action as lostLinkAction } from "~/routes/lost-link";
import { assign, makeApplication, makeEdition } from "#tests/helpers/factories";
import { BASE, renderPage } from "#tests/helpers/remix";
import { translator } from "~/i18n/i18n";

const HOUR = 3600_000;

/** An edition whose application window is open now (or as `window` says), and what the form offers. */
function openEdition(options: { days?: string[]; status?: "scheduled" | "uncertain" | "cancelled"; window?: "open" | "not_yet" | "past" } = {}) {
  const created = makeEdition({ days: options.days, status: options.status });
  const now = Date.now();
  const window = options.window ?? "open";
  db()
    .update(t.editions)
    .set({
      applicationsOpenAt: window === "not_yet" ? new Date(now + 24 * HOUR) : new Date(now - 24 * HOUR),
      applicationsCloseAt: window === "past" ? new Date(now - HOUR) : new Date(now + 30 * 24 * HOUR),
    })
    .where(eq(t.editions.id, created.edition.id))
    .run();
  const category = (key: string) => created.categories.find((c) => c.key === key)!;
  return { ...created, category };
}

let keyCounter = 0;
function submissionKey() {
  keyCounter += 1;
  return `test-submission-key-${String(keyCounter).padStart(6, "0")}`;
}

type Fields = Record<string, string | string[]>;

function residentFields(edition: ReturnType<typeof openEdition>, overrides: Fields = {}): Fields {
  return {
    submissionKey: submissionKey(),
    language: "nl",
    stallName: "Taartjes van Tineke",
    description: "Appeltaart en brownies.",
    categoryId: String(edition.category("food").id),
    contactName: "Tineke de Vries",
    email: "tineke@example.org",
    phone: "06 12345678",
    applicantKind: "resident",
    postcode: "3812ab",
    kvkNumber: "",
    frontageCm: "600",
    depthCm: "300",
    needsElectricity: "on",
    electricityWatts: "2000",
    rentedStalls: "1",
    days: edition.days.map((d) => String(d.id)),
    remarks: "Graag naast de koffie.",
    consent: "on",
    website: "",
    ...overrides,
  };
}

/** As a browser posts it: an unticked checkbox is not sent at all. */
function withoutKeys(fields: Fields, names: string[]): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !names.includes(name)));
}

function post(path: string, fields: Fields, headers: Record<string, string> = {}) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  return new Request(`${BASE}${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });
}

async function apply(fields: Fields, headers: Record<string, string> = {}) {
  return (await applyAction({ request: post("/apply", fields, headers), params: {}, context: {} })) as Response;
}

function rows() {
  return {
    applications: db().select().from(t.applications).all(),
    days: db().select().from(t.applicationDays).all(),
    outbox: db().select().from(t.outbox).all(),
    audit: db().select().from(t.auditLog).all(),
  };
}

function tokenOf(response: Response): string {
  const location = response.headers.get("Location") ?? "";
  const match = /^\/a\/([A-Za-z0-9_-]+)\/sent$/.exec(location);
  if (!match) throw new Error(`not a confirmation redirect: ${response.status} ${location}`);
  return match[1]!;
}

async function thrownStatus(run: () => unknown): Promise<number> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

describe("applying", () => {
  test("a valid application is saved with the fee from the fee table, its days, a confirmation mail and an audit entry", async () => {
    const edition = openEdition({ days: ["2099-07-03", "2099-07-04"] });
    const response = await apply(residentFields(edition));
    expect(response.status).toBe(303);
    const token = tokenOf(response);
    // 32 random bytes, base64url.
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const { applications, days, outbox, audit } = rows();
    expect(applications).toHaveLength(1);
    const saved = applications[0]!;
    expect(saved.accessToken).toBe(token);
    expect(saved).toMatchObject({
      stallName: "Taartjes van Tineke",
      email: "tineke@example.org",
      postcode: "3812 AB",
      kvkNumber: null,
      frontageCm: 600,
      needsElectricity: true,
      electricityWatts: 2000,
      rentedStalls: 1,
      reviewState: "submitted",
      paymentState: "pending",
      language: "nl",
    });
    // Resident, 6 m, electricity, one rented stall, two days:
    // (1500 + 3 × 500 + 1000 + 2500) × 2 = 13000.
    expect(saved.feeTotalCents).toBe(13_000);
    expect(JSON.parse(saved.feeBreakdownJson)).toMatchObject({ dayCount: 2, totalCents: 13_000 });
    expect(days.map((d) => d.eventDayId).sort()).toEqual(edition.days.map((d) => d.id).sort());

    expect(outbox).toHaveLength(1);
    const mail = outbox[0]!;
    expect(mail).toMatchObject({ template: "application-received", toAddress: "tineke@example.org", language: "nl", status: "pending", applicationId: saved.id });
    expect(mail.subject).toBe("Aanmelding ontvangen: Taartjes van Tineke");
    expect(mail.textBody).toContain(`http://localhost:3000/a/${token}`);
    expect(mail.htmlBody).toContain(`href="http://localhost:3000/a/${token}?lang=nl"`);
    expect(mail.textBody).toContain("€ 130,00");
    expect(audit.map((a) => a.action)).toEqual(["application.submitted"]);

    // The confirmation page names the address the mail went to and shows the link.
    const sent = (await sentLoader({ request: new Request(`${BASE}/a/${token}/sent`), params: { token }, context: {} })) as Response;
    expect(await sent.json()).toMatchObject({ email: "tineke@example.org", path: `/a/${token}` });
  });

  test("English as chosen: the confirmation mail is in English", async () => {
    const edition = openEdition();
    await apply(residentFields(edition, { language: "en", email: "english@example.org" }));
    const mail = rows().outbox[0]!;
    expect(mail.language).toBe("en");
    expect(mail.subject).toBe("Application received: Taartjes van Tineke");
    expect(mail.textBody).toContain("View your application");
  });

  test("a free category pays nothing and needs no payment", async () => {
    const edition = openEdition();
    const response = await apply(
      withoutKeys(residentFields(edition, { applicantKind: "non_profit", postcode: "", categoryId: String(edition.category("association").id), email: "club@example.org" }), ["needsElectricity", "electricityWatts"]),
    );
    expect(response.status).toBe(303);
    const saved = rows().applications[0]!;
    expect(saved.feeTotalCents).toBe(0);
    expect(saved.paymentState).toBe("not_required");
  });

  test("invalid input is refused with an error per field, in the visitor's language, and nothing is saved", async () => {
    const edition = openEdition();
    const response = await apply(
      residentFields(edition, { stallName: "", email: "not-an-address", phone: "12", postcode: "ABCD 12", frontageCm: "450", consent: "" }),
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors).toMatchObject({
      stallName: { key: "errRequired" },
      email: { key: "errEmail" },
      phone: { key: "errPhone" },
      postcode: { key: "errPostcode" },
      frontageCm: { key: "errFrontage" },
      consent: { key: "errConsent" },
    });
    // What was typed comes back, so nothing has to be typed again.
    expect(body.values.email).toBe("not-an-address");
    expect(rows()).toMatchObject({ applications: [], days: [], outbox: [], audit: [] });

    // Without JavaScript the page itself answers: each error next to its field, in the visitor's language.
    const fields = residentFields(edition, { email: "not-an-address", phone: "12" });
    for (const [lang, emailError, phoneError] of [
      ["en", "Please enter a valid e-mail address", "Please enter a valid phone number"],
      ["nl", "Vul een geldig e-mailadres in", "Vul een geldig telefoonnummer in"],
    ] as const) {
      const page = await renderPage(`/apply?lang=${lang}`, { method: "POST", body: post("/apply", fields).body, headers: { "Content-Type": "application/x-www-form-urlencoded" }, duplex: "half" } as RequestInit);
      expect(page.status).toBe(400);
      const html = await page.text();
      expect(html).toMatch(new RegExp(`<p class="field-error" id="error-email">${emailError}`));
      expect(html).toMatch(new RegExp(`<p class="field-error" id="error-phone">${phoneError}`));
      expect(html).toContain('aria-invalid="true"');
      // What was typed is still in the fields.
      expect(html).toContain('value="not-an-address"');
    }
    expect(rows().applications).toHaveLength(0);
  });

  test("a commercial applicant needs a KvK number; a resident needs a postcode", async () => {
    const edition = openEdition();
    const commercial = await apply(residentFields(edition, { applicantKind: "commercial", kvkNumber: "", postcode: "" }));
    expect(commercial.status).toBe(400);
    expect((await commercial.json()).errors).toEqual({ kvkNumber: { key: "errRequired" } });
    const ok = await apply(residentFields(edition, { applicantKind: "commercial", kvkNumber: "1234 5678", postcode: "" }));
    expect(ok.status).toBe(303);
    expect(rows().applications[0]).toMatchObject({ kvkNumber: "12345678", postcode: null, feeTotalCents: 4000 + 3 * 1000 + 1500 + 2500 });
  });

  test("before the window opens, after it closes, or when the edition is cancelled, nothing is accepted and the page says so", async () => {
    for (const [setup, text] of [
      [{ window: "not_yet" as const }, "Aanmelden kan vanaf"],
      [{ window: "past" as const }, "de inschrijving is voorbij"],
      [{ status: "cancelled" as const }, "De markt is afgelast. Er worden geen aanmeldingen aangenomen."],
    ] as const) {
      const edition = openEdition(setup);
      const response = await apply(residentFields(edition));
      expect(response.status).toBe(403);
      expect((await response.json()).errors).toEqual({ _form: { key: "errClosed" } });
      expect(rows().applications).toHaveLength(0);
      const html = await (await renderPage("/apply")).text();
      expect(html).toContain(text);
      expect(html).not.toContain('name="stallName"');
      db().delete(t.editions).run();
    }
  });

  test("an uncertain edition takes applications and says so plainly before sending", async () => {
    const edition = openEdition({ status: "uncertain" });
    const html = await (await renderPage("/apply")).text();
    expect(html).toContain("Let op: het is onzeker of de markt doorgaat");
    // The notice stands right before the send button too.
    expect(html.indexOf('data-testid="uncertain-notice-submit"')).toBeLessThan(html.indexOf('data-testid="submit"'));
    expect((await apply(residentFields(edition))).status).toBe(303);
  });

  test("the same form sent twice makes one application and one mail, and both answers lead to it", async () => {
    const edition = openEdition();
    const fields = residentFields(edition);
    const [first, second] = await Promise.all([apply(fields), apply(fields)]);
    const third = await apply(fields);
    expect(tokenOf(first)).toBe(tokenOf(second));
    expect(tokenOf(third)).toBe(tokenOf(first));
    expect(rows().applications).toHaveLength(1);
    expect(rows().outbox).toHaveLength(1);
    // A new form (new key) is a new application.
    expect(tokenOf(await apply(residentFields(edition)))).not.toBe(tokenOf(first));
    expect(rows().applications).toHaveLength(2);
  });

  test("the hidden honeypot field, when filled in, saves nothing", async () => {
    const edition = openEdition();
    const response = await apply(residentFields(edition, { website: "http://spam.example" }));
    expect(response.status).toBe(400);
    expect(rows().applications).toHaveLength(0);
  });

  test("an e-mail address can send 5 applications an hour; the 6th is refused with Retry-After", async () => {
    const edition = openEdition();
    for (let i = 0; i < 5; i += 1) expect((await apply(residentFields(edition, { email: "Busy@Example.org" }))).status).toBe(303);
    const refused = await apply(residentFields(edition, { email: "busy@example.org" }));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(3000);
    expect((await refused.json()).errors).toEqual({ _form: { key: "errRateLimited" } });
    expect(rows().applications).toHaveLength(5);
    // Another address is not affected.
    expect((await apply(residentFields(edition, { email: "other@example.org" }))).status).toBe(303);
  });

  test("one network address can send 30 applications an hour, whatever the e-mail addresses", async () => {
    const edition = openEdition();
    const from = (ip: string) => ({ "X-Forwarded-For": ip });
    for (let i = 0; i < 30; i += 1) expect((await apply(residentFields(edition, { email: `stand${i}@example.org` }), from("203.0.113.7"))).status).toBe(303);
    const refused = await apply(residentFields(edition, { email: "stand30@example.org" }), from("203.0.113.7"));
    expect(refused.status).toBe(429);
    expect(rows().applications).toHaveLength(30);
    expect((await apply(residentFields(edition, { email: "stand31@example.org" }), from("203.0.113.8"))).status).toBe(303);
  });

  test("a database error while saving says nothing was saved, and leaves no half rows", async () => {
    const edition = openEdition();
    // The days are written after the application row: make that fail.
    sqlite().exec("create trigger fail_days before insert on application_days begin select raise(abort, 'disk on fire'); end;");
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const response = await apply(residentFields(edition));
      expect(response.status).toBe(503);
      const body = await response.json();
      expect(body.errors).toEqual({ _form: { key: "errSaveFailed" } });
      expect(body.values.stallName).toBe("Taartjes van Tineke");
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
    expect(rows()).toMatchObject({ applications: [], days: [], outbox: [], audit: [] });
    expect(db().select().from(t.rateLimits).all()).toHaveLength(0);
  });

  test("mail that cannot be delivered never loses the application: it waits in the outbox to be retried", async () => {
    const edition = openEdition();
    tokenOf(await apply(residentFields(edition)));
    const result = await deliverDueMail(async () => {
      throw new Error("connection refused");
    });
    expect(result).toEqual({ sent: 0, failed: 1 });
    expect(rows().applications).toHaveLength(1);
    expect(rows().outbox[0]).toMatchObject({ status: "pending", attempts: 1, lastError: "connection refused" });
  });

  test("without JavaScript, 'calculate the price' answers the server's quote and saves nothing", async () => {
    const edition = openEdition();
    const response = await apply({ intent: "quote", applicantKind: "commercial", frontageCm: "900", needsElectricity: "on", rentedStalls: "0", days: [String(edition.days[0]!.id)], categoryId: String(edition.category("food").id) });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.quote.totalCents).toBe(4000 + 6 * 1000 + 1500);
    expect(rows().applications).toHaveLength(0);
  });

  test("the apply page renders the form with a fresh submission key each time, and never from a cache", async () => {
    openEdition();
    const first = (await applyLoader({ request: new Request(`${BASE}/apply`), params: {}, context: {} })) as Response;
    const second = (await applyLoader({ request: new Request(`${BASE}/apply`), params: {}, context: {} })) as Response;
    expect(first.headers.get("Cache-Control")).toBe("no-store");
    const a = (await first.json()).defaults.submissionKey;
    const b = (await second.json()).defaults.submissionKey;
    expect(a).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(a).not.toBe(b);
    const html = await (await renderPage("/apply")).text();
    expect(html).toContain('name="submissionKey"');
    expect(html).toContain('name="website"');
    expect(html).toContain('href="/market-rules"');
    expect(html).toContain('href="/privacy"');
  });
});

describe("the private link", () => {
  async function appliedWith(fields: Fields) {
    return tokenOf(await apply(fields));
  }

  test("shows the application, its state in plain words and its fee; a wrong token gets a bare 404", async () => {
    const edition = openEdition();
    const token = await appliedWith(residentFields(edition, { stallName: "<script>alert('x')</script> Wafels" }));
    const response = (await privateLoader({ request: new Request(`${BASE}/a/${token}`), params: { token }, context: {} })) as Response;
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const data = await response.json();
    expect(data.application).toMatchObject({ reviewState: "submitted", feeTotalCents: 6500 });
    expect(data.state).toBe("submitted");

    const html = await (await renderPage(`/a/${token}`)).text();
    expect(html).toContain("Ontvangen. De organisatie beoordeelt je aanmelding");
    expect(html).toContain("€ 65,00");
    expect(html).toContain('content="noindex, nofollow"');
    // What a person typed is text, never markup.
    expect(html).not.toContain("<script>alert('x')</script>");
    expect(html).toContain("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Wafels");
    // The confirmation mail escapes it in HTML too.
    expect(rows().outbox[0]!.htmlBody).not.toContain("<script>alert");

    for (const wrong of [token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"), "x", token + "x", "../etc/passwd", token.toLowerCase()]) {
      if (wrong === token) continue;
      expect(await thrownStatus(() => privateLoader({ request: new Request(`${BASE}/a/${encodeURIComponent(wrong)}`), params: { token: wrong }, context: {} }))).toBe(404);
      const page = await renderPage(`/a/${encodeURIComponent(wrong)}`);
      expect(page.status).toBe(404);
      const text = await page.text();
      expect(text).toContain("Pagina niet gevonden");
      expect(text).not.toContain("Taartjes");
      expect(text).not.toContain("Wafels");
    }
  });

  test("one application's token never shows, changes or withdraws another application", async () => {
    const edition = openEdition();
    const mine = await appliedWith(residentFields(edition, { stallName: "Mijn Kraam", email: "mine@example.org" }));
    const theirs = await appliedWith(residentFields(edition, { stallName: "Hun Kraam", email: "theirs@example.org" }));
    const data = await ((await privateLoader({ request: new Request(`${BASE}/a/${mine}`), params: { token: mine }, context: {} })) as Response).json();
    expect(JSON.stringify(data)).not.toContain("Hun Kraam");
    expect(JSON.stringify(data)).not.toContain("theirs@example.org");
    expect(JSON.stringify(data)).not.toContain(theirs);

    // Withdrawing through my link withdraws mine only.
    await withdrawAction({ request: post(`/a/${mine}/withdraw`, {}), params: { token: mine }, context: {} });
    const states = Object.fromEntries(rows().applications.map((a) => [a.stallName, a.reviewState]));
    expect(states).toEqual({ "Mijn Kraam": "withdrawn", "Hun Kraam": "submitted" });

    // Actions on an unknown token: 404 and nothing changes.
    const unknown = "A".repeat(43);
    expect(await thrownStatus(() => withdrawAction({ request: post(`/a/${unknown}/withdraw`, {}), params: { token: unknown }, context: {} }))).toBe(404);
    expect(await thrownStatus(() => editAction({ request: post(`/a/${unknown}/edit`, {}), params: { token: unknown }, context: {} }))).toBe(404);
    expect(await thrownStatus(() => editLoader({ request: new Request(`${BASE}/a/${unknown}/edit`), params: { token: unknown }, context: {} }))).toBe(404);
    expect(rows().applications.find((a) => a.stallName === "Hun Kraam")!.reviewState).toBe("submitted");
  });

  test("shows the assigned spot once the map is published and the application approved", async () => {
    const { edition, days, categories, spots } = makeEdition({ published: true });
    const application = makeApplication(edition, categories[0]!.id, { reviewState: "approved", paymentState: "paid" });
    assign(application.id, days[0]!.id, [spots[4]!.id, spots[5]!.id]);
    const data = await ((await privateLoader({ request: new Request(`${BASE}/a/${application.accessToken}`), params: { token: application.accessToken }, context: {} })) as Response).json();
    expect(data.state).toBe("approved_confirmed");
    expect(data.spots).toEqual([{ date: days[0]!.date, codes: [spots[4]!.code, spots[5]!.code] }]);
    expect(data.map.spots.length).toBe(spots.length);
    // The map data is the public map's: no one's personal data.
    expect(JSON.stringify(data.map)).not.toContain("@private.example");
    const html = await (await renderPage(`/a/${application.accessToken}`)).text();
    expect(html).toContain(`Standplaats ${spots[4]!.code}, ${spots[5]!.code}`);
  });

  test("a change while under review is saved, the fee computed again, mailed and audited", async () => {
    const edition = openEdition();
    const token = await appliedWith(residentFields(edition));
    const before = rows().applications[0]!;
    const edit = await ((await editLoader({ request: new Request(`${BASE}/a/${token}/edit`), params: { token }, context: {} })) as Response).json();
    const fields: Fields = withoutKeys({ ...edit.defaults, phone: "+31 6 87654321", frontageCm: "300", rentedStalls: "0" }, ["needsElectricity"]);
    const response = (await editAction({ request: post(`/a/${token}/edit`, fields), params: { token }, context: {} })) as Response;
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/a/${token}?done=saved`);
    const after = rows().applications[0]!;
    expect(after).toMatchObject({ phone: "+31 6 87654321", frontageCm: 300, rentedStalls: 0, needsElectricity: false, electricityWatts: null, version: before.version + 1 });
    expect(after.feeTotalCents).toBe(1500);
    expect(after.accessToken).toBe(token);
    const changed = rows().outbox.filter((m) => m.template === "application-changed");
    expect(changed).toHaveLength(1);
    expect(changed[0]!.textBody).toContain("€ 15,00");
    const audit = rows().audit.find((a) => a.action === "application.changed_by_stallholder")!;
    expect(JSON.parse(audit.detailJson)).toMatchObject({ feeTotalCentsBefore: 6500, feeTotalCents: 1500 });
    expect(JSON.parse(audit.detailJson).fields).toEqual(expect.arrayContaining(["phone", "frontageCm", "rentedStalls", "needsElectricity"]));

    // The same (now stale) form again: refused as a conflict, nothing changes.
    const stale = (await editAction({ request: post(`/a/${token}/edit`, { ...fields, phone: "0612121212" }), params: { token }, context: {} })) as Response;
    expect(stale.status).toBe(409);
    expect((await stale.json()).errors).toEqual({ _form: { key: "errConflict" } });
    expect(rows().applications[0]!.phone).toBe("+31 6 87654321");

    // Invalid changes: field errors, nothing changes.
    const invalid = (await editAction({ request: post(`/a/${token}/edit`, { ...fields, version: String(after.version), email: "nope" }), params: { token }, context: {} })) as Response;
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).errors).toEqual({ email: { key: "errEmail" } });
  });

  test("once decided, an application cannot be changed by the stallholder", async () => {
    const edition = openEdition();
    const token = await appliedWith(residentFields(edition));
    db().update(t.applications).set({ reviewState: "approved" }).run();
    const edit = await ((await editLoader({ request: new Request(`${BASE}/a/${token}/edit`), params: { token }, context: {} })) as Response).json();
    expect(edit.mayEdit).toBe(false);
    const response = (await editAction({ request: post(`/a/${token}/edit`, { ...edit.defaults, phone: "0611111111" }), params: { token }, context: {} })) as Response;
    expect(response.status).toBe(409);
    expect(rows().applications[0]!.phone).toBe("06 12345678");
  });

  test("withdrawing sets the state, frees the spot, mails and audits, states the refund rule; twice is refused", async () => {
    const { edition, days, categories, spots } = makeEdition({ published: true });
    const application = makeApplication(edition, categories[0]!.id, { reviewState: "approved", paymentState: "paid" });
    assign(application.id, days[0]!.id, [spots[0]!.id]);
    const token = application.accessToken;
    const page = await (await renderPage(`/a/${token}/withdraw`)).text();
    expect(page).toContain("14 dagen voor de eerste marktdag");
    expect(page).toContain("19 juni 2099");

    const response = (await withdrawAction({ request: post(`/a/${token}/withdraw`, {}), params: { token }, context: {} })) as Response;
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/a/${token}?done=withdrawn`);
    expect(rows().applications[0]!.reviewState).toBe("withdrawn");
    expect(db().select().from(t.stallAssignments).all()).toHaveLength(0);
    expect(rows().outbox.map((m) => m.template)).toEqual(["application-withdrawn"]);
    expect(rows().audit.map((a) => a.action)).toEqual(["application.withdrawn"]);
    const edition2 = db().select().from(t.editions).get()!;
    expect(edition2.publicRevision).toBe(edition.publicRevision + 1);

    const again = (await withdrawAction({ request: post(`/a/${token}/withdraw`, {}), params: { token }, context: {} })) as Response;
    expect(again.status).toBe(409);
    expect(rows().outbox).toHaveLength(1);
  });
});

describe("lost your link?", () => {
  async function ask(email: string, lang = "nl") {
    const response = (await lostLinkAction({ request: post(`/lost-link?lang=${lang}`, { email, website: "" }), params: {}, context: {} })) as Response;
    return { status: response.status, body: await response.json() };
  }

  test("answers the same for a known and an unknown address, and mails only the known one, with every link", async () => {
    const edition = openEdition();
    const first = tokenOf(await apply(residentFields(edition, { email: "known@example.org", stallName: "Eerste" })));
    const second = tokenOf(await apply(residentFields(edition, { email: "known@example.org", stallName: "Tweede" })));
    db().delete(t.outbox).run();

    const known = await ask("Known@Example.org ");
    const unknown = await ask("unknown@example.org");
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(known.status);
    expect({ ...unknown.body, email: "" }).toEqual({ ...known.body, email: "" });

    const mails = rows().outbox;
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: "lost-link", toAddress: "known@example.org" });
    expect(mails[0]!.textBody).toContain(`/a/${first}`);
    expect(mails[0]!.textBody).toContain(`/a/${second}`);
    expect(mails[0]!.htmlBody).toContain(`href="http://localhost:3000/a/${second}?lang=nl"`);
  });

  test("asks at most 3 times an hour per address: then the same answer, but no more mail", async () => {
    const edition = openEdition();
    await apply(residentFields(edition, { email: "known@example.org" }));
    db().delete(t.outbox).run();
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await ask("known@example.org"));
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toHaveLength(1);
    expect(rows().outbox).toHaveLength(3);
  });

  test("a malformed address is an error on the field; the honeypot saves nothing", async () => {
    expect(await ask("not an address")).toMatchObject({ status: 400, body: { errors: { email: { key: "errEmail" } } } });
    const edition = openEdition();
    await apply(residentFields(edition, { email: "known@example.org" }));
    db().delete(t.outbox).run();
    const limitRows = () => db().select({ n: sql<number>`count(*)` }).from(t.rateLimits).get()!.n;
    const before = limitRows();
    const bot = (await lostLinkAction({ request: post("/lost-link", { email: "known@example.org", website: "x" }), params: {}, context: {} })) as Response;
    expect(bot.status).toBe(200);
    expect(rows().outbox).toHaveLength(0);
    // The bot's request did not even count against a limit.
    expect(limitRows()).toBe(before);
  });
});

describe("resident postcodes (issue 13, item 8)", () => {
  test("1012 AB is refused for the resident kind with a sentence naming what counts; 3812 XY is accepted", async () => {
    const edition = openEdition();
    const refused = await apply(residentFields(edition, { postcode: "1012 AB", email: "amsterdam@example.org" }));
    expect(refused.status).toBe(400);
    const body = await refused.json();
    expect(body.errors.postcode).toEqual({ key: "errPostcodeNotResident", params: { postcodes: "3812" } });
    expect(translator("nl")("apply.errPostcodeNotResident", body.errors.postcode.params)).toBe(
      "Het bewonerstarief geldt alleen voor de postcodes 3812. Woon je elders, kies dan een ander soort aanmelder.",
    );
    const accepted = await apply(residentFields(edition, { postcode: "3812 XY", email: "soesterkwartier@example.org" }));
    expect(accepted.status).toBe(303);
    // Another kind may live anywhere.
    const other = await apply(withoutKeys(residentFields(edition, { applicantKind: "non_profit", postcode: "1012 AB", categoryId: String(edition.category("association").id), email: "club2@example.org" }), ["needsElectricity", "electricityWatts"]));
    expect(other.status).toBe(303);
  });

  test("the organisers' setting takes effect", async () => {
    const edition = openEdition();
    db().update(t.editions).set({ residentPostcodes: "3811-3812, 1012 AB" }).where(eq(t.editions.id, edition.edition.id)).run();
    expect((await apply(residentFields(edition, { postcode: "1012 AB", email: "a1@example.org" }))).status).toBe(303);
    expect((await apply(residentFields(edition, { postcode: "3811 CD", email: "a2@example.org" }))).status).toBe(303);
    const refused = await apply(residentFields(edition, { postcode: "3812", email: "a3@example.org" }));
    const no = await apply(residentFields(edition, { postcode: "3813 AA", email: "a4@example.org" }));
    expect(refused.status).toBe(400);
    expect((await no.json()).errors.postcode).toEqual({ key: "errPostcodeNotResident", params: { postcodes: "3811-3812, 1012 AB" } });
  });
});

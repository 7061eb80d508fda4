// Every organiser page rendered whole by the built bundle, in Dutch and in English.
import { describe, expect, test } from "vitest";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { decideApplications } from "~/data/application-review.server";
import { assign, makeApplication, makeEdition } from "#tests/helpers/factories";
import { renderPage } from "#tests/helpers/remix";
import { signedIn } from "./organiser-fixtures";

function setUp() {
  const { edition, categories, days, spots } = makeEdition({ days: ["2099-07-03", "2099-07-04"] });
  const approved = makeApplication(edition, categories[0]!.id, { stallName: "Wafels van Wim", reviewState: "approved", paymentState: "paid", language: "en" });
  assign(approved.id, days[0]!.id, [spots[0]!.id]);
  const submitted = makeApplication(edition, categories[1]!.id, { stallName: "Kaas & Co", reviewState: "submitted", paymentState: "pending" });
  db().insert(t.applicationDays).values({ applicationId: submitted.id, eventDayId: days[1]!.id }).run();
  const admin = signedIn("admin");
  decideApplications({ editionId: edition.id, applicationIds: [submitted.id], to: "waitlisted", reason: "Vol", organiserId: admin.organiser.id, appUrl: "http://localhost", now: new Date() });
  return { approved, submitted, admin, days };
}

const PAGES: [string, (ids: ReturnType<typeof setUp>) => string, string, string][] = [
  ["dashboard", () => "/organiser", "Vraagt aandacht", "Needs attention"],
  ["applications", () => "/organiser/applications?q=kaas", "Kaas &amp; Co", "1 application<"],
  ["application", (ids) => `/organiser/applications/${ids.submitted.id}`, "Wachtlijst", "Waitlisted"],
  ["stall list", (ids) => `/organiser/stalls?day=${ids.days[0]!.id}`, "Wafels van Wim", "Stall list"],
  ["outbox", () => "/organiser/outbox", "Kaas &amp; Co", "Waiting to be sent"],
  ["settings", () => "/organiser/settings", "Tarieven (per marktdag)", "Fees (per market day)"],
  ["accounts", () => "/organiser/accounts", "Iemand uitnodigen", "Invite someone"],
  ["placement goals", () => "/organiser/map/goals", "Hoe zwaar weegt elk doel?", "How much does each goal weigh?"],
];

describe.each(PAGES)("%s page", (_name, path, dutch, english) => {
  test("renders in Dutch and in English for a signed-in admin", async () => {
    const ids = setUp();
    const nl = await renderPage(path(ids), { headers: { Cookie: ids.admin.cookie } });
    expect(nl.status).toBe(200);
    const nlHtml = await nl.text();
    expect(nlHtml).toContain('<html lang="nl">');
    expect(nlHtml).toContain(dutch);
    const en = await renderPage(path(ids), { headers: { Cookie: `${ids.admin.cookie}; lang=en` } });
    expect(en.status).toBe(200);
    expect(await en.text()).toContain(english);
  });
});

test("the sign-in page renders for anyone, and an organiser page without a session redirects to it", async () => {
  setUp();
  expect(await (await renderPage("/organiser/sign-in")).text()).toContain("Inloggen voor organisatoren");
  const response = await renderPage("/organiser/settings");
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toBe("/organiser/sign-in?next=%2Forganiser%2Fsettings");
});

/**
 * Every organiser route and action, table-driven: an anonymous request is sent to the sign-in
 * (pages) or refused with 401 (actions); a signed-in account without the right role gets 403;
 * with the right role the request goes through.
 */
import { describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { makeApplication, makeEdition } from "#tests/helpers/factories";
import * as accounts from "~/routes/organiser.accounts";
import * as applicationPage from "~/routes/organiser.applications.$id";
import * as applications from "~/routes/organiser.applications._index";
import * as day from "~/routes/organiser.day";
import * as exportApplications from "~/routes/organiser.exports.applications[.csv]";
import * as exportStalls from "~/routes/organiser.exports.stalls[.csv]";
import * as dashboard from "~/routes/organiser._index";
import * as mapEditor from "~/routes/organiser.map";
import * as placementGoals from "~/routes/organiser.map_.goals";
import * as outbox from "~/routes/organiser.outbox";
import * as settings from "~/routes/organiser.settings";
import * as signOut from "~/routes/organiser.sign-out";
import * as stalls from "~/routes/organiser.stalls";
import { call, get, post, signedIn } from "./organiser-fixtures";

type Role = "volunteer" | "organiser" | "admin";
type Fn = (args: ReturnType<typeof get>) => unknown;
interface Case {
  name: string;
  fn: Fn;
  path: string;
  method: "GET" | "POST";
  /** The least role that may do this. */
  least: Role;
  form?: (ids: Ids) => Record<string, string | string[]>;
  params?: (ids: Ids) => Record<string, string>;
}
interface Ids {
  applicationId: number;
  categoryId: number;
  dayId: number;
  editionId: number;
}

const fn = (f: unknown) => f as Fn;
const CASES: Case[] = [
  { name: "dashboard", fn: fn(dashboard.loader), path: "/organiser", method: "GET", least: "volunteer" },
  { name: "applications list", fn: fn(applications.loader), path: "/organiser/applications", method: "GET", least: "volunteer" },
  { name: "bulk decision", fn: fn(applications.action), path: "/organiser/applications", method: "POST", least: "organiser", form: (i) => ({ to: "approved", reason: "", ids: [String(i.applicationId)] }) },
  { name: "application page", fn: fn(applicationPage.loader), path: "/organiser/applications/X", method: "GET", least: "volunteer", params: (i) => ({ id: String(i.applicationId) }) },
  { name: "application decision", fn: fn(applicationPage.action), path: "/organiser/applications/X", method: "POST", least: "organiser", params: (i) => ({ id: String(i.applicationId) }), form: () => ({ intent: "decide", to: "waitlisted", reason: "" }) },
  { name: "application details", fn: fn(applicationPage.action), path: "/organiser/applications/X", method: "POST", least: "organiser", params: (i) => ({ id: String(i.applicationId) }), form: () => ({ intent: "details" }) },
  { name: "application notes", fn: fn(applicationPage.action), path: "/organiser/applications/X", method: "POST", least: "organiser", params: (i) => ({ id: String(i.applicationId) }), form: () => ({ intent: "notes", version: "1", notes: "hoi" }) },
  { name: "fee adjustment", fn: fn(applicationPage.action), path: "/organiser/applications/X", method: "POST", least: "organiser", params: (i) => ({ id: String(i.applicationId) }), form: () => ({ intent: "fee", version: "1", adjustment: "-1", reason: "korting" }) },
  { name: "stall list per day", fn: fn(stalls.loader), path: "/organiser/stalls", method: "GET", least: "volunteer" },
  { name: "mark arrival", fn: fn(stalls.action), path: "/organiser/stalls", method: "POST", least: "volunteer", form: (i) => ({ id: String(i.applicationId), state: "arrived" }) },
  { name: "applications CSV", fn: fn(exportApplications.loader), path: "/organiser/exports/applications.csv", method: "GET", least: "organiser" },
  { name: "stall list CSV", fn: fn(exportStalls.loader), path: "/organiser/exports/stalls.csv", method: "GET", least: "volunteer" },
  { name: "outbox", fn: fn(outbox.loader), path: "/organiser/outbox", method: "GET", least: "volunteer" },
  { name: "retry mail", fn: fn(outbox.action), path: "/organiser/outbox", method: "POST", least: "organiser", form: () => ({ mailId: "999" }) },
  { name: "settings", fn: fn(settings.loader), path: "/organiser/settings", method: "GET", least: "admin" },
  { name: "settings change", fn: fn(settings.action), path: "/organiser/settings", method: "POST", least: "admin", form: () => ({ intent: "fees" }) },
  { name: "accounts", fn: fn(accounts.loader), path: "/organiser/accounts", method: "GET", least: "admin" },
  { name: "account change", fn: fn(accounts.action), path: "/organiser/accounts", method: "POST", least: "admin", form: () => ({ intent: "invite", email: "nieuw@team.example", role: "volunteer" }) },
  { name: "sign out", fn: fn(signOut.action), path: "/organiser/sign-out", method: "POST", least: "volunteer", form: () => ({}) },
  // Built by the map work on top of the same gate.
  { name: "day view", fn: fn(day.loader), path: "/organiser/day", method: "GET", least: "volunteer" },
  { name: "map editor", fn: fn(mapEditor.loader), path: "/organiser/map", method: "GET", least: "volunteer" },
  { name: "map editor change", fn: fn(mapEditor.action), path: "/organiser/map", method: "POST", least: "organiser", form: () => ({ intent: "publish" }) },
  { name: "placement goals", fn: fn(placementGoals.loader), path: "/organiser/map/goals", method: "GET", least: "organiser" },
  { name: "placement goals change", fn: fn(placementGoals.action), path: "/organiser/map/goals", method: "POST", least: "organiser", form: () => ({ "weight.wish": "high" }) },
];

function setUp(): Ids {
  const { edition, categories, days } = makeEdition({ days: ["2099-07-03"] });
  const application = makeApplication(edition, categories[0]!.id, { reviewState: "approved", paymentState: "pending" });
  db().insert(t.applicationDays).values({ applicationId: application.id, eventDayId: days[0]!.id }).run();
  return { applicationId: application.id, categoryId: categories[0]!.id, dayId: days[0]!.id, editionId: edition.id };
}

function args(c: Case, ids: Ids, cookie?: string) {
  const params = c.params?.(ids) ?? {};
  return c.method === "GET" ? get(c.path, cookie, params) : post(c.path, c.form?.(ids) ?? {}, cookie, params);
}

const RANK: Record<Role, number> = { volunteer: 1, organiser: 2, admin: 3 };

describe.each(CASES)("$name ($method $path)", (c) => {
  test("anonymous: a page goes to the sign-in, an action is refused with 401", async () => {
    const ids = setUp();
    const response = await call(() => c.fn(args(c, ids)));
    if (c.method === "GET") {
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toMatch(/^\/organiser\/sign-in\?next=%2Forganiser/);
    } else {
      expect(response.status).toBe(401);
    }
  });

  test.each(["volunteer", "organiser", "admin"] as const)("signed in as %s", async (role) => {
    const ids = setUp();
    const { cookie } = signedIn(role);
    const response = await call(() => c.fn(args(c, ids, cookie)));
    if (RANK[role] < RANK[c.least]) expect(response.status).toBe(403);
    else expect([401, 403]).not.toContain(response.status);
  });
});

test("a volunteer's refused bulk approval changes nothing and sends nothing", async () => {
  const ids = setUp();
  db().update(t.applications).set({ reviewState: "submitted" }).where(eq(t.applications.id, ids.applicationId)).run();
  const { cookie } = signedIn("volunteer");
  const response = await call(() => applications.action(post("/organiser/applications", { to: "approved", ids: [String(ids.applicationId)] }, cookie) as never));
  expect(response.status).toBe(403);
  expect(db().select().from(t.applications).where(eq(t.applications.id, ids.applicationId)).get()?.reviewState).toBe("submitted");
  expect(db().select().from(t.outbox).all()).toHaveLength(0);
});

test("a disabled account's session no longer opens anything", async () => {
  setUp();
  const { cookie, organiser } = signedIn("admin");
  db().update(t.organisers).set({ disabledAt: new Date() }).where(eq(t.organisers.id, organiser.id)).run();
  const response = await call(() => dashboard.loader(get("/organiser", cookie) as never));
  expect(response.status).toBe(302);
});

test("the dashboard sends the money figures only to a role that handles money (a volunteer gets none, not even hidden)", async () => {
  setUp();
  const figures = async (role: Role) => {
    const response = (await call(() => dashboard.loader(get("/organiser", signedIn(role).cookie) as never))) as Response;
    return ((await response.json()) as { dashboard: { money: unknown } }).dashboard.money;
  };
  expect(await figures("volunteer")).toBeNull();
  expect(await figures("organiser")).toMatchObject({ expectedCents: expect.any(Number) });
  expect(await figures("admin")).toMatchObject({ expectedCents: expect.any(Number) });
});

import { writeFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import * as t from "#db/schema";
import { closeDatabase, db, sqlite } from "~/data/db.server";
import { DEMO_ACCOUNTS, DEMO_ORGANISER, seedDemo } from "~/data/demo.server";
import { verifyPassword } from "~/services/password.server";
import { checkHealth } from "~/data/health.server";
import { loadMapEditor } from "~/data/map-editor.server";
import { ensureFirstStart } from "~/data/setup.server";
import { resetEnvForTests } from "~/env.server";
import { assign, makeApplication, makeEdition } from "#tests/helpers/factories";

/**
 * The constraint a write broke, by SQLite's result code (not its message prose) and the name of the
 * constraint or column it names: our own names from db/schema.ts. Null when nothing was broken.
 */
function violation(write: () => unknown): { code: string; on: string } | null {
  try {
    write();
    return null;
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return { code: code ?? "not an SQLite error", on: message.split(": ")[1] ?? "" };
  }
}

describe("the database", () => {
  test("runs in WAL mode with foreign keys on and a busy timeout", () => {
    expect(sqlite().pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite().pragma("foreign_keys", { simple: true })).toBe(1);
    expect(sqlite().pragma("busy_timeout", { simple: true })).toBe(5000);
  });

  test("never holds two stalls on one spot on one day", () => {
    const { edition, days, categories, spots } = makeEdition();
    const a = makeApplication(edition, categories[0]!.id);
    const b = makeApplication(edition, categories[0]!.id);
    assign(a.id, days[0]!.id, [spots[0]!.id]);
    expect(violation(() => assign(b.id, days[0]!.id, [spots[0]!.id]))).toEqual({ code: "SQLITE_CONSTRAINT_UNIQUE", on: "assignment_spots.spot_id, assignment_spots.event_day_id" });
  });

  test("allows the same spot on another day, but one assignment per application per day", () => {
    const { edition, days, categories, spots } = makeEdition({ days: ["2099-07-03", "2099-07-04"] });
    const a = makeApplication(edition, categories[0]!.id);
    const b = makeApplication(edition, categories[0]!.id);
    assign(a.id, days[0]!.id, [spots[0]!.id]);
    expect(violation(() => assign(b.id, days[1]!.id, [spots[0]!.id]))).toBeNull();
    expect(violation(() => assign(a.id, days[0]!.id, [spots[3]!.id]))).toMatchObject({ code: "SQLITE_CONSTRAINT_UNIQUE", on: expect.stringMatching(/^stall_assignments\./) });
  });

  test("refuses a spot row whose day differs from its assignment's day", () => {
    const { edition, days, categories, spots } = makeEdition({ days: ["2099-07-03", "2099-07-04"] });
    const a = makeApplication(edition, categories[0]!.id);
    const assignment = assign(a.id, days[0]!.id, []);
    expect(
      violation(() => db().insert(t.assignmentSpots).values({ assignmentId: assignment.id, eventDayId: days[1]!.id, spotId: spots[0]!.id }).run()),
    ).toMatchObject({ code: "SQLITE_CONSTRAINT_FOREIGNKEY" });
  });

  test("processes a webhook event id once, and keeps money in whole non-negative cents", () => {
    db().insert(t.processedWebhookEvents).values({ eventId: "evt_1", type: "checkout.session.completed" }).run();
    expect(violation(() => db().insert(t.processedWebhookEvents).values({ eventId: "evt_1", type: "checkout.session.completed" }).run())).toMatchObject({
      code: expect.stringMatching(/^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/),
      on: "processed_webhook_events.event_id",
    });
    const { edition, categories } = makeEdition();
    const application = makeApplication(edition, categories[0]!.id);
    expect(
      violation(() => db().insert(t.payments).values({ applicationId: application.id, method: "cash", status: "succeeded", amountCents: -1, recordedBy: "organiser" }).run()),
    ).toEqual({ code: "SQLITE_CONSTRAINT_CHECK", on: "payments_amount" });
  });

  test("refuses unknown states and kinds", () => {
    const { edition, categories } = makeEdition();
    expect(violation(() => makeApplication(edition, categories[0]!.id, { reviewState: "maybe" as never }))).toEqual({ code: "SQLITE_CONSTRAINT_CHECK", on: "applications_review_state" });
    // ("postponed" became a real status with issue 17; this one is not.)
    expect(violation(() => db().update(t.editions).set({ status: "rained_off" as never }).run())).toEqual({ code: "SQLITE_CONSTRAINT_CHECK", on: "editions_status" });
    // Every enumerated column has its CHECK (issue 16): who recorded money, arrival, heat, job kinds.
    const application = makeApplication(edition, categories[0]!.id);
    const payment = { applicationId: application.id, method: "cash" as const, status: "succeeded" as const, amountCents: 100 };
    expect(violation(() => db().insert(t.payments).values({ ...payment, recordedBy: "somebody" as never }).run())).toEqual({ code: "SQLITE_CONSTRAINT_CHECK", on: "payments_recorded_by" });
    const paid = db().insert(t.payments).values({ ...payment, recordedBy: "organiser" }).returning().get();
    expect(
      violation(() => db().insert(t.refunds).values({ paymentId: paid.id, applicationId: application.id, amountCents: 50, status: "pending", idempotencyKey: "k-1", recordedBy: "somebody" as never }).run()),
    ).toEqual({ code: "SQLITE_CONSTRAINT_CHECK", on: "refunds_recorded_by" });
    expect(violation(() => db().update(t.applications).set({ arrivalState: "late" as never }).run())).toEqual({ code: "SQLITE_CONSTRAINT_CHECK", on: "applications_arrival_state" });
    expect(violation(() => db().update(t.applications).set({ heatKind: "coal" as never }).run())).toEqual({ code: "SQLITE_CONSTRAINT_CHECK", on: "applications_heat_kind" });
    expect(violation(() => db().insert(t.jobs).values({ kind: "dishes" as never, dedupeKey: "d-1" }).run())).toEqual({ code: "SQLITE_CONSTRAINT_CHECK", on: "jobs_kind" });
    expect(
      violation(() =>
        db().insert(t.waitlistOffers).values({ editionId: edition.id, applicationId: application.id, slotKey: "s-1", cause: "luck" as never, tokenHash: "h-1", expiresAt: new Date() }).run(),
      ),
    ).toEqual({ code: "SQLITE_CONSTRAINT_CHECK", on: "waitlist_offers_cause" });
  });
});

describe("first start", () => {
  test("creates the market and its next edition with the default layout and no people", () => {
    const result = ensureFirstStart(new Date("2026-11-27T09:00:00Z"));
    expect(result.created).toBe(true);
    const editions = db().select().from(t.editions).all();
    expect(editions).toHaveLength(1);
    const edition = editions[0]!;
    expect(edition.year).toBe(2027);
    expect(edition.status).toBe("scheduled");
    expect(edition.isDemo).toBe(false);
    expect(edition.applicationsOpenAt).toBeNull();
    expect(edition.mapPublishedAt).toBeNull();
    const days = db().select().from(t.eventDays).all();
    // The first Friday of July 2027.
    expect(days).toEqual([expect.objectContaining({ date: "2027-07-02", startsAt: "12:00", endsAt: "18:00" })]);
    const spotCount = db().select({ n: sql<number>`count(*)` }).from(t.spots).get()!.n;
    expect(spotCount).toBeGreaterThanOrEqual(74);
    expect(spotCount).toBeLessThanOrEqual(90);
    expect(db().select().from(t.categories).all().length).toBeGreaterThanOrEqual(8);
    expect(db().select().from(t.feeRates).all()).toHaveLength(3);
    expect(db().select().from(t.landmarks).all().some((l) => l.kind === "square")).toBe(true);
    expect(db().select().from(t.organisers).all()).toEqual([]);
    expect(db().select().from(t.applications).all()).toEqual([]);
    expect(db().select().from(t.editionStatusHistory).all()).toHaveLength(1);
  });

  test("does nothing when an edition exists", () => {
    ensureFirstStart(new Date("2026-11-27T09:00:00Z"));
    expect(ensureFirstStart(new Date("2026-11-28T09:00:00Z")).created).toBe(false);
    expect(db().select().from(t.editions).all()).toHaveLength(1);
  });

  test("after the July market day, plans the next year's", () => {
    ensureFirstStart(new Date("2027-08-15T09:00:00Z"));
    expect(db().select().from(t.eventDays).get()!.date).toBe("2028-07-07");
  });
});

describe("demo data", () => {
  test("is a marked demo edition with ~60 applications in every state and category, mostly on the published map", async () => {
    await seedDemo(new Date("2026-11-27T09:00:00Z"));
    const edition = db().select().from(t.editions).get()!;
    expect(edition.isDemo).toBe(true);
    expect(edition.nameNl).toContain("demo");
    expect(edition.mapPublishedAt).not.toBeNull();
    const applications = db().select().from(t.applications).all();
    expect(applications.length).toBeGreaterThanOrEqual(55);
    expect(applications.length).toBeLessThanOrEqual(65);
    expect(new Set(applications.map((a) => a.reviewState))).toEqual(new Set(t.REVIEW_STATES));
    expect(new Set(applications.map((a) => a.paymentState))).toEqual(new Set(["paid", "pending", "not_required"]));
    const categories = db().select().from(t.categories).all();
    for (const category of categories) {
      expect(applications.some((a) => a.categoryId === category.id), category.key).toBe(true);
    }
    const assigned = new Set(db().select().from(t.stallAssignments).all().map((a) => a.applicationId));
    const approved = applications.filter((a) => a.reviewState === "approved");
    expect(assigned.size).toBeGreaterThan(approved.length * 0.8);
    expect(assigned.size).toBeLessThan(approved.length);
    for (const id of assigned) {
      expect(applications.find((a) => a.id === id)!.reviewState).toBe("approved");
    }
    // Placed as the map editor's rules want: power where needed, wide stalls on runs of spots.
    const editor = loadMapEditor(edition, null);
    const warned = editor.spots.flatMap((spot) => spot.warnings);
    expect(warned.filter((w) => w !== "same_category_neighbour")).toEqual([]);
    const organiser = db().select().from(t.organisers).where(eq(t.organisers.email, DEMO_ORGANISER.email)).get();
    expect(organiser?.role).toBe("admin");
    expect(organiser?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  test("has a working login for every role, and private links of stallholders in different states", async () => {
    const { privateLinks } = await seedDemo(new Date("2026-11-27T09:00:00Z"));
    const roles = new Set<string>();
    for (const account of DEMO_ACCOUNTS) {
      const row = db().select().from(t.organisers).where(eq(t.organisers.email, account.email)).get()!;
      expect(row.role).toBe(account.role);
      expect(await verifyPassword(row.passwordHash, account.password)).toBe(true);
      roles.add(row.role);
    }
    expect(roles).toEqual(new Set(t.ORGANISER_ROLES));
    const states = new Set<string>();
    for (const link of privateLinks) {
      const application = db().select().from(t.applications).where(eq(t.applications.accessToken, link.token)).get()!;
      expect(application.stallName).toBe(link.stallName);
      states.add(`${application.reviewState}/${application.paymentState}`);
    }
    // Under review, approved and paid, approved and unpaid, free, waitlisted, rejected, withdrawn, cancelled.
    expect(states.size).toBeGreaterThanOrEqual(6);
    expect(new Set(privateLinks.map((link) => link.situation)).size).toBe(privateLinks.length);
  });
});

describe("health", () => {
  test("reports a database file that is not a database", () => {
    closeDatabase();
    const file = path.join(path.dirname(process.env.DATABASE_PATH!), "corrupt.db");
    writeFileSync(file, "this is not an SQLite database, just text ".repeat(200));
    process.env.DATABASE_PATH = file;
    resetEnvForTests();
    const health = checkHealth();
    expect(health.ok).toBe(false);
    expect(health.ok ? "" : health.reason).toMatch(/not a database|malformed/);
  });
});

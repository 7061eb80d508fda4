import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import * as t from "#db/schema";
import { assignStall, listAssignments } from "~/data/assignments.server";
import { db } from "~/data/db.server";
import { action, type ProposalActionData } from "~/routes/organiser.map_.proposal";
import { makeApplication, makeEdition } from "#tests/helpers/factories";
import { formRequest, signedIn } from "#tests/helpers/signed-in";

function setup() {
  const made = makeEdition({ days: ["2099-07-03", "2099-07-04"] });
  const food = made.categories.find((c) => c.key === "food")!;
  const other = made.categories.find((c) => c.key !== "food")!;
  const stall = (name: string, overrides: Partial<typeof t.applications.$inferInsert> = {}, categoryId = food.id, days = made.days) => {
    const application = makeApplication(made.edition, categoryId, { stallName: name, reviewState: "approved", ...overrides });
    for (const day of days) db().insert(t.applicationDays).values({ applicationId: application.id, eventDayId: day.id }).run();
    return application;
  };
  const { cookie, organiser } = signedIn("organiser");
  return { ...made, food, other, stall, cookie, organiser };
}

async function post(fields: Record<string, string | number>, cookie: string): Promise<{ status: number; body: ProposalActionData }> {
  const response = (await action(formRequest("/organiser/map/proposal", fields, cookie))) as Response;
  return { status: response.status, body: (await response.json()) as ProposalActionData };
}

const placedOf = (editionId: number) => listAssignments(editionId).map((a) => `${a.applicationId}:${a.dayId}:${a.spotIds.join("+")}`).sort();

describe("accepting a placement proposal", () => {
  test("accept all: every proposed stall is placed on its days, as previewed, in one batch; undo removes exactly that batch", async () => {
    const { edition, stall, other, cookie } = setup();
    const a = stall("Wafels van Wim");
    const b = stall("Boeken Bep", {}, other.id);
    const c = stall("Koffie", { needsElectricity: true, placementWishesJson: JSON.stringify([{ kind: "next_to", stallName: "Wafels van Wim" }]) }, other.id);
    const preview = await post({ intent: "propose", day: "all", mode: "unplaced" }, cookie);
    expect(preview.body.ok && preview.body.intent === "propose").toBe(true);
    if (!preview.body.ok || preview.body.intent !== "propose") return;
    expect(preview.body.plan.placements.map((p) => p.applicationId).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(listAssignments(edition.id)).toEqual([]); // a preview stores nothing
    const accepted = await post({ intent: "accept", day: "all", mode: "unplaced", fingerprint: preview.body.fingerprint }, cookie);
    expect(accepted.status).toBe(200);
    if (!accepted.body.ok || accepted.body.intent !== "accept") throw new Error("not accepted");
    expect(accepted.body.placed).toBe(3);
    const expected = preview.body.plan.placements.flatMap((p) => p.dayIds.map((d) => `${p.applicationId}:${d}:${p.spotIds.join("+")}`)).sort();
    expect(placedOf(edition.id)).toEqual(expected);
    expect(accepted.body.plan.placements).toEqual([]); // nothing left to propose
    const koffie = preview.body.plan.placements.find((p) => p.applicationId === c.id)!;
    expect(koffie.reasons.map((r) => r.code)).toContain("power_needed");

    const undone = await post({ intent: "undo", batchId: accepted.body.batchId, day: "all", mode: "unplaced" }, cookie);
    expect(undone.status).toBe(200);
    expect(listAssignments(edition.id)).toEqual([]);
  });

  test("accept one: only that stall is placed; the others stay proposals", async () => {
    const { edition, stall, other, cookie } = setup();
    const a = stall("Kaas");
    stall("Boek", {}, other.id);
    const preview = await post({ intent: "propose", day: "all", mode: "unplaced" }, cookie);
    if (!preview.body.ok || preview.body.intent !== "propose") throw new Error("no preview");
    const accepted = await post({ intent: "accept", day: "all", mode: "unplaced", fingerprint: preview.body.fingerprint, applicationId: a.id }, cookie);
    if (!accepted.body.ok || accepted.body.intent !== "accept") throw new Error("not accepted");
    expect(new Set(listAssignments(edition.id).map((x) => x.applicationId))).toEqual(new Set([a.id]));
    expect(accepted.body.plan.placements.map((p) => p.stallName)).toEqual(["Boek"]);
  });

  test("stale: someone placed a stall after the preview — accept is refused, nothing is written, a fresh plan comes back", async () => {
    const { edition, stall, other, cookie, organiser, spots } = setup();
    const a = stall("Kaas");
    const b = stall("Boek", {}, other.id);
    const preview = await post({ intent: "propose", day: "all", mode: "unplaced" }, cookie);
    if (!preview.body.ok || preview.body.intent !== "propose") throw new Error("no preview");
    const proposedForA = preview.body.plan.placements.find((p) => p.applicationId === a.id)!;
    // Another organiser puts Boek on the spot the plan had for Kaas.
    const assigned = assignStall({ editionId: edition.id, applicationId: b.id, spotIds: proposedForA.spotIds, organiserId: organiser.id });
    expect(assigned.ok).toBe(true);
    const before = placedOf(edition.id);
    const refused = await post({ intent: "accept", day: "all", mode: "unplaced", fingerprint: preview.body.fingerprint }, cookie);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ ok: false, error: "stale" });
    expect(placedOf(edition.id)).toEqual(before);
    if (refused.body.ok || refused.body.error !== "stale") return;
    expect(refused.body.fingerprint).not.toBe(preview.body.fingerprint);
    expect(refused.body.plan.placements.map((p) => p.applicationId)).toEqual([a.id]);
    expect(refused.body.plan.placements[0]!.spotIds).not.toEqual(proposedForA.spotIds);
    expect(spots.length).toBeGreaterThan(2);
  });

  test("re-plan keeps locked placements where they are and moves the rest", async () => {
    const { edition, stall, cookie, organiser, spots, days } = setup();
    const free = spots.filter((s) => s.kind !== "blocked");
    const locked = stall("Vast");
    const moved = stall("Los");
    expect(assignStall({ editionId: edition.id, applicationId: locked.id, spotIds: [free[0]!.id], organiserId: organiser.id }).ok).toBe(true);
    expect(assignStall({ editionId: edition.id, applicationId: moved.id, spotIds: [free[5]!.id], organiserId: organiser.id }).ok).toBe(true);
    const lock = await post({ intent: "lock", locked: "true", applicationId: locked.id }, cookie);
    expect(lock.body).toMatchObject({ ok: true, count: 2 });
    const preview = await post({ intent: "propose", day: "all", mode: "replan" }, cookie);
    if (!preview.body.ok || preview.body.intent !== "propose") throw new Error("no preview");
    expect(preview.body.plan.placements.map((p) => p.applicationId)).toEqual([moved.id]);
    const accepted = await post({ intent: "accept", day: "all", mode: "replan", fingerprint: preview.body.fingerprint }, cookie);
    expect(accepted.status).toBe(200);
    const rows = listAssignments(edition.id);
    expect(rows.filter((r) => r.applicationId === locked.id).map((r) => r.spotIds)).toEqual([[free[0]!.id], [free[0]!.id]]);
    expect(rows.filter((r) => r.applicationId === moved.id)).toHaveLength(days.length);
    const lockedRows = db().select().from(t.stallAssignments).where(eq(t.stallAssignments.applicationId, locked.id)).all();
    expect(lockedRows.every((r) => r.locked && r.proposalBatchId === null)).toBe(true);
  });

  test("a volunteer may not accept", async () => {
    setup();
    const { cookie } = signedIn("volunteer");
    let thrown: unknown;
    try {
      await action(formRequest("/organiser/map/proposal", { intent: "propose", day: "all", mode: "unplaced" }, cookie));
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Response).status).toBe(403);
  });
});

import { spawn } from "node:child_process";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import * as t from "#db/schema";
import { assignStall, listAssignments, swapStalls, unassignStall, type AssignResult } from "~/data/assignments.server";
import { db } from "~/data/db.server";
import { makeApplication, makeEdition } from "#tests/helpers/factories";

function setup(options: { days?: string[] } = {}) {
  const made = makeEdition({ days: options.days });
  const category = (key: string) => made.categories.find((c) => c.key === key)!.id;
  const stall = (overrides: Partial<typeof t.applications.$inferInsert> = {}, dayIds = made.days.map((d) => d.id)) => {
    const application = makeApplication(made.edition, category("food"), overrides);
    for (const eventDayId of dayIds) db().insert(t.applicationDays).values({ applicationId: application.id, eventDayId }).run();
    return application;
  };
  const spot = (code: string) => made.spots.find((s) => s.code === code)!;
  return { ...made, stall, spot, category };
}

describe("assigning stalls to spots", () => {
  test("puts a stall on a spot on all of its days by default, and moves it when assigned again", () => {
    const { edition, stall, spot, days } = setup({ days: ["2099-07-03", "2099-07-04"] });
    const wafels = stall();
    const first = assignStall({ editionId: edition.id, applicationId: wafels.id, spotIds: [spot("N-01").id], organiserId: null });
    expect(first).toEqual({ ok: true, dayIds: days.map((d) => d.id), warnings: [] });
    assignStall({ editionId: edition.id, applicationId: wafels.id, spotIds: [spot("N-02").id], dayIds: [days[1]!.id], organiserId: null });
    const now = listAssignments(edition.id).map((a) => ({ day: a.dayId, spots: a.spotIds }));
    expect(now).toEqual(expect.arrayContaining([{ day: days[0]!.id, spots: [spot("N-01").id] }, { day: days[1]!.id, spots: [spot("N-02").id] }]));
    expect(now).toHaveLength(2);
  });

  test("refuses a spot another stall has, saying which stall", () => {
    const { edition, stall, spot } = setup();
    const kaas = stall({ stallName: "Kaashandel" });
    const wafels = stall({ stallName: "Wafels" });
    assignStall({ editionId: edition.id, applicationId: kaas.id, spotIds: [spot("N-01").id], organiserId: null });
    const result = assignStall({ editionId: edition.id, applicationId: wafels.id, spotIds: [spot("N-01").id], organiserId: null });
    expect(result).toMatchObject({ ok: false, reason: "hard", problems: [{ code: "spot_taken", spotCode: "N-01", takenBy: "Kaashandel" }] });
  });

  test("refuses a blocked spot, a day the stall did not apply for, and an application that is not approved", () => {
    const { edition, stall, spot, days } = setup({ days: ["2099-07-03", "2099-07-04"] });
    db().update(t.spots).set({ kind: "blocked" }).where(eq(t.spots.id, spot("N-03").id)).run();
    const oneDay = stall({}, [days[0]!.id]);
    expect(assignStall({ editionId: edition.id, applicationId: oneDay.id, spotIds: [spot("N-03").id], organiserId: null })).toMatchObject({
      ok: false,
      problems: [{ code: "blocked_spot" }],
    });
    expect(
      assignStall({ editionId: edition.id, applicationId: oneDay.id, spotIds: [spot("N-01").id], dayIds: [days[1]!.id], organiserId: null }),
    ).toMatchObject({ ok: false, problems: [{ code: "day_not_applied" }] });
    const submitted = stall({ reviewState: "submitted" });
    expect(assignStall({ editionId: edition.id, applicationId: submitted.id, spotIds: [spot("N-01").id], organiserId: null })).toEqual({
      ok: false,
      reason: "not_found",
    });
  });

  test("a missing power point is a warning that must be accepted with a reason; then it is stored", () => {
    const { edition, stall, spots } = setup();
    const noPower = spots.find((s) => !s.hasElectricity && s.code.startsWith("N-"))!;
    expect(noPower).toBeDefined();
    const soep = stall({ needsElectricity: true });
    const refused = assignStall({ editionId: edition.id, applicationId: soep.id, spotIds: [noPower.id], organiserId: null });
    expect(refused).toMatchObject({ ok: false, reason: "warnings", warnings: [{ code: "no_electricity" }] });
    expect(listAssignments(edition.id)).toEqual([]);
    const accepted = assignStall({
      editionId: edition.id,
      applicationId: soep.id,
      spotIds: [noPower.id],
      acceptedWarnings: ["no_electricity"],
      acceptReason: "Brengt een aggregaat mee",
      organiserId: null,
    });
    expect(accepted.ok).toBe(true);
    expect(listAssignments(edition.id)[0]).toMatchObject({ acceptedWarnings: ["no_electricity"], acceptReason: "Brengt een aggregaat mee" });
  });

  test("a 6 m stall on a run of two adjacent spots; not on two spots apart", () => {
    const { edition, stall, spot } = setup();
    const wide = stall({ frontageCm: 600 });
    expect(assignStall({ editionId: edition.id, applicationId: wide.id, spotIds: [spot("N-01").id, spot("N-03").id], organiserId: null })).toMatchObject({
      ok: false,
      problems: [{ code: "spots_not_adjacent" }],
    });
    expect(assignStall({ editionId: edition.id, applicationId: wide.id, spotIds: [spot("N-01").id, spot("N-02").id], organiserId: null }).ok).toBe(true);
  });

  test("unassign and swap", () => {
    const { edition, stall, spot, days, category } = setup();
    const a = stall({ categoryId: category("crafts") });
    const b = stall();
    assignStall({ editionId: edition.id, applicationId: a.id, spotIds: [spot("N-01").id], organiserId: null });
    assignStall({ editionId: edition.id, applicationId: b.id, spotIds: [spot("Z-05").id], organiserId: null });
    expect(swapStalls({ editionId: edition.id, firstId: a.id, secondId: b.id, dayId: days[0]!.id, organiserId: null }).ok).toBe(true);
    const where = new Map(listAssignments(edition.id).map((x) => [x.applicationId, x.spotIds]));
    expect(where.get(a.id)).toEqual([spot("Z-05").id]);
    expect(where.get(b.id)).toEqual([spot("N-01").id]);
    expect(unassignStall({ editionId: edition.id, applicationId: a.id, organiserId: null })).toEqual({ ok: true });
    expect(listAssignments(edition.id).map((x) => x.applicationId)).toEqual([b.id]);
  });
});

describe("two organisers at the same moment", () => {
  async function race(inputs: object[]): Promise<AssignResult[]> {
    const file = process.env.DATABASE_PATH!;
    const children = inputs.map((input) =>
      spawn(process.execPath, ["--import", "tsx", "tests/helpers/assign-race-worker.ts", file, JSON.stringify(input)], {
        stdio: ["pipe", "pipe", "inherit"],
      }),
    );
    const outputs = children.map(
      (child) =>
        new Promise<string[]>((resolve) => {
          let out = "";
          child.stdout!.on("data", (chunk) => (out += chunk));
          child.on("exit", () => resolve(out.trim().split("\n")));
        }),
    );
    // Wait until every process has its connection open, then release them together.
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            const onData = (chunk: Buffer) => {
              if (String(chunk).includes("ready")) {
                child.stdout!.off("data", onData);
                resolve();
              }
            };
            child.stdout!.on("data", onData);
          }),
      ),
    );
    for (const child of children) child.stdin!.write("go\n");
    return (await Promise.all(outputs)).map((lines) => JSON.parse(lines[lines.length - 1]!) as AssignResult);
  }

  test("20 processes assigning 20 stalls to one spot-day: exactly one row, 19 clear refusals", async () => {
    const { edition, stall, spot } = setup();
    const stalls = Array.from({ length: 20 }, (_, i) => stall({ stallName: `Kraam ${i}` }));
    const results = await race(stalls.map((s) => ({ editionId: edition.id, applicationId: s.id, spotIds: [spot("N-07").id], organiserId: null })));
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const rows = db().select().from(t.assignmentSpots).where(eq(t.assignmentSpots.spotId, spot("N-07").id)).all();
    expect(rows).toHaveLength(1);
    const winnerId = listAssignments(edition.id)[0]!.applicationId;
    const winnerName = stalls.find((s) => s.id === winnerId)!.stallName;
    for (const refusal of results.filter((r) => !r.ok)) {
      expect(refusal).toMatchObject({ ok: false, reason: "hard", problems: [{ code: "spot_taken", spotCode: "N-07", takenBy: winnerName }] });
    }
  }, 60_000);

  test("one stall sent to two spots at once ends on exactly one of them", async () => {
    const { edition, stall, spot } = setup();
    const wafels = stall();
    const targets = ["N-01", "N-02", "N-03", "N-04", "Z-01", "Z-02"].map((code) => spot(code).id);
    const results = await race(targets.map((spotId) => ({ editionId: edition.id, applicationId: wafels.id, spotIds: [spotId], organiserId: null })));
    expect(results.every((r) => r.ok)).toBe(true); // each is a move; the last one wins
    const rows = db().select().from(t.stallAssignments).where(eq(t.stallAssignments.applicationId, wafels.id)).all();
    expect(rows).toHaveLength(1);
    expect(db().select().from(t.assignmentSpots).all()).toHaveLength(1);
  }, 60_000);
});

/**
 * The waitlist across separate processes on one database (issue 14, "Race-safe"): withdrawals
 * at the same moment make one offer each, to different people; processes that offer one freed
 * place at once make one offer; an accept and the expiry sweeper at the offer's last moment end
 * it one way only.
 */
import { spawn } from "node:child_process";
import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { slotKeyOf } from "~/data/waitlist.server";
import { marketWithQueue } from "#tests/helpers/waitlist-market";
import type { RaceStep } from "#tests/helpers/waitlist-race-worker";

let year = 4300;

function market(options: { approved: number; waiting: number }) {
  year += 1;
  return marketWithQueue(year, options);
}

function start(step: RaceStep) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/waitlist-race-worker.ts", process.env.DATABASE_PATH!, JSON.stringify(step)], { stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  child.stderr.on("data", (chunk) => (err += chunk));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", () => (out.includes("ready") ? resolve() : undefined));
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${err}`)));
  });
  const done = new Promise<unknown>((resolve, reject) => {
    child.once("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (code === 0 && line) resolve((JSON.parse(line) as { result: unknown }).result);
      else reject(new Error(`worker failed (${code}):\n${err}`));
    });
  });
  return { ready, done, go: () => child.stdin.write("go\n") };
}

/** Starts every step in its own process, lets them all go at once, and returns their results. */
async function race(steps: RaceStep[]) {
  const workers = steps.map(start);
  await Promise.all(workers.map((w) => w.ready));
  for (const w of workers) w.go();
  return Promise.all(workers.map((w) => w.done));
}

const openOffers = (editionId: number) =>
  db().select().from(t.waitlistOffers).where(and(eq(t.waitlistOffers.editionId, editionId), eq(t.waitlistOffers.state, "open"))).all();
const offerMails = (editionId: number) => db().select().from(t.outbox).where(and(eq(t.outbox.editionId, editionId), eq(t.outbox.template, "waitlist-offer"))).all();

test("four withdrawals in four processes at once: four offers, to the first four waiting, one per freed place", { timeout: 60_000 }, async () => {
  const m = market({ approved: 4, waiting: 6 });
  const results = await race(m.approved.map((a) => ({ op: "withdraw", token: a.accessToken })));
  expect(results).toEqual(["withdrawn", "withdrawn", "withdrawn", "withdrawn"]);
  const open = openOffers(m.edition.id);
  expect(open.map((o) => o.applicationId).sort((a, b) => a - b)).toEqual(m.waiting.slice(0, 4).map((w) => w.id));
  expect(open.map((o) => o.slotKey).sort()).toEqual(m.approved.map((a) => slotKeyOf(a.id)).sort());
  expect(offerMails(m.edition.id)).toHaveLength(4);
});

test("six processes offering one freed place at once: one offer, one mail", { timeout: 60_000 }, async () => {
  const m = market({ approved: 0, waiting: 6 });
  const slotKey = "application:999999";
  const results = await race(Array.from({ length: 6 }, () => ({ op: "offer" as const, editionId: m.edition.id, slotKey })));
  expect(results.filter((r) => r !== null)).toEqual([m.waiting[0]!.id]);
  const open = openOffers(m.edition.id);
  expect(open.map((o) => [o.applicationId, o.slotKey])).toEqual([[m.waiting[0]!.id, slotKey]]);
  expect(offerMails(m.edition.id)).toHaveLength(1);
});

test("an accept and the expiry sweeper at the offer's last moment: the offer ends one way only", { timeout: 60_000 }, async () => {
  for (const edge of [-1, 0]) {
    const m = market({ approved: 1, waiting: 2 });
    // The withdrawal makes the offer; read its token back by making a fresh one we know.
    await race([{ op: "withdraw", token: m.approved[0]!.accessToken }]);
    const [offer] = openOffers(m.edition.id);
    const token = /\/offer\/([A-Za-z0-9_-]+)/.exec(offerMails(m.edition.id)[0]!.textBody)![1]!;
    const at = new Date(offer!.expiresAt.getTime() + edge).toISOString();
    const [accepted] = await race([
      { op: "accept", token, now: at },
      { op: "expire", now: new Date(offer!.expiresAt.getTime()).toISOString() },
    ]);
    const final = db().select().from(t.waitlistOffers).where(eq(t.waitlistOffers.id, offer!.id)).get()!;
    const first = db().select().from(t.applications).where(eq(t.applications.id, m.waiting[0]!.id)).get()!;
    const secondOffers = db().select().from(t.waitlistOffers).where(eq(t.waitlistOffers.applicationId, m.waiting[1]!.id)).all();
    if (accepted === "accepted") {
      expect(final.state).toBe("accepted");
      expect(first.reviewState).toBe("approved");
      expect(secondOffers).toEqual([]);
    } else {
      expect(accepted).toBe("expired");
      expect(final.state).toBe("expired");
      expect(first.reviewState).toBe("waitlisted");
      expect(secondOffers.map((o) => o.state)).toEqual(["open"]);
    }
    // At the last moment itself the offer has lapsed: an accept then is always refused.
    if (edge === 0) expect(accepted).toBe("expired");
  }
});

// Issue 13, item 8: organisers set which postcodes count for the resident rate; bad entries get a sentence.
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { makeEdition } from "#tests/helpers/factories";
import { call, post, signedIn } from "./organiser-fixtures";
import * as settings from "~/routes/organiser.settings";

const general = (edition: { version: number }, residentPostcodes: string) => ({
  intent: "general",
  version: String(edition.version),
  nameNl: "SK Zomerparade test",
  nameEn: "SK Zomerparade test (en)",
  applicationsOpenAt: "",
  applicationsCloseAt: "",
  paymentDeadline: "",
  refundPeriodDays: "14",
  retentionMonths: "12",
  residentPostcodes,
  marketRulesNl: "",
  marketRulesEn: "",
});

test("the default is 3812; an admin saves areas, postcodes and ranges; a bad entry is refused with a sentence", async () => {
  const { edition } = makeEdition({ days: ["2099-07-03"] });
  expect(db().select().from(t.editions).where(eq(t.editions.id, edition.id)).get()!.residentPostcodes).toBe("3812");
  const admin = signedIn("admin");
  const refused = await call(() => settings.action(post("/organiser/settings", general(edition, "3812, Utrecht"), admin.cookie)));
  expect(refused.status).toBe(400);
  expect(((await refused.json()) as { errors: Record<string, string> }).errors.residentPostcodes).toBe("organiser.errResidentPostcodes");
  const saved = await call(() => settings.action(post("/organiser/settings", general(edition, "3811-3812; 3813 ab"), admin.cookie)));
  expect(saved.status).toBe(200);
  expect(db().select().from(t.editions).where(eq(t.editions.id, edition.id)).get()!.residentPostcodes).toBe("3811-3812, 3813 AB");
});

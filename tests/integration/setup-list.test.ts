// The set-up list (/organiser/day) on the day: only spots with a stall unless asked, a search, walking order, tel: links.
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { compassFrom, telHref } from "~/data/day-view.server";
import { loader as dayLoader, withCrossings } from "~/routes/organiser.day";
import { assign, makeApplication, makeEdition } from "#tests/helpers/factories";
import { loaderArgs } from "#tests/helpers/remix";
import { signedIn } from "#tests/helpers/signed-in";

interface Row { code: string; alongM: number; stand: { stallName: string; phone: string; tel: string } | null }

function setup() {
  const made = makeEdition();
  const food = made.categories.find((c) => c.key === "food")!;
  const day = made.days[0]!;
  const place = (code: string, overrides: Partial<typeof t.applications.$inferInsert>) => {
    const application = makeApplication(made.edition, food.id, overrides);
    db().insert(t.applicationDays).values({ applicationId: application.id, eventDayId: day.id }).run();
    assign(application.id, day.id, [made.spots.find((s) => s.code === code)!.id]);
    return application;
  };
  place("Z-05", { stallName: "Wafels van Wim", contactName: "Wim Jansen", phone: "06 1234 5678" });
  place("N-02", { stallName: "Emmaüs Boeken", contactName: "Els de Boer", phone: "+31 6 8765 4321" });
  place("N-12", { stallName: "Kaashandel", contactName: "Karel", phone: "033-4567890" });
  return made;
}

async function load(query = "") {
  const { cookie } = signedIn("volunteer");
  const response = dayLoader(loaderArgs(`/organiser/day${query}`, { headers: { Cookie: cookie } })) as Response;
  return (await response.json()) as { rows: Row[]; total: number; walk: { from: string; to: string; firstCodes: string[] }; landmarks: { name: string; atM: number; crossing: boolean }[]; sides: { side: string; prefix: string; compass: string }[] };
}

describe("the set-up list", () => {
  test("by default only spots with a stall, in walking order along the street line (both sides together)", async () => {
    setup();
    const data = await load();
    expect(data.rows.map((r) => r.code)).toEqual(["N-02", "Z-05", "N-12"]);
    const along = data.rows.map((r) => r.alongM);
    expect(along).toEqual([...along].sort((a, b) => a - b));
    expect(data.total).toBeGreaterThan(70);
  });

  test("the switch shows the free spots too, still in walking order", async () => {
    setup();
    const data = await load("?free=1");
    expect(data.rows.length).toBe(data.total);
    expect(data.rows.filter((r) => r.stand).map((r) => r.code)).toEqual(["N-02", "Z-05", "N-12"]);
    const along = data.rows.map((r) => r.alongM);
    expect(along).toEqual([...along].sort((a, b) => a - b));
  });

  test("search finds a stall by name (accents and case ignored), contact, spot code or a piece of the phone number", async () => {
    setup();
    expect((await load("?q=emmaus")).rows.map((r) => r.code)).toEqual(["N-02"]);
    expect((await load("?q=WIM")).rows.map((r) => r.code)).toEqual(["Z-05"]);
    expect((await load("?q=n-12")).rows.map((r) => r.code)).toEqual(["N-12"]);
    expect((await load("?q=4567")).rows.map((r) => r.code).sort()).toEqual(["N-12", "Z-05"]);
    expect((await load("?q=niemand")).rows).toEqual([]);
    // A free spot is found by its code only with the switch on.
    expect((await load("?q=N-01")).rows).toEqual([]);
    expect((await load("?q=N-01&free=1")).rows.map((r) => r.code)).toEqual(["N-01"]);
  });

  test("phone numbers come with a tel: link of digits (a leading + kept)", async () => {
    setup();
    const data = await load();
    expect(Object.fromEntries(data.rows.map((r) => [r.code, r.stand!.tel]))).toEqual({ "N-02": "tel:+31687654321", "Z-05": "tel:0612345678", "N-12": "tel:0334567890" });
    expect(telHref(" 06-12 34 ")).toBe("tel:061234");
  });

  test("the page says which end the walk starts at, and the side streets are passed in order", async () => {
    setup();
    const data = await load("?free=1");
    // The default street line runs from the north-west (Primulastraat) to the south-east.
    expect(data.walk).toEqual({ from: "nw", to: "se", firstCodes: ["N-01", "Z-01"] });
    expect(data.sides).toEqual([
      { side: "left", prefix: "N", compass: "ne" },
      { side: "right", prefix: "Z", compass: "sw" },
    ]);
    expect(data.landmarks.filter((l) => l.crossing).map((l) => l.name)).toEqual(["Anemoonstraat", "Goudsbloemstraat"]);
    const list = withCrossings(data.rows as never, data.landmarks as never) as ({ code: string } | { name: string })[];
    const position = (label: string) => list.findIndex((item) => ("code" in item ? item.code : item.name) === label);
    const anemoon = position("Anemoonstraat");
    expect(anemoon).toBeGreaterThan(0);
    // Every spot before the crossing lies before it along the street, every spot after it beyond.
    const atM = data.landmarks.find((l) => l.name === "Anemoonstraat")!.atM;
    for (const [index, item] of list.entries()) if ("code" in item) expect((item as Row).alongM < atM).toBe(index < anemoon);
    expect(compassFrom([5.37, 52.15], [5.37, 52.16])).toBe("n");
    expect(compassFrom([5.37, 52.15], [5.36, 52.15])).toBe("w");
  });

  test("'needs power, but has no power point' only for a stall with no powered spot at all — not for the unpowered half of a run", async () => {
    const made = makeEdition();
    const food = made.categories.find((c) => c.key === "food")!;
    const day = made.days[0]!;
    const byCode = (code: string) => made.spots.find((s) => s.code === code)!;
    db().update(t.spots).set({ hasElectricity: false }).where(eq(t.spots.editionId, made.edition.id)).run();
    db().update(t.spots).set({ hasElectricity: true }).where(eq(t.spots.id, byCode("N-03").id)).run();
    const place = (codes: string[], stallName: string) => {
      const application = makeApplication(made.edition, food.id, { stallName, needsElectricity: true, electricityWatts: 2000 });
      assign(application.id, day.id, codes.map((code) => byCode(code).id));
    };
    place(["N-03", "N-04"], "Poffertjes op twee plekken");
    place(["N-08"], "Friet zonder stroom");
    const rows = (await load()).rows as unknown as { code: string; hasElectricity: boolean; stand: { powerMissing: boolean } }[];
    const missing = Object.fromEntries(rows.map((r) => [r.code, r.stand.powerMissing]));
    expect(missing).toEqual({ "N-03": false, "N-04": false, "N-08": true });
  });
});

// The stallholder's own spot on the private page (issue 11, item 6): one sentence of where it is,
// derived from the default Noordewierweg layout, and the neighbours by their public stall names.
import { describe, expect, test } from "vitest";
import { loader as privateLoader } from "~/routes/a.$token";
import { assign, makeApplication, makeEdition } from "#tests/helpers/factories";
import { BASE, renderPage } from "#tests/helpers/remix";

async function privateData(token: string, query = "") {
  const response = (await privateLoader({ request: new Request(`${BASE}/a/${token}${query}`), params: { token }, context: {} })) as Response;
  return response.json();
}

function streetWithStalls() {
  const made = makeEdition({ published: true });
  const food = made.categories.find((c) => c.key === "food")!;
  const day = made.days[0]!.id;
  // The north (left) side between the Anemoonstraat (150 m) and the church square (200 m).
  const north = made.spots.filter((s) => s.side === "left").sort((a, b) => a.alongM - b.alongM);
  const index = north.findIndex((s) => s.alongM > 160 && s.alongM < 195);
  const [before, mine, after] = [north[index - 1]!, north[index]!, north[index + 1]!];
  expect(before.alongM).toBeGreaterThan(150);
  expect(after.alongM).toBeLessThan(200);
  const own = makeApplication(made.edition, food.id, { stallName: "Mijn Kraam" });
  const left = makeApplication(made.edition, food.id, { stallName: "Buurman Bram" });
  const right = makeApplication(made.edition, food.id, { stallName: "Buurvrouw Bea" });
  assign(own.id, day, [mine.id]);
  assign(left.id, day, [before.id]);
  assign(right.id, day, [after.id]);
  // South (right) side, across from the square (200–240 m).
  const south = made.spots.find((s) => s.side === "right" && s.alongM > 205 && s.alongM < 235)!;
  const across = makeApplication(made.edition, food.id, { stallName: "Over de Straat" });
  assign(across.id, day, [south.id]);
  return { own, across, codes: { before: before.code, mine: mine.code, after: after.code, south: south.code } };
}

describe("the private page names where the own spot is and who stands next to it", () => {
  test("north side, between the Anemoonstraat and the church square, with both neighbours; in Dutch and English", async () => {
    const { own, codes } = streetWithStalls();
    const nl = await privateData(own.accessToken);
    expect(nl.where).toBe("Noordkant, tussen de Anemoonstraat en het Plein Emmaüskerk");
    expect(nl.neighbours).toBe(`Je buren: Buurman Bram (${codes.before}) en Buurvrouw Bea (${codes.after}).`);
    expect(nl.neighbourCodes).toEqual([codes.before, codes.after]);
    const en = await privateData(own.accessToken, "?lang=en");
    expect(en.where).toBe("North side, between Anemoonstraat and the Emmaüskerk square");
    expect(en.neighbours).toBe(`Your neighbours: Buurman Bram (${codes.before}) and Buurvrouw Bea (${codes.after}).`);

    // The page itself says it (server-rendered, before the map loads).
    const html = await (await renderPage(`/a/${own.accessToken}`)).text();
    expect(html).toContain('data-testid="spot-where"');
    expect(html).toContain("Noordkant, tussen de Anemoonstraat en het Plein Emmaüskerk");
    expect(html).toContain("Je buren: Buurman Bram");
  });

  test("south side, across from the square; no neighbour on that side; never the neighbours' personal data", async () => {
    const { across } = streetWithStalls();
    const data = await privateData(across.accessToken);
    expect(data.where).toBe("Zuidkant, tegenover het Plein Emmaüskerk");
    expect(data.neighbours).toBeNull();
    expect(data.neighbourCodes).toEqual([]);
    const text = JSON.stringify({ where: data.where, neighbours: data.neighbours, map: data.map });
    expect(text).not.toMatch(/Secret Person|private\.example|\+31 6/);
  });

  test("the small map gets only what it draws: shapes, taken or free, and names on the own spot and its neighbours only", async () => {
    const { own, codes } = streetWithStalls();
    const data = (await privateData(own.accessToken)) as { map: { spots: Record<string, unknown>[] } };
    const spots = data.map.spots;
    expect(spots.length).toBeGreaterThan(40);
    for (const spot of spots) expect(Object.keys(spot).sort()).toEqual(["centre", "code", "kind", "polygon", "stalls"]);
    const named = Object.fromEntries(
      spots.flatMap((spot) => ((spot.stalls as { stallName: string }[])[0]?.stallName ? [[spot.code as string, (spot.stalls as { stallName: string }[])[0]!.stallName]] : [])),
    );
    expect(named).toEqual({ [codes.before]: "Buurman Bram", [codes.mine]: "Mijn Kraam", [codes.after]: "Buurvrouw Bea" });
    // The stall across the street is drawn taken, without its name; a free spot has no stall.
    const across = spots.find((spot) => spot.code === codes.south)!;
    expect(across.stalls).toEqual([{ stallName: "" }]);
    expect(spots.filter((spot) => (spot.stalls as unknown[]).length === 0).length).toBeGreaterThan(0);
    expect(JSON.stringify(data.map)).not.toContain("Over de Straat");
  });

  test("before the map is published there is no sentence and no neighbours", async () => {
    const made = makeEdition({ published: false });
    const own = makeApplication(made.edition, made.categories[0]!.id, { stallName: "Vroege Vogel" });
    assign(own.id, made.days[0]!.id, [made.spots[0]!.id]);
    const data = await privateData(own.accessToken);
    expect(data.where).toBeNull();
    expect(data.neighbours).toBeNull();
  });
});

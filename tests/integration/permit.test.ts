/**
 * The permit pack rendered and read back: page sizes (pdfinfo), every spot code and stall name in
 * the text layer (pdftotext), the scale bar against the printed scale (word boxes), the facts page
 * with its warnings, the rental list, and a sentence instead of an empty PDF.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { savePowerPoint } from "~/data/permit.server";
import { loader as rentalCsvLoader } from "~/routes/organiser.permit.rental[.csv]";
import { loader as rentalPdfLoader } from "~/routes/organiser.permit.rental[.pdf]";
import { loader as factsCsvLoader } from "~/routes/organiser.permit.facts[.csv]";
import { loader as planLoader } from "~/routes/organiser.permit.site-plan[.pdf]";
import { assign, makeApplication, makeEdition } from "#tests/helpers/factories";
import { signedIn } from "./organiser-fixtures";

const dir = mkdtempSync(path.join(tmpdir(), "permit-pdf-"));
let fileNo = 0;

async function fetchFile(loader: (args: LoaderFunctionArgs) => Promise<Response> | Response, url: string, cookie: string) {
  try {
    return await loader({ request: new Request(`http://localhost${url}`, { headers: { Cookie: cookie } }), params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function savePdf(response: Response): Promise<string> {
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("application/pdf");
  const file = path.join(dir, `f${++fileNo}.pdf`);
  writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  return file;
}

const pageText = (file: string, page: number) => execFileSync("pdftotext", ["-raw", "-f", String(page), "-l", String(page), file, "-"], { encoding: "utf8" });

function setUp(options: { published?: boolean } = {}) {
  const { edition, categories, days, spots } = makeEdition({ published: options.published ?? true });
  const food = categories[0]!;
  db().update(t.categories).set({ cooks: true }).where(eq(t.categories.id, food.id)).run();
  const stalls: { name: string; codes: string[] }[] = [];
  // 30 stalls on the first 30 spots; every third cooks, every fourth needs power, some rent stalls.
  const facing = [...spots.filter((s) => s.side === "left").slice(0, 15), ...spots.filter((s) => s.side === "right").slice(0, 15)];
  facing.forEach((spot, i) => {
    const name = `Kraam ${i} Crêpes & Zo`;
    const app = makeApplication(edition, i % 3 === 0 ? food.id : categories[1]!.id, {
      stallName: name,
      needsElectricity: i % 4 === 0,
      electricityWatts: i % 4 === 0 ? (i === 8 ? null : 2500) : null,
      heatKind: i % 3 === 0 ? (i === 3 ? null : i % 2 === 0 ? "gas" : "electric") : null,
      deepFrying: i % 3 === 0 ? (i === 6) : null,
      fireExtinguisher: i % 3 === 0 && i !== 9 ? true : null,
      rentedStalls: i % 5 === 0 ? 2 : i % 7 === 0 ? 1 : 0,
      frontageCm: i % 5 === 0 ? 600 : 300,
    });
    assign(app.id, days[0]!.id, [spot.id]);
    stalls.push({ name, codes: [spot.code] });
  });
  const admin = signedIn("admin");
  savePowerPoint({ editionId: edition.id, code: "P1", capacityWatts: 3000, position: [spots[0]!.centreLon, spots[0]!.centreLat], organiserId: admin.organiser.id });
  savePowerPoint({ editionId: edition.id, code: "P2", capacityWatts: null, position: [spots[25]!.centreLon, spots[25]!.centreLat], organiserId: admin.organiser.id });
  return { edition, days, spots, stalls, admin };
}

describe("site plan PDF", { timeout: 60_000 }, () => {
  test("A3 landscape: every spot code, size and stall name in the text layer; the facts on page 2", async () => {
    const { days, spots, stalls, admin } = setUp();
    const file = await savePdf(await fetchFile(planLoader, `/organiser/permit/site-plan.pdf?day=${days[0]!.id}`, admin.cookie));
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    expect(info).toMatch(/Pages:\s+2/);
    expect(info).toMatch(/Page size:\s+1190\.55 x 841\.89 pts \(A3\)/);
    const plan = pageText(file, 1).replace(/\s+/g, " ");
    // Rotated labels come out of pdftotext in pieces ("N -0 1"): compare without white space.
    const squeezed = plan.replace(/\s+/g, "");
    const squeeze = (text: string) => text.replace(/\s+/g, "");
    for (const spot of spots) expect(squeezed).toContain(squeeze(`${spot.code} 3×3 m`));
    for (const stall of stalls) expect(squeezed).toContain(squeeze(`${stall.codes[0]} 3×3 m ${stall.name}`));
    expect(plan).toContain("Situatietekening");
    expect(plan).toMatch(/Schaal 1:\d+ \(A3\)/);
    expect(plan).toContain("Afgedrukt");
    expect(plan).toContain("Legenda");
    expect(plan).toContain("P1");
    const facts = pageText(file, 2).replace(/\s+/g, " ");
    expect(facts).toContain("Feiten voor de vergunning");
    expect(facts).toContain("Kramen per categorie");
    expect(facts).toContain("Stroompunt P2: capaciteit niet ingevuld.");
    expect(facts).toMatch(/Stroompunt P1: \d+ W gevraagd, capaciteit 3000 W\./);
    expect(facts).toContain("BOVEN CAPACITEIT");
    expect(facts).toContain("Kraam 3 Crêpes & Zo: ontbreekt warmtebron");
    expect(facts).toContain("Kraam 9 Crêpes & Zo: ontbreekt blusmiddel");
    expect(facts).toContain("Geen vermogen opgegeven: Kraam 8 Crêpes & Zo");
    expect(facts).toContain("Totale frontbreedte: 108 m (30 kramen)");
    expect(facts).toContain("Smalste vrije doorgang");
  });

  test("the scale bar is as long on paper as its metres at the printed scale (within 2 %)", async () => {
    const { days, admin } = setUp();
    for (const sheet of ["A3", "A4"] as const) {
      const file = await savePdf(await fetchFile(planLoader, `/organiser/permit/site-plan.pdf?day=${days[0]!.id}&sheet=${sheet}`, admin.cookie));
      const scale = Number(/Schaal 1:(\d+)/.exec(pageText(file, 1))![1]);
      const xml = execFileSync("pdftotext", ["-bbox", "-f", "1", "-l", "1", file, "-"], { encoding: "utf8" });
      const words = [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), text: m[5]! }));
      // The last tick's label is "<metres> m": the word before the lone "m" on the scale bar's line.
      const ends = words.filter((w, i) => /^\d+$/.test(w.text) && words[i + 1]?.text === "m" && words.some((z) => z.text === "0" && Math.abs(z.y0 - w.y0) < 0.5 && z.x0 < w.x0));
      expect(ends).toHaveLength(1);
      const end = ends[0]!;
      const zero = words.find((w) => w.text === "0" && Math.abs(w.y0 - end.y0) < 0.5)!;
      const metres = Number(end.text);
      const measuredPt = (end.x0 + end.x1) / 2 - (zero.x0 + zero.x1) / 2;
      const expectedPt = ((metres * 1000) / scale) * (72 / 25.4);
      expect(Math.abs(measuredPt - expectedPt) / expectedPt).toBeLessThan(0.02);
      const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
      expect(info).toMatch(sheet === "A3" ? /1190\.55 x 841\.89 pts/ : /841\.89 x 595\.28 pts \(A4\)/);
    }
  });

  test("a day without a published layout gets a sentence, not an empty PDF", async () => {
    const { days, admin } = setUp({ published: false });
    const response = await fetchFile(planLoader, `/organiser/permit/site-plan.pdf?day=${days[0]!.id}`, admin.cookie);
    expect(response.status).toBe(409);
    expect(response.headers.get("Content-Type")).toContain("text/html");
    expect(await response.text()).toContain("De plattegrond is nog niet gepubliceerd.");
    const rental = await fetchFile(rentalPdfLoader, `/organiser/permit/rental.pdf?day=${days[0]!.id}`, admin.cookie);
    expect(rental.status).toBe(409);
  });

  test("no power points set: the report says so instead of guessing", async () => {
    const { days, admin, edition } = setUp();
    db().delete(t.powerPoints).where(eq(t.powerPoints.editionId, edition.id)).run();
    const csv = await (await fetchFile(factsCsvLoader, `/organiser/permit/facts.csv?day=${days[0]!.id}`, admin.cookie)).text();
    expect(csv).toContain("Er zijn geen stroompunten ingevoerd");
    expect(csv).toContain("geen stroompunt");
  });
});

describe("rental order list", { timeout: 60_000 }, () => {
  test("counts rented stalls by size and lists them in walking order, as PDF and CSV", async () => {
    const { days, admin, spots } = setUp();
    // i % 5 === 0 → 2 stalls of 3 m (600 cm frontage): i = 0, 5, 10, 15, 20, 25 → 12; i % 7 === 0 (not %5) → 1 of 3 m: 7, 14, 21, 28 → 4.
    const csv = await (await fetchFile(rentalCsvLoader, `/organiser/permit/rental.csv?day=${days[0]!.id}`, admin.cookie)).text();
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("Nr.;Standplaats;Kant;Bij (m);Aantal;Maat;Kraam");
    expect(lines.at(-1)).toBe(";;;;16;3 m;Totaal");
    const listed = lines.slice(1, -1).map((l) => l.split(";")[1]);
    expect(listed).toHaveLength(10);
    const along = new Map(spots.map((s) => [s.code, s.alongM]));
    const order = listed.map((code) => along.get(code!)!);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const file = await savePdf(await fetchFile(rentalPdfLoader, `/organiser/permit/rental.pdf?day=${days[0]!.id}`, admin.cookie));
    const text = pageText(file, 1).replace(/\s+/g, " ");
    expect(text).toContain("Bestellijst kraamhuur");
    expect(text).toContain("Totaal: 16 kramen");
    for (const code of listed) expect(text).toContain(code!);
  });
});

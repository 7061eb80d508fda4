import { describe, expect, test } from "vitest";
import { compactCode, matchesQuery, normalise, queryWords } from "~/rules/search";

const mozaiek = { code: "N-07", texts: ["Mozaïek Mila", "Mozaïektegels en workshops.", "Ambacht & kunst"] };
const cafe = { code: "Z-12", texts: ["Repair Café Soesterkwartier", "Neem kapotte spullen mee, wij repareren samen.", "Vereniging"] };

describe("normalise", () => {
  test("folds case and accents and turns punctuation into spaces", () => {
    expect(normalise("  Mozaïek, CAFÉ & Crème-brûlée! ")).toBe("mozaiek cafe creme brulee");
    expect(normalise("Straße")).toBe("strasse");
    expect(normalise("")).toBe("");
  });
});

describe("compactCode", () => {
  test("reads a spot code however it is typed", () => {
    for (const typed of ["N-12", "n12", "N 12", "n-012", " N–12 "]) expect(compactCode(typed)).toBe("n12");
    expect(compactCode("Z-05")).toBe("z5");
    expect(compactCode("N-10")).toBe("n10");
  });
});

describe("matchesQuery", () => {
  test("an empty or blank query matches everything", () => {
    expect(matchesQuery(mozaiek, "")).toBe(true);
    expect(matchesQuery(mozaiek, "   ")).toBe(true);
  });

  test("finds a word from the description with and without accents, in any case", () => {
    expect(matchesQuery(mozaiek, "mozaiektegels")).toBe(true);
    expect(matchesQuery(mozaiek, "Mozaïektegels")).toBe(true);
    expect(matchesQuery(mozaiek, "WORKSHOPS")).toBe(true);
    expect(matchesQuery(cafe, "cafe")).toBe(true);
    expect(matchesQuery(cafe, "CAFÉ")).toBe(true);
    expect(matchesQuery(cafe, "repareren")).toBe(true);
  });

  test("finds part of a word, and needs every word of the query", () => {
    expect(matchesQuery(mozaiek, "tegel")).toBe(true);
    expect(matchesQuery(mozaiek, "tegel workshop")).toBe(true);
    expect(matchesQuery(mozaiek, "tegel wafels")).toBe(false);
    expect(matchesQuery(cafe, "mozaiek")).toBe(false);
  });

  test("finds a stall by its spot code, typed loosely, but not a different spot", () => {
    expect(matchesQuery(mozaiek, "N-07")).toBe(true);
    expect(matchesQuery(mozaiek, "n7")).toBe(true);
    expect(matchesQuery(mozaiek, "n 7")).toBe(true);
    expect(matchesQuery(mozaiek, "N-17")).toBe(false);
    expect(matchesQuery(cafe, "z12")).toBe(true);
    expect(matchesQuery(cafe, "N-12")).toBe(false);
  });

  test("a hostile or silly query is just text that matches nothing", () => {
    expect(matchesQuery(cafe, "<script>alert(1)</script>")).toBe(false);
    expect(matchesQuery(cafe, "%00' OR 1=1 --")).toBe(false);
    expect(queryWords("x".repeat(10_000)).join("").length).toBeLessThanOrEqual(200);
  });
});

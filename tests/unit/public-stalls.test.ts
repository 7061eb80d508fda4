import { describe, expect, test } from "vitest";
import { countStalls, stallsOnMap, type SpotWithStalls } from "~/rules/public-stalls";

const stall = (n: number, name: string, date = "2099-07-03") => ({ stall: n, date, stallName: name, description: "", categoryKey: "food" });

describe("one stall is one stall", () => {
  test("a stall on a run of spots is one entry with its codes joined, and counts once", () => {
    const spots: SpotWithStalls[] = [
      { code: "N-07", stalls: [stall(2, "Mila")] },
      { code: "N-08", stalls: [stall(1, "Wim")] },
      { code: "N-09", stalls: [stall(1, "Wim")] },
      { code: "N-10", stalls: [] },
    ];
    const entries = stallsOnMap(spots);
    expect(entries.map((e) => [e.stallName, e.codesLabel])).toEqual([
      ["Mila", "N-07"],
      ["Wim", "N-08–N-09"],
    ]);
    expect(entries[1]!.codes).toEqual(["N-08", "N-09"]);
    expect(countStalls(entries)).toBe(2);
  });

  test("spots that are not one run are listed with commas; a stall on two days is two entries but one stall", () => {
    const spots: SpotWithStalls[] = [
      { code: "Z-01", stalls: [stall(1, "Wim", "2099-07-03"), stall(1, "Wim", "2099-07-04")] },
      { code: "Z-02", stalls: [] },
      { code: "Z-03", stalls: [stall(1, "Wim", "2099-07-03")] },
    ];
    const entries = stallsOnMap(spots);
    expect(entries.map((e) => [e.date, e.codesLabel])).toEqual([
      ["2099-07-03", "Z-01, Z-03"],
      ["2099-07-04", "Z-01"],
    ]);
    expect(countStalls(entries)).toBe(1);
  });
});

import { describe, expect, test } from "vitest";
import { oneEntryPerStall, spotCodesLabel } from "~/rules/spot-run";

describe("a stall on a run of spots is one stall", () => {
  test("its codes read as one run", () => {
    expect(spotCodesLabel(["N-08"])).toBe("N-08");
    expect(spotCodesLabel(["N-08", "N-09"])).toBe("N-08–N-09");
    expect(spotCodesLabel(["Z-01", "Z-02", "Z-03"])).toBe("Z-01–Z-03");
    expect(spotCodesLabel([])).toBe("");
  });

  test("it is listed and counted once, on its first spot; the same stall on another day too", () => {
    const a = { stallRef: 1, name: "Kaas" };
    const b = { stallRef: 2, name: "Bloemen" };
    const spots = [
      { code: "N-08", stalls: [a] },
      { code: "N-09", stalls: [a] },
      { code: "N-10", stalls: [b, b] },
      { code: "N-11", stalls: [] },
    ];
    const entries = oneEntryPerStall(spots);
    expect(entries.map((e) => [e.spot.code, e.stall.name])).toEqual([
      ["N-08", "Kaas"],
      ["N-10", "Bloemen"],
    ]);
  });
});

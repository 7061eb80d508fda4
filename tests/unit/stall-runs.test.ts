/** One stall on a run of spots is one shape (issue 11, item 3). */
import { describe, expect, test } from "vitest";
import { convexHull, stallRuns } from "~/components/map/map-style";
import type { DrawnSpot } from "~/components/map/map-types";

const square = (code: string, x: number, name: string): DrawnSpot => ({
  code,
  kind: "stall",
  centre: [x + 0.5, 0.5],
  polygon: { type: "Polygon", coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] },
  stalls: name ? [{ stallName: name }] : [],
});

describe("stallRuns", () => {
  const spots = [square("N-01", 0, "Bas"), square("N-02", 1.5, "Bas"), square("N-03", 3, "Wim"), square("N-04", 4.5, "")];
  test("spots with the same key become one outline around them all, gap included; single spots and spots without a key do not", () => {
    const runs = stallRuns(spots, (spot) => spot.stalls[0]?.stallName || null);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.codes).toEqual(["N-01", "N-02"]);
    const xs = runs[0]!.ring.map((p) => p[0]);
    expect(Math.min(...xs)).toBe(0);
    expect(Math.max(...xs)).toBe(2.5);
    expect(runs[0]!.ring[0]).toEqual(runs[0]!.ring[runs[0]!.ring.length - 1]);
  });
});

describe("convexHull", () => {
  test("the corners of two squares side by side: one rectangle", () => {
    const hull = convexHull([[0, 0], [1, 0], [1, 1], [0, 1], [1.5, 0], [2.5, 0], [2.5, 1], [1.5, 1]]);
    expect(hull).toHaveLength(5);
    expect(new Set(hull.map((p) => p.join(",")))).toEqual(new Set(["0,0", "2.5,0", "2.5,1", "0,1"]));
  });
});

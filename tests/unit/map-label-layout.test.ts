/** Map labels (issue 11, item 2): where a label hangs, when two collide, which ones are shown. */
import { describe, expect, test } from "vitest";
import { boxesOverlap, chooseVisible, labelBox, labelPlacement, labelTransform, rectBox, shortName } from "~/components/map/label-layout";
import { LANDMARK_PRIORITY, landmarkSvg } from "~/components/map/landmark-icons";
import { LANDMARK_KINDS } from "~/rules/vocabularies";

describe("shortName", () => {
  test("keeps a short name, shortens a long one with an ellipsis", () => {
    expect(shortName("Wafels van Wim")).toBe("Wafels van Wim");
    expect(shortName("Fietsonderdelen Frits en Zonen")).toBe("Fietsonderdelen…");
    expect([...shortName("Fietsonderdelen Frits en Zonen")].length).toBe(16);
    // No space before the ellipsis.
    expect(shortName("Soesterkwartier Koffie", 17)).toBe("Soesterkwartier…");
  });
});

describe("labelPlacement", () => {
  // A street running west to east along lat 52; a spot of about 3 × 3 m north of it.
  const line: [number, number][] = [
    [5.37, 52],
    [5.38, 52],
  ];
  const dLat = 1 / 110_540; // one metre north
  const dLon = 1 / (111_320 * Math.cos((52 * Math.PI) / 180)); // one metre east
  const square = (northM: number) => {
    const c: [number, number] = [5.375, 52 + northM * dLat];
    const ring: [number, number][] = [
      [c[0] - 1.5 * dLon, c[1] - 1.5 * dLat],
      [c[0] + 1.5 * dLon, c[1] - 1.5 * dLat],
      [c[0] + 1.5 * dLon, c[1] + 1.5 * dLat],
      [c[0] - 1.5 * dLon, c[1] + 1.5 * dLat],
      [c[0] - 1.5 * dLon, c[1] - 1.5 * dLat],
    ];
    return { centre: c, polygon: { coordinates: [ring] } };
  };

  test("north of the street: the label hangs just outside the spot's north edge, pointing north", () => {
    const { anchor, angleDeg } = labelPlacement(square(5), line, 1);
    expect(angleDeg).toBeCloseTo(-90, 5); // up on the screen
    expect((anchor[1] - 52) / dLat).toBeCloseTo(5 + 1.5 + 1, 1);
    expect(anchor[0]).toBeCloseTo(5.375, 7);
  });

  test("south of the street: pointing south", () => {
    const { angleDeg } = labelPlacement(square(-5), line);
    expect(angleDeg).toBeCloseTo(90, 5);
  });
});

describe("labelBox and labelTransform", () => {
  test("level text to the right of the anchor when the outward direction points right", () => {
    expect(labelTransform("level", -30)).toBe("translate(0, -50%)");
    expect(labelBox({ x: 100, y: 50 }, "level", -30, 80, 14)).toMatchObject({ cx: 140, cy: 50, halfW: 40, halfH: 7, ux: 1, uy: 0 });
  });
  test("level text ending at the anchor when it points left, above or below when it points up or down", () => {
    expect(labelTransform("level", 150)).toBe("translate(-100%, -50%)");
    expect(labelBox({ x: 100, y: 50 }, "level", 150, 80, 14).cx).toBe(60);
    expect(labelTransform("level", -90)).toBe("translate(-50%, -100%)");
    expect(labelBox({ x: 100, y: 50 }, "level", -90, 80, 14)).toMatchObject({ cx: 100, cy: 43 });
    expect(labelBox({ x: 100, y: 50 }, "level", 90, 80, 14)).toMatchObject({ cx: 100, cy: 57 });
  });
  test("text along the outward direction is never upside down", () => {
    expect(labelTransform("along", 40)).toBe("rotate(40.0deg) translateY(-50%)");
    expect(labelTransform("along", 140)).toBe("rotate(320.0deg) translate(-100%, -50%)");
    const box = labelBox({ x: 0, y: 0 }, "along", 90, 40, 10);
    expect(box.cx).toBeCloseTo(0, 9);
    expect(box.cy).toBeCloseTo(20, 9);
  });
  test("centred symbols", () => {
    expect(labelTransform("centre", 0)).toBe("translate(-50%, -50%)");
    expect(labelBox({ x: 10, y: 10 }, "centre", 0, 22, 22)).toMatchObject({ cx: 10, cy: 10, halfW: 11, halfH: 11 });
  });
});

describe("boxesOverlap", () => {
  const level = (x: number, y: number, w = 80, h = 14) => labelBox({ x, y }, "level", 0, w, h);
  test("level boxes: side by side, stacked, apart", () => {
    expect(boxesOverlap(level(0, 0), level(50, 0))).toBe(true);
    expect(boxesOverlap(level(0, 0), level(81, 0))).toBe(false);
    expect(boxesOverlap(level(0, 0), level(10, 13))).toBe(true);
    expect(boxesOverlap(level(0, 0), level(10, 15))).toBe(false);
    // A gap keeps them further apart.
    expect(boxesOverlap(level(0, 0), level(10, 15), 2)).toBe(true);
  });
  test("turned boxes: two parallel labels 12 px apart do not overlap, crossing ones do", () => {
    const a = labelBox({ x: 0, y: 0 }, "along", 45, 100, 11);
    const b = labelBox({ x: 12 * Math.SQRT1_2, y: -12 * Math.SQRT1_2 }, "along", 45, 100, 11);
    expect(boxesOverlap(a, b)).toBe(false);
    const c = labelBox({ x: 30, y: -30 }, "along", 90, 100, 11);
    expect(boxesOverlap(a, c)).toBe(true);
  });
});

describe("a label on a line (a street's name beside it)", () => {
  test("centred on its anchor, turned along the street, never upside down", () => {
    expect(labelTransform("line", 30)).toBe("rotate(30.0deg) translate(-50%, -50%)");
    expect(labelTransform("line", 150)).toBe("rotate(-30.0deg) translate(-50%, -50%)");
    expect(labelTransform("line", -120)).toBe("rotate(60.0deg) translate(-50%, -50%)");
    const box = labelBox({ x: 100, y: 50 }, "line", 180, 80, 14);
    expect(box.cx).toBe(100);
    expect(box.cy).toBe(50);
    expect(box.ux).toBeCloseTo(1, 6);
    expect(box.halfW).toBe(40);
  });
});

describe("chooseVisible", () => {
  test("in order: a label that would cover one already shown is hidden; hidden ones do not block", () => {
    const box = (x: number) => labelBox({ x, y: 0 }, "level", 0, 50, 14);
    expect(chooseVisible([box(0), box(30), box(60), null, box(100)])).toEqual([true, false, true, false, false]);
    expect(chooseVisible([box(30), box(0), box(60)])).toEqual([true, false, false]);
  });
  test("of a group (one name, two places) only the first that fits is shown", () => {
    const box = (x: number) => labelBox({ x, y: 0 }, "level", 0, 50, 14);
    // The first place is taken by another label: the name goes in its second place.
    expect(chooseVisible([box(0), box(30), box(200)], 1, { groups: [undefined, "Anemoonstraat", "Anemoonstraat"] })).toEqual([true, false, true]);
    // Both places free: only the first.
    expect(chooseVisible([box(100), box(200)], 1, { groups: ["Anemoonstraat", "Anemoonstraat"] })).toEqual([true, false]);
  });
  test("a label that must stay inside the map never goes under what lies over it (its buttons, the credit); others may", () => {
    const box = (x: number) => labelBox({ x, y: 50 }, "level", 0, 50, 14);
    const credit = rectBox({ left: 110, top: 140, width: 100, height: 20 }, { left: 10, top: 100 }); // at 100–200 × 40–60 in the map
    expect(credit).toMatchObject({ cx: 150, cy: 50, halfW: 50, halfH: 10 });
    expect(chooseVisible([box(120), box(120), box(0)], 1, { keepInside: [true, false, true], obstacles: [credit] })).toEqual([false, true, true]);
  });
  test("a label that must stay inside the map is hidden when it runs past an edge; others may", () => {
    const box = (x: number) => labelBox({ x, y: 50 }, "level", 0, 50, 14);
    const size = { width: 300, height: 100 };
    expect(chooseVisible([box(10), box(280), box(280)], 1, { keepInside: [true, true, false], size })).toEqual([true, false, true]);
    // Turned along a diagonal street, its corners count.
    const turned = labelBox({ x: 150, y: 90 }, "along", 45, 60, 14);
    expect(chooseVisible([turned], 1, { keepInside: [true], size })).toEqual([false]);
    expect(chooseVisible([labelBox({ x: 150, y: 20 }, "along", 45, 60, 14)], 1, { keepInside: [true], size })).toEqual([true]);
  });
});

describe("landmark symbols", () => {
  test("every kind has an SVG drawing and a priority; no emoji anywhere", () => {
    for (const kind of LANDMARK_KINDS) {
      const svg = landmarkSvg(kind);
      expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 24 24"[^>]*>.*<(path|circle)\b.*<\/svg>$/);
      expect(svg).not.toMatch(/\p{Extended_Pictographic}/u);
      expect(LANDMARK_PRIORITY[kind]).toBeTypeOf("number");
    }
  });
});

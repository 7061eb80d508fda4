import { describe, expect, test } from "vitest";
import { rectangleAt } from "~/rules/layout-geometry";
import { newSpotSizeCm, spotShapeProblem } from "~/rules/spot-geometry";

const centre: [number, number] = [5.37331, 52.15863];

test("a 3 × 3 m rectangle on the Noordewierweg is fine, at any rotation", () => {
  expect(spotShapeProblem(rectangleAt(centre, 3, 3, 0))).toBeNull();
  expect(spotShapeProblem(rectangleAt(centre, 6, 2.5, 137))).toBeNull();
});

test("refuses shapes that cannot be a spot", () => {
  expect(spotShapeProblem(null)).toBe("not_a_polygon");
  expect(spotShapeProblem({ type: "Point", coordinates: centre })).toBe("not_a_polygon");
  expect(spotShapeProblem({ type: "Polygon", coordinates: [[centre, centre, centre]] })).toBe("not_a_polygon");
  const open = rectangleAt(centre, 3, 3, 0).coordinates[0]!.slice(0, -1);
  expect(spotShapeProblem({ type: "Polygon", coordinates: [open] })).toBe("not_a_polygon");
  // A bow tie: corners in the wrong order.
  const [a, b, c, d] = rectangleAt(centre, 3, 3, 0).coordinates[0]!;
  expect(spotShapeProblem({ type: "Polygon", coordinates: [[a!, c!, b!, d!, a!]] })).toBe("self_intersecting");
  // All corners on one line.
  const flat: [number, number][] = [centre, [centre[0] + 0.0001, centre[1]], [centre[0] + 0.0002, centre[1]], centre];
  expect(spotShapeProblem({ type: "Polygon", coordinates: [flat] })).toBe("zero_area");
  expect(spotShapeProblem(rectangleAt([2.35, 48.85], 3, 3, 0))).toBe("outside_netherlands");
  expect(spotShapeProblem(rectangleAt(centre, 0.3, 0.3, 0))).toBe("too_small");
  expect(spotShapeProblem(rectangleAt(centre, 60, 40, 0))).toBe("too_large");
  expect(spotShapeProblem(rectangleAt(centre, 200, 1, 0))).toBe("too_large");
});

describe("newSpotSizeCm", () => {
  test("a spot added by hand copies the layout's spot size", () => {
    expect(newSpotSizeCm({ stallUnitCm: 300, layout: { spotWidthM: 4.5, spotDepthM: 2.5 } })).toEqual({ widthCm: 450, depthCm: 250 });
  });
  test("without a layout it is one stall unit of the edition wide, 3 m deep", () => {
    expect(newSpotSizeCm({ stallUnitCm: 400, layout: null })).toEqual({ widthCm: 400, depthCm: 300 });
  });
});

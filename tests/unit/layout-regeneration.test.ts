import { expect, test } from "vitest";
import { planRegeneration } from "~/rules/layout-regeneration";

test("keeps assignments on every code that survives and lists those that would be lost", () => {
  const existing = [
    { id: 1, code: "N-01" },
    { id: 2, code: "N-02" },
    { id: 3, code: "N-03" },
    { id: 4, code: "Z-01" },
  ];
  const assignments = [
    { spotId: 1, applicationId: 10, stallName: "Wafels", dayId: 1 },
    { spotId: 3, applicationId: 11, stallName: "Kaas", dayId: 1 },
    { spotId: 3, applicationId: 12, stallName: "Soep", dayId: 2 },
  ];
  const plan = planRegeneration(existing, ["N-01", "N-02", "Z-01", "Z-02"], assignments);
  expect(plan.kept).toEqual(["N-01", "N-02", "Z-01"]);
  expect(plan.added).toEqual(["Z-02"]);
  expect(plan.removed).toEqual(["N-03"]);
  expect(plan.lostAssignments).toEqual([
    { spotId: 3, applicationId: 11, stallName: "Kaas", dayId: 1, spotCode: "N-03" },
    { spotId: 3, applicationId: 12, stallName: "Soep", dayId: 2, spotCode: "N-03" },
  ]);
});

test("an identical layout loses nothing", () => {
  const plan = planRegeneration([{ id: 1, code: "N-01" }], ["N-01"], [{ spotId: 1, applicationId: 1, stallName: "x", dayId: 1 }]);
  expect(plan).toEqual({ kept: ["N-01"], added: [], removed: [], lostAssignments: [] });
});

/** The apply form's optional cooking facts (for the permit's list of cooking and gas stalls). */
import { describe, expect, test } from "vitest";
import { parseNewApplication } from "~/forms/application-form";

const context = { stallUnitCm: 300, dayIds: [11], categoryIds: [1] };
const valid = {
  submissionKey: "abcdefghijklmnop1234", language: "nl", stallName: "Poffertjes", description: "", categoryId: "1", contactName: "Wim Jansen", email: "wim@example.org",
  phone: "06 12345678", applicantKind: "resident", postcode: "3812 AB", kvkNumber: "", frontageCm: "300", depthCm: "300", needsElectricity: "on", electricityWatts: "2000",
  rentedStalls: "0", days: ["11"], remarks: "", consent: "on",
};

describe("cooking facts on the apply form", () => {
  test("given: kind of heat, deep frying, fire extinguisher become typed values", () => {
    const result = parseNewApplication({ ...valid, heatKind: "gas", deepFrying: "yes", fireExtinguisher: "no" }, context);
    expect(result.ok && result.values).toMatchObject({ heatKind: "gas", deepFrying: true, fireExtinguisher: false });
  });

  test("left out or left on 'later': stored as not given (null), never as no", () => {
    for (const extra of [{}, { heatKind: "", deepFrying: "", fireExtinguisher: "" }]) {
      const result = parseNewApplication({ ...valid, ...extra }, context);
      expect(result.ok).toBe(true);
      if (result.ok) for (const key of ["heatKind", "deepFrying", "fireExtinguisher"] as const) expect(result.values[key] ?? null).toBeNull();
    }
  });

  test("only deep frying said: the rest stays not given", () => {
    const result = parseNewApplication({ ...valid, deepFrying: "no" }, context);
    expect(result.ok && result.values).toMatchObject({ heatKind: null, deepFrying: false, fireExtinguisher: null });
  });

  test("an unknown kind of heat is refused", () => {
    const result = parseNewApplication({ ...valid, heatKind: "nuclear" }, context);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toContain("heatKind");
  });
});

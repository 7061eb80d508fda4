import { describe, expect, test } from "vitest";
import { eurosForInput, parseEuros } from "~/rules/euro-input";
import { adjustedTotal, adjustmentProblem } from "~/rules/fee-adjustment";
import { roleAllows } from "~/rules/organiser-roles";
import { blockAfterFailure, LOCKOUT_MS } from "~/rules/sign-in-throttle";

describe("roles", () => {
  test.each([
    ["volunteer", "read", true],
    ["volunteer", "arrivals", true],
    ["volunteer", "review", false],
    ["volunteer", "money", false],
    ["volunteer", "export", false],
    ["organiser", "review", true],
    ["organiser", "money", true],
    ["organiser", "settings", false],
    ["organiser", "accounts", false],
    ["admin", "settings", true],
    ["admin", "accounts", true],
    ["admin", "volunteer", true],
    ["volunteer", "organiser", false],
  ] as const)("%s may %s: %s", (role, permission, allowed) => {
    expect(roleAllows(role, permission)).toBe(allowed);
  });
});

describe("euros typed by organisers", () => {
  test.each([
    ["12,50", 1250],
    ["12.5", 1250],
    ["€ 12", 1200],
    ["-5", -500],
    ["0,05", 5],
    ["1000000", 100000000],
  ])("%s is %i cents", (text, cents) => expect(parseEuros(text)).toBe(cents));
  test.each(["", "abc", "12,505", "1.000,00", "--5"])("%j is refused", (text) => expect(parseEuros(text)).toBeNull());
  test("back to the form", () => expect(eurosForInput(-1250)).toBe("-12,50"));
  test("back to the form in the page's language, and read back either way", () => {
    expect(eurosForInput(1505, "en")).toBe("15.05");
    expect(eurosForInput(1505, "nl")).toBe("15,05");
    expect(parseEuros(eurosForInput(1505, "en"))).toBe(1505);
    expect(parseEuros(eurosForInput(1505, "nl"))).toBe(1505);
  });
});

describe("fee adjustment", () => {
  test("a reason is required, the total never goes below zero, and only before payment", () => {
    expect(adjustmentProblem({ computedCents: 1500, adjustmentCents: -500, reason: "", payment: "pending" })).toBe("reason_required");
    expect(adjustmentProblem({ computedCents: 1500, adjustmentCents: -1600, reason: "korting", payment: "pending" })).toBe("negative_total");
    expect(adjustmentProblem({ computedCents: 1500, adjustmentCents: -500, reason: "korting", payment: "paid" })).toBe("already_paid");
    expect(adjustmentProblem({ computedCents: 1500, adjustmentCents: -1500, reason: "gratis", payment: "pending" })).toBeNull();
    expect(adjustedTotal(1500, -1500)).toEqual({ totalCents: 0, paymentState: "not_required" });
    expect(adjustedTotal(1500, 250)).toEqual({ totalCents: 1750, paymentState: "pending" });
  });
});

describe("sign-in throttle policy", () => {
  test("three free failures, then growing waits, then a lockout from the tenth", () => {
    expect([1, 2, 3].map(blockAfterFailure)).toEqual([0, 0, 0]);
    expect([4, 5, 6, 7].map(blockAfterFailure)).toEqual([1000, 2000, 4000, 8000]);
    expect(blockAfterFailure(10)).toBe(LOCKOUT_MS);
    expect(blockAfterFailure(25)).toBe(LOCKOUT_MS);
  });
});

import { describe, expect, test } from "vitest";
import { DEFAULT_FEE_RATES } from "#db/seed/default-edition";
import { computeFee, extraMetres, FeeError, fullRefundDeadline, withdrawalRefundedInFull, type FeeInput, type FeeRate } from "~/rules/fees";

const RATES: FeeRate[] = DEFAULT_FEE_RATES;
const base: FeeInput = {
  applicantKind: "resident",
  frontageCm: 300,
  needsElectricity: false,
  rentedStalls: 0,
  dayCount: 1,
  stallUnitCm: 300,
  categoryIsFree: false,
};
const fee = (input: Partial<FeeInput>) => computeFee({ ...base, ...input }, RATES);

describe("the fee", () => {
  test.each([
    ["resident", 1500],
    ["non_profit", 0],
    ["commercial", 4000],
  ] as const)("one unit for a %s costs the first-unit price of their row", (applicantKind, cents) => {
    const result = fee({ applicantKind });
    expect(result.totalCents).toBe(cents);
    expect(result.lines).toEqual([{ kind: "first_unit", quantity: 1, unitCents: cents, days: 1, totalCents: cents }]);
    expect(result.free).toBe(cents === 0);
  });

  test("every started metre beyond the first unit is charged per metre", () => {
    expect(extraMetres(300, 300)).toBe(0);
    expect(extraMetres(301, 300)).toBe(1);
    expect(extraMetres(600, 300)).toBe(3);
    expect(extraMetres(650, 300)).toBe(4);
    expect(fee({ frontageCm: 600 }).totalCents).toBe(1500 + 3 * 500);
    expect(fee({ applicantKind: "commercial", frontageCm: 900 }).totalCents).toBe(4000 + 6 * 1000);
    // Another stall unit moves where the extra metres start.
    expect(fee({ frontageCm: 600, stallUnitCm: 200 }).totalCents).toBe(1500 + 4 * 500);
  });

  test("electricity adds the surcharge of the applicant's kind, once per day", () => {
    expect(fee({ needsElectricity: true }).totalCents).toBe(1500 + 1000);
    expect(fee({ applicantKind: "non_profit", needsElectricity: true }).totalCents).toBe(500);
    expect(fee({ applicantKind: "commercial", needsElectricity: true }).lines.map((l) => l.kind)).toEqual(["first_unit", "electricity"]);
  });

  test("stall rental is per rented stall", () => {
    const result = fee({ frontageCm: 600, rentedStalls: 2 });
    expect(result.lines.at(-1)).toEqual({ kind: "stall_rental", quantity: 2, unitCents: 2500, days: 1, totalCents: 5000 });
    expect(result.totalCents).toBe(1500 + 1500 + 5000);
    // Even a non-profit pays for the stalls it rents.
    expect(fee({ applicantKind: "non_profit", rentedStalls: 1 }).totalCents).toBe(2500);
  });

  test("every line counts once per market day", () => {
    const one = fee({ applicantKind: "commercial", frontageCm: 600, needsElectricity: true, rentedStalls: 1 });
    const two = fee({ applicantKind: "commercial", frontageCm: 600, needsElectricity: true, rentedStalls: 1, dayCount: 2 });
    expect(one.totalCents).toBe(4000 + 3000 + 1500 + 2500);
    expect(two.totalCents).toBe(2 * one.totalCents);
    expect(two.dayCount).toBe(2);
    expect(two.lines.every((l) => l.days === 2 && l.totalCents === l.quantity * l.unitCents * 2)).toBe(true);
  });

  test("a free category pays nothing, whatever it asks for", () => {
    const result = fee({ applicantKind: "commercial", frontageCm: 1500, needsElectricity: true, rentedStalls: 5, dayCount: 3, categoryIsFree: true });
    expect(result).toEqual({ lines: [], dayCount: 3, free: true, totalCents: 0 });
  });

  test("the total is the sum of the lines, in whole cents", () => {
    for (const applicantKind of ["resident", "non_profit", "commercial"] as const) {
      for (const frontageCm of [300, 600, 900, 1500]) {
        for (const rentedStalls of [0, 1, 3]) {
          const result = fee({ applicantKind, frontageCm, rentedStalls, needsElectricity: rentedStalls === 1, dayCount: 2 });
          expect(result.totalCents).toBe(result.lines.reduce((sum, l) => sum + l.totalCents, 0));
          expect(Number.isInteger(result.totalCents)).toBe(true);
        }
      }
    }
  });

  test("refuses impossible input instead of pricing it", () => {
    expect(() => fee({ frontageCm: 0 })).toThrow(FeeError);
    expect(() => fee({ frontageCm: 2.5 })).toThrow(FeeError);
    expect(() => fee({ rentedStalls: -1 })).toThrow(FeeError);
    expect(() => fee({ dayCount: 0 })).toThrow(FeeError);
    expect(() => fee({ stallUnitCm: Number.NaN })).toThrow(FeeError);
    expect(() => computeFee(base, RATES.filter((r) => r.applicantKind !== "resident"))).toThrow(/No fee rate/);
    expect(() => computeFee(base, [{ ...RATES[0]!, firstUnitCents: -5 }])).toThrow(FeeError);
  });
});

describe("the refund rule on withdrawal", () => {
  test("counts the refund period back from the first market day", () => {
    expect(fullRefundDeadline("2099-07-03", 14)).toBe("2099-06-19");
    expect(fullRefundDeadline("2099-03-01", 1)).toBe("2099-02-28");
    expect(fullRefundDeadline("2099-07-03", 0)).toBe("2099-07-03");
    expect(withdrawalRefundedInFull("2099-06-19", "2099-07-03", 14)).toBe(true);
    expect(withdrawalRefundedInFull("2099-06-20", "2099-07-03", 14)).toBe(false);
    expect(() => fullRefundDeadline("2099-07-03", -1)).toThrow(FeeError);
    expect(() => fullRefundDeadline("not a date", 14)).toThrow(FeeError);
  });
});

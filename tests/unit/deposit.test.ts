import { describe, expect, test } from "vitest";
import { checkDepositDecision, depositRefundKey, depositState, mayKeepDeposit, mayReleaseDeposit } from "~/rules/deposit";
import { computeFee, depositOf, type FeeRate } from "~/rules/fees";

const rates: FeeRate[] = [{ applicantKind: "resident", firstUnitCents: 1500, extraMetreCents: 500, electricityCents: 1000, stallRentalCents: 2000 }];
const base = { applicantKind: "resident" as const, frontageCm: 300, needsElectricity: false, rentedStalls: 0, dayCount: 2, stallUnitCm: 300, categoryIsFree: false };

describe("the deposit as a fee line", () => {
  test("a separate line, once and not per day, included in the total", () => {
    const fee = computeFee({ ...base, depositCents: 2500 }, rates);
    expect(fee.lines.at(-1)).toEqual({ kind: "deposit", quantity: 1, unitCents: 2500, days: 1, totalCents: 2500 });
    expect(fee.totalCents).toBe(1500 * 2 + 2500);
    expect(depositOf(fee)).toBe(2500);
  });
  test("deposit off (0 or absent) → no line", () => {
    expect(computeFee({ ...base, depositCents: 0 }, rates).lines.map((l) => l.kind)).toEqual(["first_unit"]);
    expect(depositOf(computeFee(base, rates))).toBe(0);
  });
  test("a free category pays nothing, no deposit either; a deposit in cents must be whole", () => {
    expect(computeFee({ ...base, categoryIsFree: true, depositCents: 2500 }, rates).totalCents).toBe(0);
    expect(() => computeFee({ ...base, depositCents: 12.5 }, rates)).toThrow();
  });
});

describe("deposit state and decision", () => {
  const state = (depositCents: number, paymentState: "pending" | "paid", decision: Parameters<typeof depositState>[0]["decision"] = null) => depositState({ depositCents, paymentState, decision });
  test("states", () => {
    expect(state(0, "paid")).toBe("none");
    expect(state(2500, "pending")).toBe("unpaid");
    expect(state(2500, "paid")).toBe("held");
    expect(state(2500, "paid", { decision: "released", refundStatus: "pending" })).toBe("releasing");
    expect(state(2500, "paid", { decision: "released", refundStatus: "succeeded" })).toBe("released");
    expect(state(2500, "paid", { decision: "released", refundStatus: "paid_manually" })).toBe("released");
    expect(state(2500, "paid", { decision: "kept", refundStatus: null })).toBe("kept");
  });
  test("a volunteer may release, only organisers and admins may keep", () => {
    expect(mayReleaseDeposit("volunteer")).toBe(true);
    expect(mayKeepDeposit("volunteer")).toBe(false);
    expect(mayKeepDeposit("organiser")).toBe(true);
    expect(mayKeepDeposit("admin")).toBe(true);
    expect(checkDepositDecision({ action: "keep", role: "volunteer", reason: "vuil", state: "held" })).toEqual({ ok: false, problem: "forbidden" });
  });
  test("keeping needs a reason; a decided deposit is not decided again; an unpaid one cannot be released", () => {
    expect(checkDepositDecision({ action: "keep", role: "organiser", reason: "  ", state: "held" })).toEqual({ ok: false, problem: "reason_required" });
    expect(checkDepositDecision({ action: "keep", role: "organiser", reason: " Olie op de straat ", state: "held" })).toEqual({ ok: true, reason: "Olie op de straat" });
    expect(checkDepositDecision({ action: "release", role: "volunteer", reason: "", state: "held" })).toEqual({ ok: true, reason: "" });
    for (const s of ["releasing", "released", "kept"] as const) expect(checkDepositDecision({ action: "release", role: "admin", reason: "", state: s })).toEqual({ ok: false, problem: "already_decided" });
    expect(checkDepositDecision({ action: "release", role: "admin", reason: "", state: "unpaid" })).toEqual({ ok: false, problem: "not_paid" });
    expect(checkDepositDecision({ action: "release", role: "admin", reason: "", state: "none" })).toEqual({ ok: false, problem: "no_deposit" });
  });
  test("the refund key is fixed per application and payment (a retry cannot pay twice)", () => {
    expect(depositRefundKey(7, 3)).toBe("deposit:7:3");
  });
});

import { describe, expect, test } from "vitest";
import { recordedByKey } from "~/i18n/recorded-by";
import { RECORDED_BY } from "~/rules/vocabularies";
import type { FeeBreakdown } from "~/rules/fees";
import {
  checkoutExpiry,
  checkoutLines,
  derivePaymentState,
  dueReminder,
  effectiveDeadline,
  isOverdue,
  linesTotal,
  nextPaymentStatus,
  outstandingCents,
  paidCents,
  refundableByPayment,
  refundableCents,
  refundedCents,
  splitRefund,
  withdrawalRefundCents,
  type PaymentFact,
  type PaymentStatus,
  type RefundFact,
  type RefundStatus,
} from "~/rules/payment-state";

const DAY = 24 * 3600_000;
const pay = (id: number, amountCents: number, status: PaymentStatus = "succeeded"): PaymentFact => ({ id, amountCents, status });
const ref = (paymentId: number, amountCents: number, status: RefundStatus = "succeeded"): RefundFact => ({ paymentId, amountCents, status });

describe("derivePaymentState", () => {
  const cases: [string, number, PaymentFact[], RefundFact[], string][] = [
    ["free, nothing paid", 0, [], [], "not_required"],
    ["fee, nothing paid", 2750, [], [], "pending"],
    ["an open, failed, expired or mismatched payment does not count", 2750, [pay(1, 2750, "open"), pay(2, 2750, "failed"), pay(3, 2750, "expired"), pay(4, 100, "mismatch")], [], "pending"],
    ["partly paid", 2750, [pay(1, 1000)], [], "pending"],
    ["paid in full", 2750, [pay(1, 2750)], [], "paid"],
    ["paid in two parts", 2750, [pay(1, 1000), pay(2, 1750)], [], "paid"],
    ["a pending refund has not happened yet", 2750, [pay(1, 2750)], [ref(1, 2750, "pending")], "paid"],
    ["a refund to pay by hand has not happened yet", 2750, [pay(1, 2750)], [ref(1, 2750, "to_pay_manually")], "paid"],
    ["a failed refund has not happened", 2750, [pay(1, 2750)], [ref(1, 2750, "failed")], "paid"],
    ["partly refunded", 2750, [pay(1, 2750)], [ref(1, 1000)], "partially_refunded"],
    ["partly refunded by hand", 2750, [pay(1, 2750)], [ref(1, 1000, "paid_manually")], "partially_refunded"],
    ["fully refunded in parts", 2750, [pay(1, 2750)], [ref(1, 1000), ref(1, 1750, "paid_manually")], "refunded"],
    ["a partial payment refunded", 2750, [pay(1, 1000)], [ref(1, 1000)], "refunded"],
    ["a double payment sent back leaves it paid", 2750, [pay(1, 2750), pay(2, 2750)], [ref(2, 2750)], "paid"],
    ["a refund of a mismatched payment does not touch the fee", 2750, [pay(1, 100, "mismatch")], [ref(1, 100)], "pending"],
    ["paid while the fee was later set to 0", 0, [pay(1, 500)], [], "paid"],
  ];
  test.each(cases)("%s", (_name, fee, payments, refunds, expected) => {
    expect(derivePaymentState({ feeTotalCents: fee, payments, refunds })).toBe(expected);
  });

  test("sums", () => {
    const payments = [pay(1, 1000), pay(2, 1750), pay(3, 999, "open")];
    expect(paidCents(payments)).toBe(2750);
    expect(refundedCents(payments, [ref(1, 500), ref(2, 250, "pending"), ref(3, 999)])).toBe(500);
    expect(outstandingCents(2750, payments)).toBe(0);
    expect(outstandingCents(3000, payments)).toBe(250);
    expect(outstandingCents(100, payments)).toBe(0);
  });
});

describe("refundable amounts", () => {
  test("per payment: its amount minus every refund that did not fail", () => {
    const payments = [pay(1, 2000), pay(2, 750), pay(3, 500, "open"), pay(4, 100, "mismatch")];
    const refunds = [ref(1, 500, "succeeded"), ref(1, 300, "pending"), ref(1, 200, "failed"), ref(2, 750, "to_pay_manually")];
    expect(refundableByPayment(payments, refunds)).toEqual(new Map([[1, 1200], [2, 0], [4, 100]]));
    expect(refundableCents(payments, refunds)).toBe(1300);
  });

  test("never more than paid minus refunded, whatever the order of requests", () => {
    const payments = [pay(2, 1750), pay(1, 1000)]; // newest first
    const refunds: RefundFact[] = [];
    for (const amount of [700, 700, 700, 700]) {
      const parts = splitRefund(amount, payments, refunds);
      if (parts) for (const part of parts) refunds.push(ref(part.paymentId, part.amountCents, "pending"));
    }
    const total = refunds.reduce((s, r) => s + r.amountCents, 0);
    expect(total).toBe(2100); // the fourth 700 did not fit (2750 − 2100 = 650)
    expect(splitRefund(651, payments, refunds)).toBeNull();
    expect(splitRefund(650, payments, refunds)).toEqual([{ paymentId: 1, amountCents: 650 }]);
  });

  test("split newest first, across payments", () => {
    expect(splitRefund(2000, [pay(2, 1750), pay(1, 1000)], [])).toEqual([
      { paymentId: 2, amountCents: 1750 },
      { paymentId: 1, amountCents: 250 },
    ]);
    expect(splitRefund(2000, [pay(2, 1750), pay(1, 1000)], [ref(2, 1750)])).toBeNull();
    expect(splitRefund(1000, [pay(2, 1750), pay(1, 1000)], [ref(2, 1750)])).toEqual([{ paymentId: 1, amountCents: 1000 }]);
  });

  test.each([0, -1, 1.5, Number.NaN, Number.MAX_VALUE])("refuses %s cents", (amount) => {
    expect(splitRefund(amount, [pay(1, 2750)], [])).toBeNull();
  });
});

describe("the withdrawal refund policy", () => {
  const base = { firstMarketDay: "2027-07-02", refundPeriodDays: 14, refundableCents: 2750 };
  test.each([
    ["2027-06-01", "full"],
    ["2027-06-18", "full"], // exactly 14 days before
    ["2027-06-19", "none"],
    ["2027-07-02", "none"],
  ])("withdrawn on %s: %s", (today, policy) => {
    const decision = withdrawalRefundCents({ ...base, today });
    expect(decision.policy).toBe(policy);
    expect(decision.amountCents).toBe(policy === "full" ? 2750 : 0);
  });
  test("a period of 0 days refunds up to and including the market day", () => {
    expect(withdrawalRefundCents({ ...base, refundPeriodDays: 0, today: "2027-07-02" }).policy).toBe("full");
    expect(withdrawalRefundCents({ ...base, refundPeriodDays: 0, today: "2027-07-03" }).policy).toBe("none");
  });
  test("nothing paid, nothing refunded; no market days yet, everything", () => {
    expect(withdrawalRefundCents({ ...base, today: "2027-06-01", refundableCents: 0 })).toEqual({ policy: "none", amountCents: 0 });
    expect(withdrawalRefundCents({ ...base, firstMarketDay: null, today: "2027-07-10" })).toEqual({ policy: "full", amountCents: 2750 });
  });
});

describe("reminders", () => {
  const deadline = new Date("2027-06-20T21:59:00Z");
  const at = (msBefore: number) => new Date(deadline.getTime() - msBefore);
  test.each([
    [10 * DAY, null],
    [7 * DAY + 1000, null],
    [7 * DAY, 7],
    [3 * DAY, 7],
    [2 * DAY, 2],
    [1000, 2],
    [0, null],
    [-DAY, null],
  ])("%s ms before the deadline, nothing sent yet: %s", (before, expected) => {
    expect(dueReminder({ deadline, now: at(before), lastReminderAt: null })?.daysBefore ?? null).toBe(expected);
  });
  test("each reminder once", () => {
    expect(dueReminder({ deadline, now: at(5 * DAY), lastReminderAt: at(6 * DAY) })).toBeNull();
    expect(dueReminder({ deadline, now: at(1 * DAY), lastReminderAt: at(6 * DAY) })?.daysBefore).toBe(2);
    expect(dueReminder({ deadline, now: at(1 * DAY), lastReminderAt: at(1.5 * DAY) })).toBeNull();
  });
  test("a late start sends one reminder, the latest", () => {
    expect(dueReminder({ deadline, now: at(DAY), lastReminderAt: null })).toEqual({ daysBefore: 2, at: at(2 * DAY) });
  });
  test("deadlines", () => {
    const own = new Date("2027-06-25T00:00:00Z");
    expect(effectiveDeadline(own, deadline)).toBe(own);
    expect(effectiveDeadline(null, deadline)).toBe(deadline);
    expect(effectiveDeadline(null, null)).toBeNull();
    expect(isOverdue(null, new Date())).toBe(false);
    expect(isOverdue(deadline, at(1))).toBe(false);
    expect(isOverdue(deadline, deadline)).toBe(true);
  });
});

describe("checkout expiry", () => {
  const now = new Date("2027-06-01T10:07:13.456Z");
  const seconds = (d: Date) => d.getTime() / 1000;
  test("no deadline: nearly 24 hours, within Stripe's limits, whole seconds", () => {
    const expiry = checkoutExpiry(now, null);
    expect(expiry.getTime() - now.getTime()).toBeLessThanOrEqual(24 * 3600_000);
    expect(expiry.getTime() - now.getTime()).toBeGreaterThan(23.5 * 3600_000);
    expect(Number.isInteger(seconds(expiry))).toBe(true);
  });
  test("never later than the deadline", () => {
    const deadline = new Date(now.getTime() + 5 * 3600_000 + 123);
    expect(checkoutExpiry(now, deadline).getTime()).toBeLessThanOrEqual(deadline.getTime());
    expect(checkoutExpiry(now, deadline).getTime()).toBeGreaterThan(deadline.getTime() - 1000);
  });
  test("a deadline closer than Stripe's 30 minutes: Stripe's minimum, with a margin", () => {
    const expiry = checkoutExpiry(now, new Date(now.getTime() + 10 * 60_000));
    expect(expiry.getTime() - now.getTime()).toBeGreaterThanOrEqual(31 * 60_000);
    expect(expiry.getTime() - now.getTime()).toBeLessThan(40 * 60_000);
  });
  test("two clicks within the same 5 minutes ask for the same expiry", () => {
    const a = checkoutExpiry(new Date("2027-06-01T10:05:00.000Z"), null);
    const b = checkoutExpiry(new Date("2027-06-01T10:09:59.999Z"), null);
    expect(a).toEqual(b);
    expect(checkoutExpiry(new Date("2027-06-01T10:10:00.000Z"), null)).not.toEqual(a);
  });
  test("always within 30 min – 24 h of any moment", () => {
    for (let i = 0; i < 500; i += 1) {
      const moment = new Date(Date.UTC(2027, 0, 1) + i * 7_777_777);
      const deadline = i % 3 === 0 ? null : new Date(moment.getTime() + (i % 97) * 60_000 * 20);
      const delta = checkoutExpiry(moment, deadline).getTime() - moment.getTime();
      expect(delta).toBeGreaterThanOrEqual(30 * 60_000);
      expect(delta).toBeLessThanOrEqual(24 * 3600_000);
    }
  });
});

describe("checkout lines", () => {
  const breakdown: FeeBreakdown = {
    lines: [
      { kind: "first_unit", quantity: 1, unitCents: 2000, days: 2, totalCents: 4000 },
      { kind: "extra_metres", quantity: 2, unitCents: 500, days: 2, totalCents: 2000 },
      { kind: "electricity", quantity: 1, unitCents: 0, days: 2, totalCents: 0 },
    ],
    dayCount: 2,
    free: false,
    totalCents: 6000,
  };
  test("the fee's own lines when they add up (per-day quantities multiplied out, zero lines left out)", () => {
    const lines = checkoutLines(breakdown, 6000, 6000);
    expect(lines).toEqual([
      { kind: "first_unit", quantity: 2, unitCents: 2000 },
      { kind: "extra_metres", quantity: 4, unitCents: 500 },
    ]);
    expect(linesTotal(lines)).toBe(6000);
  });
  test("an extra charge by the organisers is its own line", () => {
    expect(checkoutLines(breakdown, 6500, 6500).at(-1)).toEqual({ kind: "adjustment", quantity: 1, unitCents: 500 });
    expect(linesTotal(checkoutLines(breakdown, 6500, 6500))).toBe(6500);
  });
  test("a discount is one line for the whole fee", () => {
    expect(checkoutLines(breakdown, 5000, 5000)).toEqual([{ kind: "fee", quantity: 1, unitCents: 5000 }]);
  });
  test("a remainder after a partial payment is one line", () => {
    expect(checkoutLines(breakdown, 6000, 1750)).toEqual([{ kind: "remaining", quantity: 1, unitCents: 1750 }]);
  });
  test("a breakdown without lines (adjusted from free) is one line", () => {
    expect(checkoutLines({ lines: [], dayCount: 1, free: true, totalCents: 0 }, 1500, 1500)).toEqual([{ kind: "fee", quantity: 1, unitCents: 1500 }]);
  });
});

describe("one payment's status, whatever order Stripe's events come in", () => {
  const statuses: PaymentStatus[] = ["open", "succeeded", "failed", "expired", "mismatch"];
  test("money that arrived never un-arrives; an ending beats open; the first ending stays", () => {
    expect(nextPaymentStatus("open", "succeeded")).toBe("succeeded");
    expect(nextPaymentStatus("expired", "succeeded")).toBe("succeeded");
    expect(nextPaymentStatus("failed", "succeeded")).toBe("succeeded");
    expect(nextPaymentStatus("succeeded", "expired")).toBe("succeeded");
    expect(nextPaymentStatus("succeeded", "failed")).toBe("succeeded");
    expect(nextPaymentStatus("succeeded", "open")).toBe("succeeded");
    expect(nextPaymentStatus("mismatch", "expired")).toBe("mismatch");
    expect(nextPaymentStatus("open", "expired")).toBe("expired");
    expect(nextPaymentStatus("expired", "failed")).toBe("expired");
    expect(nextPaymentStatus("expired", "open")).toBe("expired");
  });
  test("every order of a session's events gives the same end state", () => {
    const sessions: PaymentStatus[][] = [
      ["open", "succeeded", "expired"],
      ["open", "failed"],
      ["open", "expired"],
      ["open", "mismatch", "expired"],
    ];
    const permutations = <T,>(xs: T[]): T[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));
    for (const events of sessions) {
      const ends = new Set(permutations(events).map((order) => order.reduce<PaymentStatus>((s, e) => nextPaymentStatus(s, e), "open")));
      expect(ends.size).toBe(1);
    }
    for (const s of statuses) expect(nextPaymentStatus(s, s)).toBe(s);
  });
});


test("every code a payment or refund can be recorded by has its own label", () => {
  for (const code of Object.values(RECORDED_BY)) expect(recordedByKey(code)).toBe(`payments.recordedBy_${code}`);
});

test("money is held for an application that is paid or partly refunded, not otherwise", async () => {
  const { moneyHeld } = await import("~/rules/payment-state");
  expect(moneyHeld("paid")).toBe(true);
  expect(moneyHeld("partially_refunded")).toBe(true);
  for (const state of ["not_required", "pending", "refunded"] as const) expect(moneyHeld(state)).toBe(false);
});

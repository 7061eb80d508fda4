import { describe, expect, test } from "vitest";
import { addMonths, anonymiseOn, moneyHold, retentionVerdict, summariseRetention, type RetentionCandidate } from "~/rules/retention";

const clean = (id: number, over: Partial<RetentionCandidate> = {}): RetentionCandidate => ({ id, anonymised: false, paymentStatuses: ["succeeded"], refundStatuses: [], ...over });
const edition = { marketDays: ["2025-07-04", "2025-07-05"], retentionMonths: 12 };

describe("retention: when an edition's personal data goes", () => {
  test("whole months on the calendar, the 31st clamped to a shorter month", () => {
    expect(addMonths("2025-07-05", 12)).toBe("2026-07-05");
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2025-11-30", 3)).toBe("2026-02-28");
    expect(addMonths("2025-07-05", 120)).toBe("2035-07-05");
  });

  test("the day after the last market day plus the retention months; no days, no date", () => {
    expect(anonymiseOn(["2025-07-05", "2025-07-04"], 12)).toBe("2026-07-06");
    expect(anonymiseOn(["2025-12-31"], 12)).toBe("2027-01-01");
    expect(anonymiseOn(["2025-07-05"], 1)).toBe("2025-08-06");
    expect(anonymiseOn([], 12)).toBeNull();
  });

  test("boundaries: kept through the last day of the period, due the day after", () => {
    expect(retentionVerdict(edition, clean(1), "2026-07-05")).toEqual({ kind: "keep", until: "2026-07-06" });
    expect(retentionVerdict(edition, clean(1), "2026-07-06")).toEqual({ kind: "due" });
    expect(retentionVerdict(edition, clean(1), "2031-01-01")).toEqual({ kind: "due" });
    // A longer setting moves the date.
    expect(retentionVerdict({ ...edition, retentionMonths: 24 }, clean(1), "2026-07-06").kind).toBe("keep");
    expect(retentionVerdict({ marketDays: [], retentionMonths: 12 }, clean(1), "2099-01-01").kind).toBe("keep");
  });

  test("never while money is not settled", () => {
    const today = "2027-01-01";
    for (const status of ["pending", "failed", "to_pay_manually"] as const) {
      expect(retentionVerdict(edition, clean(1, { refundStatuses: ["succeeded", status] }), today)).toEqual({ kind: "held", hold: "refund_unsettled" });
    }
    expect(retentionVerdict(edition, clean(1, { paymentStatuses: ["open"] }), today)).toEqual({ kind: "held", hold: "payment_open" });
    expect(retentionVerdict(edition, clean(1, { paymentStatuses: ["mismatch"] }), today)).toEqual({ kind: "held", hold: "payment_mismatch" });
    // Settled money, expired or failed checkouts and no payment at all do not hold anything.
    expect(moneyHold(clean(1, { paymentStatuses: ["succeeded", "expired", "failed"], refundStatuses: ["succeeded", "paid_manually"] }))).toBeNull();
    expect(retentionVerdict(edition, clean(1, { paymentStatuses: [] }), today)).toEqual({ kind: "due" });
  });

  test("an anonymised application is never due again", () => {
    expect(retentionVerdict(edition, clean(1, { anonymised: true }), "2027-01-01")).toEqual({ kind: "anonymised" });
    expect(retentionVerdict(edition, clean(1, { anonymised: true, refundStatuses: ["pending"] }), "2027-01-01")).toEqual({ kind: "anonymised" });
  });

  test("a summary sorts every application", () => {
    const candidates = [clean(1), clean(2, { refundStatuses: ["pending"] }), clean(3, { anonymised: true }), clean(4)];
    expect(summariseRetention(edition, candidates, "2026-07-06")).toEqual({
      anonymiseOn: "2026-07-06",
      waiting: 0,
      due: [1, 4],
      held: [{ id: 2, hold: "refund_unsettled" }],
      waitingWithMoneyOpen: 0,
      anonymised: 1,
    });
    expect(summariseRetention(edition, candidates, "2026-07-05")).toMatchObject({ waiting: 3, due: [], held: [], waitingWithMoneyOpen: 1, anonymised: 1 });
  });
});

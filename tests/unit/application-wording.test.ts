// One truth per state: the words a page may use for an application, decided in one place.
import { describe, expect, test } from "vitest";
import { lapsedButMarketReopened, mayCallConfirmed, mayCallPaymentIn, paymentWord, refundableWord, refundRuleApplies, spotWording, stallholderHeadline, stillInPlay } from "~/rules/application-wording";

describe("application wording", () => {
  test("'still to pay' only for an approved stall that has not paid; nothing to pay once it no longer takes part", () => {
    expect(paymentWord({ reviewState: "approved", paymentState: "pending" })).toBe("to_pay");
    expect(paymentWord({ reviewState: "submitted", paymentState: "pending" })).toBe("not_yet_due");
    expect(paymentWord({ reviewState: "rejected", paymentState: "pending" })).toBe("not_due");
    expect(paymentWord({ reviewState: "withdrawn", paymentState: "pending" })).toBe("not_due");
  });

  test("paid money of a stall that no longer takes part: being refunded, or kept, only when that is known", () => {
    expect(paymentWord({ reviewState: "withdrawn", paymentState: "paid", refundInProgressCents: 4000 })).toBe("paid_to_refund");
    expect(paymentWord({ reviewState: "withdrawn", paymentState: "paid", refundInProgressCents: 0 })).toBe("paid_kept");
    expect(paymentWord({ reviewState: "withdrawn", paymentState: "paid" })).toBe("paid");
    expect(paymentWord({ reviewState: "cancelled", paymentState: "paid" })).toBe("paid_to_refund");
  });

  test("'confirmed' never after a cancellation, a withdrawal or a full refund", () => {
    expect(mayCallConfirmed({ reviewState: "approved", paymentState: "paid", editionStatus: "scheduled" })).toBe(true);
    expect(mayCallConfirmed({ reviewState: "approved", paymentState: "paid", editionStatus: "cancelled" })).toBe(false);
    expect(mayCallConfirmed({ reviewState: "withdrawn", paymentState: "paid", editionStatus: "scheduled" })).toBe(false);
    expect(stallholderHeadline({ reviewState: "approved", paymentState: "refunded", editionStatus: "scheduled" })).toBe("approved_refunded");
    expect(stallholderHeadline({ reviewState: "approved", paymentState: "paid", editionStatus: "cancelled" })).toBe("cancelled_with_money");
    expect(stallholderHeadline({ reviewState: "cancelled", paymentState: "pending", editionStatus: "cancelled" })).toBe("cancelled");
    expect(stallholderHeadline({ reviewState: "approved", paymentState: "pending", editionStatus: "uncertain" })).toBe("approved_paused");
  });

  test("a spot is spoken of only for a stall that may still come; refundable money is 'due' only for one that will not", () => {
    expect(spotWording("rejected", false)).toBe("none");
    expect(spotWording("submitted", false)).toBe("not_yet");
    expect(spotWording("approved", true, "cancelled")).toBe("none");
    expect(refundableWord("approved")).toBe("refund_possible");
    expect(refundableWord("withdrawn")).toBe("refund_due");
  });

  test("an application is in play (fee shown, changes possible on request) only while it may still come to the market", () => {
    expect(stillInPlay("submitted")).toBe(true);
    expect(stillInPlay("waitlisted")).toBe(true);
    expect(stillInPlay("approved", "uncertain")).toBe(true);
    expect(stillInPlay("rejected")).toBe(false);
    expect(stillInPlay("withdrawn")).toBe(false);
    expect(stillInPlay("approved", "cancelled")).toBe(false);
  });

  test("'your payment is in' only for a confirmed stall that paid; the refund rule only for one that pays; 'apply again' only once the market goes ahead after all", () => {
    expect(mayCallPaymentIn({ reviewState: "approved", paymentState: "paid" })).toBe(true);
    expect(mayCallPaymentIn({ reviewState: "approved", paymentState: "not_required" })).toBe(false);
    expect(mayCallPaymentIn({ reviewState: "approved", paymentState: "paid", editionStatus: "cancelled" })).toBe(false);
    expect(refundRuleApplies(4000, "pending")).toBe(true);
    expect(refundRuleApplies(0, "not_required")).toBe(false);
    expect(refundRuleApplies(0, "paid")).toBe(true);
    expect(lapsedButMarketReopened("cancelled", "scheduled")).toBe(true);
    expect(lapsedButMarketReopened("cancelled", "cancelled")).toBe(false);
    expect(lapsedButMarketReopened("withdrawn", "scheduled")).toBe(false);
  });
});

/** Who or what recorded a payment or refund (payments/refunds.recorded_by) as a message key; browser-safe. */
const RECORDED_BY_CODES = [
  "stallholder_checkout",
  "stripe_webhook",
  "organiser",
  "system_withdrawal",
  "system_cancellation",
  "system_not_active",
  "system_duplicate",
  "stripe_dashboard",
] as const;

export function recordedByKey(code: string) {
  const known = RECORDED_BY_CODES.find((c) => c === code) ?? "organiser";
  return `payments.recordedBy_${known}` as const;
}

/** Who or what recorded a payment or refund (payments/refunds.recorded_by) as a message key; browser-safe. */
import { RECORDED_BY_VALUES } from "~/rules/vocabularies";

export function recordedByKey(code: string) {
  const known = RECORDED_BY_VALUES.find((c) => c === code) ?? "organiser";
  return `payments.recordedBy_${known}` as const;
}

/** A fee breakdown as lines a person reads (the apply form, the private page and the e-mails). */
import type { Translate } from "~/i18n/i18n";
import type { FeeBreakdown } from "~/rules/fees";

export interface FeeLineText {
  label: string;
  /** "€ 15,00 × 2 dagen" when the edition has more than one chosen day. */
  detail: string | null;
  amount: string;
}

export function describeFee(
  fee: FeeBreakdown,
  t: Translate,
  money: (cents: number) => string,
  stallUnitCm: number,
): FeeLineText[] {
  return fee.lines.map((line) => {
    const perDay = line.quantity * line.unitCents;
    const label =
      line.kind === "first_unit"
        ? t("apply.feeLine_first_unit", { metres: formatMetres(stallUnitCm) })
        : line.kind === "extra_metres"
          ? t("apply.feeLine_extra_metres", { quantity: line.quantity })
          : line.kind === "electricity"
            ? t("apply.feeLine_electricity")
            : line.kind === "deposit"
              ? t("apply.feeLine_deposit")
              : t("apply.feeLine_stall_rental", { quantity: line.quantity });
    return {
      label,
      detail: line.days > 1 ? t("apply.feeLineDays", { price: money(perDay), days: line.days }) : null,
      amount: money(line.totalCents),
    };
  });
}

/** 300 → "3", 250 → "2,5" (nl) / "2.5" (en) is left to the caller; here a plain decimal point. */
export function formatMetres(cm: number, language: "nl" | "en" = "nl"): string {
  const text = String(cm / 100);
  return language === "nl" ? text.replace(".", ",") : text;
}

/** "Application received": sent once, when an application is made; carries the private link. */
import { describeFee } from "~/forms/fee-lines";
import { formatEventDate, formatMoney, type Language } from "~/i18n/i18n";
import type { FeeBreakdown } from "~/rules/fees";
import { renderMail } from "./layout";
import { editionName, stallholderFrame, type MailEdition } from "./stallholder";

export interface ApplicationMailInput {
  language: Language;
  contactName: string;
  stallName: string;
  edition: MailEdition & { stallUnitCm: number };
  days: string[];
  fee: FeeBreakdown;
  feeTotalCents: number;
  url: string;
}

/** Stall, days, fee lines and total, as label → value. */
export function applicationFacts(input: ApplicationMailInput): [string, string][] {
  const { t } = stallholderFrame(input.language, null, null);
  const money = (cents: number) => formatMoney(cents, input.language);
  const lines = describeFee(input.fee, t, money, input.edition.stallUnitCm);
  return [
    [t("mail.factStall"), input.stallName],
    [t("mail.factDays"), input.days.map((d) => formatEventDate(d, input.language)).join(", ")],
    ...lines.map((line): [string, string] => [line.detail ? `${line.label} (${line.detail})` : line.label, line.amount]),
    [t("mail.factTotal"), input.feeTotalCents === 0 ? t("apply.feeFree") : money(input.feeTotalCents)],
  ];
}

export function renderApplicationReceived(input: ApplicationMailInput) {
  const { t, frame } = stallholderFrame(input.language, input.contactName, input.edition);
  const vars = { stall: input.stallName, edition: editionName(input.edition, input.language) };
  return renderMail({
    ...frame,
    subject: t("mail.receivedSubject", vars),
    paragraphs: [t("mail.receivedIntro", vars), t("mail.receivedNext"), t("mail.privateLinkNote")],
    facts: applicationFacts(input),
    action: { label: t("mail.openApplication"), url: input.url },
  });
}

/** A reminder before the payment deadline (7 and 2 days before; app/rules/payment-state.ts). */
import { formatMoment, formatMoney, type Language } from "~/i18n/i18n";
import { renderMail } from "./layout";
import { editionName, stallholderFrame, type MailEdition } from "./stallholder";

export function renderPaymentReminder(input: {
  language: Language;
  contactName: string;
  stallName: string;
  edition: MailEdition;
  amountCents: number;
  deadline: Date;
  url: string;
  online: boolean;
}) {
  const { t, frame } = stallholderFrame(input.language, input.contactName, input.edition);
  const vars = {
    stall: input.stallName,
    edition: editionName(input.edition, input.language),
    amount: formatMoney(input.amountCents, input.language),
    deadline: formatMoment(input.deadline, input.language),
  };
  return renderMail({
    ...frame,
    subject: t("payments.mailReminderSubject", vars),
    paragraphs: [t("payments.mailReminderIntro", vars), input.online ? t("payments.mailRequestOnline") : t("payments.mailRequestManual")],
    facts: [
      [t("mail.factStall"), input.stallName],
      [t("payments.factAmount"), vars.amount],
      [t("payments.factDeadline"), vars.deadline],
    ],
    action: { label: input.online ? t("payments.mailPayButton") : t("mail.openApplication"), url: input.url },
  });
}

/** "Payment received": after Stripe's webhook or an organiser's record of a cash or bank payment. */
import { formatMoney, type Language } from "~/i18n/i18n";
import { renderMail } from "./layout";
import { editionName, stallholderFrame, type MailEdition } from "./stallholder";

export function renderPaymentReceived(input: {
  language: Language;
  contactName: string;
  stallName: string;
  edition: MailEdition;
  amountCents: number;
  outstandingCents: number;
  url: string;
}) {
  const { t, frame } = stallholderFrame(input.language, input.contactName, input.edition);
  const vars = {
    stall: input.stallName,
    edition: editionName(input.edition, input.language),
    amount: formatMoney(input.amountCents, input.language),
    outstanding: formatMoney(input.outstandingCents, input.language),
  };
  return renderMail({
    ...frame,
    subject: t("payments.mailReceivedSubject", vars),
    paragraphs: [t("payments.mailReceivedIntro", vars), input.outstandingCents > 0 ? t("payments.mailReceivedOutstanding", vars) : t("payments.mailReceivedConfirmed")],
    action: { label: t("mail.openApplication"), url: input.url },
  });
}

/** "Refund issued": after Stripe confirmed a refund or an organiser paid one back by hand. */
import { formatMoney, type Language } from "~/i18n/i18n";
import { renderMail } from "./layout";
import { editionName, stallholderFrame, type MailEdition } from "./stallholder";

export function renderRefundIssued(input: {
  language: Language;
  contactName: string;
  stallName: string;
  edition: MailEdition;
  amountCents: number;
  viaStripe: boolean;
  url: string;
}) {
  const { t, frame } = stallholderFrame(input.language, input.contactName, input.edition);
  const vars = { stall: input.stallName, edition: editionName(input.edition, input.language), amount: formatMoney(input.amountCents, input.language) };
  return renderMail({
    ...frame,
    subject: t("payments.mailRefundSubject", vars),
    paragraphs: [t("payments.mailRefundIntro", vars), input.viaStripe ? t("payments.mailRefundStripe") : t("payments.mailRefundManual")],
    action: { label: t("mail.openApplication"), url: input.url },
  });
}

/** "Borg terug" / "Borg ingehouden": after the market, when the deposit was released or kept. */
import "~/i18n/messages/stallholder-bundles";
import { formatMoney, type Language } from "~/i18n/i18n";
import { renderMail } from "./layout";
import { editionName, stallholderFrame, type MailEdition } from "./stallholder";

export function renderDepositDecided(input: {
  language: Language;
  contactName: string;
  stallName: string;
  edition: MailEdition;
  decision: "released" | "kept";
  amountCents: number;
  reason: string;
  viaStripe: boolean;
  url: string;
}) {
  const { t, frame } = stallholderFrame(input.language, input.contactName, input.edition);
  const vars = { stall: input.stallName, edition: editionName(input.edition, input.language), amount: formatMoney(input.amountCents, input.language), reason: input.reason };
  const released = input.decision === "released";
  return renderMail({
    ...frame,
    subject: t(released ? "payments.mailDepositReleasedSubject" : "payments.mailDepositKeptSubject", vars),
    paragraphs: released
      ? [t("payments.mailDepositReleasedIntro", vars), t(input.viaStripe ? "payments.mailDepositReleasedStripe" : "payments.mailDepositReleasedManual")]
      : [t("payments.mailDepositKeptIntro", vars), t("payments.mailDepositKeptReason", vars), t("payments.mailDepositKeptQuestions")],
    action: { label: t("mail.openApplication"), url: input.url },
  });
}

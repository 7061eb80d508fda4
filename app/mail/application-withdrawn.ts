/** "Application withdrawn": after the stallholder withdrew through their private link. */
import type { Language } from "~/i18n/i18n";
import { renderMail } from "./layout";
import { editionName, stallholderFrame, type MailEdition } from "./stallholder";

export function renderApplicationWithdrawn(input: {
  language: Language;
  contactName: string;
  stallName: string;
  edition: MailEdition;
  url: string;
}) {
  const { t, frame } = stallholderFrame(input.language, input.contactName, input.edition);
  const vars = { stall: input.stallName, edition: editionName(input.edition, input.language) };
  return renderMail({
    ...frame,
    subject: t("mail.withdrawnSubject", vars),
    paragraphs: [t("mail.withdrawnIntro", vars), t("mail.withdrawnRefund")],
    action: { label: t("mail.openApplication"), url: input.url },
  });
}

/** "A place is free for you": a waitlisted stallholder is offered a freed place (app/data/waitlist.server.ts). */
import { formatMoment, type Language } from "~/i18n/i18n";
import { renderMail } from "./layout";
import { editionName, stallholderFrame, type MailEdition } from "./stallholder";

export function renderWaitlistOffer(input: {
  language: Language;
  contactName: string;
  stallName: string;
  edition: MailEdition;
  /** The accept/decline page: /offer/<token>. */
  url: string;
  expiresAt: Date;
}) {
  const { t, frame } = stallholderFrame(input.language, input.contactName, input.edition);
  const vars = { stall: input.stallName, edition: editionName(input.edition, input.language), until: formatMoment(input.expiresAt, input.language) };
  return renderMail({
    ...frame,
    subject: t("mail.offerSubject", vars),
    paragraphs: [t("mail.offerIntro", vars), t("mail.offerDeadline", vars), t("mail.offerPay"), t("mail.privateLinkNote")],
    action: { label: t("mail.offerAction"), url: input.url },
  });
}

/** "Your links": every application for one e-mail address, sent from the lost-link page. */
import type { Language } from "~/i18n/i18n";
import { renderMail } from "./layout";
import { stallholderFrame } from "./stallholder";

export function renderLostLink(input: {
  language: Language;
  links: { stallName: string; editionName: string; url: string }[];
}) {
  const { t, frame } = stallholderFrame(input.language, null, null);
  return renderMail({
    ...frame,
    subject: t("mail.lostSubject"),
    paragraphs: [t("mail.lostIntro"), t("mail.privateLinkNote"), t("mail.lostIgnore")],
    links: input.links.map((link) => ({ label: t("mail.lostLine", { stall: link.stallName, edition: link.editionName }), url: link.url })),
  });
}

/** "Application changed": after the stallholder saved a change through their private link. */
import { renderMail } from "./layout";
import { applicationFacts, type ApplicationMailInput } from "./application-received";
import { editionName, stallholderFrame } from "./stallholder";

export function renderApplicationChanged(input: ApplicationMailInput) {
  const { t, frame } = stallholderFrame(input.language, input.contactName, input.edition);
  const vars = { stall: input.stallName, edition: editionName(input.edition, input.language) };
  return renderMail({
    ...frame,
    subject: t("mail.changedSubject", vars),
    paragraphs: [t("mail.changedIntro", vars), t("mail.changedNotYou")],
    facts: applicationFacts(input),
    action: { label: t("mail.openApplication"), url: input.url },
  });
}

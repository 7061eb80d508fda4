/**
 * After approval: the pay link (or, with Stripe off, how to pay otherwise), or for a free stall
 * the confirmation that nothing is to be paid. In the stallholder's own language.
 */
import { formatMoment, formatMoney, type Language } from "~/i18n/i18n";
import { renderMail } from "./layout";
import { editionName, stallholderFrame, type MailEdition } from "./stallholder";

export function renderPaymentRequest(input: {
  language: Language;
  contactName: string;
  stallName: string;
  edition: MailEdition;
  amountCents: number;
  deadline: Date | null;
  url: string;
  /** Stripe configured: the button pays online; else the mail says how to pay by hand. */
  online: boolean;
}) {
  const { t, frame } = stallholderFrame(input.language, input.contactName, input.edition);
  const vars = {
    stall: input.stallName,
    edition: editionName(input.edition, input.language),
    amount: formatMoney(input.amountCents, input.language),
    deadline: input.deadline ? formatMoment(input.deadline, input.language) : "",
  };
  const paragraphs = [t("payments.mailRequestIntro", vars), input.online ? t("payments.mailRequestOnline") : t("payments.mailRequestManual")];
  if (input.deadline) paragraphs.push(t("payments.mailRequestDeadline", vars));
  const facts: [string, string][] = [
    [t("mail.factStall"), input.stallName],
    [t("payments.factAmount"), vars.amount],
  ];
  if (input.deadline) facts.push([t("payments.factDeadline"), vars.deadline]);
  return renderMail({
    ...frame,
    subject: t("payments.mailRequestSubject", vars),
    paragraphs,
    facts,
    action: { label: input.online ? t("payments.mailPayButton") : t("mail.openApplication"), url: input.url },
  });
}

export function renderPaymentConfirmedFree(input: { language: Language; contactName: string; stallName: string; edition: MailEdition; url: string }) {
  const { t, frame } = stallholderFrame(input.language, input.contactName, input.edition);
  const vars = { stall: input.stallName, edition: editionName(input.edition, input.language) };
  return renderMail({
    ...frame,
    subject: t("payments.mailFreeSubject", vars),
    paragraphs: [t("payments.mailFreeIntro", vars)],
    action: { label: t("mail.openApplication"), url: input.url },
  });
}

/**
 * The mail a stallholder gets when the organisers decide on their application: approved (with
 * the fee, and that payment instructions follow), waitlisted, or rejected with the reason (and, for
 * a stall rejected after its approval, that its place is given up and whether money comes back). In
 * the stallholder's own language; text from the organiser message bundle.
 */
import { formatMoney, translator, type Language } from "~/i18n/i18n";
import { publicStatus, statusTitleKey, type StatusFacts } from "~/rules/edition-status";
import { renderMail } from "./layout";

export type Decision = "approved" | "waitlisted" | "rejected";

export function renderReviewMail(input: {
  decision: Decision;
  language: Language;
  contactName: string;
  stallName: string;
  feeTotalCents: number;
  reason: string;
  edition: StatusFacts & { nameNl: string; nameEn: string };
  privateUrl: string;
  /** A stall rejected after it was approved: its spot is given up, and what it paid comes back. */
  afterApproval?: { refundCents: number };
}) {
  const t = translator(input.language);
  const edition = input.language === "en" ? input.edition.nameEn : input.edition.nameNl;
  const vars = { edition, stall: input.stallName, amount: formatMoney(input.feeTotalCents, input.language), reason: input.reason };
  const paragraphs: string[] = [];
  let subject: string;
  if (input.decision === "approved") {
    subject = t("organiser.mailApprovedSubject", vars);
    paragraphs.push(t("organiser.mailApprovedBody", vars));
    paragraphs.push(input.feeTotalCents > 0 ? t("organiser.mailApprovedPay", vars) : t("organiser.mailApprovedFree"));
    if (input.reason.trim()) paragraphs.push(t("organiser.mailMessage", vars));
  } else if (input.decision === "waitlisted") {
    subject = t("organiser.mailWaitlistedSubject", vars);
    paragraphs.push(t("organiser.mailWaitlistedBody", vars));
    if (input.reason.trim()) paragraphs.push(t("organiser.mailMessage", vars));
  } else {
    subject = t("organiser.mailRejectedSubject", vars);
    paragraphs.push(t(input.afterApproval ? "organiser.mailRejectedAfterApprovalBody" : "organiser.mailRejectedBody", vars));
    paragraphs.push(t("organiser.mailRejectedReason", vars));
    if (input.afterApproval) {
      const refund = input.afterApproval.refundCents;
      paragraphs.push(
        refund > 0
          ? t("organiser.mailRejectedAfterApprovalRefund", { amount: formatMoney(refund, input.language) })
          : t("organiser.mailRejectedAfterApprovalNothingPaid"),
      );
    }
  }
  const status = publicStatus(input.edition, input.language);
  const statusTitle =
    t(statusTitleKey(status.status));
  return renderMail({
    language: input.language,
    subject,
    greeting: t("organiser.mailGreeting", { name: input.contactName }),
    paragraphs,
    action: { label: t("organiser.mailViewApplication"), url: input.privateUrl },
    status: { ...status, title: statusTitle },
    signature: t("organiser.mailSignature"),
  });
}

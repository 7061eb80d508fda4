/** Pieces every stallholder mail shares: greeting, signature, the edition's status, the private link. */
import { translator, type Language } from "~/i18n/i18n";
import { publicStatus, type StatusFacts } from "~/rules/edition-status";
import type { MailParts } from "./layout";

export interface MailEdition extends StatusFacts {
  nameNl: string;
  nameEn: string;
}

export function editionName(edition: MailEdition, language: Language): string {
  return language === "en" ? edition.nameEn : edition.nameNl;
}

/** The common frame of a stallholder mail; the caller adds subject, paragraphs, facts and action. */
export function stallholderFrame(language: Language, contactName: string | null, edition: MailEdition | null) {
  const t = translator(language);
  const status = edition ? publicStatus(edition, language) : null;
  const frame: Pick<MailParts, "language" | "greeting" | "signature" | "status"> = {
    language,
    greeting: contactName ? t("mail.greeting", { name: contactName }) : t("mail.greetingAnonymous"),
    signature: t("mail.signature"),
  };
  if (status && status.status !== "scheduled") {
    frame.status = {
      ...status,
      title: status.status === "uncertain" ? t("mail.statusUncertain") : status.status === "postponed" ? t("common.statusPostponed") : t("mail.statusCancelled"),
    };
  }
  return { t, frame };
}

export function privateUrl(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/$/, "")}/a/${token}`;
}

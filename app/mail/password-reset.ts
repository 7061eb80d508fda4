/** The link to choose a (new) organiser password: after "forgot password", or as an invitation. */
import { translator, type Language } from "~/i18n/i18n";
import { renderMail } from "./layout";

export function renderPasswordResetMail(input: {
  kind: "reset" | "invite";
  language: Language;
  name: string;
  url: string;
  validHours: number;
  /** The role an invitation is for; its subject names it. */
  role?: "admin" | "organiser" | "volunteer";
}) {
  const t = translator(input.language);
  const invite = input.kind === "invite";
  return renderMail({
    language: input.language,
    subject: invite ? t(`organiser.mailInviteSubject_${input.role ?? "organiser"}`) : t("organiser.mailResetSubject"),
    greeting: input.name ? t("organiser.mailGreeting", { name: input.name }) : t("organiser.mailGreetingPlain"),
    paragraphs: [
      invite ? t("organiser.mailInviteBody") : t("organiser.mailResetBody"),
      t("organiser.mailResetValid", { hours: input.validHours }),
      ...(invite ? [] : [t("organiser.mailResetIgnore")]),
    ],
    action: { label: t("organiser.mailResetAction"), url: input.url },
    signature: t("organiser.mailSignature"),
  });
}

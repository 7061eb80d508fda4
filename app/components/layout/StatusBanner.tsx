import { statusTitleKey, type EditionStatus } from "~/rules/edition-status";
import { useI18n } from "~/i18n/use-i18n";

export interface StatusBannerProps {
  status: EditionStatus;
  message: string;
  decisionExpectedOn: string | null;
  /** When the status (or its message) last changed; null when it never did. */
  changedAt?: string | null;
  /** On a postponement: the new market days. */
  days?: { date: string; startsAt: string; endsAt: string }[];
}

/** Whether the market goes ahead, above everything else on every public page. */
export function StatusBanner({ status, message, decisionExpectedOn, changedAt = null, days = [] }: StatusBannerProps) {
  const { t, eventDate, moment, language } = useI18n();
  const title = t(statusTitleKey(status));
  // Only a change from the normal state needs to interrupt a screen reader.
  const urgent = status !== "scheduled";
  const dayList = days.map((d) => `${eventDate(d.date)} ${d.startsAt}–${d.endsAt}`).join(language === "en" ? " and " : " en ");
  return (
    <section
      className={`status-banner status-${status}`}
      role={urgent ? "alert" : "status"}
      data-testid="status-banner"
      data-status={status}
    >
      <strong className="status-title">{title}</strong>
      {status === "postponed" && dayList ? <p className="status-days" data-testid="status-days">{t("common.statusNewDays", { days: dayList })}</p> : null}
      {message ? <p className="status-message">{message}</p> : null}
      {decisionExpectedOn ? (
        <p className="status-decision">
          {t("common.statusDecisionExpected", { date: eventDate(decisionExpectedOn) })}
        </p>
      ) : null}
      {changedAt && (urgent || message) ? (
        <p className="status-changed" data-testid="status-changed">
          <time dateTime={changedAt}>{t("common.statusChangedAt", { moment: moment(changedAt) })}</time>
        </p>
      ) : null}
    </section>
  );
}

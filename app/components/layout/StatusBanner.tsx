import type { EditionStatus } from "~/rules/edition-status";
import { useI18n } from "~/i18n/use-i18n";

export interface StatusBannerProps {
  status: EditionStatus;
  message: string;
  decisionExpectedOn: string | null;
}

/** Whether the market goes ahead, above everything else on every public page. */
export function StatusBanner({ status, message, decisionExpectedOn }: StatusBannerProps) {
  const { t, eventDate } = useI18n();
  const title =
    status === "scheduled"
      ? t("common.statusScheduled")
      : status === "uncertain"
        ? t("common.statusUncertain")
        : t("common.statusCancelled");
  // Only a change from the normal state needs to interrupt a screen reader.
  const urgent = status !== "scheduled";
  return (
    <section
      className={`status-banner status-${status}`}
      role={urgent ? "alert" : "status"}
      data-testid="status-banner"
      data-status={status}
    >
      <strong className="status-title">{title}</strong>
      {message ? <p className="status-message">{message}</p> : null}
      {decisionExpectedOn ? (
        <p className="status-decision">
          {t("common.statusDecisionExpected", { date: eventDate(decisionExpectedOn) })}
        </p>
      ) : null}
    </section>
  );
}

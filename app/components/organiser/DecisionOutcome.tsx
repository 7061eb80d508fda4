/** What a decision did: how many changed (each with a mail queued) and which were refused, and why. */
import { Link } from "@remix-run/react";
import { useI18n } from "~/i18n/use-i18n";

type State = "submitted" | "approved" | "waitlisted" | "rejected" | "withdrawn" | "cancelled";

export function DecisionOutcomeNotice({
  outcome,
}: {
  outcome: { to: "approved" | "waitlisted" | "rejected"; changed: { id: number; stallName: string }[]; refused: { id: number; stallName: string; from: State }[]; conflict: boolean };
}) {
  const { t } = useI18n();
  return (
    <div className={`notice${outcome.refused.length || outcome.conflict ? " warn" : ""}`} role="status" data-testid="decision-outcome">
      {outcome.conflict ? <p>{t("organiser.conflict")}</p> : null}
      {outcome.changed.length ? <p>{t("organiser.decided", { count: outcome.changed.length, state: t(`organiser.state_${outcome.to}`) })}</p> : null}
      {outcome.refused.length ? (
        <>
          <p>{t("organiser.refusedCount", { count: outcome.refused.length })}</p>
          <ul>
            {outcome.refused.map((r) => (
              <li key={r.id}>
                <Link to={`/organiser/applications/${r.id}`}>{r.stallName}</Link>:{" "}
                {t("organiser.refusedTransition", { from: t(`organiser.state_${r.from}`), to: t(`organiser.state_${outcome.to}`) })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

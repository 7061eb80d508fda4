/**
 * "Indeling voorstellen" (issue 14): asks the server for a placement plan for one day or all
 * days, lists every proposed placement with its reasons, the stalls that cannot be placed and
 * the wishes not met, and accepts all or one (undo removes the accepted batch). The proposed
 * placements are handed to the map (`onPreview`), which draws them dashed, apart from real ones.
 */
import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useI18n } from "~/i18n/use-i18n";
import type { ProposalActionData } from "~/routes/organiser.map_.proposal";
import { GOALS, levelOfWeight } from "~/forms/placement-goals";
import type { ProposedPlacement } from "~/rules/placement-plan";
import { placementSentence, unmetWishText, unplacedText } from "~/rules/placement-text";

export interface PreviewPlacement {
  spotId: number;
  dayIds: number[];
  label: string;
}

/** The goals as the map editor's loader sends them (placementGoalsSummary). */
export interface GoalsSummary {
  weights: Record<(typeof GOALS)[number], number>;
  caps: { nameNl: string; nameEn: string; cap: number }[];
  zones: { nameNl: string; nameEn: string; spots: number }[];
}

export function PlacementProposalPanel(props: { dayId: number | null; multiDay: boolean; goals: GoalsSummary; onPreview: (preview: PreviewPlacement[]) => void }) {
  const { t } = useI18n();
  const fetcher = useFetcher<ProposalActionData>();
  const [day, setDay] = useState<"this" | "all">("all");
  const [mode, setMode] = useState<"unplaced" | "replan">("unplaced");
  const [lastBatch, setLastBatch] = useState<number | null>(null);
  const data = fetcher.data;
  const busy = fetcher.state !== "idle";
  const plan = data && "plan" in data ? data : null;
  const { onPreview } = props;

  useEffect(() => {
    if (data?.ok && data.intent === "accept") setLastBatch(data.batchId);
    if (data?.ok && data.intent === "undo") setLastBatch(null);
    onPreview(plan ? plan.plan.placements.flatMap((p) => p.spotIds.map((spotId) => ({ spotId, dayIds: p.dayIds, label: `${p.stallName} (${t("placement.proposed")})` }))) : []);
  }, [data, plan, onPreview, t]);

  const scope = { day: day === "all" || props.dayId === null ? "all" : String(props.dayId), mode };
  const send = (fields: Record<string, string | number>) =>
    fetcher.submit(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])), { method: "post", action: "/organiser/map/proposal" });

  return (
    <details className="card proposal-panel" data-testid="proposal-panel" open={Boolean(plan)}>
      <summary>
        <h2 id="proposal-title">{t("placement.title")}</h2>
      </summary>
      <p className="hint">{t("placement.intro")}</p>
      <GoalsLine goals={props.goals} />
      {props.multiDay ? (
        <label>
          {t("placement.scopeDay")}{" "}
          <select value={day} onChange={(e) => setDay(e.target.value as "this" | "all")}>
            <option value="all">{t("placement.allDays")}</option>
            <option value="this">{t("placement.thisDay")}</option>
          </select>
        </label>
      ) : null}
      <label>
        {t("placement.scopeMode")}{" "}
        <select value={mode} onChange={(e) => setMode(e.target.value as "unplaced" | "replan")}>
          <option value="unplaced">{t("placement.modeUnplaced")}</option>
          <option value="replan">{t("placement.modeReplan")}</option>
        </select>
      </label>
      <div className="proposal-actions">
        <button type="button" className="button primary" disabled={busy} onClick={() => send({ intent: "propose", ...scope })}>
          {t("placement.propose")}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => send({ intent: "lock", locked: "true" })}>
          {t("placement.lockAll")}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => send({ intent: "lock", locked: "false" })}>
          {t("placement.unlockAll")}
        </button>
      </div>
      <Feedback data={data} />
      {lastBatch ? (
        <button type="button" className="button" disabled={busy} onClick={() => send({ intent: "undo", batchId: lastBatch, ...scope })}>
          {t("placement.undo")}
        </button>
      ) : null}
      {plan ? (
        <>
          {plan.plan.placements.length > 0 ? (
            <>
              <h3>{t("placement.proposals", { count: plan.plan.placements.length })}</h3>
              <button type="button" className="button primary" disabled={busy} onClick={() => send({ intent: "accept", fingerprint: plan.fingerprint, ...plan.scope, day: String(plan.scope.day) })} data-testid="accept-all">
                {t("placement.acceptAll")}
              </button>
              <ul className="proposal-list">
                {plan.plan.placements.map((p) => (
                  <Proposal key={`${p.applicationId}-${p.dayIds.join()}`} placement={p} busy={busy} onAccept={() => send({ intent: "accept", fingerprint: plan.fingerprint, ...plan.scope, day: String(plan.scope.day), applicationId: p.applicationId })} />
                ))}
              </ul>
            </>
          ) : (
            <p>{t("placement.nothingToPropose")}</p>
          )}
          {plan.plan.unplaced.length > 0 ? (
            <>
              <h3>{t("placement.unplacedTitle", { count: plan.plan.unplaced.length })}</h3>
              <ul className="proposal-list" data-testid="proposal-unplaced">
                {plan.plan.unplaced.map((u) => (
                  <li key={`${u.applicationId}`}>
                    <strong>{u.stallName}</strong>: {unplacedText(u.reason, t)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {plan.plan.unmetWishes.length > 0 ? (
            <>
              <h3>{t("placement.unmetTitle", { count: plan.plan.unmetWishes.length })}</h3>
              <ul className="proposal-list">
                {plan.plan.unmetWishes.map((u, i) => (
                  <li key={`${u.applicationId}-${i}`}>
                    <strong>{u.stallName}</strong>: {unmetWishText(u, t)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </details>
  );
}

/** The goals the plan weighs, in one or two lines, with the way to change them. */
function GoalsLine({ goals }: { goals: GoalsSummary }) {
  const { t, language } = useI18n();
  const name = (c: { nameNl: string; nameEn: string }) => (language === "en" ? c.nameEn : c.nameNl);
  // Only what differs from normal is named: "Doelen: wensen van de standhouder hoog; de rest normaal."
  const differing = GOALS.map((goal) => ({ goal, level: levelOfWeight(goal, goals.weights[goal]) })).filter((g) => g.level !== "normal");
  const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
  const weights =
    differing.length === 0
      ? t("placement.goalsAllNormal")
      : t(differing.length === GOALS.length ? "placement.goalsDifferAll" : "placement.goalsDiffer", {
          list: differing.map((g) => `${lower(t(`organiser.goal_${g.goal}`))}: ${t(`organiser.level_${g.level}`).toLowerCase()}`).join("; "),
        });
  return (
    <p className="hint proposal-goals" data-testid="proposal-goals">
      {weights}{" "}
      {goals.caps.length > 0 ? `${t("placement.goalsCaps", { caps: goals.caps.map((c) => `${name(c)} ${c.cap}`).join(", ") })} ` : null}
      {goals.zones.length > 0 ? `${t("placement.goalsZones", { zones: goals.zones.map((z) => `${name(z)} (${t("placement.goalsZoneSpots", { count: z.spots })})`).join(", ") })} ` : null}
      <Link to="/organiser/map/goals">{t("placement.goalsChange")}</Link>
    </p>
  );
}

function Proposal({ placement, busy, onAccept }: { placement: ProposedPlacement; busy: boolean; onAccept: () => void }) {
  const { t } = useI18n();
  return (
    <li data-testid="proposal">
      <strong>{placement.stallName}</strong> → {placement.spotCodes.join(" + ")}
      <br />
      <span className="stall-facts">{placementSentence(placement, t)}</span>{" "}
      <button type="button" className="button small" disabled={busy} onClick={onAccept} aria-label={t("placement.acceptOne", { name: placement.stallName })}>
        {t("placement.accept")}
      </button>
    </li>
  );
}

function Feedback({ data }: { data: ProposalActionData | undefined }) {
  const { t } = useI18n();
  if (!data) return null;
  if (data.ok) {
    if (data.intent === "accept") return <p role="status" className="notice ok">{t("placement.accepted", { count: data.placed })}</p>;
    if (data.intent === "undo") return <p role="status" className="notice ok">{t("placement.undone", { count: data.removed })}</p>;
    if (data.intent === "lock") return <p role="status" className="notice ok">{t(data.locked ? "placement.locked" : "placement.unlocked", { count: data.count })}</p>;
    return null;
  }
  const key = data.error === "stale" ? "placement.stale" : data.error === "occupied" ? "placement.occupied" : data.error === "undo_refused" ? "placement.undoRefused" : data.error === "nothing" ? "placement.nothing" : "placement.failed";
  return (
    <p role="alert" className="notice error" data-testid="proposal-error">
      {t(key)}
    </p>
  );
}

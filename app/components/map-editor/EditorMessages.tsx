/**
 * What the organiser is told after a change, shown over the map where they are looking (not above
 * the tabs): refusals and confirmations in live regions that screen readers announce, and the
 * warnings that need a reason, with the reason asked for right there.
 */
import { useEffect, useRef, useState } from "react";
import type { MessageKey } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import type { MapEditorActionData } from "~/routes/organiser.map";
import type { HardProblem, Warning } from "~/rules/spot-fit";

type T = ReturnType<typeof useI18n>["t"];

export function MapMessages(props: {
  result: MapEditorActionData | undefined;
  warnings: Warning[];
  busy: boolean;
  /** Stretches of the street where the free passage is below the edition's minimum (issue 15). */
  passage?: { minimumM: number; stretches: { fromM: number; toM: number; narrowestM: number; codes: string[] }[] };
  onAccept: (reason: string) => void;
  onCancelWarnings: () => void;
}) {
  const { t } = useI18n();
  const [dismissed, setDismissed] = useState<MapEditorActionData | undefined>(undefined);
  const result = props.result === dismissed ? undefined : props.result;
  const okKey = result?.ok ? (result.message?.key as MessageKey | undefined) : undefined;
  const refusal = result && !result.ok ? refusalText(result, t) : null;
  return (
    <div className="map-messages" aria-label={t("editor.messagesLabel")} role="region">
      {/* Both live regions are always in the page, so a message put into them is announced. */}
      <div aria-live="polite" aria-atomic="true" className="map-message-slot">
        {okKey ? (
          <p className="map-message ok" data-testid="editor-notice">
            {t(okKey, result?.ok ? result.message?.params : undefined)}
            <DismissButton onClick={() => setDismissed(props.result)} />
          </p>
        ) : null}
      </div>
      <div aria-live="assertive" aria-atomic="true" className="map-message-slot">
        {refusal ? (
          <p className="map-message error" data-testid="editor-error">
            {t("editor.refused", { reason: refusal })}
            <DismissButton onClick={() => setDismissed(props.result)} />
          </p>
        ) : null}
      </div>
      <div aria-live="polite" aria-atomic="true" className="map-message-slot">
        {props.passage && props.passage.stretches.length > 0 ? <PassageWarning passage={props.passage} /> : null}
      </div>
      {props.warnings.length > 0 ? <AcceptWarnings warnings={props.warnings} busy={props.busy} onAccept={props.onAccept} onCancel={props.onCancelWarnings} /> : null}
    </div>
  );
}

function PassageWarning({ passage }: { passage: NonNullable<Parameters<typeof MapMessages>[0]["passage"]> }) {
  const { t, language } = useI18n();
  const [closed, setClosed] = useState(false);
  const m = (n: number) => new Intl.NumberFormat(language === "en" ? "en-GB" : "nl-NL", { maximumFractionDigits: 1 }).format(n);
  if (closed) return null;
  const narrowest = Math.min(...passage.stretches.map((s) => s.narrowestM));
  // One sentence over the map; the stretches folded away, so the map stays in view.
  return (
    <div className="map-message passage" data-testid="editor-passage">
      <p>{t("editor.passageNarrow", { min: m(passage.minimumM), count: passage.stretches.length, width: m(narrowest) })}</p>
      <details>
        <summary>{t("editor.passageShow")}</summary>
        <ul>
          {passage.stretches.map((s) => (
            <li key={`${s.fromM}-${s.toM}`}>
              {t("editor.passageStretch", { from: m(s.fromM), to: m(s.toM), width: m(s.narrowestM), codes: s.codes.join(", ") })}
            </li>
          ))}
        </ul>
      </details>
      <DismissButton onClick={() => setClosed(true)} />
    </div>
  );
}

function DismissButton({ onClick }: { onClick: () => void }) {
  const { t } = useI18n();
  return (
    <button type="button" className="map-message-close" onClick={onClick} aria-label={t("editor.dismiss")} title={t("editor.dismiss")}>
      ×
    </button>
  );
}

/** A refusal as the sentence after "Niet opgeslagen:"; null when it is shown some other way. */
export function refusalText(result: Extract<MapEditorActionData, { ok: false }>, t: T): string | null {
  const assign = result.result;
  if (assign && !assign.ok) {
    if (assign.reason === "warnings") return null; // shown as the accept-warnings form
    if (assign.reason === "not_found") return t("editor.notFound");
    if (assign.reason === "reason_required") return t("editor.reasonRequired");
    return assign.problems.map((p) => hardText(p, t)).join("; ");
  }
  if (result.error === "fields") return t("editor.fieldsInvalid");
  if (result.error === "stale") return t("editor.spotStale");
  if (result.error === "assigned_cannot_block") return t("editor.spotCannotBlock");
  if (result.problem === "overlaps_spot") {
    return t(result.intent === "add-spot" ? "editor.addSpotOverlaps" : "editor.spotOverlaps", { code: result.overlapsCode ?? "" });
  }
  if (result.problem) return t("editor.shapeInvalid", { problem: t(`editor.shape_${result.problem}` as MessageKey) });
  if (result.error === "reason_required") return t("editor.reasonRequired");
  if (result.layoutProblem) return t(`editor.layout_${result.layoutProblem}`);
  return t("editor.saveFailed");
}

function hardText(problem: HardProblem, t: T): string {
  switch (problem.code) {
    case "spot_taken":
      return t("editor.hardSpotTaken", { code: problem.spotCode, name: problem.takenBy });
    case "blocked_spot":
      return t("editor.hardBlocked", { code: problem.spotCode });
    case "day_not_applied":
      return t("editor.hardDay");
    case "spots_not_adjacent":
      return t("editor.hardAdjacent");
    case "no_spots":
      return t("editor.hardNoSpots");
  }
}

function AcceptWarnings({ warnings, busy, onAccept, onCancel }: { warnings: Warning[]; busy: boolean; onAccept: (reason: string) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  // The reason is asked for where the stall was dropped: the cursor goes straight into the box.
  useEffect(() => field.current?.focus(), []);
  const missing = tried && !reason.trim();
  return (
    <section className="map-message warnings" role="alertdialog" aria-labelledby="warnings-title" aria-describedby="warnings-list" data-testid="accept-warnings">
      <h2 id="warnings-title">{t("editor.warningsTitle")}</h2>
      <ul id="warnings-list">
        {warnings.map((w, i) => (
          <li key={i}>
            {w.code === "no_electricity"
              ? t("editor.warnNoPower")
              : w.code === "too_small"
                ? t("editor.warnTooSmall", { need: w.needCm, have: w.haveCm })
                : t("editor.warnSameCategory", { name: w.neighbourName, code: w.neighbourCode })}
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (reason.trim()) onAccept(reason.trim());
        }}
      >
        <label htmlFor="accept-reason">{t("editor.acceptReason")}</label>
        <textarea ref={field} id="accept-reason" value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={missing} aria-describedby={missing ? "accept-reason-error" : undefined} />
        {missing ? (
          <p id="accept-reason-error" className="field-error" role="alert">
            {t("editor.reasonRequired")}
          </p>
        ) : null}
        <div className="row">
          <button type="submit" className="button primary" disabled={busy}>
            {t("editor.acceptAnyway")}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t("editor.cancel")}
          </button>
        </div>
      </form>
    </section>
  );
}

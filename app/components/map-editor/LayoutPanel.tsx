/**
 * The "street layout" tab's side panel: the spot sizes and the stretch along the street line,
 * a preview and replacing the layout, and the landmarks. The numbers keep what the user typed
 * ("2,5" is fine); a value out of range gets its own sentence next to the field and nothing is saved.
 */
import { useState } from "react";
import type { MessageKey } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import type { MapEditorActionData } from "~/routes/organiser.map";
import type { EditorData, LngLat, Submit } from "./types";

type LayoutField = "spotWidthM" | "spotDepthM" | "gapM" | "offsetM" | "startM" | "endM";
const FIELDS: { name: LayoutField; label: MessageKey }[] = [
  { name: "spotWidthM", label: "editor.spotWidth" },
  { name: "spotDepthM", label: "editor.spotDepth" },
  { name: "gapM", label: "editor.gap" },
  { name: "offsetM", label: "editor.offset" },
  { name: "startM", label: "editor.startM" },
  { name: "endM", label: "editor.endM" },
];

interface PreviewPlan {
  kept: string[];
  added: string[];
  removed: string[];
  lostAssignments: { stallName: string; spotCode: string }[];
}

export function LayoutPanel({ data, line, onLineReset, submit, busy, result }: { data: EditorData; line: LngLat[]; onLineReset: () => void; submit: Submit; busy: boolean; result: MapEditorActionData | undefined }) {
  const { t, language } = useI18n();
  const params = data.layoutParams;
  const shown = (n: number | undefined) => (n === undefined || n === null ? "" : language === "nl" ? String(n).replace(".", ",") : String(n));
  const [form, setForm] = useState<Record<LayoutField, string>>({
    spotWidthM: shown(params?.spotWidthM ?? 3),
    spotDepthM: shown(params?.spotDepthM ?? 3),
    gapM: shown(params?.gapM ?? 1.5),
    offsetM: shown(params?.offsetM ?? 3.5),
    startM: shown(params?.startM),
    endM: shown(params?.endM),
  });
  // The typed text goes to the server as it stands; the server reads "2,5" and says what is wrong.
  const paramsJson = () =>
    JSON.stringify({
      sides: params?.sides ?? [{ side: "left", codePrefix: "N" }, { side: "right", codePrefix: "Z" }],
      skips: params?.skips ?? [],
      ...form,
    });
  const layoutResult = result && (result.intent === "preview-layout" || result.intent === "apply-layout") ? result : undefined;
  const fieldErrors = layoutResult && !layoutResult.ok ? (layoutResult.fieldErrors ?? {}) : {};
  const preview = layoutResult?.ok && layoutResult.intent === "preview-layout" ? (layoutResult.preview as { plan: PreviewPlan }).plan : null;
  return (
    <section className="layout-panel" aria-labelledby="layout-sizes">
      <p className="hint">{t("editor.editLineHint")}</p>
      <form
        className="layout-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit({ intent: "preview-layout", line: JSON.stringify(line), params: paramsJson() });
        }}
      >
        <fieldset>
          <legend id="layout-sizes">{t("editor.layoutSection")}</legend>
          {FIELDS.map(({ name, label }) => {
            const error = fieldErrors[name] as MessageKey | undefined;
            return (
              <div key={name} className={`layout-field${error ? " invalid" : ""}`}>
                <label htmlFor={`layout-${name}`}>{t(label)}</label>
                <input
                  id={`layout-${name}`}
                  name={name}
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  value={form[name]}
                  onChange={(e) => setForm({ ...form, [name]: e.target.value })}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `layout-${name}-error` : undefined}
                />
                {error ? (
                  <p id={`layout-${name}-error`} className="field-error" data-testid={`layout-error-${name}`}>
                    {t(error)}
                  </p>
                ) : null}
              </div>
            );
          })}
        </fieldset>
        <div className="row">
          <button type="submit" className="button" disabled={busy}>
            {t("editor.preview")}
          </button>
          <button type="button" className="button" onClick={onLineReset}>
            {t("editor.cancel")}
          </button>
        </div>
      </form>
      {preview ? (
        <div className="card layout-preview" data-testid="layout-preview">
          <p>{t("editor.previewSummary", { kept: preview.kept.length, added: preview.added.length, removed: preview.removed.length })}</p>
          {preview.lostAssignments.length > 0 ? (
            <>
              <p>{t("editor.lostAssignments")}</p>
              <ul>
                {preview.lostAssignments.map((a, i) => (
                  <li key={i}>
                    {a.stallName} ({a.spotCode})
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t("editor.noneLost")}</p>
          )}
          <button type="button" className="button primary" disabled={busy} onClick={() => submit({ intent: "apply-layout", line: JSON.stringify(line), params: paramsJson() })}>
            {t("editor.applyLayout")}
          </button>
        </div>
      ) : null}
      <h2>{t("editor.landmarks")}</h2>
      <ul className="landmark-list">
        {data.landmarks.map((l) => (
          <li key={l.id}>
            <span>{language === "en" ? l.nameEn : l.nameNl}</span>
            <button type="button" className="button small" disabled={busy} onClick={() => submit({ intent: "delete-landmark", landmarkId: l.id })}>
              {t("editor.deleteLandmark")}
            </button>
          </li>
        ))}
      </ul>
      <LandmarkForm data={data} line={line} submit={submit} busy={busy} result={result} />
    </section>
  );
}

function LandmarkForm({ data, line, submit, busy, result }: { data: EditorData; line: LngLat[]; submit: Submit; busy: boolean; result: MapEditorActionData | undefined }) {
  const { t } = useI18n();
  const errors = result && !result.ok && result.intent === "add-landmark" ? (result.fieldErrors ?? {}) : {};
  return (
    <form
      className="landmark-form"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const centre = data.spots.length > 0 ? data.spots[Math.floor(data.spots.length / 2)]!.centre : line[0];
        submit({ intent: "add-landmark", kind: String(f.get("kind")), nameNl: String(f.get("nameNl")), nameEn: String(f.get("nameEn")), position: JSON.stringify(centre) });
      }}
    >
      <label>
        <span>{t("editor.landmarkKind")}</span>
        <select name="kind">
          {(["stage", "first_aid", "toilets", "information", "waste", "terrace", "ride"] as const).map((k) => (
            <option key={k} value={k}>
              {t(`editor.landmark_${k}`)}
            </option>
          ))}
        </select>
      </label>
      {(["nameNl", "nameEn"] as const).map((name) => (
        <label key={name}>
          <span>{t(name === "nameNl" ? "editor.landmarkNameNl" : "editor.landmarkNameEn")}</span>
          <input name={name} required maxLength={80} aria-invalid={errors[name] ? true : undefined} />
          {errors[name] ? <span className="field-error">{t(errors[name] as MessageKey)}</span> : null}
        </label>
      ))}
      <button type="submit" className="button" disabled={busy}>
        {t("editor.addLandmark")}
      </button>
    </form>
  );
}

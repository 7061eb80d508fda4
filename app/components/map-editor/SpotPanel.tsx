/** One spot chosen on the map: who stands there, and (for organisers) its size, power, water and kind. */
import { useEffect, useRef } from "react";
import type { MessageKey } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import type { MapEditorActionData } from "~/routes/organiser.map";
import type { EditorSpotRow, Submit } from "./types";

export function SpotPanel({ spot, submit, busy, onUnassign, result, bringIntoView = false }: { spot: EditorSpotRow; submit: Submit; busy: boolean; onUnassign: (applicationId: number) => void; result: MapEditorActionData | undefined; bringIntoView?: boolean }) {
  const { t } = useI18n();
  // The panel opens below the side panel's other content, which on a laptop scrolls on its own:
  // without this, a spot clicked on the map opens a panel the organiser cannot see.
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (bringIntoView) section.current?.scrollIntoView({ block: "start" });
  }, [bringIntoView, spot.id]);
  const errors = result && !result.ok && result.intent === "update-spot" ? (result.fieldErrors ?? {}) : {};
  const field = (name: "widthM" | "depthM" | "bearingDeg", label: MessageKey, value: number) => (
    <label>
      <span>{t(label)}</span>
      <input name={name} type="text" inputMode="decimal" defaultValue={value} aria-invalid={errors[name] ? true : undefined} aria-describedby={errors[name] ? `spot-${name}-error` : undefined} />
      {errors[name] ? (
        <span id={`spot-${name}-error`} className="field-error">
          {t(errors[name] as MessageKey)}
        </span>
      ) : null}
    </label>
  );
  return (
    <section ref={section} className="card spot-panel" aria-labelledby="spot-panel-title">
      <h2 id="spot-panel-title">{t("editor.spotPanel", { code: spot.code })}</h2>
      {spot.occupant ? (
        <p>
          {spot.occupant.stallName}{" "}
          <button type="button" className="button small" disabled={busy} onClick={() => onUnassign(spot.occupant!.applicationId)}>
            {t("editor.unassign")}
          </button>
        </p>
      ) : null}
      <form
        className="spot-form"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          submit({
            intent: "update-spot",
            spotId: spot.id,
            version: spot.version,
            centre: JSON.stringify(spot.centre),
            widthM: String(f.get("widthM")),
            depthM: String(f.get("depthM")),
            bearingDeg: String(f.get("bearingDeg")),
            hasElectricity: f.get("hasElectricity") ? "true" : "false",
            hasWater: f.get("hasWater") ? "true" : "false",
            kind: String(f.get("kind")),
            note: String(f.get("note") ?? ""),
            houseNumbers: String(f.get("houseNumbers") ?? ""),
          });
        }}
      >
        {field("widthM", "editor.width", spot.widthCm / 100)}
        {field("depthM", "editor.depth", spot.depthCm / 100)}
        {field("bearingDeg", "editor.rotation", Math.round(spot.bearingDeg))}
        <label className="check">
          <input name="hasElectricity" type="checkbox" defaultChecked={spot.hasElectricity} /> {t("editor.electricity")}
        </label>
        <label className="check">
          <input name="hasWater" type="checkbox" defaultChecked={spot.hasWater} /> {t("editor.water")}
        </label>
        <label>
          <span>{t("editor.kind")}</span>
          <select name="kind" defaultValue={spot.kind}>
            <option value="stall">{t("editor.kindStall")}</option>
            <option value="food_truck">{t("editor.kindFoodTruck")}</option>
            <option value="activity">{t("editor.kindActivity")}</option>
            <option value="blocked">{t("editor.kindBlocked")}</option>
          </select>
        </label>
        <label>
          <span>{t("editor.note")}</span>
          <input name="note" maxLength={300} defaultValue={spot.note} />
        </label>
        <label>
          <span>{t("editor.houseNumbers")}</span>
          <span className="hint" id="spot-houseNumbers-hint">
            {t("editor.houseNumbersHint")}
          </span>
          <input
            name="houseNumbers"
            maxLength={100}
            defaultValue={spot.houseNumbers}
            aria-invalid={errors.houseNumbers ? true : undefined}
            aria-describedby={errors.houseNumbers ? "spot-houseNumbers-hint spot-houseNumbers-error" : "spot-houseNumbers-hint"}
          />
          {errors.houseNumbers ? (
            <span id="spot-houseNumbers-error" className="field-error">
              {t(errors.houseNumbers as MessageKey)}
            </span>
          ) : null}
        </label>
        <div className="row">
          <button type="submit" className="button primary" disabled={busy}>
            {t("editor.saveSpot")}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => submit({ intent: "delete-spot", spotId: spot.id })}>
            {t("editor.deleteSpot")}
          </button>
        </div>
      </form>
    </section>
  );
}

/**
 * The side panel beside the map on the "place stalls" tab: filters, the chosen stall's controls,
 * and the stalls, those not placed yet first. For a volunteer it is a read-only list of where each
 * stall stands: no placing instructions, nothing to drag or choose.
 */
import { useMemo, useState } from "react";
import { STALL_DRAG_TYPE } from "~/components/map/EditorMap.client";
import { useI18n } from "~/i18n/use-i18n";
import type { EditorData, EditorSpotRow, EditorStall } from "./types";

export interface StallFilters {
  category: string;
  power: boolean;
  unplaced: boolean;
  wide: boolean;
}

export function StallPanel(props: {
  data: EditorData;
  canEdit: boolean;
  selectedStallId: number | null;
  onSelectStall: (id: number) => void;
  /** The chosen stall's controls (rendered above the list when a stall is chosen). */
  selected: React.ReactNode;
}) {
  const { data, canEdit } = props;
  const { t, language } = useI18n();
  const [filters, setFilters] = useState<StallFilters>({ category: "", power: false, unplaced: false, wide: false });
  const visible = useMemo(
    () =>
      data.stalls.filter(
        (s) =>
          (!filters.category || s.categoryKey === filters.category) &&
          (!filters.power || s.needsElectricity) &&
          (!filters.unplaced || s.placedOn.length === 0) &&
          (!filters.wide || s.frontageCm > 300) &&
          (data.dayId === null || s.dayIds.includes(data.dayId)),
      ),
    [data.stalls, data.dayId, filters],
  );
  const unplaced = visible.filter((s) => s.placedOn.length === 0);
  const placed = visible.filter((s) => s.placedOn.length > 0);
  const categoryName = (key: string) => {
    const c = data.categories.find((x) => x.key === key);
    return c ? (language === "en" ? c.nameEn : c.nameNl) : key;
  };
  const item = (s: EditorStall) => (
    <li
      key={s.applicationId}
      draggable={canEdit || undefined}
      onDragStart={
        canEdit
          ? (e) => {
              e.dataTransfer.setData(STALL_DRAG_TYPE, String(s.applicationId));
              e.dataTransfer.effectAllowed = "move";
            }
          : undefined
      }
      className={s.applicationId === props.selectedStallId ? "selected" : undefined}
      data-application={s.applicationId}
    >
      {canEdit ? (
        <button type="button" onClick={() => props.onSelectStall(s.applicationId)} aria-pressed={s.applicationId === props.selectedStallId} aria-label={t("editor.selectStall", { name: s.stallName })}>
          <span className="swatch" style={{ background: s.colour }} aria-hidden="true" />
          <strong>{s.stallName}</strong>
        </button>
      ) : (
        <span className="stall-name">
          <span className="swatch" style={{ background: s.colour }} aria-hidden="true" />
          <strong>{s.stallName}</strong>
        </span>
      )}
      <span className="stall-facts">
        {categoryName(s.categoryKey)} · {s.frontageCm / 100} m{s.needsElectricity ? " · ⚡" : ""} ·{" "}
        {s.paymentState === "paid" ? t("editor.paid") : s.paymentState === "not_required" ? t("editor.free") : t("editor.unpaid")} ·{" "}
        {s.placedOn.length > 0 ? t("editor.placedOn", { codes: s.placedOn.join(", ") }) : t("editor.notPlaced")}
      </span>
    </li>
  );
  return (
    <div className="stall-panel">
      <p className="hint">{canEdit ? t("editor.dragHint") : t("editor.readOnlyPanel")}</p>
      <fieldset className="editor-filters">
        <legend className="visually-hidden">{t("editor.stallsToPlace")}</legend>
        <label className="filter-category">
          <span>{t("editor.filterCategory")}</span>
          <select value={filters.category} onChange={(e) => setFilters({ ...filters, category: e.target.value })}>
            <option value="">{t("editor.filterAll")}</option>
            {data.categories.map((c) => (
              <option key={c.key} value={c.key}>
                {language === "en" ? c.nameEn : c.nameNl}
              </option>
            ))}
          </select>
        </label>
        <div className="filter-checks">
          <label>
            <input type="checkbox" checked={filters.power} onChange={(e) => setFilters({ ...filters, power: e.target.checked })} /> {t("editor.filterPower")}
          </label>
          <label>
            <input type="checkbox" checked={filters.unplaced} onChange={(e) => setFilters({ ...filters, unplaced: e.target.checked })} /> {t("editor.filterUnplaced")}
          </label>
          <label>
            <input type="checkbox" checked={filters.wide} onChange={(e) => setFilters({ ...filters, wide: e.target.checked })} /> {t("editor.filterSize")}
          </label>
        </div>
      </fieldset>

      {props.selected}

      <h2 className="stall-count">
        {t("editor.stallsToPlace")} ({visible.length})
      </h2>
      <div className="editor-stalls" data-testid="editor-stalls">
        {unplaced.length > 0 ? (
          <>
            <h3>
              {t("editor.filterUnplaced")} ({unplaced.length})
            </h3>
            <ul>{unplaced.map(item)}</ul>
          </>
        ) : null}
        {placed.length > 0 ? (
          <>
            <h3>
              {t("editor.placedHeading")} ({placed.length})
            </h3>
            <ul>{placed.map(item)}</ul>
          </>
        ) : null}
      </div>
    </div>
  );
}

export function SelectedStall(props: {
  stall: EditorStall;
  spots: EditorSpotRow[];
  selectedSpotId: number | null;
  onSpot: (id: number) => void;
  dayScope: "all" | "this";
  onDayScope: (scope: "all" | "this") => void;
  multiDay: boolean;
  onAssign: (spotId: number) => void;
  onUnassign: () => void;
  onSwap: (otherId: number) => void;
  otherPlaced: EditorStall[];
  busy: boolean;
}) {
  const { t } = useI18n();
  const [swapWith, setSwapWith] = useState("");
  return (
    <section className="card selected-stall" aria-label={t("editor.selectedStall", { name: props.stall.stallName })}>
      <h2>{t("editor.selectedStall", { name: props.stall.stallName })}</h2>
      <label>
        <span>{t("editor.chooseSpot")}</span>
        <select value={String(props.selectedSpotId ?? "")} onChange={(e) => props.onSpot(Number(e.target.value))} data-testid="spot-select">
          <option value="">—</option>
          {props.spots.map((s) => (
            <option key={s.id} value={s.id} disabled={s.kind === "blocked"}>
              {s.code} ({s.state === "free" ? t("editor.stateFree") : s.state === "blocked" ? t("editor.stateBlocked") : s.occupant?.stallName}){s.hasElectricity ? " ⚡" : ""}
            </option>
          ))}
        </select>
      </label>
      {props.multiDay ? (
        <label>
          <span>{t("editor.day")}</span>
          <select value={props.dayScope} onChange={(e) => props.onDayScope(e.target.value as "all" | "this")}>
            <option value="all">{t("editor.allDays")}</option>
            <option value="this">{t("editor.day")}</option>
          </select>
        </label>
      ) : null}
      <div className="row">
        <button type="button" className="button primary" disabled={props.busy || !props.selectedSpotId} onClick={() => props.selectedSpotId && props.onAssign(props.selectedSpotId)}>
          {t("editor.assign")}
        </button>
        {props.stall.placedOn.length > 0 ? (
          <button type="button" className="button" disabled={props.busy} onClick={props.onUnassign}>
            {t("editor.unassign")}
          </button>
        ) : null}
      </div>
      {props.stall.placedOn.length > 0 && props.otherPlaced.length > 0 ? (
        <div className="row">
          <label>
            <span>{t("editor.swapWith")}</span>
            <select value={swapWith} onChange={(e) => setSwapWith(e.target.value)}>
              <option value="">—</option>
              {props.otherPlaced.map((s) => (
                <option key={s.applicationId} value={s.applicationId}>
                  {s.stallName} ({s.placedOn.join(", ")})
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button" disabled={props.busy || !swapWith} onClick={() => props.onSwap(Number(swapWith))}>
            {t("editor.swap")}
          </button>
        </div>
      ) : null}
    </section>
  );
}

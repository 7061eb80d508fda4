import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ClientOnly } from "~/components/ClientOnly";
import EditorMap, { STALL_DRAG_TYPE } from "~/components/map/EditorMap.client";
import { useI18n } from "~/i18n/use-i18n";
import type { MessageKey } from "~/i18n/i18n";
import type { loader, MapEditorActionData } from "~/routes/organiser.map";
import type { HardProblem, Warning, WarningCode } from "~/rules/spot-fit";
// Issue 14 (placement proposal): panel and its dashed preview on the map.
import { PlacementProposalPanel, type PreviewPlacement } from "./PlacementProposalPanel";

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Stall = Data["stalls"][number];
type Spot = Data["spots"][number];
type LngLat = [number, number];

export function MapEditorPage() {
  const data = useLoaderData<typeof loader>();
  const { t, language, eventDate, moment } = useI18n();
  const fetcher = useFetcher<MapEditorActionData>();
  const [tab, setTab] = useState<"assign" | "layout">("assign");
  const [selectedStallId, setSelectedStallId] = useState<number | null>(null);
  const [selectedSpotId, setSelectedSpotId] = useState<number | null>(null);
  const [dayScope, setDayScope] = useState<"all" | "this">("all");
  const [filters, setFilters] = useState({ category: "", power: false, unplaced: false, wide: false });
  const [pending, setPending] = useState<{ applicationId: number; spotId: number } | null>(null);
  const [line, setLine] = useState<LngLat[]>(data.streetLine as LngLat[]);
  const [proposalPreview, setProposalPreview] = useState<PreviewPlacement[]>([]); // issue 14

  const stall = data.stalls.find((s) => s.applicationId === selectedStallId) ?? null;
  const spot = data.spots.find((s) => s.id === selectedSpotId) ?? null;
  const busy = fetcher.state !== "idle";

  const submit = useCallback(
    (fields: Record<string, string | number>) => {
      fetcher.submit(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])), { method: "post" });
    },
    [fetcher],
  );

  const assign = useCallback(
    (applicationId: number, spotId: number, accepted: WarningCode[] = [], reason = "") => {
      setPending({ applicationId, spotId });
      submit({
        intent: "assign",
        applicationId,
        spotId,
        day: dayScope === "all" ? "all" : String(data.dayId),
        acceptedWarnings: JSON.stringify(accepted),
        acceptReason: reason,
      });
    },
    [submit, dayScope, data.dayId],
  );

  const visibleStalls = useMemo(
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

  const result = fetcher.data;
  const warnings: Warning[] = result && !result.ok && result.result && result.result.ok === false && result.result.reason === "warnings" ? result.result.warnings : [];
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    if (result?.ok) setPending(null);
    // A refused move of a spot or landmark: redraw from the server's data, so nothing pretends it
    // was stored. (A refused layout preview keeps the dragged street line: that is the user's input.)
    else if (result && ["update-spot", "move-landmark", "assign", "swap"].includes(result.intent)) {
      setRevision((r) => r + 1);
    }
  }, [result]);

  const categoryName = (key: string) => {
    const c = data.categories.find((x) => x.key === key);
    return c ? (language === "en" ? c.nameEn : c.nameNl) : key;
  };

  return (
    <div className="map-editor">
      <header className="editor-header">
        <h1>{t("editor.title")}</h1>
        <form method="get" className="editor-day">
          <label>
            {t("editor.day")}{" "}
            <select name="day" defaultValue={String(data.dayId ?? "")} onChange={(e) => e.currentTarget.form?.requestSubmit()}>
              {data.days.map((d) => (
                <option key={d.id} value={d.id}>
                  {eventDate(d.date)}
                </option>
              ))}
            </select>
          </label>
          <noscript>
            <button type="submit">OK</button>
          </noscript>
        </form>
        <p data-testid="publish-state">{data.edition.mapPublishedAt ? t("editor.published", { date: moment(data.edition.mapPublishedAt) }) : t("editor.notPublished")}</p>
        {data.canEdit ? (
          <div className="editor-actions">
            <button type="button" className="button primary" disabled={busy} onClick={() => submit({ intent: "publish" })}>
              {t("editor.publish")}
            </button>
            {data.edition.mapPublishedAt ? (
              <button type="button" className="button" disabled={busy} onClick={() => submit({ intent: "unpublish" })}>
                {t("editor.unpublish")}
              </button>
            ) : null}
            <button type="button" className="button" disabled={busy} onClick={() => submit({ intent: "send-spot-notices" })}>
              {t("editor.sendNotices")}
            </button>
            <Link className="button" to={`/organiser/day${data.dayId ? `?day=${data.dayId}` : ""}`}>
              {t("editor.printView")}
            </Link>
          </div>
        ) : (
          <p>{t("editor.readOnly")}</p>
        )}
      </header>

      <Feedback result={result} t={t} />

      {data.canEdit ? (
        <div role="tablist" className="editor-tabs">
          <button type="button" role="tab" aria-selected={tab === "assign"} onClick={() => setTab("assign")}>
            {t("editor.assignTab")}
          </button>
          <button type="button" role="tab" aria-selected={tab === "layout"} onClick={() => setTab("layout")}>
            {t("editor.layoutTab")}
          </button>
        </div>
      ) : null}

      <div className="editor-body">
        <aside className="editor-panel">
          {/* issue 14: placement proposal */}
          {tab === "assign" && data.canEdit ? <PlacementProposalPanel dayId={data.dayId} multiDay={data.days.length > 1} onPreview={setProposalPreview} /> : null}
          {tab === "assign" ? (
            <>
              <p className="hint">{t("editor.dragHint")}</p>
              <fieldset className="editor-filters">
                <label>
                  {t("editor.filterCategory")}{" "}
                  <select value={filters.category} onChange={(e) => setFilters({ ...filters, category: e.target.value })}>
                    <option value="">{t("editor.filterAll")}</option>
                    {data.categories.map((c) => (
                      <option key={c.key} value={c.key}>
                        {language === "en" ? c.nameEn : c.nameNl}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  <input type="checkbox" checked={filters.power} onChange={(e) => setFilters({ ...filters, power: e.target.checked })} /> {t("editor.filterPower")}
                </label>
                <label>
                  <input type="checkbox" checked={filters.unplaced} onChange={(e) => setFilters({ ...filters, unplaced: e.target.checked })} /> {t("editor.filterUnplaced")}
                </label>
                <label>
                  <input type="checkbox" checked={filters.wide} onChange={(e) => setFilters({ ...filters, wide: e.target.checked })} /> {t("editor.filterSize")}
                </label>
              </fieldset>

              {stall && data.canEdit ? (
                <SelectedStall
                  stall={stall}
                  spots={data.spots}
                  selectedSpotId={selectedSpotId}
                  onSpot={setSelectedSpotId}
                  dayScope={dayScope}
                  onDayScope={setDayScope}
                  multiDay={data.days.length > 1}
                  onAssign={(spotId) => assign(stall.applicationId, spotId)}
                  onUnassign={() => submit({ intent: "unassign", applicationId: stall.applicationId, day: dayScope === "all" ? "all" : String(data.dayId) })}
                  onSwap={(otherId) => submit({ intent: "swap", firstId: stall.applicationId, secondId: otherId, day: String(data.dayId) })}
                  otherPlaced={data.stalls.filter((s) => s.placedOn.length > 0 && s.applicationId !== stall.applicationId)}
                  busy={busy}
                />
              ) : null}

              {warnings.length > 0 && pending ? (
                <AcceptWarnings warnings={warnings} busy={busy} onAccept={(reason) => assign(pending.applicationId, pending.spotId, warnings.map((w) => w.code), reason)} onCancel={() => setPending(null)} />
              ) : null}

              <h2>{t("editor.stallsToPlace")} ({visibleStalls.length})</h2>
              <ul className="editor-stalls" data-testid="editor-stalls">
                {visibleStalls.map((s) => (
                  <li
                    key={s.applicationId}
                    draggable={data.canEdit}
                    onDragStart={(e) => {
                      e.dataTransfer.setData(STALL_DRAG_TYPE, String(s.applicationId));
                      e.dataTransfer.effectAllowed = "move";
                    }}
                    className={s.applicationId === selectedStallId ? "selected" : undefined}
                    data-application={s.applicationId}
                  >
                    <button type="button" onClick={() => setSelectedStallId(s.applicationId)} aria-pressed={s.applicationId === selectedStallId} aria-label={t("editor.selectStall", { name: s.stallName })}>
                      <span className="swatch" style={{ background: s.colour }} aria-hidden="true" />
                      <strong>{s.stallName}</strong>
                    </button>
                    <span className="stall-facts">
                      {categoryName(s.categoryKey)} · {s.frontageCm / 100} m{s.needsElectricity ? " · ⚡" : ""} ·{" "}
                      {s.paymentState === "paid" ? t("editor.paid") : s.paymentState === "not_required" ? t("editor.free") : t("editor.unpaid")} ·{" "}
                      {s.placedOn.length > 0 ? t("editor.placedOn", { codes: s.placedOn.join(", ") }) : t("editor.notPlaced")}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <LayoutPanel line={line} onLineReset={() => setLine(data.streetLine as LngLat[])} submit={submit} busy={busy} result={result} />
          )}
          {spot && data.canEdit ? <SpotPanel key={`${spot.id}-${spot.version}`} spot={spot} submit={submit} busy={busy} onUnassign={(applicationId) => submit({ intent: "unassign", applicationId, day: String(data.dayId) })} /> : null}
        </aside>

        <div className="editor-map-frame">
          <ClientOnly fallback={<div className="editor-map map-placeholder">…</div>}>
            {() => (
              <EditorMap
                spots={data.spots.map((s) => ({
                  id: s.id,
                  code: s.code,
                  polygon: s.polygon as { type: "Polygon"; coordinates: LngLat[][] },
                  centre: s.centre as LngLat,
                  state: s.state,
                  colour: s.colour,
                  hasElectricity: s.hasElectricity,
                  label: `${s.code}${s.hasElectricity ? " ⚡" : ""}${s.occupant ? ` – ${s.occupant.stallName}` : ""}`,
                }))}
                previewSpots={result?.ok && result.intent === "preview-layout" ? ((result.preview as { spots: { code: string; polygon: { coordinates: LngLat[][] } }[] }).spots ?? []) : []}
                previewPlacements={tab === "assign" ? proposalPreview.filter((p) => data.dayId === null || p.dayIds.includes(data.dayId)) : []} // issue 14
                landmarks={data.landmarks.map((l) => ({ id: l.id, kind: l.kind, name: language === "en" ? l.nameEn : l.nameNl, geometry: l.geometry }))}
                streetLine={tab === "layout" ? line : (data.streetLine as LngLat[])}
                selectedSpotId={selectedSpotId}
                layoutMode={tab === "layout"}
                tiles={data.tiles}
                label={t("editor.title")}
                onSpotClick={(spotId) => {
                  if (stall && tab === "assign" && data.canEdit) assign(stall.applicationId, spotId);
                  setSelectedSpotId(spotId);
                }}
                onDropStall={(applicationId, spotId) => {
                  setSelectedStallId(applicationId);
                  setSelectedSpotId(spotId);
                  assign(applicationId, spotId);
                }}
                onLineChange={setLine}
                onSpotMoved={(spotId, centre) => {
                  const moved = data.spots.find((s) => s.id === spotId);
                  if (!moved) return;
                  submit({ intent: "update-spot", spotId, version: moved.version, centre: JSON.stringify(centre), widthM: moved.widthCm / 100, depthM: moved.depthCm / 100, bearingDeg: moved.bearingDeg, hasElectricity: String(moved.hasElectricity), hasWater: String(moved.hasWater), kind: moved.kind, note: moved.note });
                }}
                onLandmarkMoved={(landmarkId, position) => submit({ intent: "move-landmark", landmarkId, position: JSON.stringify(position) })}
                revision={revision}
              />
            )}
          </ClientOnly>
          <ul className="editor-legend" aria-label={t("editor.legend")}>
            <li><span className="swatch" style={{ background: "#fff" }} /> {t("editor.stateFree")}</li>
            <li><span className="swatch" style={{ background: "#1f5fa8" }} /> {t("editor.stateTaken")}</li>
            <li><span className="swatch" style={{ background: "#fff", borderColor: "#d97706", borderWidth: 3 }} /> {t("editor.stateWarning")}</li>
            <li><span className="swatch" style={{ background: "#9ca3af" }} /> {t("editor.stateBlocked")}</li>
            <li><span className="swatch power-dot" aria-hidden="true" /> ⚡ {t("editor.statePower")}</li>
          </ul>
        </div>
      </div>
    </div>
  );
}

function Feedback({ result, t }: { result: MapEditorActionData | undefined; t: ReturnType<typeof useI18n>["t"] }) {
  if (!result) return null;
  if (result.ok) {
    const key = result.message?.key as MessageKey | undefined;
    if (!key) return null;
    return <p role="status" className="notice ok">{t(key, result.message?.params)}</p>;
  }
  const reason = refusalText(result, t);
  if (!reason) return null;
  return (
    <p role="alert" className="notice error" data-testid="editor-error">
      {t("editor.refused", { reason })}
    </p>
  );
}

function refusalText(result: Extract<MapEditorActionData, { ok: false }>, t: ReturnType<typeof useI18n>["t"]): string | null {
  const assign = result.result;
  if (assign && !assign.ok) {
    if (assign.reason === "warnings") return null; // shown as the accept-warnings form
    if (assign.reason === "not_found") return t("editor.notFound");
    return assign.problems.map((p) => hardText(p, t)).join("; ");
  }
  if (result.error === "stale") return t("editor.spotStale");
  if (result.error === "assigned_cannot_block") return t("editor.spotCannotBlock");
  if (result.problem) return t("editor.shapeInvalid", { problem: t(`editor.shape_${result.problem}` as MessageKey) });
  if (result.error === "reason_required") return t("editor.reasonRequired");
  if (result.problems) return t("editor.layoutProblems", { problems: result.problems.join("; ") });
  return t("editor.saveFailed");
}

function hardText(problem: HardProblem, t: ReturnType<typeof useI18n>["t"]): string {
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

function SelectedStall(props: {
  stall: Stall;
  spots: Spot[];
  selectedSpotId: number | null;
  onSpot: (id: number) => void;
  dayScope: "all" | "this";
  onDayScope: (scope: "all" | "this") => void;
  multiDay: boolean;
  onAssign: (spotId: number) => void;
  onUnassign: () => void;
  onSwap: (otherId: number) => void;
  otherPlaced: Stall[];
  busy: boolean;
}) {
  const { t } = useI18n();
  const [swapWith, setSwapWith] = useState("");
  return (
    <section className="card selected-stall" aria-label={t("editor.selectedStall", { name: props.stall.stallName })}>
      <h2>{t("editor.selectedStall", { name: props.stall.stallName })}</h2>
      <label>
        {t("editor.chooseSpot")}{" "}
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
          {t("editor.day")}{" "}
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
            {t("editor.swapWith")}{" "}
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

function AcceptWarnings({ warnings, busy, onAccept, onCancel }: { warnings: Warning[]; busy: boolean; onAccept: (reason: string) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  return (
    <section className="card warnings" role="alertdialog" aria-labelledby="warnings-title" data-testid="accept-warnings">
      <h2 id="warnings-title">{t("editor.warningsTitle")}</h2>
      <ul>
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
      <label htmlFor="accept-reason">{t("editor.acceptReason")}</label>
      <textarea id="accept-reason" value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={tried && !reason.trim()} aria-describedby={tried && !reason.trim() ? "accept-reason-error" : undefined} />
      {tried && !reason.trim() ? <p id="accept-reason-error" className="field-error">{t("editor.reasonRequired")}</p> : null}
      <div className="row">
        <button
          type="button"
          className="button primary"
          disabled={busy}
          onClick={() => {
            setTried(true);
            if (reason.trim()) onAccept(reason.trim());
          }}
        >
          {t("editor.acceptAnyway")}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t("editor.cancel")}
        </button>
      </div>
    </section>
  );
}

function SpotPanel({ spot, submit, busy, onUnassign }: { spot: Spot; submit: (f: Record<string, string | number>) => void; busy: boolean; onUnassign: (applicationId: number) => void }) {
  const { t } = useI18n();
  return (
    <section className="card spot-panel" aria-labelledby="spot-panel-title">
      <h2 id="spot-panel-title">{t("editor.spotPanel", { code: spot.code })}</h2>
      {spot.occupant ? (
        <p>
          {spot.occupant.stallName}{" "}
          <button type="button" className="button" disabled={busy} onClick={() => onUnassign(spot.occupant!.applicationId)}>
            {t("editor.unassign")}
          </button>
        </p>
      ) : null}
      <form
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
          });
        }}
      >
        <label>{t("editor.width")} <input name="widthM" type="number" step="0.1" min="0.5" max="50" defaultValue={spot.widthCm / 100} /></label>
        <label>{t("editor.depth")} <input name="depthM" type="number" step="0.1" min="0.5" max="50" defaultValue={spot.depthCm / 100} /></label>
        <label>{t("editor.rotation")} <input name="bearingDeg" type="number" step="1" min="-360" max="360" defaultValue={Math.round(spot.bearingDeg)} /></label>
        <label><input name="hasElectricity" type="checkbox" defaultChecked={spot.hasElectricity} /> {t("editor.electricity")}</label>
        <label><input name="hasWater" type="checkbox" defaultChecked={spot.hasWater} /> {t("editor.water")}</label>
        <label>
          {t("editor.kind")}{" "}
          <select name="kind" defaultValue={spot.kind}>
            <option value="stall">{t("editor.kindStall")}</option>
            <option value="food_truck">{t("editor.kindFoodTruck")}</option>
            <option value="activity">{t("editor.kindActivity")}</option>
            <option value="blocked">{t("editor.kindBlocked")}</option>
          </select>
        </label>
        <label>{t("editor.note")} <input name="note" maxLength={300} defaultValue={spot.note} /></label>
        <div className="row">
          <button type="submit" className="button primary" disabled={busy}>{t("editor.saveSpot")}</button>
          <button type="button" className="button" disabled={busy} onClick={() => submit({ intent: "delete-spot", spotId: spot.id })}>{t("editor.deleteSpot")}</button>
        </div>
      </form>
    </section>
  );
}

function LayoutPanel({ line, onLineReset, submit, busy, result }: { line: LngLat[]; onLineReset: () => void; submit: (f: Record<string, string | number>) => void; busy: boolean; result: MapEditorActionData | undefined }) {
  const { t } = useI18n();
  const data = useLoaderData<typeof loader>();
  const params = data.layoutParams;
  const [form, setForm] = useState({
    spotWidthM: params?.spotWidthM ?? 3,
    spotDepthM: params?.spotDepthM ?? 3,
    gapM: params?.gapM ?? 1.5,
    offsetM: params?.offsetM ?? 3.5,
    startM: params?.startM ?? 0,
    endM: params?.endM ?? 0,
  });
  const paramsJson = () =>
    JSON.stringify({
      ...params,
      sides: params?.sides ?? [{ side: "left", codePrefix: "N" }, { side: "right", codePrefix: "Z" }],
      skips: params?.skips ?? [],
      spotWidthM: Number(form.spotWidthM),
      spotDepthM: Number(form.spotDepthM),
      gapM: Number(form.gapM),
      offsetM: Number(form.offsetM),
      startM: Number(form.startM) || undefined,
      endM: Number(form.endM) || undefined,
    });
  const preview = result?.ok && result.intent === "preview-layout" ? (result.preview as { plan: { kept: string[]; added: string[]; removed: string[]; lostAssignments: { stallName: string; spotCode: string }[] } }).plan : null;
  const field = (name: keyof typeof form, label: MessageKey) => (
    <label>
      {t(label)} <input type="number" step="0.1" value={form[name]} onChange={(e) => setForm({ ...form, [name]: Number(e.target.value) })} />
    </label>
  );
  return (
    <section className="layout-panel">
      <p className="hint">{t("editor.editLineHint")}</p>
      {field("spotWidthM", "editor.spotWidth")}
      {field("spotDepthM", "editor.spotDepth")}
      {field("gapM", "editor.gap")}
      {field("offsetM", "editor.offset")}
      {field("startM", "editor.startM")}
      {field("endM", "editor.endM")}
      <div className="row">
        <button type="button" className="button" disabled={busy} onClick={() => submit({ intent: "preview-layout", line: JSON.stringify(line), params: paramsJson() })}>
          {t("editor.preview")}
        </button>
        <button type="button" className="button" onClick={onLineReset}>
          {t("editor.cancel")}
        </button>
      </div>
      {preview ? (
        <div className="card" data-testid="layout-preview">
          <p>{t("editor.previewSummary", { kept: preview.kept.length, added: preview.added.length, removed: preview.removed.length })}</p>
          {preview.lostAssignments.length > 0 ? (
            <>
              <p>{t("editor.lostAssignments")}</p>
              <ul>
                {preview.lostAssignments.map((a, i) => (
                  <li key={i}>{a.stallName} ({a.spotCode})</li>
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
      <ul>
        {data.landmarks.map((l) => (
          <li key={l.id}>
            {l.nameNl} / {l.nameEn}{" "}
            <button type="button" className="button" disabled={busy} onClick={() => submit({ intent: "delete-landmark", landmarkId: l.id })}>
              {t("editor.deleteLandmark")}
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const centre = data.spots.length > 0 ? data.spots[Math.floor(data.spots.length / 2)]!.centre : line[0];
          submit({ intent: "add-landmark", kind: String(f.get("kind")), nameNl: String(f.get("nameNl")), nameEn: String(f.get("nameEn")), position: JSON.stringify(centre) });
        }}
      >
        <label>
          {t("editor.landmarkKind")}{" "}
          <select name="kind">
            {(["stage", "first_aid", "toilets", "information", "waste", "terrace", "ride"] as const).map((k) => (
              <option key={k} value={k}>{t(`editor.landmark_${k}`)}</option>
            ))}
          </select>
        </label>
        <label>{t("editor.landmarkNameNl")} <input name="nameNl" required maxLength={80} /></label>
        <label>{t("editor.landmarkNameEn")} <input name="nameEn" required maxLength={80} /></label>
        <button type="submit" className="button" disabled={busy}>{t("editor.addLandmark")}</button>
      </form>
    </section>
  );
}

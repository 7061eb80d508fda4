/**
 * The organisers' map editor as one workspace: a toolbar, the side panel (stalls or layout) and the
 * map taking the rest of the screen's height. Messages appear over the map (EditorMessages.tsx).
 * Parts: StallPanel (filters, chosen stall, list), LayoutPanel, SpotPanel — a further panel (for
 * instance placement proposals) is one more component in the side panel.
 */
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ClientOnly } from "~/components/ClientOnly";
import EditorMap, { type EditorSpot } from "~/components/map/EditorMap.client";
import { useI18n } from "~/i18n/use-i18n";
import type { loader, MapEditorActionData } from "~/routes/organiser.map";
import type { Warning, WarningCode } from "~/rules/spot-fit";
import { MapMessages } from "./EditorMessages";
import { LayoutPanel } from "./LayoutPanel";
import { SpotPanel } from "./SpotPanel";
import { SelectedStall, StallPanel } from "./StallPanel";
import type { LngLat } from "./types";
// Issue 14 (placement proposal): panel and its dashed preview on the map.
import { PlacementProposalPanel, type PreviewPlacement } from "./PlacementProposalPanel";

export function MapEditorPage() {
  const data = useLoaderData<typeof loader>();
  const { t, language, eventDate, moment } = useI18n();
  const fetcher = useFetcher<MapEditorActionData>();
  const [tab, setTab] = useState<"assign" | "layout">("assign");
  const [selectedStallId, setSelectedStallId] = useState<number | null>(null);
  const [selectedSpotId, setSelectedSpotId] = useState<number | null>(null);
  const [dayScope, setDayScope] = useState<"all" | "this">("all");
  const [pending, setPending] = useState<{ applicationId: number; spotId: number } | null>(null);
  const [line, setLine] = useState<LngLat[]>(data.streetLine as LngLat[]);
  const workspace = useRef<HTMLDivElement>(null);
  const [proposalPreview, setProposalPreview] = useState<PreviewPlacement[]>([]); // issue 14

  const canEdit = data.canEdit;
  const stall = data.stalls.find((s) => s.applicationId === selectedStallId) ?? null;
  const spot = data.spots.find((s) => s.id === selectedSpotId) ?? null;
  const busy = fetcher.state !== "idle";

  // On a laptop the editor is a workspace of one screen: bring it into view on arrival, so the
  // map has the screen's height (the site's header and navigation are a scroll up).
  useEffect(() => {
    const element = workspace.current;
    if (!element || window.scrollY > 0 || !window.matchMedia("(min-width: 60rem) and (min-height: 34rem)").matches) return;
    element.scrollIntoView({ block: "start" });
  }, [data.dayId]);

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

  const mapSpots = useMemo<EditorSpot[]>(
    () =>
      data.spots.map((s) => ({
        id: s.id,
        code: s.code,
        polygon: s.polygon as EditorSpot["polygon"],
        centre: s.centre as LngLat,
        state: s.state,
        colour: s.colour,
        hasElectricity: s.hasElectricity,
        stallName: s.occupant?.stallName ?? null,
        label: `${s.code}${s.hasElectricity ? " ⚡" : ""}${s.occupant ? ` – ${s.occupant.stallName}` : ""}`,
      })),
    [data.spots],
  );
  const mapLandmarks = useMemo(() => data.landmarks.map((l) => ({ id: l.id, kind: l.kind, name: language === "en" ? l.nameEn : l.nameNl, geometry: l.geometry })), [data.landmarks, language]);
  const streetLine = useMemo(() => data.streetLine as LngLat[], [data.streetLine]);
  const previewSpots = useMemo(
    () => (result?.ok && result.intent === "preview-layout" ? ((result.preview as { spots: { code: string; polygon: { coordinates: LngLat[][] } }[] }).spots ?? []) : []),
    [result],
  );

  return (
    <div className="map-editor" ref={workspace}>
      <header className="editor-header">
        <h1>{t("editor.title")}</h1>
        <form method="get" className="editor-day">
          <label>
            <span>{t("editor.day")}</span>{" "}
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
        <p className="publish-state" data-testid="publish-state">
          {data.edition.mapPublishedAt ? t("editor.published", { date: moment(data.edition.mapPublishedAt) }) : t("editor.notPublished")}
        </p>
        {canEdit ? (
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
          <div className="editor-actions">
            <p className="read-only-note">{t("editor.readOnly")}</p>
            <Link className="button" to={`/organiser/day${data.dayId ? `?day=${data.dayId}` : ""}`}>
              {t("editor.printView")}
            </Link>
          </div>
        )}
      </header>

      <div className="editor-body">
        <aside className="editor-panel" aria-label={tab === "assign" ? t("editor.assignTab") : t("editor.layoutTab")}>
          {canEdit ? (
            <div role="tablist" className="editor-tabs">
              <button type="button" role="tab" aria-selected={tab === "assign"} onClick={() => setTab("assign")}>
                {t("editor.assignTab")}
              </button>
              <button type="button" role="tab" aria-selected={tab === "layout"} onClick={() => setTab("layout")}>
                {t("editor.layoutTab")}
              </button>
            </div>
          ) : null}
          {/* issue 14: placement proposal */}
          {tab === "assign" && canEdit ? <PlacementProposalPanel dayId={data.dayId} multiDay={data.days.length > 1} goals={data.goals} onPreview={setProposalPreview} /> : null}
          {tab === "assign" ? (
            <StallPanel
              data={data}
              canEdit={canEdit}
              selectedStallId={selectedStallId}
              onSelectStall={setSelectedStallId}
              selected={
                stall && canEdit ? (
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
                ) : null
              }
            />
          ) : (
            <LayoutPanel data={data} line={line} onLineReset={() => setLine(data.streetLine as LngLat[])} submit={submit} busy={busy} result={result} />
          )}
          {spot && canEdit ? (
            <SpotPanel key={`${spot.id}-${spot.version}`} spot={spot} submit={submit} busy={busy} result={result} bringIntoView={tab === "layout" || !stall} onUnassign={(applicationId) => submit({ intent: "unassign", applicationId, day: String(data.dayId) })} />
          ) : null}
        </aside>

        <div className="editor-map-frame">
          <ClientOnly fallback={<div className="editor-map map-placeholder">…</div>}>
            {() => (
              <EditorMap
                spots={mapSpots}
                previewSpots={previewSpots}
                previewPlacements={tab === "assign" ? proposalPreview.filter((p) => data.dayId === null || p.dayIds.includes(data.dayId)) : []} // issue 14
                landmarks={mapLandmarks}
                streetLine={tab === "layout" ? line : streetLine}
                selectedSpotId={selectedSpotId}
                layoutMode={tab === "layout"}
                tiles={data.tiles}
                label={t("editor.title")}
                onSpotClick={(spotId) => {
                  if (stall && tab === "assign" && canEdit) assign(stall.applicationId, spotId);
                  setSelectedSpotId(spotId);
                }}
                onDropStall={(applicationId, spotId) => {
                  if (!canEdit) return;
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
          <MapMessages
            result={result}
            warnings={pending ? warnings : []}
            busy={busy}
            passage={data.passage}
            onAccept={(reason) => pending && assign(pending.applicationId, pending.spotId, warnings.map((w) => w.code), reason)}
            onCancelWarnings={() => setPending(null)}
          />
          <ul className="editor-legend" aria-label={t("editor.legend")}>
            <li><span className="swatch" style={{ background: "#fff" }} /> {t("editor.stateFree")}</li>
            <li><span className="swatch" style={{ background: "#1f5fa8" }} /> {t("editor.stateTaken")}</li>
            <li><span className="swatch" style={{ background: "#fff", borderColor: "#d97706", borderWidth: 3 }} /> {t("editor.stateWarning")}</li>
            <li><span className="swatch" style={{ background: "#9ca3af" }} /> {t("editor.stateBlocked")}</li>
            <li><span className="swatch power-dot" aria-hidden="true" /> {t("editor.statePower")}</li>
          </ul>
        </div>
      </div>
    </div>
  );
}

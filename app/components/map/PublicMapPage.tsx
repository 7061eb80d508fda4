/**
 * The public map on event day, phone first: search and category chips on top, then the map (with
 * a bottom sheet for the tapped stall) or the same stalls as a list. Deep links (?stall=N-12) open
 * a stall; the visitor's own position shows when they allow it.
 */
import { Link } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { PublicProgrammeItem } from "~/data/public-map.server";
import { useI18n } from "~/i18n/use-i18n";
import { countStalls, stallsOnMap, type StallOnMap } from "~/rules/public-stalls";
import { roundedDistance, whereAmI, type Nearby } from "~/rules/nearby";
import { matchesQuery } from "~/rules/search";
import { NowNext } from "./NowNext";
import { OfflineNote } from "./OfflineNote";
import { LazyStallMap } from "./LazyStallMap";
import { LandmarkList, Legend, StallList } from "./StallList";
import {
  FREE_SPOT_COLOUR,
  landmarkPoint,
  type MapFocus,
  type MapSpot,
  type OwnPosition,
  type PublicMap,
  type TileConfig,
} from "./map-types";

export type MapView = "map" | "list";

export interface PublicMapPageProps {
  map: PublicMap;
  programme: PublicProgrammeItem[];
  tiles: TileConfig;
  serverNow: string;
  builtAt: string;
  deepLink: { code: string | null; unknown: boolean };
  initialView: MapView;
}

export function PublicMapPage({ map, programme, tiles, serverNow, builtAt, deepLink, initialView }: PublicMapPageProps) {
  const { t, language } = useI18n();
  const [view, setView] = useState<MapView>(initialView);
  const [query, setQuery] = useState("");
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set());
  const [selectedCode, setSelectedCode] = useState<string | null>(deepLink.code);
  const [focus, setFocus] = useState<MapFocus | null>(() => {
    const spot = map.spots.find((s) => s.code === deepLink.code);
    return spot ? { point: spot.centre, seq: 0 } : null;
  });
  const [tilesFailed, setTilesFailed] = useState(false);
  const me = useOwnPosition();

  const categoryByKey = useMemo(() => new Map(map.categories.map((c) => [c.key, c])), [map.categories]);
  const categoryName = useCallback(
    (key: string) => {
      const category = categoryByKey.get(key);
      return category ? (language === "en" ? category.nameEn : category.nameNl) : "";
    },
    [categoryByKey, language],
  );
  const landmarkName = useCallback((l: PublicMap["landmarks"][number]) => (language === "en" ? l.nameEn : l.nameNl), [language]);
  const colourOf = useCallback(
    (spot: MapSpot) => categoryByKey.get(spot.stalls[0]?.categoryKey ?? "")?.colour ?? FREE_SPOT_COLOUR,
    [categoryByKey],
  );

  // A stall on a run of spots is drawn as one shape: its spots share its number (per day).
  const runOf = useCallback((spot: MapSpot) => (spot.stalls[0] ? `${spot.stalls[0].stall} ${spot.stalls[0].date}` : null), []);
  // One entry per stall (and day), however many spots it stands on.
  const entries = useMemo<StallOnMap[]>(() => stallsOnMap(map.spots), [map.spots]);
  const filtering = query.trim() !== "" || chosen.size > 0;
  const matching = useMemo(
    () =>
      entries.filter(
        (stall) =>
          (chosen.size === 0 || chosen.has(stall.categoryKey)) &&
          stall.codes.some((code) => matchesQuery({ code, texts: [stall.stallName, stall.description, categoryName(stall.categoryKey)] }, query)),
      ),
    [entries, chosen, query, categoryName],
  );
  const visibleCodes = useMemo(() => (filtering ? new Set(matching.flatMap((e) => e.codes)) : null), [filtering, matching]);
  const searching = query.trim() !== "";
  // Search points at the map: the matches are highlighted and brought into view.
  const highlightCodes = searching && matching.length > 0 ? visibleCodes : null;
  // A single match opens its card (without taking the focus from the search field).
  const openedBySearch = useRef<string | null>(null);
  const single = searching && matching.length === 1 ? matching[0]!.codes[0]! : null;
  useEffect(() => {
    if (single) {
      openedBySearch.current = single;
      setSelectedCode(single);
    } else if (openedBySearch.current) {
      const opened = openedBySearch.current;
      openedBySearch.current = null;
      setSelectedCode((current) => (current === opened ? null : current));
    }
  }, [single]);
  const clearSearch = () => {
    setQuery("");
    setChosen(new Set());
    document.getElementById("map-search-input")?.focus();
  };
  const noMatch = filtering && matching.length === 0 && entries.length > 0;
  const [panelOpen, setPanelOpen] = useState(false);
  // The stage (map and panel) fills the screen from where it starts down to the bottom edge.
  const stage = useRef<HTMLDivElement>(null);
  const panel = useRef<HTMLElement>(null);
  const [stageHeight, setStageHeight] = useState<string | null>(null);
  useEffect(() => {
    const measure = () => {
      const top = (stage.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
      setStageHeight(`max(20rem, calc(100dvh - ${Math.round(top) + 8}px))`);
    };
    measure();
    // On a laptop the side panel is open from the start.
    if (window.matchMedia("(min-width: 64rem)").matches) setPanelOpen(true);
    window.addEventListener("resize", measure);
    return () => window.removeEventListener("resize", measure);
  }, []);
  // "Waar ben ik?" in words: the nearest stall or landmark and how far, and how exact the position is.
  const whereText = useMemo(() => {
    if (!me.position) return null;
    const centreOf = new Map(map.spots.map((spot) => [spot.code, spot.centre]));
    const things: Nearby[] = [
      ...entries.flatMap((entry) => {
        const point = centreOf.get(entry.codes[0] ?? "");
        return point ? [{ name: `${entry.stallName} (${entry.codesLabel})`, point }] : [];
      }),
      ...map.landmarks.map((landmark) => ({ name: landmarkName(landmark), point: landmarkPoint(landmark) })),
    ];
    const distance = (metres: number) => {
      const rounded = roundedDistance(metres);
      return `${rounded.value.toLocaleString(language === "en" ? "en-GB" : "nl-NL")} ${rounded.unit}`;
    };
    const where = whereAmI([me.position.lon, me.position.lat], things);
    const first = where.kind === "near" ? t("map.locatedNear", { distance: distance(where.metres), name: where.name }) : where.kind === "away" ? t("map.locatedAway", { distance: distance(where.metres) }) : "";
    return [first, t("map.locatedAccuracy", { accuracy: distance(me.position.accuracyM) })].filter(Boolean).join(" ");
  }, [me.position, map.spots, map.landmarks, entries, landmarkName, language, t]);
  const stallTotal = countStalls(entries);
  const matchingTotal = countStalls(matching);
  const selected = map.spots.find((spot) => spot.code === selectedCode) ?? null;

  const switchView = (next: MapView) => {
    setView(next);
    const url = new URL(window.location.href);
    if (next === "list") url.searchParams.set("view", "list");
    else url.searchParams.delete("view");
    window.history.replaceState(window.history.state, "", url);
  };
  const showOnMap = (code: string) => {
    const spot = map.spots.find((s) => s.code === code);
    setSelectedCode(code);
    if (!window.matchMedia("(min-width: 64rem)").matches) setPanelOpen(false);
    if (spot) setFocus((previous) => ({ point: spot.centre, seq: (previous?.seq ?? 0) + 1 }));
    switchView("map");
  };
  const showLandmark = (index: number) => {
    const landmark = map.landmarks[index];
    if (!landmark) return;
    setSelectedCode(null);
    setFocus((previous) => ({ point: landmarkPoint(landmark), seq: (previous?.seq ?? 0) + 1 }));
    switchView("map");
  };
  const toggleCategory = (key: string) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const editionName = language === "en" ? map.edition.nameEn : map.edition.nameNl;
  const multiDay = map.edition.days.length > 1;
  const published = map.edition.published;

  return (
    <div className="page map-page">
      <h1>
        {t("map.title")} <span className="subtitle">{editionName}</span>
      </h1>
      <OfflineNote builtAt={builtAt} />
      {deepLink.unknown ? (
        <p className="notice" role="status" data-testid="deep-link-note">
          {t("map.deepLinkUnknown")}
        </p>
      ) : null}
      {!published ? (
        <p className="notice" data-testid="not-published">
          {t("map.notPublished")}
        </p>
      ) : null}
      {published ? (
        <div className="map-bar">
          <nav className="view-switch" aria-label={t("map.viewLabel")}>
            <a href="?" aria-current={view === "map" ? "page" : undefined} onClick={(event) => (event.preventDefault(), switchView("map"))} data-testid="view-map">
              {t("map.viewMap")}
            </a>
            <a href="?view=list" aria-current={view === "list" ? "page" : undefined} onClick={(event) => (event.preventDefault(), switchView("list"))} data-testid="view-list">
              {t("map.viewList")}
            </a>
          </nav>
          <p className="result-count" role="status" aria-live="polite" data-testid="result-count">
            {filtering ? t("map.resultCount", { count: matchingTotal, total: stallTotal }) : t("map.stallCountLabel", { count: stallTotal })}
          </p>
        </div>
      ) : (
        <NowNext items={programme} serverNow={serverNow} compact />
      )}

      {/* Map first: the map fills the screen under the status line; search, chips, the list and the
          programme live in a panel over it (a bottom sheet on a phone, a side panel on a laptop). */}
      <div className="map-stage" data-view={view} ref={stage} style={stageHeight && view === "map" ? { height: stageHeight } : undefined}>
        <div className="map-frame" data-testid="map-frame" hidden={view !== "map"}>
          <LazyStallMap
            spots={map.spots}
            landmarks={map.landmarks}
            streetLine={map.streetLine}
            streets={map.streets}
            colourOf={colourOf}
            runOf={runOf}
            selectedCode={selectedCode}
            onSelect={(code) => {
              setSelectedCode(code);
              setPanelOpen(false);
            }}
            tiles={tiles}
            onTilesFailed={() => setTilesFailed(true)}
            label={t("map.mapLabel")}
            landmarkName={landmarkName}
            visibleCodes={visibleCodes}
            highlightCodes={highlightCodes}
            coveredBelow={() => (panel.current && getComputedStyle(panel.current).position === "absolute" ? panel.current.offsetHeight : 0)}
            attributionPosition="topleft"
            focus={focus}
            me={me.position}
            meLabel={t("map.youAreHere")}
            visible={view === "map"}
            placeholder={t("map.loadingMap")}
          />
          <LocateButton me={me} whereText={whereText} />
          {tilesFailed ? <p className="map-note" role="status">{t("map.tilesFailed")}</p> : null}
          {selected ? (
            <StallSheet spot={selected} entries={entries} takeFocus={openedBySearch.current !== selected.code} categoryName={categoryName} showDates={multiDay} onClose={() => setSelectedCode(null)} />
          ) : null}
        </div>

        {published ? (
          <section ref={panel} className="map-panel" data-open={panelOpen} data-testid="map-panel" aria-label={t("map.panelLabel")}>
            {view === "map" ? (
              <button
                type="button"
                className="panel-handle"
                aria-expanded={panelOpen}
                aria-controls="map-panel-more"
                onClick={() => setPanelOpen((open) => !open)}
                data-testid="panel-toggle"
              >
                <span className="panel-grip" aria-hidden="true" />
                {panelOpen ? t("map.panelClose") : t("map.panelOpen")}
              </button>
            ) : null}
            <form role="search" className="map-search" onSubmit={(event) => event.preventDefault()}>
              <label htmlFor="map-search-input" className="visually-hidden">{t("map.searchLabel")}</label>
              <input
                id="map-search-input"
                type="search"
                value={query}
                onChange={(event) => setQuery(event.target.value)}
                placeholder={t("map.searchPlaceholder")}
                autoComplete="off"
                enterKeyHint="search"
                maxLength={100}
                data-testid="map-search"
              />
            </form>
            <div className="chips" role="group" aria-label={t("map.categoriesLabel")}>
              <button type="button" className="chip" aria-pressed={chosen.size === 0} onClick={() => setChosen(new Set())}>
                {t("map.allCategories")}
              </button>
              {map.categories.map((category) => (
                <button
                  key={category.key}
                  type="button"
                  className="chip"
                  aria-pressed={chosen.has(category.key)}
                  onClick={() => toggleCategory(category.key)}
                  data-category={category.key}
                >
                  <span className="swatch" style={{ background: category.colour }} aria-hidden="true" />
                  {language === "en" ? category.nameEn : category.nameNl}
                </button>
              ))}
            </div>
            {noMatch ? (
              <div className="notice no-match" data-testid="no-match">
                <p>{t("map.resultNone")}</p>
                <button type="button" className="button" onClick={clearSearch} data-testid="clear-search">
                  {t("map.clearSearch")}
                </button>
              </div>
            ) : null}
            {view === "map" ? (
              <div className="panel-more" id="map-panel-more" hidden={!panelOpen}>
                <NowNext items={programme} serverNow={serverNow} compact />
                {noMatch ? null : (
                  <StallList
                    entries={matching}
                    categories={map.categories}
                    showDates={multiDay}
                    selectedCode={selectedCode}
                    onShowOnMap={showOnMap}
                    emptyText={t("map.listEmpty")}
                  />
                )}
              </div>
            ) : (
              <NowNext items={programme} serverNow={serverNow} compact />
            )}
          </section>
        ) : null}
      </div>

      {view === "list" && published ? (
        <section aria-labelledby="list-heading" className="list-view">
          <h2 id="list-heading">{t("map.listHeading")}</h2>
          {noMatch ? null : (
            <StallList
              entries={matching}
              categories={map.categories}
              showDates={multiDay}
              selectedCode={selectedCode}
              onShowOnMap={showOnMap}
              emptyText={t("map.listEmpty")}
            />
          )}
          <LandmarkList landmarks={map.landmarks} onShowOnMap={showLandmark} />
        </section>
      ) : null}

      {published ? <Legend categories={map.categories} /> : null}
      <p className="open-data-link">
        <Link to="/open-data">{t("map.openData")}</Link>
      </p>
    </div>
  );
}

function StallSheet({
  spot,
  entries,
  takeFocus,
  categoryName,
  showDates,
  onClose,
}: {
  spot: MapSpot;
  entries: StallOnMap[];
  takeFocus: boolean;
  categoryName: (key: string) => string;
  showDates: boolean;
  onClose: () => void;
}) {
  const { t, eventDate } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocus) heading.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when another spot opens
  }, [spot.code]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  const first = spot.stalls[0];
  // All the spots of the stall standing here ("N-08–N-09"), not only the one tapped.
  const codes = entries.find((entry) => first && entry.stall === first.stall && entry.date === first.date)?.codesLabel ?? spot.code;
  return (
    <section className="stall-sheet" aria-labelledby="sheet-heading" data-testid="stall-sheet">
      <h2 id="sheet-heading" ref={heading} tabIndex={-1}>
        {first?.stallName ?? t("map.freeSpot")}
      </h2>
      <dl>
        <dt>{t("map.spotCode")}</dt>
        <dd data-testid="sheet-spot">{codes}</dd>
        {spot.stalls.map((stall) => (
          <div key={stall.date} className="sheet-stall">
            {showDates ? (
              <>
                <dt>{eventDate(stall.date)}</dt>
                <dd>{stall.stallName}</dd>
              </>
            ) : null}
            <dt>{t("map.category")}</dt>
            <dd>{categoryName(stall.categoryKey)}</dd>
            {stall.description ? <dd className="sheet-description">{stall.description}</dd> : null}
          </div>
        ))}
      </dl>
      <div className="sheet-actions">
        <a href={`/map?stall=${encodeURIComponent(spot.code)}`} data-testid="stall-link">
          {t("map.linkToStall")}
        </a>
        <button type="button" className="button" onClick={onClose}>
          {t("map.close")}
        </button>
      </div>
    </section>
  );
}

interface OwnPositionState {
  position: OwnPosition | null;
  status: "off" | "locating" | "on" | "failed" | "unsupported";
  start: () => void;
  stop: () => void;
}

/** The visitor's position, only after they ask for it (and their browser allows it). */
function useOwnPosition(): OwnPositionState {
  const [position, setPosition] = useState<OwnPosition | null>(null);
  const [status, setStatus] = useState<OwnPositionState["status"]>("off");
  const watch = useRef<number | null>(null);
  const located = useRef(false);
  const stop = useCallback(() => {
    located.current = false;
    if (watch.current !== null) navigator.geolocation.clearWatch(watch.current);
    watch.current = null;
    setPosition(null);
    setStatus("off");
  }, []);
  const start = useCallback(() => {
    if (!("geolocation" in navigator)) {
      setStatus("unsupported");
      return;
    }
    setStatus("locating");
    watch.current = navigator.geolocation.watchPosition(
      (p) => {
        located.current = true;
        setPosition({ lat: p.coords.latitude, lon: p.coords.longitude, accuracyM: p.coords.accuracy });
        setStatus("on");
      },
      (error) => {
        // Once there is a position, a passing hiccup (no fix for a moment, a timeout) keeps the last
        // one and the watch; a refusal, or no position at all, ends it.
        if (located.current && error.code !== error.PERMISSION_DENIED) return;
        setStatus("failed");
        setPosition(null);
        located.current = false;
        if (watch.current !== null) navigator.geolocation.clearWatch(watch.current);
        watch.current = null;
      },
      { enableHighAccuracy: true, maximumAge: 15_000, timeout: 20_000 },
    );
  }, []);
  useEffect(() => () => {
    if (watch.current !== null) navigator.geolocation.clearWatch(watch.current);
  }, []);
  return { position, status, start, stop };
}

function LocateButton({ me, whereText }: { me: OwnPositionState; whereText: string | null }) {
  const { t } = useI18n();
  const on = me.status === "on" || me.status === "locating";
  return (
    <div className="locate" data-covers-map>
      <button type="button" className="button locate-button" aria-pressed={on} onClick={on ? me.stop : me.start} data-testid="locate">
        {on ? t("map.locateStop") : t("map.locate")}
      </button>
      {me.status === "locating" || me.status === "failed" || me.status === "unsupported" ? (
        <p className="map-note locate-note" role="status">
          {me.status === "locating" ? t("map.locating") : me.status === "failed" ? t("map.locateFailed") : t("map.locateUnsupported")}
        </p>
      ) : me.status === "on" && whereText ? (
        <p className="map-note locate-note" role="status" data-testid="locate-where">
          {whereText}
        </p>
      ) : null}
    </div>
  );
}

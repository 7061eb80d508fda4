import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import leafletStyles from "leaflet/dist/leaflet.css";
import { useCallback, useEffect, useRef, useState } from "react";
import { ClientOnly } from "~/components/ClientOnly";
import StallMap from "~/components/map/StallMap.client";
import { FREE_SPOT_COLOUR, type MapSpot } from "~/components/map/map-types";
import { Legend, StallList } from "~/components/map/StallList";
import { findCurrentEdition } from "~/data/editions.server";
import { loadPublicMap } from "~/data/public-map.server";
import { env } from "~/env.server";
import { useI18n } from "~/i18n/use-i18n";
import { localDate } from "~/rules/calendar";

// Leaflet's CSS only on the page that shows a map.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletStyles }];

export const meta: MetaFunction = () => [{ title: "Plattegrond – SK Zomerparade" }];

export function loader(_args: LoaderFunctionArgs) {
  const edition = findCurrentEdition(localDate(new Date()));
  if (!edition) throw new Response("No edition", { status: 404 });
  const config = env();
  return json({
    map: loadPublicMap(edition),
    tiles: { url: config.TILE_URL, attribution: config.TILE_ATTRIBUTION },
  });
}

export default function MapPage() {
  const { map, tiles } = useLoaderData<typeof loader>();
  const { t, language, eventDate } = useI18n();
  const [selectedCode, setSelectedCode] = useState<string | null>(null);
  const [tilesFailed, setTilesFailed] = useState(false);
  const sheetHeading = useRef<HTMLHeadingElement>(null);

  const categoryColour = new Map(map.categories.map((c) => [c.key, c.colour]));
  const colourOf = useCallback(
    (spot: MapSpot) => {
      const key = spot.stalls[0]?.categoryKey;
      return (key && categoryColour.get(key)) || FREE_SPOT_COLOUR;
    },
    // The categories never change while the page is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [map.categories],
  );
  const selected = map.spots.find((spot) => spot.code === selectedCode) ?? null;
  const categoryName = (key: string) => {
    const category = map.categories.find((c) => c.key === key);
    return category ? (language === "en" ? category.nameEn : category.nameNl) : "";
  };

  useEffect(() => {
    if (selected) sheetHeading.current?.focus();
  }, [selected]);

  const editionName = language === "en" ? map.edition.nameEn : map.edition.nameNl;
  const multiDay = map.edition.days.length > 1;

  return (
    <div className="page map-page">
      <h1>{t("map.title")} <span className="subtitle">{editionName}</span></h1>
      {map.edition.published ? <p className="lead">{t("map.intro")}</p> : <p className="notice" data-testid="not-published">{t("map.notPublished")}</p>}

      <div className="map-frame" data-testid="map-frame">
        <ClientOnly fallback={<div className="stall-map map-placeholder">{t("map.loadingMap")}</div>}>
          {() => (
            <StallMap
              spots={map.spots}
              landmarks={map.landmarks}
              streetLine={map.streetLine}
              colourOf={colourOf}
              selectedCode={selectedCode}
              onSelect={setSelectedCode}
              tiles={tiles}
              onTilesFailed={() => setTilesFailed(true)}
              label={t("map.mapLabel")}
              landmarkName={(l) => (language === "en" ? l.nameEn : l.nameNl)}
            />
          )}
        </ClientOnly>
        {tilesFailed ? <p className="map-note" role="status">{t("map.tilesFailed")}</p> : null}
      </div>

      {selected ? (
        <section className="stall-sheet" aria-labelledby="sheet-heading" data-testid="stall-sheet">
          <h2 id="sheet-heading" ref={sheetHeading} tabIndex={-1}>
            {selected.stalls[0]?.stallName ?? t("map.spot", { code: selected.code })}
          </h2>
          <dl>
            <dt>{t("map.spotCode")}</dt>
            <dd data-testid="sheet-spot">{selected.code}</dd>
            {selected.stalls.map((stall) => (
              <div key={stall.date} className="sheet-stall">
                {multiDay ? <dt>{eventDate(stall.date)}</dt> : null}
                <dt>{t("map.category")}</dt>
                <dd>{categoryName(stall.categoryKey)}</dd>
                {stall.description ? <dd className="sheet-description">{stall.description}</dd> : null}
              </div>
            ))}
          </dl>
          <button type="button" className="button" onClick={() => setSelectedCode(null)}>
            {t("map.close")}
          </button>
        </section>
      ) : null}

      {map.edition.published ? (
        <>
          <Legend categories={map.categories} />
          <section aria-labelledby="list-heading">
            <h2 id="list-heading">{t("map.listHeading")}</h2>
            <StallList
              spots={map.spots}
              categories={map.categories}
              showDates={multiDay}
              selectedCode={selectedCode}
              onSelect={setSelectedCode}
            />
          </section>
        </>
      ) : null}
    </div>
  );
}

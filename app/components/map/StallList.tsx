/** The stalls as a list: the accessible equivalent of the map, and the better view on a small screen. */
import { useI18n } from "~/i18n/use-i18n";
import type { StallOnMap } from "~/rules/public-stalls";
import { landmarkSvg } from "./landmark-icons";
import { FREE_SPOT_COLOUR, type MapLandmark, type PublicMap } from "./map-types";

export interface StallListProps {
  entries: StallOnMap[];
  categories: PublicMap["categories"];
  showDates: boolean;
  selectedCode: string | null;
  onShowOnMap: (code: string) => void;
  /** Shown when there are stalls, but none match. */
  emptyText: string;
}

export function StallList({ entries, categories, showDates, selectedCode, onShowOnMap, emptyText }: StallListProps) {
  const { t, language, eventDate } = useI18n();
  const categoryByKey = new Map(categories.map((c) => [c.key, c]));
  if (entries.length === 0) return <p data-testid="stall-list-empty">{emptyText}</p>;
  return (
    <ul className="stall-list" data-testid="stall-list">
      {entries.map((stall) => {
        const category = categoryByKey.get(stall.categoryKey);
        const first = stall.codes[0]!;
        const nameId = `stall-${first}-${stall.date}`;
        return (
          <li
            key={stall.key}
            className={selectedCode !== null && stall.codes.includes(selectedCode) ? "stall-item selected" : "stall-item"}
            data-spot={first}
            data-spots={stall.codes.join(" ")}
            data-category={stall.categoryKey}
          >
            <span className="swatch" style={{ background: category?.colour }} aria-hidden="true" />
            <span className="stall-item-text">
              <strong className="stall-name" id={nameId}>{stall.stallName}</strong>
              <span className="stall-meta">
                {t("map.spot", { code: stall.codesLabel })}
                {category ? ` · ${language === "en" ? category.nameEn : category.nameNl}` : ""}
                {showDates ? ` · ${eventDate(stall.date)}` : ""}
              </span>
              {stall.description ? <span className="stall-description">{stall.description}</span> : null}
            </span>
            <button
              type="button"
              className="link-button"
              onClick={() => onShowOnMap(first)}
              aria-describedby={nameId}
              data-testid="show-on-map"
            >
              {t("map.showOnMap")}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

export function LandmarkList({ landmarks, onShowOnMap }: { landmarks: MapLandmark[]; onShowOnMap: (index: number) => void }) {
  const { t, language } = useI18n();
  if (landmarks.length === 0) return null;
  return (
    <section aria-labelledby="landmarks-heading" className="landmark-list">
      <h2 id="landmarks-heading">{t("map.landmarkHeading")}</h2>
      <ul>
        {landmarks.map((landmark, index) => {
          const name = language === "en" ? landmark.nameEn : landmark.nameNl;
          const id = `landmark-${index}`;
          return (
            <li key={index} data-landmark={landmark.kind}>
              <span className={`landmark-icon inline landmark-${landmark.kind}`} aria-hidden="true" dangerouslySetInnerHTML={{ __html: landmarkSvg(landmark.kind) }} />
              <span id={id}>{name}</span>
              <button type="button" className="link-button" onClick={() => onShowOnMap(index)} aria-describedby={id}>
                {t("map.showOnMap")}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function Legend({ categories }: { categories: PublicMap["categories"] }) {
  const { t, language } = useI18n();
  return (
    <details className="legend">
      <summary>{t("map.legend")}</summary>
      <ul>
        {categories.map((category) => (
          <li key={category.key}>
            <span className="swatch" style={{ background: category.colour }} aria-hidden="true" />
            {language === "en" ? category.nameEn : category.nameNl}
          </li>
        ))}
        <li data-testid="legend-free">
          <span className="swatch swatch-free" style={{ borderColor: FREE_SPOT_COLOUR }} aria-hidden="true" />
          {t("map.legendFree")}
        </li>
      </ul>
    </details>
  );
}

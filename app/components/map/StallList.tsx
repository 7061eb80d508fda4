/** The stalls as a list: the accessible equivalent of the map, and the better view on a small screen. */
import { useI18n } from "~/i18n/use-i18n";
import type { MapSpot, PublicMap } from "./map-types";

export interface StallListProps {
  spots: MapSpot[];
  categories: PublicMap["categories"];
  showDates: boolean;
  selectedCode: string | null;
  onSelect: (code: string) => void;
}

export function StallList({ spots, categories, showDates, selectedCode, onSelect }: StallListProps) {
  const { t, language, eventDate } = useI18n();
  const categoryByKey = new Map(categories.map((c) => [c.key, c]));
  const taken = spots.filter((spot) => spot.stalls.length > 0);
  if (taken.length === 0) return <p>{t("map.listEmpty")}</p>;
  return (
    <ul className="stall-list" data-testid="stall-list">
      {taken.flatMap((spot) =>
        spot.stalls.map((stall) => {
          const category = categoryByKey.get(stall.categoryKey);
          return (
            <li
              key={`${spot.code}-${stall.date}`}
              className={spot.code === selectedCode ? "stall-item selected" : "stall-item"}
              data-spot={spot.code}
            >
              <button type="button" className="stall-item-button" onClick={() => onSelect(spot.code)}>
                <span className="swatch" style={{ background: category?.colour }} aria-hidden="true" />
                <span className="stall-item-text">
                  <strong className="stall-name">{stall.stallName}</strong>
                  <span className="stall-meta">
                    {t("map.spot", { code: spot.code })}
                    {category ? ` · ${language === "en" ? category.nameEn : category.nameNl}` : ""}
                    {showDates ? ` · ${eventDate(stall.date)}` : ""}
                  </span>
                  {stall.description ? <span className="stall-description">{stall.description}</span> : null}
                </span>
              </button>
            </li>
          );
        }),
      )}
    </ul>
  );
}

export function Legend({ categories }: { categories: PublicMap["categories"] }) {
  const { t, language } = useI18n();
  return (
    <details className="legend" open>
      <summary>{t("map.legend")}</summary>
      <ul>
        {categories.map((category) => (
          <li key={category.key}>
            <span className="swatch" style={{ background: category.colour }} aria-hidden="true" />
            {language === "en" ? category.nameEn : category.nameNl}
          </li>
        ))}
      </ul>
    </details>
  );
}

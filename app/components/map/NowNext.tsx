/** "Now and next" from the day's programme, on / and on the map. Updates itself every half minute. */
import { Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { PublicProgrammeItem } from "~/data/public-map.server";
import { useI18n } from "~/i18n/use-i18n";
import { placePhrase } from "~/rules/place-phrase";
import { isMarketDay, nowAndNext } from "~/rules/programme";

/** The moment to show: the server's at first (so the page hydrates as rendered), then the phone's. */
export function useNow(serverNow: string): Date {
  const [now, setNow] = useState(() => new Date(serverNow));
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function ProgrammeItemLine({ item, showEnd = true }: { item: PublicProgrammeItem; showEnd?: boolean }) {
  const { t, language } = useI18n();
  const title = language === "en" ? item.titleEn || item.titleNl : item.titleNl;
  const place =
    item.place?.type === "landmark"
      ? language === "en"
        ? item.place.nameEn
        : item.place.nameNl
      : item.place?.type === "spot"
        ? t("programme.spotPlace", { code: item.place.code })
        : null;
  const time = item.endsAt && showEnd ? t("programme.timeRange", { from: item.startsAt, to: item.endsAt }) : item.startsAt;
  return (
    <>
      <span className="programme-time">{time}</span> <span className="programme-title">{title}</span>
      {place ? <span className="programme-place"> {t(placePhrase(place, language).key, { place: placePhrase(place, language).place })}</span> : null}
    </>
  );
}

export function NowNext({ items, serverNow, compact = false }: { items: PublicProgrammeItem[]; serverNow: string; compact?: boolean }) {
  const { t } = useI18n();
  const now = useNow(serverNow);
  if (items.length === 0) return null;
  // Before (and after) the market "now and next" would say nothing true, but the programme is
  // worth finding: only the link to it.
  if (!isMarketDay(items, now)) {
    return (
      <p className="now-next-more" data-testid="programme-link">
        <Link to="/programme">{t("programme.fullProgramme")}</Link>
      </p>
    );
  }
  const { now: current, next, over } = nowAndNext(items, now, compact ? 1 : 3);
  return (
    <section className={compact ? "now-next compact" : "now-next card"} aria-labelledby="now-next-heading" data-testid="now-next">
      <h2 id="now-next-heading">{t("programme.nowNextHeading")}</h2>
      {over ? (
        <p>{t("programme.over")}</p>
      ) : (
        <dl>
          <dt>{t("programme.now")}</dt>
          {current.length > 0 ? (
            current.slice(0, compact ? 1 : undefined).map((item) => (
              <dd key={item.id} data-testid="programme-now">
                <ProgrammeItemLine item={item} />
              </dd>
            ))
          ) : (
            <dd>{t("programme.nothingNow")}</dd>
          )}
          {next.length > 0 ? (
            <>
              <dt>{t("programme.next")}</dt>
              {next.map((item) => (
                <dd key={item.id} data-testid="programme-next">
                  <ProgrammeItemLine item={item} />
                </dd>
              ))}
            </>
          ) : null}
        </dl>
      )}
      <p className="now-next-more">
        <Link to="/programme">{t("programme.fullProgramme")}</Link>
      </p>
    </section>
  );
}

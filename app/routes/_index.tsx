import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { NowNext } from "~/components/map/NowNext";
import { loadPublicProgramme, publicSnapshot } from "~/data/public-map.server";
import { findCurrentEdition, listEventDays } from "~/data/editions.server";
import { translator } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";
import { pageMeta } from "~/i18n/page-meta";
import { useI18n } from "~/i18n/use-i18n";
import { localDate } from "~/rules/calendar";
import { applicationWindow } from "~/rules/edition-status";
import { countStalls, stallsOnMap } from "~/rules/public-stalls";
import { isMarketDay } from "~/rules/programme";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data?.edition ? data.edition.name : "SK Zomerparade", data?.description);

export function loader({ request }: LoaderFunctionArgs) {
  const now = new Date();
  const language = languageOf(request);
  const edition = findCurrentEdition(localDate(now));
  const description = translator(language)("seo.home");
  if (!edition) return json({ description, edition: null });
  const window = applicationWindow(edition, now);
  return json({
    description,
    edition: {
      name: language === "en" ? edition.nameEn : edition.nameNl,
      days: listEventDays(edition.id).map(({ date, startsAt, endsAt }) => ({ date, startsAt, endsAt })),
      window,
      mapPublished: edition.mapPublishedAt !== null,
      // Counted from the same public data as /map, so both pages say the same number.
      stallCount: edition.mapPublishedAt ? publishedStallCount(now) : 0,
      programme: loadPublicProgramme(edition.id),
      serverNow: now.toISOString(),
    },
  });
}

function publishedStallCount(now: Date): number {
  const map = publicSnapshot(now).map;
  return map ? countStalls(stallsOnMap(map.spots)) : 0;
}

export default function Home() {
  const { edition } = useLoaderData<typeof loader>();
  const { t, eventDate, dateOnly } = useI18n();
  if (!edition) {
    return (
      <section className="page">
        <h1>{t("common.siteName")}</h1>
        <p>{t("common.noEdition")}</p>
      </section>
    );
  }
  const { window } = edition;
  const marketDay = isMarketDay(edition.days, new Date(edition.serverNow));
  return (
    <div className="page home">
      <h1>{t("home.title", { edition: edition.name })}</h1>
      {/* On a market day "now and next" comes first; before it, the market's dates and times. */}
      {marketDay ? <NowNext items={edition.programme} serverNow={edition.serverNow} /> : null}

      <section aria-labelledby="days-heading" className="card" data-testid="market-days">
        <h2 id="days-heading">{t("home.daysHeading")}</h2>
        <ul className="day-list">
          {edition.days.map((day) => (
            <li key={day.date}>
              {t("home.dayLine", { date: eventDate(day.date), from: day.startsAt, to: day.endsAt })}
            </li>
          ))}
        </ul>
      </section>

      <p className="lead">{t("home.intro")}</p>
      {marketDay ? null : <NowNext items={edition.programme} serverNow={edition.serverNow} />}

      <section className="card">
        <p>
          {edition.mapPublished
            ? t("home.stallCount", { count: edition.stallCount })
            : t("home.mapNotPublished")}
        </p>
        <Link className="button primary" to="/map">
          {t("home.toMap")}
        </Link>
      </section>

      <section aria-labelledby="apply-heading" className="card">
        <h2 id="apply-heading">{t("home.applyHeading")}</h2>
        <p>{t("home.applyText")}</p>
        <p data-testid="apply-window">
          {window.state === "open"
            ? window.closesAt
              ? t("home.applyOpenUntil", { date: dateOnly(window.closesAt) })
              : null
            : window.state === "not_open_yet"
              ? window.opensAt
                ? t("home.applyNotOpenYet", { date: dateOnly(window.opensAt) })
                : t("home.applyClosed")
              : t("home.applyClosed")}
        </p>
        <Link className="button" to="/apply">
          {t("home.toApply")}
        </Link>
      </section>
    </div>
  );
}

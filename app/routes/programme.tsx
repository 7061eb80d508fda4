import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { NowNext, ProgrammeItemLine } from "~/components/map/NowNext";
import { publicSnapshot } from "~/data/public-map.server";
import { languageOf } from "~/i18n/language.server";
import { translator } from "~/i18n/i18n";
import { pageMeta } from "~/i18n/page-meta";
import { useI18n } from "~/i18n/use-i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data?.title ?? "SK Zomerparade", data?.description);

export function loader({ request }: LoaderFunctionArgs) {
  const now = new Date();
  const snapshot = publicSnapshot(now);
  if (!snapshot.map) throw new Response("No edition", { status: 404 });
  const language = languageOf(request);
  const edition = snapshot.map.edition;
  return json({
    title: translator(language)("programme.pageTitle", { edition: language === "en" ? edition.nameEn : edition.nameNl }),
    description: translator(language)("seo.programme"),
    editionName: language === "en" ? edition.nameEn : edition.nameNl,
    days: edition.days,
    programme: snapshot.programme,
    serverNow: now.toISOString(),
  });
}

export default function ProgrammePage() {
  const { editionName, days, programme, serverNow } = useLoaderData<typeof loader>();
  const { t, language, eventDate } = useI18n();
  return (
    <div className="page programme-page">
      <h1>
        {t("programme.title")} <span className="subtitle">{editionName}</span>
      </h1>
      <p className="lead">{t("programme.intro")}</p>
      {programme.length === 0 ? <p className="notice">{t("programme.empty")}</p> : <NowNext items={programme} serverNow={serverNow} />}
      {days.map((day) => {
        const items = programme.filter((item) => item.date === day.date);
        if (items.length === 0) return null;
        return (
          <section key={day.date} aria-labelledby={`day-${day.date}`}>
            <h2 id={`day-${day.date}`}>{t("programme.dayHeading", { date: eventDate(day.date) })}</h2>
            <ol className="programme-list" data-testid="programme-list">
              {items.map((item) => {
                const text = language === "en" ? item.textEn || item.textNl : item.textNl;
                return (
                  <li key={item.id}>
                    <ProgrammeItemLine item={item} />
                    {text ? <p className="programme-text">{text}</p> : null}
                    {item.place?.type === "spot" ? (
                      <Link to={`/map?stall=${encodeURIComponent(item.place.code)}`}>{t("programme.showOnMap")}</Link>
                    ) : null}
                  </li>
                );
              })}
            </ol>
          </section>
        );
      })}
    </div>
  );
}

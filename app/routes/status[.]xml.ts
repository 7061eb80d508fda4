/** RSS feed of the current edition's status changes (issue 17); `?lang=en` for English. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { findCurrentEdition } from "~/data/editions.server";
import { statusHistory } from "~/data/edition-status.server";
import { env } from "~/env.server";
import { formatEventDate, translator } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";
import { localDate } from "~/rules/calendar";
import { statusTitleKey } from "~/rules/edition-status";
import { parsePostponement } from "~/rules/postponement";
import { statusFeed } from "~/rules/status-feed";

export function loader({ request }: LoaderFunctionArgs) {
  const language = languageOf(request);
  const t = translator(language);
  const edition = findCurrentEdition(localDate(new Date()));
  const name = edition ? (language === "en" ? edition.nameEn : edition.nameNl) : "SK Zomerparade";
  const items = edition
    ? statusHistory(edition.id).map((h) => {
        const message = (language === "en" ? h.messageEn : h.messageNl) || h.messageNl || h.messageEn;
        const moved = parsePostponement(h.postponementJson ?? null);
        const days = moved ? t("common.statusNewDays", { days: moved.daysAfter.map((d) => `${formatEventDate(d.date, language)} ${d.startsAt}–${d.endsAt}`).join(", ") }) : "";
        const decision = h.decisionExpectedOn ? t("common.statusDecisionExpected", { date: formatEventDate(h.decisionExpectedOn, language) }) : "";
        return { id: h.id, title: `${name}: ${t(statusTitleKey(h.status))}`, description: [days, message, decision].filter(Boolean).join(" "), changedAt: h.changedAt };
      })
    : [];
  const body = statusFeed({ title: `${name}: status`, link: env().APP_URL, description: t("common.statusFeed"), language, items });
  return new Response(body, {
    headers: { "Content-Type": "application/rss+xml; charset=utf-8", "Cache-Control": "public, max-age=60, s-maxage=60", "Access-Control-Allow-Origin": "*", Vary: "Accept-Language, Cookie" },
  });
}

import "~/i18n/messages/stallholder-bundles";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { findCurrentEdition } from "~/data/editions.server";
import { translator } from "~/i18n/i18n";
import { pageMeta } from "~/i18n/page-meta";
import { languageOf } from "~/i18n/language.server";
import { useI18n } from "~/i18n/use-i18n";
import { localDate } from "~/rules/calendar";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data?.title ?? "SK Zomerparade", data?.description);

/** The current edition's market rules, as the organisers wrote them (plain text). */
export function loader({ request }: LoaderFunctionArgs) {
  const language = languageOf(request);
  const edition = findCurrentEdition(localDate(new Date()));
  const preferred = language === "en" ? edition?.marketRulesEn : edition?.marketRulesNl;
  const fallback = language === "en" ? edition?.marketRulesNl : edition?.marketRulesEn;
  return json({
    title: translator(language)("apply.rulesMetaTitle"),
    description: translator(language)("seo.marketRules"),
    edition: edition ? (language === "en" ? edition.nameEn : edition.nameNl) : null,
    rules: (preferred?.trim() || fallback?.trim()) ?? "",
  });
}

export default function MarketRulesPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="page text-page">
      <h1>
        {t("apply.rulesTitle")}
        {data.edition ? <span className="subtitle">{data.edition}</span> : null}
      </h1>
      {data.rules ? (
        <div className="rules-text pre-line" data-testid="market-rules">
          {data.rules}
        </div>
      ) : (
        <p>{t("apply.rulesNone")}</p>
      )}
    </div>
  );
}

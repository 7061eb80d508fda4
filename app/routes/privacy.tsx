import "~/i18n/messages/stallholder-bundles";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useI18n } from "~/i18n/use-i18n";
import { translator } from "~/i18n/i18n";
import { pageMeta } from "~/i18n/page-meta";
import { languageOf } from "~/i18n/language.server";
import type { MessageKey } from "~/i18n/i18n";
import { findCurrentEdition } from "~/data/editions.server";
import { localDate } from "~/rules/calendar";
import { DEFAULT_RETENTION_MONTHS, retentionPeriod } from "~/rules/retention";
import { useLoaderData } from "@remix-run/react";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data?.title ?? "SK Zomerparade", data?.description);

export function loader({ request }: LoaderFunctionArgs) {
  // The promise follows the setting of the edition people apply for now.
  const retentionMonths = findCurrentEdition(localDate(new Date()))?.retentionMonths ?? DEFAULT_RETENTION_MONTHS;
  const t = translator(languageOf(request));
  return json({ title: t("apply.privacyMetaTitle"), description: t("seo.privacy"), retentionMonths });
}

export default function PrivacyPage() {
  const { retentionMonths } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const period = retentionPeriod(retentionMonths);
  const periodText = t(`apply.privacyPeriod_${period.unit}_${period.count === 1 ? "one" : "other"}` as MessageKey, { count: period.count });
  return (
    <div className="page text-page" data-testid="privacy">
      <h1>{t("apply.privacyTitle")}</h1>
      <p>{t("apply.privacyWho")}</p>
      <h2>{t("apply.privacyWhatHeading")}</h2>
      <p>{t("apply.privacyWhat")}</p>
      <h2>{t("apply.privacyPublicHeading")}</h2>
      <p>{t("apply.privacyPublic")}</p>
      <h2>{t("apply.privacyKeepHeading")}</h2>
      <p data-testid="privacy-keep">{t("apply.privacyKeep", { period: periodText })}</p>
      <h2>{t("apply.privacyRightsHeading")}</h2>
      <p>{t("apply.privacyRights")}</p>
    </div>
  );
}

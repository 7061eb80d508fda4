import "~/i18n/messages/stallholder-bundles";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useI18n } from "~/i18n/use-i18n";
import { translator } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";
import { useLoaderData } from "@remix-run/react";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "SK Zomerparade" }];

export function loader({ request }: LoaderFunctionArgs) {
  return json({ title: translator(languageOf(request))("apply.privacyMetaTitle") });
}

export default function PrivacyPage() {
  useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="page text-page" data-testid="privacy">
      <h1>{t("apply.privacyTitle")}</h1>
      <p>{t("apply.privacyWho")}</p>
      <h2>{t("apply.privacyWhatHeading")}</h2>
      <p>{t("apply.privacyWhat")}</p>
      <h2>{t("apply.privacyPublicHeading")}</h2>
      <p>{t("apply.privacyPublic")}</p>
      <h2>{t("apply.privacyKeepHeading")}</h2>
      <p>{t("apply.privacyKeep")}</p>
      <h2>{t("apply.privacyRightsHeading")}</h2>
      <p>{t("apply.privacyRights")}</p>
    </div>
  );
}

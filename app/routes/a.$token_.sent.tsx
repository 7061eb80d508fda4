import "~/i18n/messages/stallholder-bundles";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PRIVATE_HEADERS, privateMeta } from "~/forms/private-page";
import { applicationOr404 } from "~/forms/private-page.server";
import { translator } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";
import { useI18n } from "~/i18n/use-i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title ?? "SK Zomerparade");
export const headers: HeadersFunction = () => PRIVATE_HEADERS;

/** The confirmation page after sending (the apply form redirects here, once per application). */
export function loader({ request, params }: LoaderFunctionArgs) {
  const found = applicationOr404(params.token);
  const t = translator(languageOf(request));
  const path = `/a/${found.application.accessToken}`;
  return json(
    {
      title: t("apply.sentMetaTitle"),
      email: found.application.email,
      path,
      url: new URL(path, request.url).href,
    },
    { headers: PRIVATE_HEADERS },
  );
}

export default function SentPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="page sent-page">
      <h1 data-testid="sent-title">{t("apply.sentTitle")}</h1>
      <p className="lead">{t("apply.sentText", { email: data.email })}</p>
      <p>{t("apply.sentLinkIntro")}</p>
      <p className="private-link">
        <code data-testid="private-link">{data.url}</code>
      </p>
      <p>
        <Link to={data.path} className="button primary">
          {t("apply.sentToApplication")}
        </Link>
      </p>
      <p className="hint">
        {t("apply.sentNoMail")} <Link to="/lost-link">{t("apply.lostLinkCta")}</Link>
      </p>
    </div>
  );
}

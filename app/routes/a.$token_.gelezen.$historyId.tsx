/**
 * The "Gelezen" link of a status-change mail (issue 17). Opening the link asks for one tap; the
 * tap records it. Not on GET: mail scanners open every link in a mail, and a confirmation they
 * made would keep a stallholder who never read the news off the call list.
 */
import "~/i18n/messages/stallholder-bundles";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { confirmReading, noticeAbout } from "~/data/status-notices.server";
import { confirmReadingParams } from "~/forms/status-notice";
import { PRIVATE_HEADERS, privateMeta } from "~/forms/private-page";
import { applicationOr404 } from "~/forms/private-page.server";
import { translator } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";
import { useI18n } from "~/i18n/use-i18n";
import { statusTitleKey } from "~/rules/edition-status";

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title ?? "SK Zomerparade");
export const headers: HeadersFunction = () => PRIVATE_HEADERS;

export function loader({ request, params }: LoaderFunctionArgs) {
  const found = applicationOr404(params.token);
  const parsed = confirmReadingParams.safeParse(params);
  const notice = parsed.success ? noticeAbout(found.application.id, parsed.data.historyId) : undefined;
  if (!notice) throw new Response("Not found", { status: 404, headers: PRIVATE_HEADERS });
  return json({ title: translator(languageOf(request))("apply.readTitle"), token: found.application.accessToken, ...notice }, { headers: PRIVATE_HEADERS });
}

export function action({ params }: ActionFunctionArgs) {
  const found = applicationOr404(params.token);
  const parsed = confirmReadingParams.safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404, headers: PRIVATE_HEADERS });
  const outcome = confirmReading({ token: found.application.accessToken, historyId: parsed.data.historyId, now: new Date() });
  if (outcome.kind === "not_found") throw new Response("Not found", { status: 404, headers: PRIVATE_HEADERS });
  return json({ outcome: outcome.kind }, { headers: PRIVATE_HEADERS });
}

export default function ConfirmReadingPage() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, moment } = useI18n();
  const about = { moment: moment(data.changedAt), status: t(statusTitleKey(data.status)) };
  const confirmed = data.confirmed || answer !== undefined;
  return (
    <div className="page read-page">
      <h1>{t("apply.readTitle")}</h1>
      {confirmed ? (
        <p role="status" className="notice success" data-testid="read-result">
          {answer?.outcome === "confirmed" ? t("apply.readThanks", about) : t("apply.readAlready", about)}
        </p>
      ) : (
        <Form method="post" className="form-actions">
          <p>{t("apply.readQuestion", about)}</p>
          <button type="submit" className="button primary" data-testid="read-confirm">
            {t("apply.readConfirmButton")}
          </button>
        </Form>
      )}
      {!data.latest ? <p className="notice" data-testid="read-older">{t("apply.readOlder")}</p> : null}
      <p>
        <Link to={`/a/${data.token}`}>{t("apply.readBack")}</Link>
      </p>
    </div>
  );
}

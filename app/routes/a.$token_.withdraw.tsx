import "~/i18n/messages/stallholder-bundles";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { withdrawApplicationByStallholder } from "~/data/applications.server";
import { env } from "~/env.server";
import { PRIVATE_HEADERS, privateMeta } from "~/forms/private-page";
import { applicationOr404, firstMarketDay } from "~/forms/private-page.server";
import { translator } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";
import { useI18n } from "~/i18n/use-i18n";
import { isActive } from "~/rules/application-state";
import { fullRefundDeadline } from "~/rules/fees";
import { moneyHeld } from "~/rules/payment-state";

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title ?? "SK Zomerparade");
export const headers: HeadersFunction = () => PRIVATE_HEADERS;

export function loader({ request, params }: LoaderFunctionArgs) {
  const found = applicationOr404(params.token);
  const t = translator(languageOf(request));
  const firstDay = firstMarketDay(found);
  const { application: a, edition } = found;
  return json(
    {
      title: t("apply.withdrawMetaTitle"),
      stallName: a.stallName,
      mayWithdraw: isActive(a.reviewState),
      paid: moneyHeld(a.paymentState),
      refundPeriodDays: edition.refundPeriodDays,
      refundDeadline: firstDay ? fullRefundDeadline(firstDay, edition.refundPeriodDays) : null,
    },
    { headers: PRIVATE_HEADERS },
  );
}

export function action({ params }: ActionFunctionArgs) {
  const found = applicationOr404(params.token);
  try {
    const outcome = withdrawApplicationByStallholder({ token: found.application.accessToken, now: new Date(), appUrl: env().APP_URL });
    if (outcome.kind === "not_found") throw new Response("Not found", { status: 404 });
    if (outcome.kind === "not_allowed") return json({ error: "errNotWithdrawable" as const }, { status: 409, headers: PRIVATE_HEADERS });
    return redirect(`/a/${found.application.accessToken}?done=withdrawn`, { status: 303, headers: PRIVATE_HEADERS });
  } catch (error) {
    if (error instanceof Response) throw error;
    console.error("[zomerparade] withdrawing an application failed; nothing was changed", error);
    return json({ error: "errSaveFailed" as const }, { status: 503, headers: PRIVATE_HEADERS });
  }
}

export default function WithdrawPage() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, eventDate } = useI18n();
  return (
    <div className="page withdraw-page">
      <h1>{t("apply.withdrawTitle")}</h1>
      {answer?.error ? (
        <p className="error-summary" role="alert">
          {t(`apply.${answer.error}`)}
        </p>
      ) : null}
      {data.mayWithdraw ? (
        <>
          <p className="lead">{t("apply.withdrawQuestion", { stall: data.stallName })}</p>
          <p data-testid="refund-rule">
            {data.refundDeadline ? t("apply.refundRule", { date: eventDate(data.refundDeadline), days: data.refundPeriodDays }) : null}{" "}
            {data.paid ? null : t("apply.refundNothingPaid")}
          </p>
          <Form method="post" className="form-actions">
            <button type="submit" className="button danger" disabled={navigation.state === "submitting"} data-testid="withdraw-confirm">
              {t("apply.withdrawConfirm")}
            </button>
            <Link to=".." relative="path" className="button">
              {t("apply.withdrawKeep")}
            </Link>
          </Form>
        </>
      ) : (
        <>
          <p className="notice">{t("apply.errNotWithdrawable")}</p>
          <Link to=".." relative="path" className="button">
            {t("apply.backToApplication")}
          </Link>
        </>
      )}
    </div>
  );
}

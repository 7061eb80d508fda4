// The link in a waitlist offer mail: accept or decline a freed place (app/data/waitlist.server.ts).
import "~/i18n/messages/stallholder-bundles";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { answerOffer } from "~/data/waitlist-answer.server";
import { findOffer } from "~/data/waitlist.server";
import { env } from "~/env.server";
import { PRIVATE_HEADERS, privateMeta } from "~/forms/private-page";
import { translator } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";
import { useI18n } from "~/i18n/use-i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title ?? "SK Zomerparade");
export const headers: HeadersFunction = () => PRIVATE_HEADERS;

function offerOr404(token: string | undefined) {
  const found = token ? findOffer(token, new Date()) : undefined;
  if (!found) throw new Response("Not found", { status: 404, headers: PRIVATE_HEADERS });
  return found;
}

export function loader({ request, params }: LoaderFunctionArgs) {
  const found = offerOr404(params.token);
  const t = translator(languageOf(request));
  return json(
    {
      title: t("apply.offerMetaTitle"),
      kind: found.kind,
      stallName: found.application.stallName,
      // What saying yes costs, so nobody commits blind; paid after the yes, through the mail's link.
      feeCents: found.application.feeTotalCents,
      expiresAt: found.offer.expiresAt.toISOString(),
      privatePath: `/a/${found.application.accessToken}`,
    },
    { headers: PRIVATE_HEADERS },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  offerOr404(params.token);
  const form = await request.formData();
  const answer = form.get("answer") === "accept" ? "accept" : form.get("answer") === "decline" ? "decline" : null;
  if (!answer) return json({ outcome: "gone" as const }, { status: 400, headers: PRIVATE_HEADERS });
  const outcome = answerOffer({ token: params.token!, answer, now: new Date(), appUrl: env().APP_URL });
  if (outcome.kind === "not_found") throw new Response("Not found", { status: 404, headers: PRIVATE_HEADERS });
  if (outcome.kind === "accepted" || outcome.kind === "declined") return redirect(`/offer/${params.token}`, { status: 303, headers: PRIVATE_HEADERS });
  const shown = outcome.kind === "expired" ? "expired" : outcome.kind === "already_accepted" ? "accepted" : outcome.kind === "already_declined" ? "declined" : "gone";
  return json({ outcome: shown }, { status: 409, headers: PRIVATE_HEADERS });
}

export default function OfferPage() {
  const data = useLoaderData<typeof loader>();
  const answered = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, moment, money } = useI18n();
  const kind = answered?.outcome ?? data.kind;
  const until = moment(data.expiresAt);
  return (
    <div className="page offer-page">
      <h1>{t("apply.offerTitle", { stall: data.stallName })}</h1>
      {kind === "open" ? (
        <>
          <p className="lead">{t("apply.offerOpen", { until })}</p>
          <p data-testid="offer-fee">{data.feeCents > 0 ? t("apply.offerFee", { amount: money(data.feeCents) }) : t("apply.offerFree")}</p>
          <Form method="post" className="form-actions">
            <button type="submit" name="answer" value="accept" className="button primary" disabled={navigation.state === "submitting"} data-testid="offer-accept">
              {t("apply.offerAccept")}
            </button>
            <button type="submit" name="answer" value="decline" className="button" disabled={navigation.state === "submitting"} data-testid="offer-decline">
              {t("apply.offerDecline")}
            </button>
          </Form>
        </>
      ) : (
        <p className="notice" role="status" data-testid="offer-outcome">
          {kind === "expired"
            ? t("apply.offerExpired", { until })
            : kind === "accepted"
              ? t("apply.offerAccepted")
              : kind === "declined"
                ? t("apply.offerDeclined")
                : t("apply.offerGone")}
        </p>
      )}
      <p>
        <Link to={data.privatePath}>{t("apply.offerToApplication")}</Link>
      </p>
    </div>
  );
}

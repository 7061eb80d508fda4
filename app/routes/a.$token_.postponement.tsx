/** The stallholder's choice on a postponement (issue 17): keep the spot, or withdraw with a full refund. */
import "~/i18n/messages/stallholder-bundles";
import type { ActionFunctionArgs, HeadersFunction, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useParams } from "@remix-run/react";
import { chooseOnPostponement } from "~/data/status-notices.server";
import { PRIVATE_HEADERS, privateMeta } from "~/forms/private-page";
import { applicationOr404 } from "~/forms/private-page.server";
import { formBody } from "~/forms/form-request.server";
import { postponementChoiceForm } from "~/forms/status-notice";
import { useI18n } from "~/i18n/use-i18n";

export const meta: MetaFunction = () => privateMeta("SK Zomerparade");
export const headers: HeadersFunction = () => PRIVATE_HEADERS;

export function loader({ params }: { params: { token?: string } }) {
  const found = applicationOr404(params.token);
  return redirect(`/a/${found.application.accessToken}`, { headers: PRIVATE_HEADERS });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const found = applicationOr404(params.token);
  const parsed = postponementChoiceForm.safeParse(Object.fromEntries(await formBody(request)));
  if (!parsed.success) return json({ answer: "choiceNotAsked" as const }, { status: 400, headers: PRIVATE_HEADERS });
  const outcome = chooseOnPostponement({ token: found.application.accessToken, choice: parsed.data.choice, now: new Date() });
  if (outcome.kind === "not_found") throw new Response("Not found", { status: 404, headers: PRIVATE_HEADERS });
  if (outcome.kind === "chosen") return redirect(`/a/${found.application.accessToken}?done=chosen`, { status: 303, headers: PRIVATE_HEADERS });
  const answer = outcome.kind === "after_deadline" ? ("choiceTooLate" as const) : outcome.kind === "already_chosen" ? ("choiceAlready" as const) : ("choiceNotAsked" as const);
  return json({ answer }, { status: 409, headers: PRIVATE_HEADERS });
}

export default function PostponementChoicePage() {
  const answer = useActionData<typeof action>();
  const params = useParams();
  const { t } = useI18n();
  return (
    <div className="page">
      <h1>{t("apply.choiceHeading")}</h1>
      <p role="alert" className="notice" data-testid="choice-answer">
        {t(`apply.${answer?.answer ?? "choiceNotAsked"}`)}
      </p>
      <p>
        <Link to={`/a/${params.token}`}>{t("apply.readBack")}</Link>
      </p>
    </div>
  );
}

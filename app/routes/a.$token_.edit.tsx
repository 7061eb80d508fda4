import "~/i18n/messages/stallholder-bundles";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { applyContext, updateApplicationByStallholder } from "~/data/applications.server";
import { env } from "~/env.server";
import { ApplicationForm, type FormValues } from "~/forms/ApplicationForm";
import { formInput, parseChangedApplication, quoteFee, type FieldErrors } from "~/forms/application-form";
import { formOptions, readForm, tooLarge } from "~/forms/form-request.server";
import { PRIVATE_HEADERS, privateMeta } from "~/forms/private-page";
import { applicationOr404, valuesOf } from "~/forms/private-page.server";
import { translator } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";
import { useI18n } from "~/i18n/use-i18n";
import { stallholderMayEdit } from "~/rules/application-state";
import type { FeeBreakdown } from "~/rules/fees";

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title ?? "SK Zomerparade");
export const headers: HeadersFunction = () => PRIVATE_HEADERS;

export function loader({ request, params }: LoaderFunctionArgs) {
  const found = applicationOr404(params.token);
  const t = translator(languageOf(request));
  const context = applyContext(found.edition);
  return json(
    {
      title: t("apply.editMetaTitle"),
      stallName: found.application.stallName,
      mayEdit: stallholderMayEdit(found.application.reviewState),
      options: formOptions(context),
      defaults: valuesOf(found),
    },
    { headers: PRIVATE_HEADERS },
  );
}

type ActionData = { values: FormValues; errors: FieldErrors | null; quote: FeeBreakdown | null };

export async function action({ request, params }: ActionFunctionArgs) {
  const found = applicationOr404(params.token);
  if (tooLarge(request)) return json<ActionData>({ values: {}, errors: { _form: { key: "errInvalid" } }, quote: null }, { status: 413 });
  const input = formInput(await readForm(request));
  const { intent, ...values } = input;
  const reply = (status: number, errors: FieldErrors | null, quote: FeeBreakdown | null = null) =>
    json<ActionData>({ values, errors, quote }, { status, headers: PRIVATE_HEADERS });
  if (!stallholderMayEdit(found.application.reviewState)) return reply(409, { _form: { key: "errNotEditable" } });
  const context = applyContext(found.edition);
  if (intent === "quote") return reply(200, null, quoteFee(values, context.fee));

  const parsed = parseChangedApplication(values, context.form);
  if (!parsed.ok) return reply(400, parsed.errors);
  try {
    const outcome = updateApplicationByStallholder({ token: found.application.accessToken, values: parsed.values, now: new Date(), appUrl: env().APP_URL });
    if (outcome.kind === "not_found") throw new Response("Not found", { status: 404 });
    if (outcome.kind === "not_editable") return reply(409, { _form: { key: "errNotEditable" } });
    if (outcome.kind === "conflict") return reply(409, { _form: { key: "errConflict" } });
    return redirect(`/a/${found.application.accessToken}?done=saved`, { status: 303, headers: PRIVATE_HEADERS });
  } catch (error) {
    if (error instanceof Response) throw error;
    console.error("[zomerparade] saving a change to an application failed; nothing was saved", error);
    return reply(503, { _form: { key: "errSaveFailed" } });
  }
}

export default function EditApplicationPage() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <div className="page apply-page">
      <h1>{t("apply.editTitle")}</h1>
      <p className="subtitle">{data.stallName}</p>
      {data.mayEdit ? (
        <>
          <p>{t("apply.editIntro")}</p>
          <ApplicationForm
            mode="edit"
            options={data.options}
            defaults={answer?.values && Object.keys(answer.values).length ? answer.values : data.defaults}
            serverErrors={answer?.errors ?? null}
            serverQuote={answer?.quote ?? null}
            submitLabel={t("apply.saveChanges")}
            cancelTo=".."
          />
        </>
      ) : (
        <>
          <p className="notice">{t("apply.errNotEditable")}</p>
          <Link to=".." relative="path" className="button">
            {t("apply.backToApplication")}
          </Link>
        </>
      )}
    </div>
  );
}

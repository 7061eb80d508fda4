import "~/i18n/messages/stallholder-bundles";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requestLostLinks } from "~/data/applications.server";
import { env } from "~/env.server";
import { LIMITS, formInput, parseLostLink, type FieldErrors } from "~/forms/application-form";
import { readForm, tooLarge } from "~/forms/form-request.server";
import { translator } from "~/i18n/i18n";
import { pageMeta } from "~/i18n/page-meta";
import { languageOf } from "~/i18n/language.server";
import { useI18n } from "~/i18n/use-i18n";
import { clientAddress } from "~/services/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data?.title ?? "SK Zomerparade", data?.description);

export function loader({ request }: LoaderFunctionArgs) {
  const t = translator(languageOf(request));
  return json({ title: t("apply.lostMetaTitle"), description: t("seo.lostLink") });
}

type ActionData = { done: boolean; email: string; errors: FieldErrors | null };

/**
 * Answers the same whether or not the address has applications (and whether or not it asked too
 * often): only the mailbox learns which.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (tooLarge(request)) return json<ActionData>({ done: false, email: "", errors: { _form: { key: "errInvalid" } } }, { status: 413 });
  const { website, ...input } = formInput(await readForm(request));
  const email = typeof input.email === "string" ? input.email : "";
  if (typeof website === "string" && website.trim() !== "") return json<ActionData>({ done: true, email, errors: null });
  const parsed = parseLostLink(input);
  if (!parsed.ok) return json<ActionData>({ done: false, email, errors: parsed.errors }, { status: 400 });
  try {
    requestLostLinks({ email: parsed.values.email, language: languageOf(request), now: new Date(), appUrl: env().APP_URL, clientAddress: clientAddress(request) });
  } catch (error) {
    console.error("[zomerparade] a lost-link request failed", error);
    return json<ActionData>({ done: false, email, errors: { _form: { key: "errSaveFailed" } } }, { status: 503 });
  }
  return json<ActionData>({ done: true, email: parsed.values.email, errors: null });
}

export default function LostLinkPage() {
  useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useI18n();
  const error = answer?.errors?.email ?? answer?.errors?._form;
  return (
    <div className="page lost-link-page">
      <h1>{t("apply.lostTitle")}</h1>
      {answer?.done ? (
        <p className="notice success" role="status" data-testid="lost-done">
          {t("apply.lostDone")}
        </p>
      ) : (
        <>
          <p className="lead">{t("apply.lostIntro")}</p>
          <Form method="post" noValidate className="application-form">
            <div className="hp-field" aria-hidden="true">
              <label>
                {t("apply.honeypotLabel")}
                <input type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
              </label>
            </div>
            <div className={`field${error ? " has-error" : ""}`}>
              <label htmlFor="field-email">{t("apply.labelEmail")}</label>
              {error ? (
                <p className="field-error" id="error-email" role="alert">
                  {t(`apply.${error.key}`, error.params)}
                </p>
              ) : null}
              <input
                id="field-email"
                name="email"
                type="email"
                autoComplete="email"
                maxLength={LIMITS.email + 50}
                defaultValue={answer?.email ?? ""}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? "error-email" : undefined}
              />
            </div>
            <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
              {t("apply.lostSubmit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}

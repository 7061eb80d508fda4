import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors } from "~/components/organiser/Field";
import { passwordLinkIsValid, resetPassword } from "~/data/organisers.server";
import { parseForm } from "~/forms/organiser-form";
import { resetPasswordSchema } from "~/forms/organiser-password";
import { useI18n } from "~/i18n/use-i18n";
import { MIN_PASSWORD_LENGTH } from "~/rules/password-policy";
import { formBody } from "~/forms/form-request.server";

export function loader({ params }: LoaderFunctionArgs) {
  return json({ valid: passwordLinkIsValid(params.token ?? "", new Date()) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseForm(resetPasswordSchema, await formBody(request));
  if (!parsed.ok) return json({ errors: parsed.errors as Record<string, string> }, { status: 400 });
  const result = await resetPassword({ token: params.token ?? "", password: parsed.data.password, now: new Date() });
  if (result.ok) return redirect("/organiser/sign-in?reset=1");
  if (result.problem === "invalid_link") return json({ errors: { _form: "organiser.resetInvalid" } as Record<string, string> }, { status: 410 });
  return json({ errors: { password: `organiser.password_${result.problem}` } as Record<string, string> }, { status: 400 });
}

export default function ResetPassword() {
  const { valid } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useI18n();
  if (!valid || data?.errors._form) {
    return (
      <section className="page narrow">
        <h1>{t("organiser.resetTitle")}</h1>
        <p className="notice" role="alert">
          {t("organiser.resetInvalid")}
        </p>
        <p>
          <Link to="/organiser/forgot-password">{t("organiser.forgotPassword")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="page narrow">
      <h1>{t("organiser.resetTitle")}</h1>
      <FormErrors errors={data?.errors} />
      <Form method="post" className="stack">
        <Field name="password" label={t("organiser.fieldNewPassword")} hint={t("organiser.passwordHint", { min: MIN_PASSWORD_LENGTH })} type="password" autoComplete="new-password" required errors={data?.errors} />
        <Field name="confirm" label={t("organiser.fieldConfirmPassword")} type="password" autoComplete="new-password" required errors={data?.errors} />
        <button type="submit" className="button primary">
          {t("organiser.resetSubmit")}
        </button>
      </Form>
    </section>
  );
}

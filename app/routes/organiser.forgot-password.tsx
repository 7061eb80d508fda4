import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { Field, FormErrors } from "~/components/organiser/Field";
import { requestPasswordReset } from "~/data/organisers.server";
import { blockedUntil, limitKey, recordBlockingFailure } from "~/data/rate-limits.server";
import { env } from "~/env.server";
import { parseForm } from "~/forms/organiser-form";
import { forgotPasswordSchema } from "~/forms/organiser-password";
import { languageOf } from "~/i18n/language.server";
import { useI18n } from "~/i18n/use-i18n";
import { clientAddress } from "~/services/auth.server";
import { formBody } from "~/forms/form-request.server";

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(forgotPasswordSchema, await formBody(request));
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, sent: false }, { status: 400 });
  const now = new Date();
  // Each request counts against the address, so the form cannot be used to flood a mailbox.
  const keys = [limitKey("signin:reset-address", clientAddress(request)), limitKey("signin:reset-account", parsed.data.email)];
  if (!blockedUntil(keys, now)) {
    recordBlockingFailure(keys, now);
    requestPasswordReset({ email: parsed.data.email, language: languageOf(request), appUrl: env().APP_URL, now });
  }
  // The same answer whether or not the address has an account.
  return json({ errors: {}, values: parsed.values, sent: true });
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <section className="page narrow">
      <h1>{t("organiser.forgotTitle")}</h1>
      {data?.sent ? (
        <p className="notice" role="status">
          {t("organiser.forgotSent")}
        </p>
      ) : (
        <>
          <p>{t("organiser.forgotIntro")}</p>
          <FormErrors errors={data?.errors} />
          <Form method="post" className="stack">
            <Field name="email" label={t("organiser.fieldEmail")} type="email" autoComplete="username" required defaultValue={data?.values.email} errors={data?.errors} />
            <button type="submit" className="button primary">
              {t("organiser.forgotSubmit")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field, FormErrors } from "~/components/organiser/Field";
import { parseForm } from "~/forms/organiser-form";
import { signInSchema } from "~/forms/organiser-sign-in";
import { useI18n } from "~/i18n/use-i18n";
import { clientAddress, currentOrganiser, safeNext, signIn } from "~/services/auth.server";
import { formBody } from "~/forms/form-request.server";

export function loader({ request }: LoaderFunctionArgs) {
  if (currentOrganiser(request)) return redirect(safeNext(new URL(request.url).searchParams.get("next")));
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(signInSchema, await formBody(request));
  if (!parsed.ok) return json({ errors: parsed.errors, email: parsed.values.email ?? "", problem: null, retryAfter: 0 }, { status: 400 });
  const result = await signIn({
    email: parsed.data.email,
    password: parsed.data.password,
    address: clientAddress(request),
    userAgent: request.headers.get("User-Agent") ?? "",
  });
  if (result.ok) return redirect(safeNext(parsed.data.next), { headers: { "Set-Cookie": result.cookie } });
  if (result.reason === "throttled") {
    return json(
      { errors: {}, email: parsed.data.email, problem: "throttled" as const, retryAfter: result.retryAfterSeconds },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  return json({ errors: {}, email: parsed.data.email, problem: "invalid" as const, retryAfter: 0 }, { status: 400 });
}

export default function SignIn() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useI18n();
  const busy = useNavigation().state === "submitting";
  const problem =
    data?.problem === "throttled"
      ? data.retryAfter > 60
        ? t("organiser.signInThrottledMinutes", { minutes: Math.ceil(data.retryAfter / 60) })
        : t("organiser.signInThrottled", { seconds: data.retryAfter })
      : data?.problem === "invalid"
        ? t("organiser.signInInvalid")
        : null;
  return (
    <section className="page narrow">
      <h1>{t("organiser.signInTitle")}</h1>
      {params.get("signedOut") ? <p className="notice" role="status">{t("organiser.signedOut")}</p> : null}
      {params.get("reset") ? <p className="notice" role="status">{t("organiser.passwordChanged")}</p> : null}
      <FormErrors errors={data?.errors} message={problem} />
      <Form method="post" className="stack">
        <input type="hidden" name="next" value={params.get("next") ?? ""} />
        <Field name="email" label={t("organiser.fieldEmail")} type="email" autoComplete="username" required defaultValue={data?.email} errors={data?.errors} />
        <Field name="password" label={t("organiser.fieldPassword")} type="password" autoComplete="current-password" required errors={data?.errors} />
        <button type="submit" className="button primary" disabled={busy}>
          {t("organiser.signIn")}
        </button>
      </Form>
      <p>
        <Link to="/organiser/forgot-password">{t("organiser.forgotPassword")}</Link>
      </p>
    </section>
  );
}

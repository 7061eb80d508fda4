/** Organiser accounts (admins): invite, change role, disable (which signs the account out everywhere). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors } from "~/components/organiser/Field";
import { changeOrganiserAccount, inviteOrganiser, listOrganisers } from "~/data/organisers.server";
import { env } from "~/env.server";
import { accountChangeSchema, inviteSchema } from "~/forms/organiser-account";
import { parseForm } from "~/forms/organiser-form";
import type { MessageKey } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";
import { useI18n } from "~/i18n/use-i18n";
import { requireOrganiser } from "~/services/auth.server";
import { formBody } from "~/forms/form-request.server";
import { ORGANISER_ROLES } from "~/rules/vocabularies";

const ROLES = ORGANISER_ROLES;

export function loader({ request }: LoaderFunctionArgs) {
  const me = requireOrganiser(request, "accounts");
  return json({ me: me.id, organisers: listOrganisers() });
}

export async function action({ request }: ActionFunctionArgs) {
  const me = requireOrganiser(request, "accounts");
  const reply = (intent: string, errors: Record<string, string>, values: Record<string, string>, message: string | null, status = 200, inviteLink: string | null = null) =>
    json({ intent, errors, values, message, inviteLink }, { status });
  const form = await formBody(request);
  const intent = String(form.get("intent") ?? "");
  const now = new Date();
  if (intent === "invite") {
    const parsed = parseForm(inviteSchema, form);
    if (!parsed.ok) return reply(intent, parsed.errors, parsed.values, null, 400);
    const result = await inviteOrganiser({ ...parsed.data, byOrganiserId: me.id, language: languageOf(request), appUrl: env().APP_URL, now });
    if (!result.ok) {
      return reply(intent, { email: result.problem === "email_taken" ? "organiser.errEmailTaken" : "organiser.errEmail" }, parsed.values, null, 400);
    }
    return reply(intent, {}, {}, "organiser.invited", 200, result.link);
  }
  const parsed = parseForm(accountChangeSchema, form);
  if (!parsed.ok || (!parsed.data.role && !parsed.data.disabled)) return reply(intent, {}, {}, "organiser.errInvalid", 400);
  const result = changeOrganiserAccount({
    organiserId: parsed.data.organiserId,
    change: parsed.data.role ? { role: parsed.data.role } : { disabled: parsed.data.disabled === "true" },
    byOrganiserId: me.id,
    now,
  });
  if (!result.ok) return reply(intent, {}, {}, `organiser.account_${result.problem}`, result.problem === "not_found" ? 404 : 409);
  return reply(intent, {}, {}, "organiser.saved");
}

export default function Accounts() {
  const { me, organisers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, dateOnly } = useI18n();
  const invite = result?.intent === "invite" ? result : null;
  return (
    <section className="page wide">
      <h1>{t("organiser.accountsTitle")}</h1>
      {result?.message ? (
        <p className={`notice${result.message === "organiser.saved" || result.message === "organiser.invited" ? "" : " warn"}`} role="status">
          {t(result.message as MessageKey)}
        </p>
      ) : null}
      {result && "inviteLink" in result && result.inviteLink ? (
        <div className="notice" data-testid="invite-link">
          <p>{t("organiser.inviteLinkOnce")}</p>
          <p>
            <a href={result.inviteLink}>{result.inviteLink}</a>
          </p>
        </div>
      ) : null}
      <table className="list-table">
        <thead>
          <tr>
            <th scope="col">{t("organiser.fieldEmail")}</th>
            <th scope="col">{t("organiser.fieldName")}</th>
            <th scope="col">{t("organiser.fieldRole")}</th>
            <th scope="col">{t("organiser.accountState")}</th>
          </tr>
        </thead>
        <tbody>
          {organisers.map((o) => (
            <tr key={o.id}>
              <td data-label={t("organiser.fieldEmail")}>{o.email}</td>
              <td data-label={t("organiser.fieldName")}>{o.name}</td>
              <td data-label={t("organiser.fieldRole")}>
                {o.id === me ? (
                  t(`organiser.role_${o.role}`)
                ) : (
                  <Form method="post" className="inline" key={o.role}>
                    <input type="hidden" name="intent" value="role" />
                    <input type="hidden" name="organiserId" value={o.id} />
                    <select name="role" defaultValue={o.role} aria-label={t("organiser.roleOf", { email: o.email })}>
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`organiser.role_${r}`)}
                        </option>
                      ))}
                    </select>{" "}
                    <button type="submit" className="button small">
                      {t("organiser.save")}
                    </button>
                  </Form>
                )}
              </td>
              <td data-label={t("organiser.accountState")}>
                {o.disabledAt ? t("organiser.disabledSince", { date: dateOnly(o.disabledAt) }) : t("organiser.enabled")}
                {o.id !== me ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="disable" />
                    <input type="hidden" name="organiserId" value={o.id} />
                    <input type="hidden" name="disabled" value={o.disabledAt ? "false" : "true"} />{" "}
                    <button type="submit" className={`button small${o.disabledAt ? "" : " danger"}`}>
                      {o.disabledAt ? t("organiser.enable") : t("organiser.disable")}
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <section className="card" aria-labelledby="invite-h">
        <h2 id="invite-h">{t("organiser.inviteTitle")}</h2>
        <p>{t("organiser.inviteIntro")}</p>
        <FormErrors errors={invite?.errors} />
        <Form method="post" className="grid-form" key={invite?.message ?? "invite"}>
          <input type="hidden" name="intent" value="invite" />
          <Field name="email" type="email" label={t("organiser.fieldEmail")} required defaultValue={invite?.values.email} errors={invite?.errors} />
          <Field name="name" label={t("organiser.fieldName")} defaultValue={invite?.values.name} errors={invite?.errors} />
          <Field name="role" label={t("organiser.fieldRole")} errors={invite?.errors}>
{(control) => (
            <select {...control} name="role" defaultValue={invite?.values.role ?? "organiser"}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`organiser.role_${r}`)}
                </option>
              ))}
            </select>
            )}
          </Field>
          <button type="submit" className="button primary">
            {t("organiser.inviteSubmit")}
          </button>
        </Form>
      </section>
    </section>
  );
}

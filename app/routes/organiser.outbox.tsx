/** Every mail of the edition with its state; a failed one can be sent again. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import * as z from "zod";
import { getMail, listOutbox, retryMail } from "~/data/outbox.server";
import { recordAudit } from "~/data/audit.server";
import { transaction } from "~/data/db.server";
import { formBody } from "~/forms/form-request.server";
import { id } from "~/forms/organiser-form";
import { translator } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { roleAllows } from "~/rules/organiser-roles";
import { organiserEdition, requireOrganiser } from "~/services/auth.server";
import { redactPrivateLinks } from "~/services/request-guards.server";

const STATUSES = ["pending", "sending", "sent", "failed"] as const;

export function loader({ request }: LoaderFunctionArgs) {
  const organiser = requireOrganiser(request, "read");
  const edition = organiserEdition(request);
  const status = new URL(request.url).searchParams.get("status");
  const mails = listOutbox({
    editionId: edition.id,
    // Invitations and password resets: only an admin sees them, their link redacted below.
    withAccountMail: organiser.role === "admin",
    status: STATUSES.find((s) => s === status),
    limit: 500,
  }).map((m) => ({
    id: m.id,
    applicationId: m.applicationId,
    to: m.toAddress,
    subject: m.subject,
    // A mail's private link (the stallholder's /a/<token>, a reset link) is theirs alone.
    text: redactPrivateLinks(m.textBody, translator(m.language)("organiser.outboxPrivateLink")),
    lastError: m.lastError ? redactPrivateLinks(m.lastError) : null,
    template: m.template,
    language: m.language,
    status: m.status,
    attempts: m.attempts,
    createdAt: m.createdAt,
    sentAt: m.sentAt,
  }));
  return json({ mails, canRetry: roleAllows(organiser.role, "mail") });
}

export async function action({ request }: ActionFunctionArgs) {
  const organiser = requireOrganiser(request, "mail");
  const edition = organiserEdition(request);
  const parsed = z.object({ mailId: id }).safeParse(Object.fromEntries(await formBody(request)));
  if (!parsed.success) return json({ retried: false }, { status: 400 });
  const mail = getMail(parsed.data.mailId);
  if (!mail || mail.editionId !== edition.id) return json({ retried: false }, { status: 404 });
  const retried = transaction((tx) => {
    const ok = retryMail(mail.id, new Date(), tx);
    if (ok) recordAudit(tx, { actor: { type: "organiser", organiserId: organiser.id }, editionId: edition.id, entityType: "mail", entityId: mail.id, action: "mail_retried" });
    return ok;
  });
  return json({ retried }, { status: retried ? 200 : 409 });
}

export default function Outbox() {
  const { mails, canRetry } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, moment } = useI18n();
  return (
    <section className="page wide">
      <h1>{t("organiser.outboxTitle")}</h1>
      <p>{t("organiser.outboxIntro")}</p>
      {result ? (
        <p className={`notice${result.retried ? "" : " warn"}`} role="status">
          {result.retried ? t("organiser.mailRetried") : t("organiser.mailNotRetried")}
        </p>
      ) : null}
      <nav className="tabs" aria-label={t("organiser.filters")}>
        <Link to="/organiser/outbox" aria-current={!params.get("status") ? "page" : undefined}>
          {t("organiser.all")}
        </Link>
        {STATUSES.map((s) => (
          <Link key={s} to={`?status=${s}`} aria-current={params.get("status") === s ? "page" : undefined}>
            {t(`organiser.mail_${s}`)}
          </Link>
        ))}
      </nav>
      {mails.length === 0 ? <p>{t("organiser.noMails")}</p> : null}
      <ul className="mail-list">
        {mails.map((m) => (
          <li key={m.id} data-testid="mail" data-status={m.status} className="card">
            <div className="mail-head">
              <span className={`badge mail-${m.status}`}>{t(`organiser.mail_${m.status}`)}</span> <strong>{m.subject}</strong>
            </div>
            <div className="muted">
              {t("organiser.mailTo", { to: m.to })} · {m.language.toUpperCase()} · {moment(m.createdAt)}
              {m.applicationId ? (
                <>
                  {" · "}
                  <Link to={`/organiser/applications/${m.applicationId}`}>{t("organiser.toApplication")}</Link>
                </>
              ) : null}
            </div>
            {m.lastError ? <p className="field-error">{t("organiser.mailError", { error: m.lastError, attempts: m.attempts })}</p> : null}
            <details>
              <summary>{t("organiser.mailBody")}</summary>
              <pre className="mail-body">{m.text}</pre>
            </details>
            {canRetry && m.status === "failed" ? (
              <Form method="post">
                <input type="hidden" name="mailId" value={m.id} />
                <button type="submit" className="button small">
                  {t("organiser.retryMail")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

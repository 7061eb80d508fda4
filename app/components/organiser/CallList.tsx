/** The call list after a status change (issue 17): made for a phone, a volunteer ticks "gebeld". */
import { Form } from "@remix-run/react";
import { useI18n } from "~/i18n/use-i18n";
import type { MailState } from "~/rules/status-notices";

export interface CallListProps {
  callAfterHours: number;
  notYetDue: number;
  entries: {
    noticeId: number;
    stallName: string;
    contactName: string;
    phone: string;
    language: "nl" | "en";
    mailState: MailState;
    calledAt: string | null;
    calledBy: string | null;
    callNote: string;
  }[];
  /** Whether this reader may tick (the form posts to `action`). */
  mayTick: boolean;
  action?: string;
  /** On a page of its own the page's heading already says "Bellijst". */
  standalone?: boolean;
}

export function CallList({ callAfterHours, notYetDue, entries, mayTick, action, standalone = false }: CallListProps) {
  const { t, moment } = useI18n();
  return (
    <section className="card call-list" aria-labelledby={standalone ? undefined : "call-title"} data-testid="call-list">
      {standalone ? null : <h2 id="call-title">{t("status.callTitle")}</h2>}
      <p className="hint">{t("status.callIntro", { hours: callAfterHours })}</p>
      {entries.length === 0 ? <p data-testid="call-empty">{t("status.callEmpty")}</p> : null}
      <ul className="call-entries">
        {entries.map((e) => (
          <li key={e.noticeId} className={`call-entry${e.calledAt ? " called" : ""}`} data-testid="call-entry">
            <strong>{e.stallName}</strong>
            <span>{e.contactName}</span>
            <a className="call-phone" href={`tel:${e.phone.replace(/[^\d+]/g, "")}`}>
              {e.phone}
            </a>
            <span>
              {t("status.callLanguage")}: {t(`status.callLanguage_${e.language}`)}
            </span>
            <span data-testid="call-mail" data-state={e.mailState}>
              {t("status.callMail")}: {t(`status.mail_${e.mailState}`)}
            </span>
            {e.calledAt ? (
              <span data-testid="called">
                {t("status.calledBy", { who: e.calledBy ?? t("status.nobody"), moment: moment(e.calledAt) })}
                {e.callNote ? ` — ${e.callNote}` : ""}
              </span>
            ) : mayTick ? (
              <Form method="post" action={action} className="call-form">
                <input type="hidden" name="intent" value="called" />
                <input type="hidden" name="noticeId" value={e.noticeId} />
                <label>
                  {t("status.callNote")}
                  <input type="text" name="note" maxLength={500} />
                </label>
                <button type="submit" className="button">
                  {t("status.callDone")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {notYetDue > 0 ? <p className="hint">{t("status.callNotYetDue", { count: notYetDue })}</p> : null}
    </section>
  );
}

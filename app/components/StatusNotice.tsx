/**
 * On the private page, under the status: confirm reading the latest change ("Gelezen"), and on a
 * postponement the choice between keeping the spot for the new date and withdrawing with a full
 * refund (issue 17). Both are plain forms, so they work without JavaScript.
 */
import { Form } from "@remix-run/react";
import { useI18n } from "~/i18n/use-i18n";

export interface StatusNoticeProps {
  token: string;
  historyId: number;
  confirmed: boolean;
  choice: {
    deadline: string;
    defaultChoice: "keep" | "refund";
    deadlinePassed: boolean;
    chosen: "keep" | "refund" | null;
    chosenBy: string | null;
  } | null;
  paidCents: number;
}

export function StatusNotice({ token, historyId, confirmed, choice, paidCents }: StatusNoticeProps) {
  const { t, moment, money } = useI18n();
  // Once read, and with nothing to choose, the notice has done its work.
  if (confirmed && !choice) return null;
  return (
    <div className="status-notice" data-testid="status-notice">
      {confirmed ? (
        <p className="hint" data-testid="read-confirmed">{t("apply.noticeReadDone")}</p>
      ) : (
        <Form method="post" action={`/a/${token}/gelezen/${historyId}`} className="form-actions read-form">
          <p>{t("apply.noticeReadAsk")}</p>
          <button type="submit" className="button" data-testid="confirm-read">
            {t("apply.noticeRead")}
          </button>
        </Form>
      )}
      {choice ? (
        <section className="card postponement-choice" aria-labelledby="choice-heading" data-testid="postponement-choice">
          <h2 id="choice-heading">{t("apply.choiceHeading")}</h2>
          {choice.chosen ? (
            <p data-testid="choice-made" data-choice={choice.chosen}>
              {t(choice.chosen === "keep" ? (choice.chosenBy === "default" ? "apply.choiceKeptDefault" : "apply.choiceKept") : choice.chosenBy === "default" ? "apply.choiceRefundDefault" : "apply.choiceRefund")}
            </p>
          ) : choice.deadlinePassed ? (
            <p data-testid="choice-closed">{t(choice.defaultChoice === "keep" ? "apply.choiceClosedKeep" : "apply.choiceClosedRefund", { deadline: moment(choice.deadline) })}</p>
          ) : (
            <>
              <p>{t("apply.choiceQuestion", { deadline: moment(choice.deadline) })}</p>
              <p className="hint">{t(choice.defaultChoice === "keep" ? "apply.choiceDefaultKeep" : "apply.choiceDefaultRefund")}</p>
              <Form method="post" action={`/a/${token}/postponement`} className="form-actions">
                <button type="submit" name="choice" value="keep" className="button primary" data-testid="choose-keep">
                  {t("apply.choiceKeepButton")}
                </button>
                <button type="submit" name="choice" value="refund" className="button danger" data-testid="choose-refund">
                  {paidCents > 0 ? t("apply.choiceRefundButton", { amount: money(paidCents) }) : t("apply.choiceWithdrawButton")}
                </button>
              </Form>
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}

/**
 * The payment box of the stallholder's private page. The page's loader adds
 * `payBox: payBoxFor(application.id, request)` (app/data/money/payments.server.ts) and renders
 * `<PayBox data={data.payBox} />`. It shows the notice after returning from Stripe
 * (`?payment=success|cancelled|<refusal>`), the amount and deadline, and the pay button (a POST to
 * /a/<token>/pay) — or, with Stripe off, how to pay instead.
 */
import type { PayBoxData } from "~/data/money.server";
import { useI18n } from "~/i18n/use-i18n";

type Serialized = Omit<PayBoxData, "deadline"> & { deadline: string | null };

export function PayBox({ data }: { data: Serialized | null }) {
  const { t, money, moment } = useI18n();
  if (!data) return null;
  const showBox = data.payable || data.refusal === "stripe_off" || data.refusal === "deadline_passed" || data.refusal === "payments_paused" || data.paidAndConfirmed;
  const noticeIsGood = data.notice === "success" || data.notice === "already_paid";
  return (
    <section className={showBox ? "card pay-box" : "pay-box"} aria-labelledby={showBox ? "pay-title" : undefined} data-testid="pay-box">
      {data.notice ? (
        <p className={`notice${noticeIsGood ? " success" : " warn"}`} role="status" data-testid="payment-notice">
          {data.notice === "success" && data.paymentState === "paid" ? t("payments.notice_success_paid") : t(`payments.notice_${data.notice}`)}
        </p>
      ) : null}
      {showBox ? (
        <>
          <h2 id="pay-title">{t("payments.payTitle")}</h2>
          {data.paidAndConfirmed ? (
            <p data-testid="paid-note">{t("payments.paidNote")}</p>
          ) : (
            <>
              <p>
                <strong>{t("payments.payDue", { amount: money(data.outstandingCents) })}</strong>
              </p>
              {data.deadline ? <p>{t("payments.payDeadline", { deadline: moment(data.deadline) })}</p> : null}
              {data.payable ? (
                <form method="post" action={data.action}>
                  <p className="hint">{t("payments.payHow")}</p>
                  <button type="submit" className="button primary" data-testid="pay-button">
                    {t("payments.payButton", { amount: money(data.outstandingCents) })}
                  </button>
                </form>
              ) : data.refusal === "stripe_off" ? (
                <p>{t("payments.payManual")}</p>
              ) : data.refusal ? (
                <p>{t(`payments.notice_${data.refusal}`)}</p>
              ) : null}
            </>
          )}
        </>
      ) : null}
    </section>
  );
}

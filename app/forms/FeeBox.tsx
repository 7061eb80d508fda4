/**
 * The fee box: the fee and its lines, on the apply form and the private page. A module of its own
 * so the private page does not ship the apply form (and its validator) to the browser.
 */
import { useI18n } from "~/i18n/use-i18n";
import type { FeeBreakdown } from "~/rules/fees";
import { describeFee } from "./fee-lines";

/** The fee and its lines, as the server will save it (same function, same fee table). */
export function FeeBox(props: {
  fee: FeeBreakdown | null;
  categoryIsFree: boolean;
  stallUnitCm: number;
  money: (cents: number) => string;
  heading?: string;
  /** "You only pay once approved": on the form, not on the private page. */
  payLaterNote?: boolean;
}) {
  const { t } = useI18n();
  const { fee } = props;
  return (
    <section className="fee-box card" aria-labelledby="fee-heading" data-testid="fee-box">
      <h2 id="fee-heading">{props.heading ?? t("apply.feeHeading")}</h2>
      <div aria-live="polite">
        {!fee ? (
          <p>{t("apply.feeChooseKind")}</p>
        ) : (
          <>
            {fee.lines.length > 0 ? (
              <table className="fee-table">
                <tbody>
                  {describeFee(fee, t, props.money, props.stallUnitCm).map((line, index) => (
                    <tr key={index}>
                      <th scope="row">
                        {line.label}
                        {line.detail ? <span className="fee-detail">{line.detail}</span> : null}
                      </th>
                      <td>{line.amount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {props.categoryIsFree ? <p>{t("apply.feeFreeCategory")}</p> : null}
            <p className="fee-total">
              {t("apply.feeTotal")}: <strong data-testid="fee-total">{fee.totalCents === 0 ? t("apply.feeFree") : props.money(fee.totalCents)}</strong>
            </p>
            {props.payLaterNote === false ? null : <p className="hint">{t("apply.feePayLater")}</p>}
          </>
        )}
      </div>
    </section>
  );
}

/**
 * The payments and refunds tables of the organisers' money pages: the edition's (with a link to
 * each stall) and one application's (with notes, failure reasons and actions per refund).
 */
import { Link } from "@remix-run/react";
import { refundFailureText, refundReasonText } from "~/components/organiser/history";
import type { ReactNode } from "react";
import { useI18n } from "~/i18n/use-i18n";
import { recordedByKey } from "~/i18n/recorded-by";

interface PaymentRow {
  id: number;
  /** With the stall's name, for the edition-wide tables (`withStall`). */
  applicationId?: number;
  stallName?: string;
  method: "stripe" | "cash" | "bank_transfer";
  status: "open" | "succeeded" | "failed" | "expired" | "mismatch";
  amountCents: number;
  paidAt: string | null;
  createdAt: string;
  stripePaymentIntentId: string | null;
  stripeCheckoutSessionId: string | null;
  note?: string;
  recordedBy: string;
  recordedByName: string | null;
}

interface RefundRow {
  id: number;
  /** With the stall's name, for the edition-wide tables (`withStall`). */
  applicationId?: number;
  stallName?: string;
  status: "pending" | "succeeded" | "failed" | "to_pay_manually" | "paid_manually";
  amountCents: number;
  reason: string;
  failureReason?: string | null;
  completedAt: string | null;
  createdAt: string;
  stripeRefundId: string | null;
  recordedBy: string;
  recordedByName: string | null;
}

function useRecordedBy() {
  const { t } = useI18n();
  return (code: string, name: string | null) => name ?? t(recordedByKey(code));
}

function StallCell({ row }: { row: { applicationId?: number; stallName?: string } }) {
  const { t } = useI18n();
  return (
    <td data-label={t("payments.colStall")}>
      <Link to={`/organiser/payments/${row.applicationId}`}>{row.stallName}</Link>
    </td>
  );
}

export function PaymentsTable({ payments, withStall, testId }: { payments: PaymentRow[]; withStall: boolean; testId?: string }) {
  const { t, money, moment } = useI18n();
  const who = useRecordedBy();
  return (
    <table className="list-table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t("payments.colDate")}</th>
          {withStall ? <th scope="col">{t("payments.colStall")}</th> : null}
          <th scope="col">{t("payments.colMethod")}</th>
          <th scope="col">{t("payments.colStatus")}</th>
          <th scope="col" className="num">{t("payments.colAmount")}</th>
          <th scope="col">{t("payments.colReference")}</th>
          <th scope="col">{t("payments.colRecordedBy")}</th>
        </tr>
      </thead>
      <tbody>
        {payments.map((p) => (
          <tr key={p.id} data-status={p.status}>
            <td data-label={t("payments.colDate")}>{moment(p.paidAt ?? p.createdAt)}</td>
            {withStall ? <StallCell row={p} /> : null}
            <td data-label={t("payments.colMethod")}>{t(`payments.method_${p.method}`)}</td>
            <td data-label={t("payments.colStatus")}>{t(`payments.paymentStatus_${p.status}`)}</td>
            <td className="num" data-label={t("payments.colAmount")}>{money(p.amountCents)}</td>
            <td data-label={t("payments.colReference")}>
              <code>{p.stripePaymentIntentId ?? p.stripeCheckoutSessionId ?? "—"}</code>
              {p.note ? <div className="muted">{p.note}</div> : null}
            </td>
            <td data-label={t("payments.colRecordedBy")}>{who(p.recordedBy, p.recordedByName)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RefundsTable({
  refunds,
  withStall,
  testId,
  actions,
}: {
  refunds: RefundRow[];
  withStall: boolean;
  testId?: string;
  /** Buttons per refund (mark paid, retry), in a last column. */
  actions?: (refund: RefundRow) => ReactNode;
}) {
  const { t, money, moment } = useI18n();
  const who = useRecordedBy();
  return (
    <table className="list-table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t("payments.colDate")}</th>
          {withStall ? <th scope="col">{t("payments.colStall")}</th> : null}
          <th scope="col">{t("payments.colStatus")}</th>
          <th scope="col" className="num">{t("payments.colAmount")}</th>
          <th scope="col">{t("payments.colReason")}</th>
          <th scope="col">{t("payments.colReference")}</th>
          <th scope="col">{t("payments.colRecordedBy")}</th>
          {actions ? (
            <th scope="col">
              <span aria-hidden="true" />
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {refunds.map((r) => (
          <tr key={r.id} data-status={r.status}>
            <td data-label={t("payments.colDate")}>{moment(r.completedAt ?? r.createdAt)}</td>
            {withStall ? <StallCell row={r} /> : null}
            <td data-label={t("payments.colStatus")}>
              {t(`payments.refundStatus_${r.status}`)}
              {r.failureReason ? <div className="field-error">{refundFailureText(r.failureReason, t)}</div> : null}
            </td>
            <td className="num" data-label={t("payments.colAmount")}>{money(r.amountCents)}</td>
            <td data-label={t("payments.colReason")}>{refundReasonText(r.reason, t)}</td>
            <td data-label={t("payments.colReference")}>
              <code>{r.stripeRefundId ?? "—"}</code>
            </td>
            <td data-label={t("payments.colRecordedBy")}>{who(r.recordedBy, r.recordedByName)}</td>
            {actions ? <td>{actions(r)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

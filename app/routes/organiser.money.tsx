/**
 * The money page: paid, outstanding and refunded per category and in total; every payment with its
 * Stripe reference and who recorded it; stalls past their payment deadline (extend, or release the
 * spot); refunds, with failed ones to try again; the CSV for reconciling with Stripe.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { refundFailureText } from "~/components/organiser/history";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { unassignStall } from "~/data/assignments.server";
import { PaymentsTable, RefundsTable } from "~/components/payments/MoneyTables";
import { extendPaymentDeadline, listOverdue, moneyOverview, onlinePaymentsEnabled, retryRefund } from "~/data/money.server";
import { id, isoDate } from "~/forms/organiser-form";
import type { MessageKey } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { amsterdamMoment } from "~/rules/calendar";
import { organiserEdition, requireOrganiser } from "~/services/auth.server";
import { formBody } from "~/forms/form-request.server";

export function loader({ request }: LoaderFunctionArgs) {
  requireOrganiser(request, "money");
  const edition = organiserEdition(request);
  const now = new Date();
  return json({
    ...moneyOverview(edition.id),
    overdue: listOverdue(edition.id, now),
    stripeOn: onlinePaymentsEnabled(),
  });
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("release"), applicationId: id }),
  z.object({ intent: z.literal("extend"), applicationId: id, until: isoDate }),
  z.object({ intent: z.literal("retry_refund"), refundId: id }),
]);

type ActionResult = { ok: boolean; message: MessageKey };

export async function action({ request }: ActionFunctionArgs) {
  const organiser = requireOrganiser(request, "money");
  const edition = organiserEdition(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await formBody(request)));
  if (!parsed.success) return json<ActionResult>({ ok: false, message: "payments.err_refused" }, { status: 400 });
  const input = parsed.data;
  const now = new Date();
  if (input.intent === "release") {
    const result = unassignStall({ editionId: edition.id, applicationId: input.applicationId, organiserId: organiser.id });
    return json<ActionResult>({ ok: result.ok, message: result.ok ? "payments.released" : "payments.releaseNothing" });
  }
  if (input.intent === "extend") {
    // The end of the chosen day in Amsterdam.
    const until = new Date(amsterdamMoment(input.until, "23:59").getTime() + 59_000);
    const result = extendPaymentDeadline({ applicationId: input.applicationId, editionId: edition.id, until, organiserId: organiser.id, now });
    if (!result.ok) return json<ActionResult>({ ok: false, message: `payments.err_${result.reason}` }, { status: 400 });
    return json<ActionResult>({ ok: true, message: "payments.extended" });
  }
  const result = retryRefund({ refundId: input.refundId, editionId: edition.id, organiserId: organiser.id, now });
  return json<ActionResult>({ ok: result.ok, message: result.ok ? "payments.retried" : "payments.err_refused" }, { status: result.ok ? 200 : 409 });
}

export default function MoneyPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, money, dateOnly, language } = useI18n();
  const failed = data.refunds.filter((r) => r.status === "failed");
  return (
    <section className="page wide">
      <h1>{t("payments.moneyTitle")}</h1>
      <p>{t("payments.moneyIntro")}</p>
      {data.stripeOn ? null : <p className="notice">{t("payments.stripeOff")}</p>}
      {result ? (
        <p className={`notice${result.ok ? "" : " warn"}`} role="status">
          {t(result.message)}
        </p>
      ) : null}
      <p>
        <a href="/organiser/money.csv" className="button small" download>
          {t("payments.csvExport")}
        </a>
      </p>

      <h2>{t("payments.totalsTitle")}</h2>
      <table className="list-table" data-testid="money-totals">
        <thead>
          <tr>
            <th scope="col">{t("payments.colCategory")}</th>
            <th scope="col" className="num">{t("payments.colApplications")}</th>
            <th scope="col" className="num">{t("payments.colPaid")}</th>
            <th scope="col" className="num">{t("payments.colOutstanding")}</th>
            <th scope="col" className="num">{t("payments.colRefunded")}</th>
          </tr>
        </thead>
        <tbody>
          {data.categories.map((c) => (
            <tr key={c.id}>
              <th scope="row">{language === "en" ? c.nameEn : c.nameNl}</th>
              <td className="num" data-label={t("payments.colApplications")}>{c.applications}</td>
              <td className="num" data-label={t("payments.colPaid")}>{money(c.paidCents)}</td>
              <td className="num" data-label={t("payments.colOutstanding")}>{money(c.outstandingCents)}</td>
              <td className="num" data-label={t("payments.colRefunded")}>{money(c.refundedCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("payments.total")}</th>
            <td className="num" data-label={t("payments.colApplications")}>{data.total.applications}</td>
            <td className="num" data-label={t("payments.colPaid")} data-testid="total-paid">{money(data.total.paidCents)}</td>
            <td className="num" data-label={t("payments.colOutstanding")} data-testid="total-outstanding">{money(data.total.outstandingCents)}</td>
            <td className="num" data-label={t("payments.colRefunded")} data-testid="total-refunded">{money(data.total.refundedCents)}</td>
          </tr>
        </tfoot>
      </table>

      <h2>{t("payments.overdueTitle")}</h2>
      <p>{t("payments.overdueIntro")}</p>
      {data.overdue.length === 0 ? (
        <p>{t("payments.noOverdue")}</p>
      ) : (
        <table className="list-table" data-testid="overdue">
          <thead>
            <tr>
              <th scope="col">{t("payments.colStall")}</th>
              <th scope="col" className="num">{t("payments.colOutstanding")}</th>
              <th scope="col">{t("payments.colDeadline")}</th>
              <th scope="col">{t("payments.extendUntil")}</th>
              <th scope="col">{t("payments.release")}</th>
            </tr>
          </thead>
          <tbody>
            {data.overdue.map((o) => (
              <tr key={o.applicationId}>
                <td data-label={t("payments.colStall")}>
                  <Link to={`/organiser/payments/${o.applicationId}`}>{o.stallName}</Link>
                  <div className="muted">{o.contactName} · {o.email}</div>
                </td>
                <td className="num" data-label={t("payments.colOutstanding")}>{money(o.outstandingCents)}</td>
                <td data-label={t("payments.colDeadline")}>{dateOnly(o.deadline)}</td>
                <td data-label={t("payments.extendUntil")}>
                  <Form method="post" className="row-form">
                    <input type="hidden" name="intent" value="extend" />
                    <input type="hidden" name="applicationId" value={o.applicationId} />
                    <input type="date" name="until" required aria-label={`${t("payments.extendUntil")}: ${o.stallName}`} />
                    <button type="submit" className="button small">
                      {t("payments.extend")}
                    </button>
                  </Form>
                </td>
                <td data-label={t("payments.release")}>
                  {o.assignedDays > 0 ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="release" />
                      <input type="hidden" name="applicationId" value={o.applicationId} />
                      <button type="submit" className="button small">
                        {t("payments.release")}
                      </button>
                    </Form>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {failed.length > 0 ? (
        <>
          <h2>{t("payments.failedRefundsTitle")}</h2>
          <p>{t("payments.failedRefundsIntro")}</p>
          <ul className="mail-list" data-testid="failed-refunds">
            {failed.map((r) => (
              <li key={r.id} className="card">
                <strong>{r.stallName}</strong> · {money(r.amountCents)} · {t("payments.colAttempts")}: {r.attempts}
                {r.failureReason ? <p className="field-error">{refundFailureText(r.failureReason, t)}</p> : null}
                <Form method="post">
                  <input type="hidden" name="intent" value="retry_refund" />
                  <input type="hidden" name="refundId" value={r.id} />
                  <button type="submit" className="button small">
                    {t("payments.retryRefund")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>{t("payments.paymentsTitle")}</h2>
      {data.payments.length === 0 ? (
        <p>{t("payments.noPayments")}</p>
      ) : (
        <PaymentsTable payments={data.payments} withStall testId="payments" />
      )}

      <h2>{t("payments.refundsTitle")}</h2>
      {data.refunds.length === 0 ? (
        <p>{t("payments.noRefunds")}</p>
      ) : (
        <RefundsTable refunds={data.refunds} withStall testId="refunds" />
      )}
    </section>
  );
}

/**
 * One application's money for the organisers: its payments and refunds with who recorded them;
 * record a cash or bank payment; refund all or part (through Stripe for online payments); tick
 * off a manual refund as paid; try a failed refund again.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { paymentWord, refundableWord } from "~/rules/application-wording";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { Field } from "~/components/organiser/Field";
import { PaymentsTable, RefundsTable } from "~/components/payments/MoneyTables";
import { applicationMoney, depositOfApplication, markManualRefundPaid, onlinePaymentsEnabled, recordManualPayment, requestRefund, retryRefund, sendDueRefunds } from "~/data/money.server";
import { euros, id, isoDate, parseForm, required } from "~/forms/organiser-form";
import type { MessageKey } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { amsterdamMoment, localDate } from "~/rules/calendar";
import { eurosForInput } from "~/rules/euro-input";
import { organiserEdition, requireOrganiser } from "~/services/auth.server";
import { formBody } from "~/forms/form-request.server";

function applicationIdOf(params: { applicationId?: string }): number {
  const value = Number(params.applicationId);
  if (!Number.isInteger(value) || value <= 0) throw new Response("Not found", { status: 404 });
  return value;
}

export function loader({ request, params }: LoaderFunctionArgs) {
  requireOrganiser(request, "money");
  const edition = organiserEdition(request);
  const money = applicationMoney(applicationIdOf(params), edition.id);
  if (!money) throw new Response("Not found", { status: 404 });
  const deposit = depositOfApplication(money.application.id);
  return json({ ...money, deposit: deposit ? { amountCents: deposit.amountCents, state: deposit.state, reason: deposit.reason } : null, today: localDate(new Date()), stripeOn: onlinePaymentsEnabled() });
}

const schemas = {
  manual: z.object({
    method: z.enum(["cash", "bank_transfer"], { message: "organiser.errInvalid" }),
    amount: euros(false),
    date: isoDate,
    note: z.string().trim().max(1000, "organiser.errTooLong").default(""),
  }),
  refund: z.object({ refundAmount: euros(false), refundReason: required(500) }),
  mark_paid: z.object({ refundId: id }),
  retry: z.object({ refundId: id }),
};

type Intent = keyof typeof schemas;
type ActionResult =
  | { intent: Intent; ok: true; message: MessageKey }
  | { intent: Intent; ok: false; message?: MessageKey; errors?: Record<string, string>; values?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const organiser = requireOrganiser(request, "money");
  const edition = organiserEdition(request);
  const applicationId = applicationIdOf(params);
  const form = await formBody(request);
  const intent = String(form.get("intent") ?? "") as Intent;
  if (!Object.hasOwn(schemas, intent)) return json<ActionResult>({ intent: "manual", ok: false, message: "payments.err_refused" }, { status: 400 });
  const now = new Date();

  if (intent === "manual") {
    const parsed = parseForm(schemas.manual, form);
    if (!parsed.ok) return json<ActionResult>({ intent, ok: false, errors: parsed.errors, values: parsed.values }, { status: 400 });
    if (parsed.data.amount <= 0) return json<ActionResult>({ intent, ok: false, errors: { amount: "payments.err_invalid_amount" }, values: Object.fromEntries([...form].map(([k, v]) => [k, String(v)])) }, { status: 400 });
    const result = recordManualPayment({
      applicationId,
      editionId: edition.id,
      method: parsed.data.method,
      amountCents: parsed.data.amount,
      paidAt: amsterdamMoment(parsed.data.date, "12:00"),
      note: parsed.data.note,
      organiserId: organiser.id,
      now,
    });
    if (!result.ok) return json<ActionResult>({ intent, ok: false, errors: { amount: `payments.err_${result.reason}` }, values: parsed.values }, { status: result.reason === "not_found" ? 404 : 400 });
    return json<ActionResult>({ intent, ok: true, message: "payments.manualSaved" });
  }

  if (intent === "refund") {
    const parsed = parseForm(schemas.refund, form);
    if (!parsed.ok) return json<ActionResult>({ intent, ok: false, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const money = applicationMoney(applicationId, edition.id);
    if (!money) return json<ActionResult>({ intent, ok: false, message: "payments.err_not_found" }, { status: 404 });
    const result = requestRefund(applicationId, parsed.data.refundAmount, parsed.data.refundReason, organiser.id, now);
    if (!result.ok) return json<ActionResult>({ intent, ok: false, errors: { refundAmount: `payments.err_${result.reason}` }, values: parsed.values }, { status: 400 });
    // Send it to Stripe now rather than on the worker's next tick (outside any transaction).
    await sendDueRefunds(new Date());
    return json<ActionResult>({ intent, ok: true, message: "payments.refundRequested" });
  }

  const parsed = parseForm(schemas[intent], form);
  if (!parsed.ok) return json<ActionResult>({ intent, ok: false, message: "payments.err_refused" }, { status: 400 });
  const input = { refundId: parsed.data.refundId, editionId: edition.id, organiserId: organiser.id, now };
  const result = intent === "mark_paid" ? markManualRefundPaid(input) : retryRefund(input);
  if (!result.ok) return json<ActionResult>({ intent, ok: false, message: "payments.err_refused" }, { status: 409 });
  if (intent === "retry") await sendDueRefunds(new Date());
  return json<ActionResult>({ intent, ok: true, message: intent === "mark_paid" ? "payments.markedPaid" : "payments.retried" });
}

export default function ApplicationMoneyPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, money, dateOnly, language } = useI18n();
  const a = data.application;
  const errorsFor = (intent: Intent) => (result && !result.ok && result.intent === intent ? result.errors : undefined);
  const valuesFor = (intent: Intent) => (result && !result.ok && result.intent === intent ? (result.values ?? {}) : {});
  return (
    <section className="page wide">
      <p>
        <Link to={`/organiser/applications/${a.id}`}>{t("payments.backToApplication")}</Link> ·{" "}
        <Link to="/organiser/money">{t("payments.backToMoney")}</Link>
      </p>
      <h1>{t("payments.appTitle", { stall: a.stallName })}</h1>
      {result?.message ? (
        <p className={`notice${result.ok ? "" : " warn"}`} role="status">
          {t(result.message)}
        </p>
      ) : null}
      <dl className="counts">
        <dt>{t("payments.state")}</dt>
        <dd data-testid="payment-state">{t(`payments.word_${paymentWord({ reviewState: a.reviewState, paymentState: a.paymentState, refundInProgressCents: data.refundInProgressCents })}`)}</dd>
        <dt>{t("payments.fee")}</dt>
        <dd>{money(a.feeTotalCents)}</dd>
        {a.reviewState === "approved" ? (
          <>
            <dt>{t("payments.outstanding")}</dt>
            <dd>{money(data.outstandingCents)}</dd>
          </>
        ) : null}
        {data.refundableCents > 0 ? (
          <>
            <dt>{t(`payments.${refundableWord(a.reviewState)}`)}</dt>
            <dd>{money(data.refundableCents)}</dd>
          </>
        ) : null}
        {a.deadline ? (
          <>
            <dt>{t("payments.colDeadline")}</dt>
            <dd>{dateOnly(a.deadline)}</dd>
          </>
        ) : null}
      </dl>
      {data.deposit ? (
        <p data-testid="deposit-state" data-deposit={data.deposit.state}>
          {t(`payments.orgDeposit_${data.deposit.state}` as MessageKey, { amount: money(data.deposit.amountCents), reason: data.deposit.reason })}
        </p>
      ) : null}
      {data.stripeOn ? null : <p className="notice">{t("payments.stripeOff")}</p>}

      <h2>{t("payments.paymentsTitle")}</h2>
      {data.payments.length === 0 ? (
        <p>{t("payments.noMoney")}</p>
      ) : (
        <PaymentsTable payments={data.payments} withStall={false} />
      )}

      <h2>{t("payments.refundsTitle")}</h2>
      {data.refunds.length === 0 ? (
        <p>{t("payments.noRefunds")}</p>
      ) : (
        <RefundsTable
          refunds={data.refunds}
          withStall={false}
          actions={(r) =>
            r.status === "to_pay_manually" ? (
              <Form method="post">
                <input type="hidden" name="intent" value="mark_paid" />
                <input type="hidden" name="refundId" value={r.id} />
                <button type="submit" className="button small">
                  {t("payments.markPaid")}
                </button>
              </Form>
            ) : r.status === "failed" ? (
              <Form method="post">
                <input type="hidden" name="intent" value="retry" />
                <input type="hidden" name="refundId" value={r.id} />
                <button type="submit" className="button small">
                  {t("payments.retryRefund")}
                </button>
              </Form>
            ) : null
          }
        />
      )}

      {a.reviewState === "approved" && data.outstandingCents > 0 ? (
        <Form method="post" className="stack card" aria-labelledby="manual-title">
          <h2 id="manual-title">{t("payments.manualTitle")}</h2>
          <input type="hidden" name="intent" value="manual" />
          <Field name="method" label={t("payments.manualMethod")} errors={errorsFor("manual")}>
{(control) => (
            <select {...control} name="method" defaultValue={valuesFor("manual").method ?? "bank_transfer"}>
              <option value="bank_transfer">{t("payments.method_bank_transfer")}</option>
              <option value="cash">{t("payments.method_cash")}</option>
            </select>
            )}
          </Field>
          <Field
            name="amount"
            label={t("payments.manualAmount")}
            errors={errorsFor("manual")}
            inputMode="decimal"
            required
            defaultValue={valuesFor("manual").amount ?? eurosForInput(data.outstandingCents, language)}
          />
          <Field name="date" label={t("payments.manualDate")} type="date" errors={errorsFor("manual")} required defaultValue={valuesFor("manual").date ?? data.today} />
          <Field name="note" label={t("payments.manualNote")} errors={errorsFor("manual")} defaultValue={valuesFor("manual").note} />
          <button type="submit" className="button">
            {t("payments.manualSave")}
          </button>
        </Form>
      ) : null}

      {data.refundableCents > 0 ? (
        <Form method="post" className="stack card" aria-labelledby="refund-title">
          <h2 id="refund-title">{t("payments.refundTitle")}</h2>
          <p>{t("payments.refundIntro")}</p>
          <input type="hidden" name="intent" value="refund" />
          <Field
            name="refundAmount"
            label={t("payments.refundAmount")}
            errors={errorsFor("refund")}
            inputMode="decimal"
            required
            hint={t("payments.refundFull", { amount: money(data.refundableCents) })}
            defaultValue={valuesFor("refund").refundAmount ?? eurosForInput(data.refundableCents, language)}
          />
          <Field name="refundReason" label={t("payments.refundReason")} errors={errorsFor("refund")} required defaultValue={valuesFor("refund").refundReason} />
          <button type="submit" className="button">
            {t("payments.refundSave")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

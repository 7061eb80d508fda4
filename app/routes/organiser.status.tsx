/**
 * Flag the edition uncertain, cancelled or postponed (or back to goes-ahead): preview what will
 * happen, confirm once, follow the refunds of a cancellation, see who read the news and phone the
 * ones who did not (issue 17).
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { refundFailureText } from "~/components/organiser/history";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { changeEditionStatus, previewDayMove, previewStatusChange, setApplicationsClosed, setPaymentsPaused, statusHistory } from "~/data/edition-status.server";
import { listEventDays } from "~/data/editions.server";
import { callList, choiceCounts, confirmationCounts, markCalled } from "~/data/status-notices.server";
import { PostponeFields } from "~/components/organiser/PostponeFields";
import { postponedDays, splitLocalDateTime } from "~/forms/edition-status";
import { amsterdamMoment, localDate } from "~/rules/calendar";
import { checkPostponement, type PostponementField } from "~/rules/postponement";
import { jobSentence, refundPreviewSentences, switchSentences } from "~/rules/status-page";
import type { MessageKey } from "~/i18n/i18n";
import { Link } from "@remix-run/react";
import { jobRefunds, latestJob, markManualRefundPaid, onlinePaymentsEnabled, reopenJobOf, retryRefund } from "~/data/money.server";
import { env } from "~/env.server";
import { editionStatusForm } from "~/forms/edition-status";
import { useI18n } from "~/i18n/use-i18n";
import { organiserEdition, requireOrganiser } from "~/services/auth.server";
import statusStyles from "~/styles/status.css";
import { formBody } from "~/forms/form-request.server";
import { EDITION_STATUSES } from "~/rules/vocabularies";

export const meta: MetaFunction = () => [{ title: "Status – SK Zomerparade" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: statusStyles }];

export function loader({ request }: LoaderFunctionArgs) {
  requireOrganiser(request, "review");
  const edition = organiserEdition(request);
  if (!edition) throw new Response("No edition", { status: 404 });
  const job = latestJob(edition.id);
  const now = new Date();
  const stripeConfigured = onlinePaymentsEnabled();
  const counts = confirmationCounts(edition.id);
  const calls = callList(edition.id, now);
  const choices = choiceCounts(edition.id);
  const jobRefundRows = job ? jobRefunds(job.id) : [];
  const previews = Object.fromEntries(EDITION_STATUSES.map((s) => [s, previewStatusChange(edition.id, s)])) as Record<(typeof EDITION_STATUSES)[number], ReturnType<typeof previewStatusChange>>;
  const history = statusHistory(edition.id);
  // `?to=cancelled` opens the page with that status chosen, its preview shown (works without JavaScript).
  const wanted = new URL(request.url).searchParams.get("to");
  return json({
    chosen: EDITION_STATUSES.find((s) => s === wanted) ?? edition.status,
    stripeConfigured,
    days: listEventDays(edition.id).map((d) => ({ id: d.id, date: d.date, startsAt: d.startsAt, endsAt: d.endsAt })),
    dayMove: previewDayMove(edition.id),
    switches: switchSentences({ status: edition.status, stripeConfigured, applicationsClosedManually: edition.applicationsClosedManually, paymentsPaused: edition.paymentsPaused }),
    refundPreview: refundPreviewSentences(previews.cancelled ?? { kind: "same", applicantsMailed: 0, applicationsCancelled: 0, paymentsRefunded: 0, refundCents: 0, manualRefunds: 0, manualRefundCents: 0 }, stripeConfigured),
    jobSummary: job ? jobSentence({ status: job.status, total: job.total, done: job.done, failed: job.failed, manualOpen: jobRefundRows.filter((r) => r.status === "to_pay_manually").length }, stripeConfigured) : null,
    lastChangedAt: history[0]?.changedAt.toISOString() ?? null,
    calls: calls ? { historyId: calls.historyId, notYetDue: calls.notYetDue, callAfterHours: calls.callAfterHours, entries: calls.entries.map((e) => ({ ...e, calledAt: e.calledAt?.toISOString() ?? null })) } : null,
    choices: choices && edition.status === "postponed" ? { kept: choices.kept, refund: choices.refund, open: choices.open, deadline: choices.postponement.choiceDeadline, defaultChoice: choices.postponement.defaultChoice } : null,
    edition: {
      id: edition.id,
      status: edition.status,
      messageNl: edition.statusMessageNl,
      messageEn: edition.statusMessageEn,
      decisionExpectedOn: edition.decisionExpectedOn,
      paymentsPaused: edition.paymentsPaused,
      applicationsClosedManually: edition.applicationsClosedManually,
    },
    previews,
    history: history.map((h) => ({ ...h, changedAt: h.changedAt.toISOString(), read: counts.get(h.id) ?? null })),
    job: job ? { id: job.id, status: job.status, total: job.total, done: job.done, failed: job.failed, refunds: jobRefundRows } : null,
  });
}

type ActionData = { ok: boolean; message: string; params?: Record<string, string | number>; errors?: Partial<Record<PostponementField, string>>; values?: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const organiser = requireOrganiser(request, "review");
  const edition = organiserEdition(request);
  if (!edition) throw new Response("No edition", { status: 404 });
  const fields = Object.fromEntries(await formBody(request));
  const parsed = editionStatusForm.safeParse(fields);
  if (!parsed.success) {
    const confirmMissing = parsed.error.issues.some((i) => i.path[0] === "confirm");
    return json<ActionData>({ ok: false, message: confirmMissing ? "status.confirmRequired" : "status.invalid" }, { status: 400 });
  }
  const input = parsed.data;
  const now = new Date();
  switch (input.intent) {
    case "change": {
      if (input.to !== "scheduled" && !input.messageNl) return json<ActionData>({ ok: false, message: "status.messageRequired" }, { status: 400 });
      let postponement = null;
      if (input.to === "postponed") {
        const current = listEventDays(edition.id).map((d) => ({ dayId: d.id, date: d.date, startsAt: d.startsAt, endsAt: d.endsAt }));
        const deadline = splitLocalDateTime(input.choiceDeadline);
        const checked = checkPostponement(
          { current, newDays: postponedDays(fields, current.map((d) => d.dayId)), choiceDeadline: deadline ? amsterdamMoment(deadline.date, deadline.time) : null, defaultChoice: input.defaultChoice },
          now,
          localDate(now),
        );
        if (!checked.ok) {
          const errors = Object.fromEntries(Object.entries(checked.errors).map(([field, code]) => [field, `status.err_${code}`]));
          const values = Object.fromEntries(Object.entries(fields).filter(([, v]) => typeof v === "string")) as Record<string, string>;
          return json<ActionData>({ ok: false, message: "status.invalid", errors, values }, { status: 400 });
        }
        postponement = checked.postponement;
      }
      const result = changeEditionStatus({ editionId: edition.id, to: input.to, expectedFrom: input.expectedFrom, messageNl: input.messageNl, messageEn: input.messageEn, decisionExpectedOn: input.decisionExpectedOn, organiserId: organiser.id, appUrl: env().APP_URL, now, postponement, callAfterHours: input.callAfterHours });
      if (!result.ok) return json<ActionData>({ ok: false, message: `status.${result.reason === "not_found" ? "invalid" : result.reason}` }, { status: 409 });
      return json<ActionData>({ ok: true, message: "status.changed", params: { count: result.mailed } });
    }
    case "payments":
      setPaymentsPaused(edition.id, input.paused, organiser.id);
      return json<ActionData>({ ok: true, message: input.paused ? "status.paymentsPaused" : "status.paymentsActive" });
    case "applications":
      setApplicationsClosed(edition.id, input.closed, organiser.id);
      return json<ActionData>({ ok: true, message: input.closed ? "status.applicationsClosed" : "status.applicationsOpen" });
    case "retry-refund": {
      const result = retryRefund({ refundId: input.refundId, editionId: edition.id, organiserId: organiser.id, now });
      if (result.ok) reopenJobOf(input.refundId, now);
      return json<ActionData>({ ok: result.ok, message: result.ok ? "status.refundStatus_pending" : "status.invalid" }, { status: result.ok ? 200 : 409 });
    }
    case "called": {
      const ok = markCalled({ noticeId: input.noticeId, editionId: edition.id, organiserId: organiser.id, note: input.note, now });
      return json<ActionData>({ ok, message: ok ? "status.calledSaved" : "status.invalid" }, { status: ok ? 200 : 409 });
    }
    case "manual-refund-paid": {
      const result = markManualRefundPaid({ refundId: input.refundId, editionId: edition.id, organiserId: organiser.id, now });
      return json<ActionData>({ ok: result.ok, message: result.ok ? "status.refundStatus_paid_manually" : "status.invalid" }, { status: result.ok ? 200 : 409 });
    }
  }
}

/** Amounts in a sentence's parameters are cents; the page writes them as money. */
function useSentenceParams() {
  const { money } = useI18n();
  return (params?: Record<string, string | number>) => {
    if (!params) return undefined;
    const out: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(params)) {
      if (k.endsWith("Cents") && typeof v === "number") out[k.slice(0, -5)] = money(v);
      else out[k] = v;
    }
    return out;
  };
}

export default function EditionStatusPage() {
  const sentenceParams = useSentenceParams();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const { t, money, moment, eventDate } = useI18n();
  // A postponement refused for its fields comes back with "postponed" chosen, so the errors show
  // beside the fields (also without JavaScript, where this is the first render).
  const refusedPostponement = Boolean(result && !result.ok && result.errors);
  const [to, setTo] = useState(refusedPostponement ? "postponed" : data.chosen);
  useEffect(() => {
    if (refusedPostponement) setTo("postponed");
  }, [refusedPostponement, result]);
  const preview = data.previews[to];
  const job = data.job;
  const busy = navigation.state !== "idle";

  // While refunds run, the page follows the job's progress.
  useEffect(() => {
    if (!job || job.status === "succeeded" || job.status === "failed") return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1500);
    return () => clearInterval(timer);
  }, [job, revalidator]);

  const percent = job && job.total > 0 ? Math.floor((job.done / job.total) * 100) : 100;
  return (
    <div className="page status-page">
      <h1>{t("status.title")}</h1>
      <p data-testid="current-status">{t("status.current", { status: t(`status.${data.edition.status}`) })}</p>
      {data.lastChangedAt ? <p className="hint">{t("status.changedAtLine", { moment: moment(data.lastChangedAt) })}</p> : null}
      {data.choices ? (
        <p data-testid="postponement-choices">
          {t("status.choices", { kept: data.choices.kept, refund: data.choices.refund, open: data.choices.open, deadline: moment(data.choices.deadline), default: t(data.choices.defaultChoice === "keep" ? "status.defaultKeep" : "status.defaultRefund") })}
        </p>
      ) : null}
      {data.calls ? (
        <p>
          <Link to="/organiser/calls" data-testid="call-list-link">
            {t("status.callTitle")}
          </Link>
          {": "}
          {data.calls.entries.length === 0 ? t("status.callEmpty") : t("status.callSummary", { called: data.calls.entries.filter((e) => e.calledAt).length, total: data.calls.entries.length })}
        </p>
      ) : null}
      {result ? (
        <p role={result.ok ? "status" : "alert"} className={`notice ${result.ok ? "ok" : "error"}`} data-testid="status-result">
          {t(result.message as Parameters<typeof t>[0], result.params)}
        </p>
      ) : null}

      <Form method="post" className="card">
        <input type="hidden" name="intent" value="change" />
        <input type="hidden" name="expectedFrom" value={data.edition.status} />
        <fieldset>
          <legend>{t("status.newStatus")}</legend>
          {EDITION_STATUSES.map((s) => (
            <label key={s} className="radio">
              <input type="radio" name="to" value={s} checked={to === s} onChange={() => setTo(s)} /> {t(`status.${s}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t("status.messageNl")}
          <textarea name="messageNl" defaultValue={data.edition.messageNl} maxLength={1000} rows={3} />
        </label>
        <label>
          {t("status.messageEn")}
          <textarea name="messageEn" defaultValue={data.edition.messageEn} maxLength={1000} rows={3} />
        </label>
        {to === "uncertain" ? (
          <label>
            {t("status.decisionExpectedOn")}
            <input type="date" name="decisionExpectedOn" defaultValue={data.edition.decisionExpectedOn ?? ""} />
          </label>
        ) : (
          <input type="hidden" name="decisionExpectedOn" value="" />
        )}
        {to === "postponed" && preview?.kind === "postpone" ? <PostponeFields days={data.days} errors={result && !result.ok ? result.errors : undefined} values={result && !result.ok ? result.values : undefined} /> : null}
        {to !== "scheduled" ? (
          <label>
            {t("status.callAfterHours")}
            <input type="number" name="callAfterHours" min={1} max={240} defaultValue={24} inputMode="numeric" />
          </label>
        ) : null}
        {preview ? (
          <section className={`preview preview-${to}`} aria-labelledby="preview-title" data-testid="status-preview">
            <h2 id="preview-title">{t("status.previewTitle")}</h2>
            <ul>
              {preview.kind === "same" ? <li>{t(preview.applicantsMailed > 0 ? "status.previewSame" : "status.previewSameNobody")}</li> : null}
              {preview.kind === "reopen_fresh" ? <li>{t("status.previewReopen")}</li> : null}
              {to === "uncertain" && preview.kind !== "same" ? <li>{t("status.previewUncertain")}</li> : null}
              <li>{t("status.previewMailed", { count: preview.applicantsMailed })}</li>
              {preview.kind === "cancel" ? (
                <>
                  <li>{t("status.previewCancelled", { count: preview.applicationsCancelled })}</li>
                  {data.refundPreview.map((sentence, i) => (
                    <li key={sentence.key} data-testid={i === 0 ? "preview-refunds" : undefined}>
                      {t(`status.${sentence.key}` as MessageKey, sentenceParams(sentence.params))}
                    </li>
                  ))}
                </>
              ) : null}
              {preview.kind === "postpone" ? (
                <>
                  <li>{t("status.previewPostpone", { count: data.dayMove.withSpot })}</li>
                  <li>{t("status.previewPostponeChoice", { count: data.dayMove.approved })}</li>
                </>
              ) : null}
              {preview.kind === "back_to_old_dates" && data.dayMove.oldDays ? <li>{t("status.previewBack", { days: data.dayMove.oldDays.map((d) => eventDate(d.date)).join(", ") })}</li> : null}
              {preview.kind === "not_allowed" ? <li>{t("status.previewNotAllowed")}</li> : null}
            </ul>
          </section>
        ) : null}
        <label className="confirm">
          <input type="checkbox" name="confirm" value="yes" required /> {t("status.confirm")}
        </label>
        <button type="submit" className="button primary" disabled={busy}>
          {t("status.submit")}
        </button>
      </Form>

      {job ? (
        <section className="card" aria-labelledby="job-title" data-testid="refund-job">
          <h2 id="job-title">{t("status.jobTitle")}</h2>
          <progress max={100} value={percent} aria-label={t("status.jobTitle")} />
          <p data-testid="job-progress">{t("status.jobProgress", { done: job.done, total: job.total, percent, failed: job.failed })}</p>
          {data.jobSummary ? <p data-testid="job-summary">{t(`status.${data.jobSummary.key}` as MessageKey, data.jobSummary.params)}</p> : null}
          {job.refunds.some((r) => r.status === "failed") ? (
            <>
              <h3>{t("status.failedTitle")}</h3>
              <ul>
                {job.refunds.filter((r) => r.status === "failed").map((r) => (
                  <li key={r.id}>
                    {r.stallName}: {money(r.amountCents)} — {refundFailureText(r.failureReason, t)}{" "}
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="retry-refund" />
                      <input type="hidden" name="refundId" value={r.id} />
                      <button type="submit" className="button small">{t("status.retry")}</button>
                    </Form>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {job.refunds.some((r) => r.status === "to_pay_manually" || r.status === "paid_manually") ? (
            <>
              <h3>{t("status.manualTitle")}</h3>
              <ul>
                {job.refunds.filter((r) => r.status === "to_pay_manually" || r.status === "paid_manually").map((r) => (
                  <li key={r.id}>
                    {r.stallName}: {money(r.amountCents)} — {t(`status.refundStatus_${r.status}`)}{" "}
                    {r.status === "to_pay_manually" ? (
                      <Form method="post" className="inline">
                        <input type="hidden" name="intent" value="manual-refund-paid" />
                        <input type="hidden" name="refundId" value={r.id} />
                        <button type="submit" className="button small">{t("status.markPaid")}</button>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      <section className="card" data-testid="switches">
        <h2>{t("status.switches")}</h2>
        {data.switches.switchesApply ? (
          <>
            <Form method="post" className="row">
              <input type="hidden" name="intent" value="payments" />
              <input type="hidden" name="paused" value={data.edition.paymentsPaused ? "false" : "true"} />
              <span>{t(`status.${data.switches.payments.key}` as MessageKey)}</span>
              <button type="submit" className="button">{data.edition.paymentsPaused ? t("status.resumePayments") : t("status.pausePayments")}</button>
            </Form>
            <Form method="post" className="row">
              <input type="hidden" name="intent" value="applications" />
              <input type="hidden" name="closed" value={data.edition.applicationsClosedManually ? "false" : "true"} />
              <span>{t(`status.${data.switches.applications.key}` as MessageKey)}</span>
              <button type="submit" className="button">{data.edition.applicationsClosedManually ? t("status.openApplications") : t("status.closeApplications")}</button>
            </Form>
          </>
        ) : (
          <>
            <p>{t(`status.${data.switches.applications.key}` as MessageKey)}</p>
            <p>{t(`status.${data.switches.payments.key}` as MessageKey)}</p>
            <p className="hint">{t("status.switchesCancelled")}</p>
          </>
        )}
      </section>

      <section className="card">
        <h2>{t("status.history")}</h2>
        <ul data-testid="status-history">
          {data.history.map((h) => (
            <li key={h.id}>
              {t("status.historyLine", { date: moment(h.changedAt), status: t(`status.${h.status}`), who: h.changedBy || h.changedByEmail || t("status.nobody") })}
              {h.messageNl ? ` — ${h.messageNl}` : ""}
              {h.decisionExpectedOn ? ` (${eventDate(h.decisionExpectedOn)})` : ""}
              {h.read ? <span data-testid="read-count"> · {t("status.readCount", { confirmed: h.read.confirmed, total: h.read.told })}</span> : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

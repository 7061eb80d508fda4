import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { paymentWord } from "~/rules/application-wording";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormErrors } from "~/components/organiser/Field";
import { DecisionOutcomeNotice } from "~/components/organiser/DecisionOutcome";
import { historySentence } from "~/components/organiser/history";
import {
  adjustFee,
  decideApplications,
  loadApplicationForReview,
  saveInternalNotes,
  updateApplicationDetails,
  type EditResult,
} from "~/data/application-review.server";
import { listCategories, listEventDays } from "~/data/editions.server";
import { env } from "~/env.server";
import { offerByHand, openOfferOf } from "~/data/waitlist.server";
import { applicationDetailsSchema, feeAdjustmentSchema, notesSchema } from "~/forms/organiser-application";
import { decisionSchema } from "~/forms/organiser-decision";
import { parseForm } from "~/forms/organiser-form";
import type { MessageKey } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { canTransition } from "~/rules/application-state";
import { eurosForInput } from "~/rules/euro-input";
import { feeMayChange } from "~/rules/fee-adjustment";
import { roleAllows, type Permission } from "~/rules/organiser-roles";
import { organiserEdition, requireOrganiser } from "~/services/auth.server";
import { formBody } from "~/forms/form-request.server";
import { APPLICANT_KINDS } from "~/rules/vocabularies";
import { wishesFromJson } from "~/rules/placement-wishes";
import { wishesSentence } from "~/rules/placement-text";

const INTENT_PERMISSION: Record<string, Permission> = { decide: "review", details: "review", notes: "review", fee: "money", offer: "review" };
const DECISIONS = ["approved", "waitlisted", "rejected"] as const;
const OK_MESSAGES = new Set<string>(["organiser.saved", "organiser.offerByHandDone"]);

function applicationId(params: { id?: string }): number {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) throw new Response("Not found", { status: 404 });
  return id;
}

export function loader({ request, params }: LoaderFunctionArgs) {
  const organiser = requireOrganiser(request, "read");
  const edition = organiserEdition(request);
  const loaded = loadApplicationForReview(applicationId(params), edition.id);
  if (!loaded) throw new Response("Not found", { status: 404 });
  // The private link is the stallholder's alone: no organiser role gets it, not even in the data.
  const { accessToken: _privateLink, ...application } = loaded.application;
  return json({
    ...loaded,
    application,
    categories: listCategories(edition.id).map(({ id, nameNl, nameEn }) => ({ id, nameNl, nameEn })),
    days: listEventDays(edition.id).map(({ id, date }) => ({ id, date })),
    can: { review: roleAllows(organiser.role, "review"), money: roleAllows(organiser.role, "money") },
    openOfferUntil: openOfferOf(loaded.application.id)?.expiresAt.toISOString() ?? null,
    wishes: wishesFromJson(loaded.application.placementWishesJson),
  });
}

const editProblemKey: Record<Exclude<EditResult, { ok: true }>["problem"], MessageKey> = {
  not_found: "organiser.errNotFound",
  conflict: "organiser.conflict",
  unknown_category: "organiser.errInvalid",
  unknown_day: "organiser.errChooseDay",
  reason_required: "organiser.errReasonRequired",
  negative_total: "organiser.errNegativeTotal",
  already_paid: "organiser.errAlreadyPaid",
};

export async function action({ request, params }: ActionFunctionArgs) {
  requireOrganiser(request, "read");
  const form = await formBody(request);
  const intent = String(form.get("intent") ?? "");
  const organiser = requireOrganiser(request, Object.hasOwn(INTENT_PERMISSION, intent) ? INTENT_PERMISSION[intent]! : "admin");
  const edition = organiserEdition(request);
  const id = applicationId(params);
  const now = new Date();
  const base = { intent, errors: {} as Record<string, string>, values: {} as Record<string, string>, message: null as string | null, outcome: null };

  if (intent === "decide") {
    form.set("ids", String(id));
    const parsed = parseForm(decisionSchema, form, ["ids"]);
    if (!parsed.ok) return json({ ...base, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const outcome = decideApplications({
      editionId: edition.id,
      applicationIds: [id],
      to: parsed.data.to,
      reason: parsed.data.reason,
      organiserId: organiser.id,
      appUrl: env().APP_URL,
      now,
      expectedVersion: parsed.data.version,
    });
    const status = outcome.conflict ? 409 : outcome.refused.length ? 422 : 200;
    return json({ ...base, values: status === 200 ? {} : parsed.values, outcome: { ...outcome, to: parsed.data.to } }, { status });
  }

  if (intent === "offer") {
    const made = offerByHand({ editionId: edition.id, applicationId: id, organiserId: organiser.id, now, appUrl: env().APP_URL });
    return json({ ...base, message: made.kind === "offered" ? "organiser.offerByHandDone" : "organiser.offerByHandNotPossible" }, { status: made.kind === "offered" ? 200 : 409 });
  }

  let result: EditResult;
  let values: Record<string, string>;
  if (intent === "details") {
    const parsed = parseForm(applicationDetailsSchema, form, ["dayIds"]);
    if (!parsed.ok) return json({ ...base, errors: parsed.errors, values: parsed.values }, { status: 400 });
    values = parsed.values;
    const { version, ...details } = parsed.data;
    result = updateApplicationDetails({ id, editionId: edition.id, version, details, organiserId: organiser.id, now });
  } else if (intent === "fee") {
    const parsed = parseForm(feeAdjustmentSchema, form);
    if (!parsed.ok) return json({ ...base, errors: parsed.errors, values: parsed.values }, { status: 400 });
    values = parsed.values;
    result = adjustFee({ id, editionId: edition.id, version: parsed.data.version, adjustmentCents: parsed.data.adjustment, reason: parsed.data.reason, organiserId: organiser.id, now });
  } else if (intent === "notes") {
    const parsed = parseForm(notesSchema, form);
    if (!parsed.ok) return json({ ...base, errors: parsed.errors, values: parsed.values }, { status: 400 });
    values = parsed.values;
    result = saveInternalNotes({ id, editionId: edition.id, version: parsed.data.version, notes: parsed.data.notes, organiserId: organiser.id, now });
  } else {
    return json({ ...base, message: "organiser.errInvalid" }, { status: 400 });
  }
  if (result.ok) return json({ ...base, message: "organiser.saved" });
  const status = result.problem === "conflict" ? 409 : result.problem === "not_found" ? 404 : 400;
  return json({ ...base, values, message: editProblemKey[result.problem] }, { status });
}

export default function ApplicationPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, money, eventDate, moment, language } = useI18n();
  const busy = useNavigation().state === "submitting";
  const a = data.application;
  // After a refusal the form shows what was typed; after success or a conflict, the saved data.
  const conflict = result?.message === "organiser.conflict" || result?.outcome?.conflict;
  const typed = (intent: string) => (result && result.intent === intent && !conflict ? result.values : {});
  const v = typed("details");
  // The wishes as stored, for the form's fields.
  const wish = {
    nextTo: data.wishes.flatMap((w) => (w.kind === "next_to" ? [w.stallName] : []))[0] ?? "",
    nearPower: data.wishes.some((w) => w.kind === "near_power"),
    nearSquare: data.wishes.some((w) => w.kind === "near_square"),
    houseNumber: data.wishes.flatMap((w) => (w.kind === "house_number" ? [w.houseNumber] : []))[0] ?? "",
  };
  // A checkbox as the organiser left it: ticked as sent back after a refused save (an unticked box
  // is not sent at all, so it was off), else as stored.
  const checkedAs = (name: string, stored: boolean) => (name in v ? v[name] === "on" : result?.intent === "details" && !conflict ? false : stored);
  const dayChosen = (dayId: number) => ("dayIds" in v ? v.dayIds!.split(",").includes(String(dayId)) : data.dayIds.includes(dayId));
  const messageFor = (intent: string) =>
    result && result.intent === intent && result.message ? (
      <p className={`notice${OK_MESSAGES.has(result.message) ? "" : " warn"}`} role={OK_MESSAGES.has(result.message) ? "status" : "alert"}>
        {t(result.message as MessageKey)}
      </p>
    ) : null;
  const yourInput =
    conflict && result ? (
      <details className="your-input" open>
        <summary>{t("organiser.yourInput")}</summary>
        <dl>
          {Object.entries(result.values)
            .filter(([key]) => !["intent", "version"].includes(key))
            .map(([key, value]) => (
              <div key={key}>
                <dt>{key}</dt>
                <dd>{value}</dd>
              </div>
            ))}
        </dl>
      </details>
    ) : null;
  const allowed = DECISIONS.filter((to) => canTransition(a.reviewState, to, "organiser"));
  const computedCents = data.breakdown.totalCents;

  return (
    <section className="page wide application-page">
      <p>
        <Link to="/organiser/applications">← {t("organiser.navApplications")}</Link>
      </p>
      <h1>
        {a.stallName}
        <span className="subtitle">
          <span className={`badge state-${a.reviewState}`} data-testid="review-state">
            {t(`organiser.state_${a.reviewState}`)}
          </span>{" "}
          · {t(`payments.word_${paymentWord(a)}`)} · {money(a.feeTotalCents)} ·{" "}
          {data.spots.length ? data.spots.map((s) => s.code).join(", ") : t("organiser.assignedNo")}
        </span>
      </h1>
      {a.reviewReason ? <p className="muted">{t("organiser.lastReason", { reason: a.reviewReason })}</p> : null}
      {data.can.money ? (
        <p>
          <Link to={`/organiser/payments/${a.id}`} data-testid="payments-link">
            {t("organiser.paymentsLink")}
          </Link>
        </p>
      ) : null}

      {data.can.review ? (
        <section className="card" aria-labelledby="decide-h">
          <h2 id="decide-h">{t("organiser.decision")}</h2>
          {result?.intent === "decide" && result.outcome ? <DecisionOutcomeNotice outcome={result.outcome} /> : null}
          {allowed.length === 0 ? (
            <p>{t("organiser.noDecisionPossible", { state: t(`organiser.state_${a.reviewState}`) })}</p>
          ) : (
            <Form method="post" className="stack" key={`decide-${a.version}`}>
              <input type="hidden" name="intent" value="decide" />
              <input type="hidden" name="version" value={a.version} />
              <FormErrors errors={result?.intent === "decide" ? result.errors : undefined} />
              <fieldset className="choices" aria-describedby={result?.intent === "decide" && result.errors.to ? "decide-to-error" : undefined}>
                <legend>{t("organiser.decisionTo")}</legend>
                {allowed.map((to) => (
                  <label key={to}>
                    {/* Rejecting is never chosen for the organiser: it frees the spot and refunds, so it takes a click of its own. */}
                    <input type="radio" name="to" value={to} defaultChecked={(typed("decide").to ?? (allowed[0] === "rejected" ? undefined : allowed[0])) === to} /> {t(`organiser.decide_${to}`)}
                  </label>
                ))}
                {result?.intent === "decide" && result.errors.to ? (
                  <span id="decide-to-error" className="field-error">
                    {t(result.errors.to as MessageKey)}
                  </span>
                ) : null}
              </fieldset>
              {a.reviewState === "approved" ? (
                <p className="notice warn" data-testid="reject-approved-note">
                  {data.heldCents > 0 ? t("organiser.rejectApprovedPaid", { amount: money(data.heldCents) }) : t("organiser.rejectApprovedUnpaid")}
                </p>
              ) : null}
              <Field name="reason" label={t("organiser.decisionMessage")} hint={t("organiser.decisionMessageHint")} textarea rows={3} defaultValue={typed("decide").reason} errors={result?.intent === "decide" ? result.errors : undefined} />
              <button type="submit" className="button primary" disabled={busy}>
                {t("organiser.decideSubmit")}
              </button>
            </Form>
          )}
        </section>
      ) : null}

      {data.can.review && a.reviewState === "waitlisted" ? (
        <section className="card" aria-labelledby="offer-h" data-testid="offer-by-hand">
          <h2 id="offer-h">{t("organiser.offerByHandTitle")}</h2>
          {messageFor("offer")}
          {data.openOfferUntil ? (
            <p>{t("organiser.offerOpenUntil", { until: moment(data.openOfferUntil) })}</p>
          ) : (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="offer" />
              <p className="muted">{t("organiser.offerByHandHint")}</p>
              <button type="submit" className="button" disabled={busy}>
                {t("organiser.offerByHandSubmit")}
              </button>
            </Form>
          )}
        </section>
      ) : null}

      <section className="card" aria-labelledby="details-h">
        <h2 id="details-h">{t("organiser.details")}</h2>
        <p data-testid="wishes">
          <strong>{t("placement.wishesHeading")}:</strong> {wishesSentence(data.wishes, t)}
        </p>
        {messageFor("details")}
        {result?.intent === "details" ? yourInput : null}
        <Form method="post" className="grid-form" key={`details-${a.version}`}>
          <input type="hidden" name="intent" value="details" />
          <input type="hidden" name="version" value={a.version} />
          <fieldset disabled={!data.can.review}>
            <FormErrors errors={result?.intent === "details" ? result.errors : undefined} />
            <Field name="stallName" label={t("organiser.fieldStallName")} required defaultValue={v.stallName ?? a.stallName} errors={result?.errors} />
            <Field name="description" label={t("organiser.fieldDescription")} textarea rows={2} defaultValue={v.description ?? a.description} errors={result?.errors} />
            <Field name="categoryId" label={t("organiser.colCategory")} errors={result?.errors}>
{(control) => (
              <select {...control} name="categoryId" defaultValue={v.categoryId ?? String(a.categoryId)}>
                {data.categories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {language === "en" ? c.nameEn : c.nameNl}
                  </option>
                ))}
              </select>
              )}
            </Field>
            <Field name="contactName" label={t("organiser.colContact")} required defaultValue={v.contactName ?? a.contactName} errors={result?.errors} />
            <Field name="email" label={t("organiser.fieldEmail")} type="email" required defaultValue={v.email ?? a.email} errors={result?.errors} />
            <Field name="phone" label={t("organiser.colPhone")} type="tel" required defaultValue={v.phone ?? a.phone} errors={result?.errors} />
            <Field name="postcode" label={t("organiser.fieldPostcode")} defaultValue={v.postcode ?? a.postcode} errors={result?.errors} />
            <Field name="applicantKind" label={t("organiser.fieldApplicantKind")} errors={result?.errors}>
{(control) => (
              <select {...control} name="applicantKind" defaultValue={v.applicantKind ?? a.applicantKind}>
                {APPLICANT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`organiser.kind_${k}`)}
                  </option>
                ))}
              </select>
              )}
            </Field>
            <Field name="kvkNumber" label={t("organiser.fieldKvk")} defaultValue={v.kvkNumber ?? a.kvkNumber} errors={result?.errors} />
            <Field name="frontageCm" label={t("organiser.fieldFrontageCm")} inputMode="numeric" required defaultValue={v.frontageCm ?? a.frontageCm} errors={result?.errors} />
            <Field name="depthCm" label={t("organiser.fieldDepthCm")} inputMode="numeric" required defaultValue={v.depthCm ?? a.depthCm} errors={result?.errors} />
            <div className="field checkbox">
              <label>
                <input type="checkbox" name="needsElectricity" defaultChecked={checkedAs("needsElectricity", a.needsElectricity)} />{" "}
                {t("organiser.colElectricity")}
              </label>
            </div>
            <Field name="electricityWatts" label={t("organiser.fieldWatts")} inputMode="numeric" defaultValue={v.electricityWatts ?? a.electricityWatts} errors={result?.errors} />
            <Field name="rentedStalls" label={t("organiser.fieldRentedStalls")} inputMode="numeric" defaultValue={v.rentedStalls ?? a.rentedStalls} errors={result?.errors} />
            <Field name="language" label={t("organiser.fieldLanguage")} errors={result?.errors}>
{(control) => (
              <select {...control} name="language" defaultValue={v.language ?? a.language}>
                <option value="nl">Nederlands</option>
                <option value="en">English</option>
              </select>
              )}
            </Field>
            <fieldset className="choices">
              <legend>{t("organiser.colDays")}</legend>
              {data.days.map((d) => (
                <label key={d.id}>
                  <input type="checkbox" name="dayIds" value={d.id} defaultChecked={dayChosen(d.id)} /> {eventDate(d.date)}
                </label>
              ))}
              {result?.intent === "details" && result.errors.dayIds ? <span className="field-error">{t(result.errors.dayIds as MessageKey)}</span> : null}
            </fieldset>
            <Field name="remarks" label={t("organiser.fieldRemarks")} textarea rows={2} defaultValue={v.remarks ?? a.remarks} errors={result?.errors} />
            <fieldset className="choices wishes-edit">
              <legend>{t("organiser.wishesLegend")}</legend>
              <p className="hint">{t("organiser.wishesEditHint")}</p>
              <Field name="wishNextTo" label={t("organiser.fieldWishNextTo")} defaultValue={v.wishNextTo ?? wish.nextTo} errors={result?.errors} />
              <Field name="wishHouseNumber" label={t("organiser.fieldWishHouseNumber")} defaultValue={v.wishHouseNumber ?? wish.houseNumber} errors={result?.errors} />
              <label>
                <input type="checkbox" name="wishNearPower" defaultChecked={checkedAs("wishNearPower", wish.nearPower)} />{" "}
                {t("organiser.fieldWishNearPower")}
              </label>
              <label>
                <input type="checkbox" name="wishNearSquare" defaultChecked={checkedAs("wishNearSquare", wish.nearSquare)} />{" "}
                {t("organiser.fieldWishNearSquare")}
              </label>
            </fieldset>
            {data.can.review ? (
              <button type="submit" className="button primary" disabled={busy}>
                {t("organiser.save")}
              </button>
            ) : null}
          </fieldset>
        </Form>
      </section>

      <section className="card" aria-labelledby="fee-h">
        <h2 id="fee-h">{t("organiser.fee")}</h2>
        <table className="fee-table">
          <tbody>
            {data.breakdown.lines.map((line) => (
              <tr key={line.kind}>
                <th scope="row">{t(`organiser.feeLine_${line.kind}`, { quantity: line.quantity, days: line.days })}</th>
                <td className="num">{money(line.totalCents)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t("organiser.feeComputed")}</th>
              <td className="num">{money(computedCents)}</td>
            </tr>
            <tr>
              <th scope="row">{t("organiser.feeAdjustment")}{a.feeAdjustmentReason ? ` (${a.feeAdjustmentReason})` : ""}</th>
              <td className="num">{money(a.feeAdjustmentCents)}</td>
            </tr>
            <tr className="total">
              <th scope="row">{t("organiser.feeTotal")}</th>
              <td className="num">{money(a.feeTotalCents)}</td>
            </tr>
          </tbody>
        </table>
        {data.can.money && feeMayChange(a.paymentState) ? (
          <Form method="post" className="stack" key={`fee-${a.version}`}>
            {messageFor("fee")}
            {result?.intent === "fee" ? yourInput : null}
            <input type="hidden" name="intent" value="fee" />
            <input type="hidden" name="version" value={a.version} />
            <Field name="adjustment" label={t("organiser.fieldAdjustment")} hint={t("organiser.fieldAdjustmentHint")} inputMode="decimal" defaultValue={typed("fee").adjustment ?? eurosForInput(a.feeAdjustmentCents, language)} errors={result?.intent === "fee" ? result.errors : undefined} />
            <Field name="reason" label={t("organiser.fieldAdjustmentReason")} defaultValue={typed("fee").reason ?? a.feeAdjustmentReason} errors={result?.intent === "fee" ? result.errors : undefined} />
            <button type="submit" className="button" disabled={busy}>
              {t("organiser.saveFee")}
            </button>
          </Form>
        ) : (
          <p className="muted">{t("organiser.feeLocked")}</p>
        )}
      </section>

      <section className="card" aria-labelledby="notes-h">
        <h2 id="notes-h">{t("organiser.notes")}</h2>
        {messageFor("notes")}
        {result?.intent === "notes" ? yourInput : null}
        <Form method="post" className="stack" key={`notes-${a.version}`}>
          <input type="hidden" name="intent" value="notes" />
          <input type="hidden" name="version" value={a.version} />
          <fieldset disabled={!data.can.review}>
            <Field name="notes" label={t("organiser.notesLabel")} textarea rows={4} defaultValue={typed("notes").notes ?? a.internalNotes} errors={result?.intent === "notes" ? result.errors : undefined} />
            {data.can.review ? (
              <button type="submit" className="button" disabled={busy}>
                {t("organiser.save")}
              </button>
            ) : null}
          </fieldset>
        </Form>
      </section>

      <section className="card" aria-labelledby="mails-h">
        <h2 id="mails-h">{t("organiser.mailsSent")}</h2>
        {data.mails.length === 0 ? <p>{t("organiser.noMails")}</p> : null}
        <ul className="plain">
          {data.mails.map((m) => (
            <li key={m.id}>
              {moment(m.createdAt)} · {m.subject} · <span className={`badge mail-${m.status}`}>{t(`organiser.mail_${m.status}`)}</span>
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="history-h">
        <h2 id="history-h">{t("organiser.history")}</h2>
        {data.history.length === 0 ? (
          <p data-testid="history-empty">{t("organiser.historyEmpty")}</p>
        ) : (
          <ol className="history">
            {data.history.map((h) => (
              <li key={h.id}>
                <time>{moment(h.at)}</time> · {historySentence({ ...h, actor: h.actor === "stallholder" ? a.contactName : h.actor }, { t, money, moment, eventDate })}
              </li>
            ))}
          </ol>
        )}
      </section>
    </section>
  );
}

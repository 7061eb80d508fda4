/** Edition settings (admins): general, days, categories, fee table; a new edition from this one; which edition to work on. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormErrors } from "~/components/organiser/Field";
import { listCategories, listEventDays, listFeeRates } from "~/data/editions.server";
import {
  createEditionFrom,
  listEditions,
  removeCategory,
  removeDay,
  saveCategory,
  saveDay,
  saveFeeRates,
  updateEditionGeneral,
  saveDeposit,
} from "~/data/edition-settings.server";
import { retentionPreview } from "~/data/retention.server";
import { getPlacementSettings } from "~/data/placement-proposal.server";
import { saveWaitlistSettings } from "~/data/waitlist.server";
import { waitlistSettingsSchema } from "~/forms/waitlist-settings";
import { categorySchema, chooseEditionSchema, daySchema, depositSchema, editionGeneralSchema, feeRatesSchema, newEditionSchema } from "~/forms/organiser-edition";
import { id, parseForm } from "~/forms/organiser-form";
import type { MessageKey } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { addDays, amsterdamMoment, localDate, localTime, shiftedMarketDays } from "~/rules/calendar";
import { eurosForInput } from "~/rules/euro-input";
import { editionCookie, organiserEdition, requireOrganiser } from "~/services/auth.server";
import * as z from "zod";
import { formBody } from "~/forms/form-request.server";
import { APPLICANT_KINDS } from "~/rules/vocabularies";

const RATE_FIELDS = ["firstUnit", "extraMetre", "electricity", "stallRental"] as const;

const forInput = (moment: Date | null) => (moment ? `${localDate(moment)}T${localTime(moment)}` : "");
const fromInput = (value: string) => (value ? amsterdamMoment(value.slice(0, 10), value.slice(11, 16)) : null);

export function loader({ request }: LoaderFunctionArgs) {
  requireOrganiser(request, "settings");
  const edition = organiserEdition(request);
  const days = listEventDays(edition.id);
  const last = days[days.length - 1]?.date ?? `${edition.year}-07-01`;
  return json({
    edition: {
      id: edition.id,
      year: edition.year,
      version: edition.version,
      nameNl: edition.nameNl,
      nameEn: edition.nameEn,
      applicationsOpenAt: forInput(edition.applicationsOpenAt),
      applicationsCloseAt: forInput(edition.applicationsCloseAt),
      paymentDeadline: forInput(edition.paymentDeadline),
      refundPeriodDays: edition.refundPeriodDays,
      depositCents: edition.depositCents,
      retentionMonths: edition.retentionMonths,
      residentPostcodes: edition.residentPostcodes,
      marketRulesNl: edition.marketRulesNl,
      marketRulesEn: edition.marketRulesEn,
    },
    days: days.map(({ id, date, startsAt, endsAt }) => ({ id, date, startsAt, endsAt })),
    categories: listCategories(edition.id),
    rates: listFeeRates(edition.id),
    waitlist: (({ offersPaused, offerHours, waitlistDecisionDate }) => ({ offersPaused, offerHours, decisionDate: waitlistDecisionDate }))(getPlacementSettings(edition.id)),
    editions: listEditions(),
    // What the daily retention run removes, per edition that still holds personal data.
    retention: retentionPreview(new Date()).map((r) => ({
      editionId: r.edition.id,
      year: r.edition.year,
      anonymiseOn: r.anonymiseOn,
      waiting: r.waiting,
      waitingWithMoneyOpen: r.waitingWithMoneyOpen,
      due: r.due.length,
      held: r.held.length,
      anonymised: r.anonymised,
    })),
    // The same weekday a year later (52 weeks on), a sensible first guess for next year's first day.
    nextFirstDate: addDays(days[0]?.date ?? last, 364),
  });
}

type Errors = Record<string, string>;
const fail = (intent: string, errors: Errors, values: Record<string, string>, status = 400) => json({ intent, errors, values, message: null as string | null }, { status });
const done = (intent: string, message: MessageKey) => json({ intent, errors: {} as Errors, values: {} as Record<string, string>, message: message as string | null });
const refuse = (intent: string, message: string, status: number, values: Record<string, string> = {}) => json({ intent, errors: {} as Errors, values, message: message as string | null }, { status });

export async function action({ request }: ActionFunctionArgs) {
  const organiser = requireOrganiser(request, "settings");
  const edition = organiserEdition(request);
  const form = await formBody(request);
  const intent = String(form.get("intent") ?? "");
  const now = new Date();
  const by = { organiserId: organiser.id, now };

  switch (intent) {
    case "deposit": {
      const parsed = parseForm(depositSchema, form);
      if (!parsed.ok) return fail(intent, parsed.errors, parsed.values);
      const result = saveDeposit({ editionId: edition.id, depositCents: parsed.data.depositOn ? parsed.data.depositAmount : 0, ...by });
      if (!result.ok) return fail(intent, { _form: "organiser.errNotFound" }, parsed.values, 404);
      return done(intent, "organiser.saved");
    }
    case "general": {
      const parsed = parseForm(editionGeneralSchema, form);
      if (!parsed.ok) return fail(intent, parsed.errors, parsed.values);
      const { version, applicationsOpenAt, applicationsCloseAt, paymentDeadline, ...rest } = parsed.data;
      const result = updateEditionGeneral({
        editionId: edition.id,
        version,
        values: { ...rest, applicationsOpenAt: fromInput(applicationsOpenAt), applicationsCloseAt: fromInput(applicationsCloseAt), paymentDeadline: fromInput(paymentDeadline) },
        ...by,
      });
      if (!result.ok) return refuse(intent, "organiser.conflict", 409, parsed.values);
      return done(intent, "organiser.saved");
    }
    case "day": {
      const parsed = parseForm(daySchema, form);
      if (!parsed.ok) return fail(intent, parsed.errors, parsed.values);
      const { dayId, ...day } = parsed.data;
      const result = saveDay({ editionId: edition.id, id: dayId, day, ...by });
      if (!result.ok) return fail(intent, { date: result.problem === "date_taken" ? "organiser.errDateTaken" : "organiser.errNotFound" }, parsed.values);
      return done(intent, "organiser.saved");
    }
    case "removeDay": {
      const parsed = z.object({ dayId: id }).safeParse(Object.fromEntries(form));
      if (!parsed.success) return fail(intent, {}, {});
      const result = removeDay({ editionId: edition.id, id: parsed.data.dayId, ...by });
      if (!result.ok) return refuse(intent, `organiser.removeDay_${result.problem}`, 409);
      return done(intent, "organiser.saved");
    }
    case "category": {
      const parsed = parseForm(categorySchema, form);
      if (!parsed.ok) return fail(`${intent}-${form.get("categoryId") ?? "new"}`, parsed.errors, parsed.values);
      const { categoryId, ...category } = parsed.data;
      const result = saveCategory({ editionId: edition.id, id: categoryId, category, ...by });
      if (!result.ok) return fail(intent, { _form: "organiser.errNotFound" }, parsed.values, 404);
      return done(`${intent}-${categoryId ?? "new"}`, "organiser.saved");
    }
    case "removeCategory": {
      const parsed = z.object({ categoryId: id }).safeParse(Object.fromEntries(form));
      if (!parsed.success) return fail(intent, {}, {});
      const result = removeCategory({ editionId: edition.id, id: parsed.data.categoryId, ...by });
      if (!result.ok) return refuse(intent, `organiser.removeCategory_${result.problem}`, 409);
      return done(intent, "organiser.saved");
    }
    case "fees": {
      const parsed = parseForm(feeRatesSchema, form);
      if (!parsed.ok) return fail(intent, parsed.errors, parsed.values);
      const d = parsed.data as Record<string, number>;
      saveFeeRates({
        editionId: edition.id,
        rates: APPLICANT_KINDS.map((kind) => ({
          applicantKind: kind,
          firstUnitCents: d[`${kind}.firstUnit`]!,
          extraMetreCents: d[`${kind}.extraMetre`]!,
          electricityCents: d[`${kind}.electricity`]!,
          stallRentalCents: d[`${kind}.stallRental`]!,
        })),
        ...by,
      });
      return done(intent, "organiser.saved");
    }
    case "newEdition": {
      const parsed = parseForm(newEditionSchema, form);
      if (!parsed.ok) return fail(intent, parsed.errors, parsed.values);
      const days = shiftedMarketDays(listEventDays(edition.id), parsed.data.firstDate);
      const result = createEditionFrom({ sourceEditionId: edition.id, year: parsed.data.year, nameNl: parsed.data.nameNl, nameEn: parsed.data.nameEn, days, ...by });
      if (!result.ok) return fail(intent, { year: "organiser.errYearTaken" }, parsed.values);
      return redirect("/organiser/settings?created=1", { headers: { "Set-Cookie": editionCookie(result.id!) } });
    }
    case "waitlist": {
      const parsed = parseForm(waitlistSettingsSchema, form);
      if (!parsed.ok) return fail(intent, parsed.errors, parsed.values);
      saveWaitlistSettings({ editionId: edition.id, ...parsed.data, organiserId: organiser.id });
      return done(intent, "organiser.saved");
    }
    case "chooseEdition": {
      const parsed = parseForm(chooseEditionSchema, form);
      if (!parsed.ok || !listEditions().some((e) => e.id === parsed.data.editionId)) return fail(intent, {}, {});
      return redirect("/organiser/settings", { headers: { "Set-Cookie": editionCookie(parsed.data.editionId) } });
    }
    default:
      return fail(intent, { _form: "organiser.errInvalid" }, {});
  }
}

export default function Settings() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, language, eventDate } = useI18n();
  const busy = useNavigation().state === "submitting";
  const e = data.edition;
  const mine = (intent: string) => (result && result.intent === intent ? result : null);
  const values = (intent: string) => mine(intent)?.values ?? {};
  const errors = (intent: string) => mine(intent)?.errors;
  const note = (intent: string) => {
    const r = mine(intent);
    return r?.message ? (
      <p className={`notice${r.message === "organiser.saved" ? "" : " warn"}`} role={r.message === "organiser.saved" ? "status" : "alert"}>
        {t(r.message as MessageKey)}
      </p>
    ) : null;
  };
  const g = values("general");
  const rate = (kind: string, field: string) => {
    const row = data.rates.find((r) => r.applicantKind === kind);
    const cents = row ? (row[`${field}Cents` as "firstUnitCents"] as number) : 0;
    return values("fees")[`${kind}.${field}`] ?? eurosForInput(cents, language);
  };

  return (
    <section className="page wide settings-page">
      <h1>
        {t("organiser.settingsTitle")}
        <span className="subtitle">{language === "en" ? e.nameEn : e.nameNl}</span>
      </h1>

      <section className="card" aria-labelledby="general-h">
        <h2 id="general-h">{t("organiser.settingsGeneral")}</h2>
        {note("general")}
        <Form method="post" className="grid-form" key={`general-${e.version}`}>
          <input type="hidden" name="intent" value="general" />
          <input type="hidden" name="version" value={e.version} />
          <FormErrors errors={errors("general")} />
          <Field name="nameNl" label={t("organiser.fieldNameNl")} required defaultValue={g.nameNl ?? e.nameNl} errors={errors("general")} />
          <Field name="nameEn" label={t("organiser.fieldNameEn")} required defaultValue={g.nameEn ?? e.nameEn} errors={errors("general")} />
          <Field name="applicationsOpenAt" type="datetime-local" label={t("organiser.fieldOpenAt")} defaultValue={g.applicationsOpenAt ?? e.applicationsOpenAt} errors={errors("general")} />
          <Field name="applicationsCloseAt" type="datetime-local" label={t("organiser.fieldCloseAt")} defaultValue={g.applicationsCloseAt ?? e.applicationsCloseAt} errors={errors("general")} />
          <Field name="paymentDeadline" type="datetime-local" label={t("organiser.fieldPaymentDeadline")} defaultValue={g.paymentDeadline ?? e.paymentDeadline} errors={errors("general")} />
          <Field name="refundPeriodDays" label={t("organiser.fieldRefundDays")} inputMode="numeric" defaultValue={g.refundPeriodDays ?? e.refundPeriodDays} errors={errors("general")} />
          <Field name="retentionMonths" label={t("organiser.fieldRetentionMonths")} hint={t("organiser.retentionHint")} inputMode="numeric" defaultValue={g.retentionMonths ?? e.retentionMonths} errors={errors("general")} />
          <Field name="residentPostcodes" label={t("organiser.fieldResidentPostcodes")} hint={t("organiser.hintResidentPostcodes")} defaultValue={g.residentPostcodes ?? e.residentPostcodes} errors={errors("general")} />
          <Field name="marketRulesNl" label={t("organiser.fieldRulesNl")} textarea rows={8} defaultValue={g.marketRulesNl ?? e.marketRulesNl} errors={errors("general")} />
          <Field name="marketRulesEn" label={t("organiser.fieldRulesEn")} textarea rows={8} defaultValue={g.marketRulesEn ?? e.marketRulesEn} errors={errors("general")} />
          <button type="submit" className="button primary" disabled={busy}>
            {t("organiser.save")}
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="deposit-h" data-testid="deposit-settings">
        <h2 id="deposit-h">{t("organiser.depositTitle")}</h2>
        <p className="muted">{t("organiser.depositIntro")}</p>
        {note("deposit")}
        <Form method="post" className="grid-form" key={`deposit-${e.version}`}>
          <input type="hidden" name="intent" value="deposit" />
          <FormErrors errors={errors("deposit")} />
          <label className="checkbox">
            <input type="checkbox" name="depositOn" defaultChecked={values("deposit").depositOn !== undefined ? values("deposit").depositOn === "on" : e.depositCents > 0} />{" "}
            {t("organiser.depositOn")}
          </label>
          <Field
            name="depositAmount"
            label={t("organiser.depositAmount")}
            hint={t("organiser.depositHint")}
            inputMode="decimal"
            defaultValue={values("deposit").depositAmount ?? (e.depositCents > 0 ? eurosForInput(e.depositCents, language) : "")}
            errors={errors("deposit")}
          />
          <button type="submit" className="button primary" disabled={busy}>
            {t("organiser.save")}
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="waitlist-h" data-testid="waitlist-settings">
        <h2 id="waitlist-h">{t("organiser.settingsWaitlist")}</h2>
        <p className="muted">{t("organiser.waitlistIntro")}</p>
        {note("waitlist")}
        <Form method="post" className="grid-form" key={`waitlist-${data.waitlist.offersPaused}-${data.waitlist.offerHours}-${data.waitlist.decisionDate}`}>
          <input type="hidden" name="intent" value="waitlist" />
          <FormErrors errors={errors("waitlist")} />
          <div className="field checkbox">
            <label>
              <input type="checkbox" name="offersPaused" defaultChecked={data.waitlist.offersPaused} /> {t("organiser.fieldOffersPaused")}
            </label>
          </div>
          <Field name="offerHours" label={t("organiser.fieldOfferHours")} inputMode="numeric" defaultValue={values("waitlist").offerHours ?? data.waitlist.offerHours} errors={errors("waitlist")} />
          <Field
            name="decisionDate"
            type="date"
            label={t("organiser.fieldDecisionDate")}
            hint={t("organiser.fieldDecisionDateHint")}
            defaultValue={values("waitlist").decisionDate ?? data.waitlist.decisionDate ?? ""}
            errors={errors("waitlist")}
          />
          <button type="submit" className="button primary" disabled={busy}>
            {t("organiser.save")}
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="retention-h" data-testid="retention-preview">
        <h2 id="retention-h">{t("organiser.retentionTitle")}</h2>
        <p className="muted">{t("organiser.retentionIntro")}</p>
        {data.retention.length === 0 ? (
          <p>{t("organiser.retentionNothing")}</p>
        ) : (
          <ul className="retention-preview">
            {data.retention.map((r) => {
              const count = (key: string, n: number, params: Record<string, string | number> = {}) =>
                t(`organiser.${key}_${n === 1 ? "one" : "other"}` as MessageKey, { count: n, edition: r.year, ...params });
              return (
                <li key={r.editionId}>
                  {r.waiting > 0 ? (r.anonymiseOn ? count("retentionWaiting", r.waiting, { date: eventDate(r.anonymiseOn) }) : count("retentionNoDays", r.waiting)) : null}
                  {r.waitingWithMoneyOpen > 0 ? ` ${count("retentionWaitingHeld", r.waitingWithMoneyOpen)}` : null}
                  {r.due > 0 ? ` ${count("retentionDue", r.due)}` : null}
                  {r.held > 0 ? ` ${count("retentionHeld", r.held)}` : null}
                  {r.anonymised > 0 ? ` ${count("retentionDone", r.anonymised)}` : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="days-h">
        <h2 id="days-h">{t("organiser.settingsDays")}</h2>
        {note("day")}
        {note("removeDay")}
        <FormErrors errors={errors("day")} />
        {[...data.days, null].map((day) => (
          <Form method="post" className="row-form" key={day ? `${day.id}-${day.date}-${day.startsAt}-${day.endsAt}` : `new-${data.days.length}`}>
            <input type="hidden" name="intent" value="day" />
            {day ? <input type="hidden" name="dayId" value={day.id} /> : null}
            <Field name="date" type="date" label={day ? eventDate(day.date) : t("organiser.newDay")} defaultValue={day?.date ?? ""} required errors={day ? undefined : errors("day")} />
            <Field name="startsAt" type="time" label={t("organiser.fieldStartsAt")} defaultValue={day?.startsAt ?? "12:00"} required />
            <Field name="endsAt" type="time" label={t("organiser.fieldEndsAt")} defaultValue={day?.endsAt ?? "18:00"} required errors={day ? undefined : errors("day")} />
            <button type="submit" className="button small">
              {day ? t("organiser.save") : t("organiser.add")}
            </button>
            {day && data.days.length > 1 ? (
              <button type="submit" name="intent" value="removeDay" className="button small danger" formNoValidate>
                {t("organiser.remove")}
              </button>
            ) : null}
          </Form>
        ))}
      </section>

      <section className="card" aria-labelledby="cats-h">
        <h2 id="cats-h">{t("organiser.settingsCategories")}</h2>
        {note("removeCategory")}
        {[...data.categories, null].map((c) => {
          const intent = `category-${c?.id ?? "new"}`;
          const v = values(intent);
          return (
            <Form method="post" className="row-form" key={c ? `${c.id}-${c.nameNl}-${c.nameEn}-${c.colour}-${c.applicantKind}-${c.isFree}` : `new-${data.categories.length}`}>
              <input type="hidden" name="intent" value="category" />
              {c ? <input type="hidden" name="categoryId" value={c.id} /> : <p className="row-title">{t("organiser.newCategory")}</p>}
              {note(intent)}
              <Field name="nameNl" label={t("organiser.fieldNameNl")} required defaultValue={v.nameNl ?? c?.nameNl} errors={errors(intent)} />
              <Field name="nameEn" label={t("organiser.fieldNameEn")} required defaultValue={v.nameEn ?? c?.nameEn} errors={errors(intent)} />
              <Field name="colour" type="color" label={t("organiser.fieldColour")} defaultValue={v.colour ?? c?.colour ?? "#888888"} errors={errors(intent)} />
              <Field name="applicantKind" label={t("organiser.fieldApplicantKind")} errors={errors(intent)}>
{(control) => (
                <select {...control} name="applicantKind" defaultValue={v.applicantKind ?? c?.applicantKind ?? ""}>
                  <option value="">{t("organiser.kindAny")}</option>
                  {APPLICANT_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`organiser.kind_${k}`)}
                    </option>
                  ))}
                </select>
                )}
              </Field>
              <div className="field checkbox">
                <label>
                  <input type="checkbox" name="isFree" defaultChecked={v.isFree ? v.isFree === "on" : (c?.isFree ?? false)} /> {t("organiser.fieldFree")}
                </label>
              </div>
              <button type="submit" className="button small">
                {c ? t("organiser.save") : t("organiser.add")}
              </button>
              {c ? (
                <button type="submit" name="intent" value="removeCategory" className="button small danger" formNoValidate>
                  {t("organiser.remove")}
                </button>
              ) : null}
            </Form>
          );
        })}
      </section>

      <section className="card" aria-labelledby="fees-h">
        <h2 id="fees-h">{t("organiser.settingsFees")}</h2>
        <p className="muted">{t("organiser.feesIntro")}</p>
        {note("fees")}
        <Form method="post" key={`fees-${data.rates.map((r) => r.firstUnitCents + r.extraMetreCents + r.electricityCents + r.stallRentalCents).join("-")}`}>
          <input type="hidden" name="intent" value="fees" />
          <FormErrors errors={errors("fees")} />
          <table className="list-table fee-rates">
            <thead>
              <tr>
                <th scope="col">{t("organiser.fieldApplicantKind")}</th>
                {RATE_FIELDS.map((f) => (
                  <th scope="col" key={f}>
                    {t(`organiser.rate_${f}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {APPLICANT_KINDS.map((kind) => (
                <tr key={kind}>
                  <th scope="row">{t(`organiser.kind_${kind}`)}</th>
                  {RATE_FIELDS.map((f) => (
                    <td key={f} data-label={t(`organiser.rate_${f}`)}>
                      <span className="euro-input">
                        €{" "}
                        <input
                          name={`${kind}.${f}`}
                          inputMode="decimal"
                          aria-label={`${t(`organiser.kind_${kind}`)}: ${t(`organiser.rate_${f}`)}`}
                          defaultValue={rate(kind, f)}
                          aria-invalid={errors("fees")?.[`${kind}.${f}`] ? true : undefined}
                        />
                      </span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <button type="submit" className="button primary" disabled={busy}>
            {t("organiser.save")}
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="new-h">
        <h2 id="new-h">{t("organiser.newEditionTitle")}</h2>
        <p>{t("organiser.newEditionIntro")}</p>
        <Form method="post" className="grid-form">
          <input type="hidden" name="intent" value="newEdition" />
          <FormErrors errors={errors("newEdition")} />
          <Field name="year" label={t("organiser.fieldYear")} inputMode="numeric" required defaultValue={values("newEdition").year ?? data.nextFirstDate.slice(0, 4)} errors={errors("newEdition")} />
          <Field name="firstDate" type="date" label={t("organiser.fieldFirstDate")} required defaultValue={values("newEdition").firstDate ?? data.nextFirstDate} errors={errors("newEdition")} />
          <Field name="nameNl" label={t("organiser.fieldNameNl")} required defaultValue={values("newEdition").nameNl ?? `SK Zomerparade ${data.nextFirstDate.slice(0, 4)}`} errors={errors("newEdition")} />
          <Field name="nameEn" label={t("organiser.fieldNameEn")} required defaultValue={values("newEdition").nameEn ?? `SK Zomerparade ${data.nextFirstDate.slice(0, 4)}`} errors={errors("newEdition")} />
          <button type="submit" className="button primary" disabled={busy}>
            {t("organiser.newEditionSubmit")}
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="choose-h">
        <h2 id="choose-h">{t("organiser.chooseEdition")}</h2>
        <Form method="post" className="inline">
          <input type="hidden" name="intent" value="chooseEdition" />
          <label htmlFor="editionId">{t("organiser.chooseEditionLabel")}</label>{" "}
          <select id="editionId" name="editionId" defaultValue={e.id}>
            {data.editions.map((x) => (
              <option key={x.id} value={x.id}>
                {language === "en" ? x.nameEn : x.nameNl}
              </option>
            ))}
          </select>{" "}
          <button type="submit" className="button small">
            {t("organiser.show")}
          </button>
        </Form>
      </section>
    </section>
  );
}

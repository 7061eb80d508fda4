/**
 * The application form, for applying and for changing an application. Works without JavaScript
 * (every field shown, the server checks and prices); with it, the same schema checks before
 * sending, fields that do not apply are hidden, and the fee updates as you type.
 */
import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useHydrated } from "~/components/ClientOnly";
import type { MessageKey } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import type { FeeBreakdown } from "~/rules/fees";
import {
  APPLICANT_KINDS,
  COOKING_HEATS,
  DEPTH_OPTIONS_CM,
  FORM_LANGUAGES,
  HOUSE_NUMBER_MAX,
  LIMITS,
  MAX_ELECTRICITY_WATTS,
  MAX_FRONTAGE_UNITS,
  formInput,
  parseChangedApplication,
  parseNewApplication,
  quoteFee,
  type FeeContext,
  type FieldError,
  type FieldErrors,
  type FieldName,
} from "./application-form";
import { formatMetres } from "./fee-lines";
import { FeeBox } from "./FeeBox";

export type FormValues = Record<string, string | string[]>;

export interface ApplicationFormProps {
  mode: "create" | "edit";
  /** The form's edition: the choices it offers and its fee table. */
  options: {
    stallUnitCm: number;
    /** The postcodes that count for the resident rate, as the form names them ("3812"). */
    residentPostcodes?: string;
    days: { id: number; date: string }[];
    categories: { id: number; nameNl: string; nameEn: string; isFree: boolean; cooks?: boolean }[];
    fee: FeeContext;
  };
  defaults: FormValues;
  serverErrors: FieldErrors | null;
  /** A fee the server computed for a no-JS "calculate the price" request. */
  serverQuote?: FeeBreakdown | null;
  submitLabel: string;
  /** Shown just above the send button (e.g. that the market is uncertain). */
  beforeSubmit?: ReactNode;
  cancelTo?: string;
}

export function ApplicationForm(props: ApplicationFormProps) {
  const { t, language, money, eventDate } = useI18n();
  const hydrated = useHydrated();
  const navigation = useNavigation();
  const sending = navigation.state === "submitting";
  const [input, setInput] = useState<FormValues>(props.defaults);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const { options } = props;
  const formContext = useMemo(
    () => ({ stallUnitCm: options.stallUnitCm, dayIds: options.days.map((d) => d.id), categoryIds: options.categories.map((c) => c.id) }),
    [options],
  );

  // A new answer from the server replaces what the browser found.
  useEffect(() => {
    setClientErrors(null);
    if (props.serverErrors && Object.keys(props.serverErrors).length > 0) summaryRef.current?.focus();
  }, [props.serverErrors]);

  const errors: FieldErrors = clientErrors ?? props.serverErrors ?? {};
  const errorCount = Object.keys(errors).length;
  const check = (values: FormValues) =>
    props.mode === "create" ? parseNewApplication(values, formContext) : parseChangedApplication(values, formContext);

  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const values = formInput(new FormData(event.currentTarget));
    setInput(values);
    // Once errors are shown, they follow what is typed.
    if (errorCount > 0) {
      const result = check(values);
      setClientErrors(result.ok ? {} : result.errors);
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.value === "quote") return;
    const result = check(formInput(new FormData(event.currentTarget)));
    if (!result.ok) {
      event.preventDefault();
      setClientErrors(result.errors);
      requestAnimationFrame(() => summaryRef.current?.focus());
    }
  };

  const fee = hydrated ? quoteFee(input, options.fee) : (props.serverQuote ?? quoteFee(input, options.fee));
  const kind = typeof input.applicantKind === "string" ? input.applicantKind : "";
  const needsElectricity = input.needsElectricity === "on";
  const cooks = options.categories.some((c) => c.cooks && String(c.id) === input.categoryId);
  // Without JavaScript every field shows; with it, only those that apply.
  const show = (when: boolean) => !hydrated || when;
  const value = (name: string) => (typeof props.defaults[name] === "string" ? (props.defaults[name] as string) : "");
  const chosenDays = Array.isArray(props.defaults.days) ? props.defaults.days : [];
  const categoryName = (c: { nameNl: string; nameEn: string }) => (language === "en" ? c.nameEn : c.nameNl);
  const unitMetres = formatMetres(options.stallUnitCm, language);

  return (
    <Form method="post" noValidate className="application-form" onChange={onChange} onSubmit={onSubmit} aria-describedby={errorCount ? "error-summary" : undefined}>
      <div ref={summaryRef} tabIndex={-1} id="error-summary" className={errorCount ? "error-summary" : undefined} role={errorCount ? "alert" : undefined} data-testid="error-summary">
        {errorCount > 0 ? (
          <>
            <p className="error-summary-title">
              {errors._form ? errorText(t, errors._form) : t("apply.errorSummary")}
            </p>
            <ul>
              {(Object.entries(errors) as [FieldName | "_form", FieldError][])
                .filter(([name]) => name !== "_form" && name !== "submissionKey" && name !== "version")
                .map(([name, error]) => (
                  <li key={name}>
                    <a href={`#field-${name}`}>
                      {t(FIELD_LABELS[name as Exclude<FieldName, "submissionKey" | "version">])}: {errorText(t, error)}
                    </a>
                  </li>
                ))}
            </ul>
          </>
        ) : null}
      </div>

      {props.mode === "create" ? <input type="hidden" name="submissionKey" value={value("submissionKey")} /> : null}
      {props.mode === "edit" ? <input type="hidden" name="version" value={value("version")} /> : null}
      {props.mode === "create" ? (
        <div className="hp-field" aria-hidden="true">
          <label>
            {t("apply.honeypotLabel")}
            <input type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
          </label>
        </div>
      ) : null}

      <fieldset className="form-section">
        <legend>{t("apply.sectionStall")}</legend>
        <TextField name="stallName" label={t("apply.labelStallName")} hint={t("apply.hintStallName")} error={errors.stallName} defaultValue={value("stallName")} maxLength={LIMITS.stallName} autoComplete="organization" />
        <TextArea name="description" label={t("apply.labelDescription")} hint={t("apply.hintDescription", { max: LIMITS.description })} error={errors.description} defaultValue={value("description")} maxLength={LIMITS.description} rows={3} />
        <FieldShell name="categoryId" label={t("apply.labelCategory")} error={errors.categoryId}>
          {(aria) => (
            <select {...aria} defaultValue={value("categoryId")}>
              <option value="">{t("apply.chooseCategory")}</option>
              {options.categories.map((c) => (
                <option key={c.id} value={String(c.id)}>
                  {c.isFree ? t("apply.categoryFree", { name: categoryName(c) }) : categoryName(c)}
                </option>
              ))}
            </select>
          )}
        </FieldShell>
        {show(cooks) && options.categories.some((c) => c.cooks) ? <CookingFields value={value} errors={errors} /> : null}
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("apply.sectionKind")}</legend>
        <RadioGroup
          name="applicantKind"
          label={t("apply.labelApplicantKind")}
          error={errors.applicantKind}
          defaultValue={value("applicantKind")}
          choices={APPLICANT_KINDS.map((k) => ({ value: k, label: t(`apply.kind_${k}`) }))}
        />
        {show(kind === "resident") ? (
          <TextField name="postcode" label={t("apply.labelPostcode")} hint={t("apply.hintPostcode", { postcodes: props.options.residentPostcodes ?? "3812" })} error={errors.postcode} defaultValue={value("postcode")} maxLength={LIMITS.postcode} autoComplete="postal-code" inputSize="short" />
        ) : null}
        {show(kind === "commercial") ? (
          <TextField name="kvkNumber" label={t("apply.labelKvk")} hint={t("apply.hintKvk")} error={errors.kvkNumber} defaultValue={value("kvkNumber")} maxLength={LIMITS.kvkNumber} inputMode="numeric" inputSize="short" />
        ) : null}
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("apply.sectionContact")}</legend>
        <TextField name="contactName" label={t("apply.labelContactName")} hint={t("apply.hintPrivate")} error={errors.contactName} defaultValue={value("contactName")} maxLength={LIMITS.contactName} autoComplete="name" />
        <TextField name="email" type="email" label={t("apply.labelEmail")} hint={t("apply.hintEmail")} error={errors.email} defaultValue={value("email")} maxLength={LIMITS.email} autoComplete="email" />
        <TextField name="phone" type="tel" label={t("apply.labelPhone")} hint={t("apply.hintPhone")} error={errors.phone} defaultValue={value("phone")} maxLength={LIMITS.phone} autoComplete="tel" />
        <FieldShell name="language" label={t("apply.labelLanguage")} error={errors.language}>
          {(aria) => (
            <select {...aria} defaultValue={value("language") || language}>
              {FORM_LANGUAGES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {t(`apply.language_${l}`)}
                </option>
              ))}
            </select>
          )}
        </FieldShell>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("apply.sectionSpace")}</legend>
        <FieldShell name="frontageCm" label={t("apply.labelFrontage")} hint={t("apply.hintFrontage", { metres: unitMetres })} error={errors.frontageCm}>
          {(aria) => (
            <select {...aria} defaultValue={value("frontageCm")}>
              {Array.from({ length: MAX_FRONTAGE_UNITS }, (_, i) => (i + 1) * options.stallUnitCm).map((cm) => (
                <option key={cm} value={String(cm)}>
                  {t("apply.frontageOption", { metres: formatMetres(cm, language) })}
                </option>
              ))}
            </select>
          )}
        </FieldShell>
        <FieldShell name="depthCm" label={t("apply.labelDepth")} error={errors.depthCm}>
          {(aria) => (
            <select {...aria} defaultValue={value("depthCm")}>
              {DEPTH_OPTIONS_CM.map((cm) => (
                <option key={cm} value={String(cm)}>
                  {t("apply.depthOption", { metres: formatMetres(cm, language) })}
                </option>
              ))}
            </select>
          )}
        </FieldShell>
        <FieldShell name="rentedStalls" label={t("apply.labelRented")} error={errors.rentedStalls}>
          {(aria) => (
            <select {...aria} defaultValue={value("rentedStalls") || "0"}>
              {Array.from({ length: MAX_FRONTAGE_UNITS + 1 }, (_, n) => (
                <option key={n} value={String(n)}>
                  {n === 0 ? t("apply.rentedNone") : t("apply.rentedSome", { count: n })}
                </option>
              ))}
            </select>
          )}
        </FieldShell>
        <div className={`field checkbox-field${errors.needsElectricity ? " has-error" : ""}`}>
          <input type="checkbox" id="field-needsElectricity" name="needsElectricity" defaultChecked={value("needsElectricity") === "on"} />
          <label htmlFor="field-needsElectricity">{t("apply.labelElectricity")}</label>
        </div>
        {show(needsElectricity) ? (
          <TextField name="electricityWatts" label={t("apply.labelWatts")} hint={t("apply.hintWatts", { max: MAX_ELECTRICITY_WATTS })} error={errors.electricityWatts} defaultValue={value("electricityWatts")} maxLength={7} inputMode="numeric" inputSize="short" />
        ) : null}
      </fieldset>

      <fieldset className="form-section" id="field-days" aria-describedby={errors.days ? "error-days" : undefined}>
        <legend>{t("apply.labelDays")}</legend>
        {errors.days ? <FieldErrorText name="days" error={errors.days} /> : null}
        {options.days.map((day) => (
          <div className="field checkbox-field" key={day.id}>
            <input type="checkbox" id={`day-${day.id}`} name="days" value={String(day.id)} defaultChecked={chosenDays.includes(String(day.id))} />
            <label htmlFor={`day-${day.id}`}>{eventDate(day.date)}</label>
          </div>
        ))}
      </fieldset>

      <fieldset className="form-section" data-testid="wishes" aria-describedby="hint-wishes">
        <legend>{t("apply.sectionWishes")}</legend>
        <p className="hint" id="hint-wishes">
          {t("apply.hintWishes")}
        </p>
        <TextField name="wishNextTo" label={t("apply.labelWishNextTo")} hint={t("apply.hintWishNextTo")} error={errors.wishNextTo} defaultValue={value("wishNextTo")} maxLength={LIMITS.wishNextTo} />
        {(["wishNearPower", "wishNearSquare"] as const).map((name) => (
          <div className={`field checkbox-field${errors[name] ? " has-error" : ""}`} key={name}>
            <input type="checkbox" id={`field-${name}`} name={name} defaultChecked={value(name) === "on"} />
            <label htmlFor={`field-${name}`}>{t(FIELD_LABELS[name])}</label>
          </div>
        ))}
        {show(kind === "resident") ? (
          <TextField name="wishHouseNumber" label={t("apply.labelWishHouseNumber")} hint={t("apply.hintWishHouseNumber")} error={errors.wishHouseNumber} defaultValue={value("wishHouseNumber")} maxLength={HOUSE_NUMBER_MAX} inputSize="short" />
        ) : null}
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("apply.sectionFinal")}</legend>
        <TextArea name="remarks" label={t("apply.labelRemarks")} hint={t("apply.hintRemarks")} error={errors.remarks} defaultValue={value("remarks")} maxLength={LIMITS.remarks} rows={3} />
        {props.mode === "create" ? (
          <div className={`field checkbox-field${errors.consent ? " has-error" : ""}`}>
            {errors.consent ? <FieldErrorText name="consent" error={errors.consent} /> : null}
            <input type="checkbox" id="field-consent" name="consent" defaultChecked={value("consent") === "on"} aria-invalid={errors.consent ? true : undefined} aria-describedby={errors.consent ? "error-consent" : "consent-links"} />
            <label htmlFor="field-consent">{t("apply.labelConsent")}</label>
            <p className="hint" id="consent-links">
              <Link to="/market-rules" target="_blank">{t("apply.readRules")}</Link> · <Link to="/privacy" target="_blank">{t("apply.readPrivacy")}</Link>
            </p>
          </div>
        ) : null}
      </fieldset>

      <FeeBox fee={fee} categoryIsFree={Boolean(fee?.free && fee.lines.length === 0)} stallUnitCm={options.stallUnitCm} money={money} />
      {!hydrated ? (
        <button type="submit" name="intent" value="quote" className="button" formNoValidate>
          {t("apply.quoteButton")}
        </button>
      ) : null}

      {props.beforeSubmit}
      <div className="form-actions">
        <button type="submit" name="intent" value="send" className="button primary" disabled={sending} data-testid="submit">
          {sending ? t("apply.sending") : props.submitLabel}
        </button>
        {props.cancelTo ? (
          <Link to={props.cancelTo} className="button">
            {t("apply.backToApplication")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

/** The label each field's error is listed under in the summary. */
const FIELD_LABELS = {
  language: "apply.labelLanguage",
  stallName: "apply.labelStallName",
  description: "apply.labelDescription",
  categoryId: "apply.labelCategory",
  contactName: "apply.labelContactName",
  email: "apply.labelEmail",
  phone: "apply.labelPhone",
  applicantKind: "apply.labelApplicantKind",
  postcode: "apply.labelPostcode",
  kvkNumber: "apply.labelKvk",
  frontageCm: "apply.labelFrontage",
  depthCm: "apply.labelDepth",
  needsElectricity: "apply.labelElectricity",
  electricityWatts: "apply.labelWatts",
  rentedStalls: "apply.labelRented",
  days: "apply.labelDays",
  remarks: "apply.labelRemarks",
  heatKind: "apply.labelHeatKind",
  deepFrying: "apply.labelDeepFrying",
  fireExtinguisher: "apply.labelFireExtinguisher",
  wishNextTo: "apply.labelWishNextTo",
  wishNearPower: "apply.labelWishNearPower",
  wishNearSquare: "apply.labelWishNearSquare",
  wishHouseNumber: "apply.labelWishHouseNumber",
  consent: "apply.labelConsent",
} as const satisfies Record<Exclude<FieldName, "submissionKey" | "version">, MessageKey>;

function errorText(t: ReturnType<typeof useI18n>["t"], error: FieldError): string {
  return t(`apply.${error.key}`, error.params);
}

function FieldErrorText({ name, error }: { name: string; error: FieldError }) {
  const { t } = useI18n();
  return (
    <p className="field-error" id={`error-${name}`}>
      {errorText(t, error)}
    </p>
  );
}

interface AriaProps {
  id: string;
  name: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}

function FieldShell(props: { name: FieldName; label: string; hint?: string; error?: FieldError; children: (aria: AriaProps) => ReactNode }) {
  const describedBy = [props.hint ? `hint-${props.name}` : null, props.error ? `error-${props.name}` : null].filter(Boolean).join(" ");
  return (
    <div className={`field${props.error ? " has-error" : ""}`}>
      <label htmlFor={`field-${props.name}`}>{props.label}</label>
      {props.hint ? (
        <p className="hint" id={`hint-${props.name}`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? <FieldErrorText name={props.name} error={props.error} /> : null}
      {props.children({
        id: `field-${props.name}`,
        name: props.name,
        "aria-invalid": props.error ? true : undefined,
        "aria-describedby": describedBy || undefined,
      })}
    </div>
  );
}

function TextField(props: {
  name: FieldName;
  label: string;
  hint?: string;
  error?: FieldError;
  defaultValue: string;
  maxLength: number;
  type?: "text" | "email" | "tel";
  autoComplete?: string;
  inputMode?: "numeric" | "text";
  inputSize?: "short";
}) {
  return (
    <FieldShell name={props.name} label={props.label} hint={props.hint} error={props.error}>
      {(aria) => (
        <input
          {...aria}
          type={props.type ?? "text"}
          defaultValue={props.defaultValue}
          // Room beyond the limit, so that a paste that is too long is reported, not silently cut.
          maxLength={props.maxLength + 50}
          autoComplete={props.autoComplete ?? "off"}
          inputMode={props.inputMode}
          className={props.inputSize === "short" ? "input-short" : undefined}
        />
      )}
    </FieldShell>
  );
}

function TextArea(props: { name: FieldName; label: string; hint?: string; error?: FieldError; defaultValue: string; maxLength: number; rows: number }) {
  return (
    <FieldShell name={props.name} label={props.label} hint={props.hint} error={props.error}>
      {(aria) => <textarea {...aria} defaultValue={props.defaultValue} rows={props.rows} maxLength={props.maxLength + 200} />}
    </FieldShell>
  );
}

function RadioGroup(props: { name: FieldName; label: string; error?: FieldError; defaultValue: string; choices: { value: string; label: string }[] }) {
  return (
    <fieldset
      className={`field radio-group${props.error ? " has-error" : ""}`}
      id={`field-${props.name}`}
      aria-describedby={props.error ? `error-${props.name}` : undefined}
    >
      <legend>{props.label}</legend>
      {props.error ? <FieldErrorText name={props.name} error={props.error} /> : null}
      {props.choices.map((choice) => (
        <div className="radio" key={choice.value}>
          <input type="radio" id={`${props.name}-${choice.value}`} name={props.name} value={choice.value} defaultChecked={props.defaultValue === choice.value} />
          <label htmlFor={`${props.name}-${choice.value}`}>{choice.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** For a category that cooks (optional): the permit's list of cooking, gas and open-fire stalls. */
function CookingFields({ value, errors }: { value: (name: string) => string; errors: FieldErrors }) {
  const { t } = useI18n();
  const yesNo = (name: "deepFrying" | "fireExtinguisher", label: MessageKey) => (
    <FieldShell name={name} label={t(label)} error={errors[name]}>
      {(aria) => (
        <select {...aria} defaultValue={value(name)}>
          <option value="">{t("apply.cookingUnsaid")}</option>
          <option value="yes">{t("apply.cookingYes")}</option>
          <option value="no">{t("apply.cookingNo")}</option>
        </select>
      )}
    </FieldShell>
  );
  return (
    <div className="cooking-fields">
      <p className="hint">{t("apply.cookingHint")}</p>
      <FieldShell name="heatKind" label={t("apply.labelHeatKind")} error={errors.heatKind}>
        {(aria) => (
          <select {...aria} defaultValue={value("heatKind")}>
            <option value="">{t("apply.cookingUnsaid")}</option>
            {COOKING_HEATS.map((h) => (
              <option key={h} value={h}>
                {t(`apply.heat_${h}`)}
              </option>
            ))}
          </select>
        )}
      </FieldShell>
      {yesNo("deepFrying", "apply.labelDeepFrying")}
      {yesNo("fireExtinguisher", "apply.labelFireExtinguisher")}
    </div>
  );
}

/**
 * The apply form's one schema, used by the browser (checks before sending, the live fee) and by
 * the server (the only check that counts). Plain TypeScript + zod: no Remix, no database.
 *
 * Errors are message keys of the `apply` bundle (with parameters), so the same error reads in
 * Dutch or English wherever it is shown, and each one names its field.
 */
import * as z from "zod";
import type { apply } from "~/i18n/messages/apply";
import { computeFee, type ApplicantKind, type FeeBreakdown, type FeeInput, type FeeRate } from "~/rules/fees";
import type { Wish } from "~/rules/placement-plan";
import { canonicalWishes, normaliseHouseNumber } from "~/rules/placement-wishes";
import { countsAsResident, DEFAULT_RESIDENT_POSTCODES, residentPostcodesText } from "~/rules/resident-postcodes";

import { APPLICANT_KINDS, LANGUAGES } from "~/rules/vocabularies";

export { APPLICANT_KINDS };
export const FORM_LANGUAGES = LANGUAGES;

/** The widest stall one can apply for, in stall units (5 × 3 m = 15 m). */
export const MAX_FRONTAGE_UNITS = 5;
/** Depths offered, in cm. */
export const DEPTH_OPTIONS_CM = [200, 250, 300, 350, 400, 500] as const;
/** One 16 A connection at 230 V. */
export const MAX_ELECTRICITY_WATTS = 3680;

export const LIMITS = {
  stallName: 80,
  description: 300,
  contactName: 100,
  email: 254,
  phone: 30,
  postcode: 10,
  kvkNumber: 20,
  remarks: 1000,
  /** "Next to another stall": a stall's name, as long as a stall name may be. */
  wishNextTo: 80,
} as const;

/** A house number field ("12", "12a", "112 b"): room for a few spaces while typing. */
export const HOUSE_NUMBER_MAX = 8;

export type ApplyMessageKey = keyof (typeof apply)["nl"] & string;
export type ApplyErrorKey = Extract<ApplyMessageKey, `err${string}`>;

/** What the page shows next to a field (or above the form, for `_form`). */
export interface FieldError {
  key: ApplyErrorKey;
  params?: Record<string, number | string>;
}

export type FieldName =
  | "language"
  | "stallName"
  | "description"
  | "categoryId"
  | "contactName"
  | "email"
  | "phone"
  | "applicantKind"
  | "postcode"
  | "kvkNumber"
  | "frontageCm"
  | "depthCm"
  | "needsElectricity"
  | "electricityWatts"
  | "rentedStalls"
  | "days"
  | "remarks"
  | "heatKind"
  | "deepFrying"
  | "fireExtinguisher"
  | "wishNextTo"
  | "wishNearPower"
  | "wishNearSquare"
  | "wishHouseNumber"
  | "consent"
  | "submissionKey"
  | "version";

export type FieldErrors = Partial<Record<FieldName | "_form", FieldError>>;

/** What the edition allows: the choices the form offers, so nothing else is accepted. */
export interface ApplicationFormContext {
  stallUnitCm: number;
  /** The edition's resident postcodes setting ("3812", "3811-3812", …); '3812' when absent. */
  residentPostcodes?: string;
  dayIds: readonly number[];
  categoryIds: readonly number[];
}

/** The checked, cleaned values of an application (create and edit alike). */
export interface ApplicationValues {
  language: (typeof FORM_LANGUAGES)[number];
  stallName: string;
  description: string;
  categoryId: number;
  contactName: string;
  email: string;
  phone: string;
  applicantKind: ApplicantKind;
  /** Only for residents; "3812 AB". */
  postcode: string | null;
  /** Only for commercial applicants; 8 digits. */
  kvkNumber: string | null;
  frontageCm: number;
  depthCm: number;
  needsElectricity: boolean;
  electricityWatts: number | null;
  rentedStalls: number;
  dayIds: number[];
  remarks: string;
  /** Cooking stalls (optional): how they heat, deep frying, a fire extinguisher at hand. */
  heatKind?: CookingHeat | null;
  deepFrying?: boolean | null;
  fireExtinguisher?: boolean | null;
  /**
   * Wishes for the spot (optional, weighed by the placement proposal, never promised), in their
   * canonical order; only present when there are any. A house number only for residents.
   */
  wishes?: Wish[];
}

export const COOKING_HEATS = ["electric", "gas", "open_fire", "none"] as const;
export type CookingHeat = (typeof COOKING_HEATS)[number];
const yesNoOrUnsaid = z.enum(["yes", "no", ""], { error: "errChoice" }).optional();
const yesNoValue = (v: "yes" | "no" | "" | undefined): boolean | null => (v === "yes" ? true : v === "no" ? false : null);

export interface NewApplicationValues extends ApplicationValues {
  submissionKey: string;
}

export interface ChangedApplicationValues extends ApplicationValues {
  version: number;
}

const E = {
  required: "errRequired",
  invalid: "errInvalid",
  tooLong: "errTooLong",
  tooShort: "errTooShort",
  characters: "errCharacters",
  email: "errEmail",
  phone: "errPhone",
  postcode: "errPostcode",
  postcodeNotResident: "errPostcodeNotResident",
  kvk: "errKvk",
  choice: "errChoice",
  number: "errNumber",
  frontage: "errFrontage",
  watts: "errWatts",
  rented: "errRentedStalls",
  days: "errDays",
  consent: "errConsent",
  formExpired: "errFormExpired",
  houseNumber: "errHouseNumber",
  houseNumberResidentOnly: "errHouseNumberResidentOnly",
  wishOwnStall: "errWishOwnStall",
} as const satisfies Record<string, ApplyErrorKey>;

// Control characters (except tab and newline in long texts) and the bidirectional overrides used
// to disguise text are refused; everything else a person can type, emoji included, is fine.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_MULTI_LINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/;

const typeError = (issue: { input?: unknown }) =>
  issue.input === undefined || issue.input === null ? E.required : E.invalid;

/** A line of text: NFC, trimmed, inner whitespace runs made one space. */
function line(max: number, options: { min?: number; optional?: boolean } = {}) {
  const min = options.optional ? 0 : (options.min ?? 1);
  const base = options.optional
    ? z.preprocess((v) => (v === undefined || v === null ? "" : v), z.string({ error: E.invalid }))
    : z.string({ error: typeError });
  return base
    .refine((raw) => !FORBIDDEN_SINGLE_LINE.test(raw.replace(/[\t\r\n]/g, " ")), { error: E.characters })
    .transform((raw) => raw.normalize("NFC").replace(/\s+/g, " ").trim())
    .pipe(
      min === 0
        ? z.string().max(max, { error: E.tooLong })
        : z.string().min(1, { error: E.required }).min(min, { error: E.tooShort }).max(max, { error: E.tooLong }),
    );
}

/** Several lines of text (description, remarks): NFC, line ends as \n, trimmed. */
function paragraph(max: number) {
  return z
    .preprocess((v) => (v === undefined || v === null ? "" : v), z.string({ error: E.invalid }))
    .transform((raw) => raw.normalize("NFC").replace(/\r\n?/g, "\n").trim())
    .refine((text) => !FORBIDDEN_MULTI_LINE.test(text), { error: E.characters })
    .pipe(z.string().max(max, { error: E.tooLong }));
}

/** A whole number sent as form text (or as a number by a script). */
function whole(options: { min: number; max: number; error?: ApplyErrorKey; /** A dropdown says "choose", not "fill in". */ empty?: ApplyErrorKey }) {
  const empty = options.empty ?? E.required;
  return z
    .preprocess(
      (v) => (typeof v === "number" && Number.isFinite(v) ? String(v) : v),
      z.string({ error: (issue) => (issue.input === undefined || issue.input === null ? empty : E.invalid) }).trim().min(1, { error: empty }).regex(/^\d{1,7}$/, { error: E.number }),
    )
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(options.min, { error: options.error ?? E.number })
        .max(options.max, { error: options.error ?? E.number }),
    );
}

// `.optional()` before the transform: an unticked box is simply absent from the form.
const checkbox = z.unknown().optional().transform((v, ctx): boolean => {
  if (v === undefined || v === null || v === "" || v === false || v === "false") return false;
  if (v === true || v === "on" || v === "true") return true;
  ctx.addIssue({ code: "custom", message: E.invalid });
  return z.NEVER;
});

const optionalText = (max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? "" : v),
    z.string({ error: E.invalid }).max(max, { error: E.tooLong }).transform((s) => s.trim()),
  );

const email = z
  .string({ error: typeError })
  .trim()
  .toLowerCase()
  .min(1, { error: E.required })
  .max(LIMITS.email, { error: E.tooLong })
  .pipe(z.email({ error: E.email }));

/** Dutch numbers (06 12345678, 033 123 4567) and international ones (+31 6…, 0049 …). */
export function isPhoneNumber(value: string): boolean {
  const digits = value.replace(/[\s\-().]/g, "");
  return /^\+[1-9]\d{7,14}$/.test(digits) || /^00[1-9]\d{7,14}$/.test(digits) || /^0[1-9]\d{8}$/.test(digits);
}

/** A Dutch postcode (1234 AB; SA, SD and SS are never used), written as "1234 AB"; else null. */
export function normalisePostcode(value: string): string | null {
  const match = /^([1-9]\d{3})\s?([A-Za-z]{2})$/.exec(value.trim());
  if (!match) return null;
  const letters = match[2]!.toUpperCase();
  if (letters === "SA" || letters === "SD" || letters === "SS") return null;
  return `${match[1]} ${letters}`;
}

/** A KvK (Chamber of Commerce) number: 8 digits, spaces and dots allowed while typing. */
export function normaliseKvk(value: string): string | null {
  const digits = value.replace(/[\s.]/g, "");
  return /^\d{8}$/.test(digits) ? digits : null;
}

function fieldsSchema(context: ApplicationFormContext) {
  const unit = context.stallUnitCm;
  const inList = (ids: readonly number[]) => (id: number) => ids.includes(id);
  return z.object({
    language: z.enum(FORM_LANGUAGES, { error: E.choice }),
    stallName: line(LIMITS.stallName, { min: 2 }),
    description: paragraph(LIMITS.description),
    categoryId: whole({ min: 1, max: 9_999_999, error: E.choice, empty: E.choice }).refine(inList(context.categoryIds), { error: E.choice }),
    contactName: line(LIMITS.contactName, { min: 2 }),
    email,
    phone: line(LIMITS.phone).refine(isPhoneNumber, { error: E.phone }),
    applicantKind: z.enum(APPLICANT_KINDS, { error: E.choice }),
    postcode: optionalText(LIMITS.postcode),
    kvkNumber: optionalText(LIMITS.kvkNumber),
    frontageCm: whole({ min: unit, max: unit * MAX_FRONTAGE_UNITS, error: E.frontage, empty: E.choice }).refine((cm) => cm % unit === 0, {
      error: E.frontage,
    }),
    depthCm: whole({ min: 1, max: 10_000, error: E.choice, empty: E.choice }).refine((cm) => (DEPTH_OPTIONS_CM as readonly number[]).includes(cm), {
      error: E.choice,
    }),
    needsElectricity: checkbox,
    electricityWatts: optionalText(7),
    rentedStalls: whole({ min: 0, max: MAX_FRONTAGE_UNITS, error: E.rented }),
    days: z
      .preprocess(
        (v) => (v === undefined || v === null ? [] : typeof v === "string" || typeof v === "number" ? [v] : v),
        z.array(whole({ min: 1, max: 9_999_999, error: E.days }), { error: E.days }).max(50, { error: E.days }),
      )
      .transform((ids) => [...new Set(ids)].sort((a, b) => a - b))
      .refine((ids) => ids.length > 0, { error: E.days })
      .refine((ids) => ids.every(inList(context.dayIds)), { error: E.days }),
    remarks: paragraph(LIMITS.remarks),
    heatKind: z.enum([...COOKING_HEATS, ""], { error: E.choice }).optional(),
    deepFrying: yesNoOrUnsaid,
    fireExtinguisher: yesNoOrUnsaid,
    wishNextTo: line(LIMITS.wishNextTo, { optional: true }),
    wishNearPower: checkbox,
    wishNearSquare: checkbox,
    // Checked against the applicant kind between fields (dependentIssues).
    wishHouseNumber: optionalText(HOUSE_NUMBER_MAX),
  });
}

type Fields = z.output<ReturnType<typeof fieldsSchema>>;

interface DependentFacts {
  applicantKind: string;
  wishHouseNumber: string;
  stallName: string;
  wishNextTo: string;
  postcode: string;
  kvkNumber: string;
  needsElectricity: boolean;
  electricityWatts: string;
  rentedStalls: number | null;
  frontageCm: number | null;
}

/**
 * The checks between fields (postcode for residents, KvK for businesses, watts with electricity,
 * rented stalls within the frontage). Also run on a form that fails elsewhere, so every error
 * shows at once.
 */
function dependentIssues(facts: DependentFacts, context: ApplicationFormContext) {
  const issues: { field: "postcode" | "kvkNumber" | "electricityWatts" | "rentedStalls" | "wishHouseNumber" | "wishNextTo"; key: ApplyErrorKey; params?: Record<string, string> }[] = [];
  const postcode = facts.applicantKind === "resident" ? normalisePostcode(facts.postcode) : null;
  const setting = context.residentPostcodes ?? DEFAULT_RESIDENT_POSTCODES;
  if (facts.applicantKind === "resident" && !postcode) issues.push({ field: "postcode", key: facts.postcode.trim() ? E.postcode : E.required });
  else if (postcode && !countsAsResident(postcode, setting)) {
    issues.push({ field: "postcode", key: E.postcodeNotResident, params: { postcodes: residentPostcodesText(setting) } });
  }
  const kvkNumber = facts.applicantKind === "commercial" ? normaliseKvk(facts.kvkNumber) : null;
  if (facts.applicantKind === "commercial" && !kvkNumber) issues.push({ field: "kvkNumber", key: facts.kvkNumber.trim() ? E.kvk : E.required });
  let electricityWatts: number | null = null;
  if (facts.needsElectricity) {
    const raw = facts.electricityWatts.trim();
    const watts = /^\d{1,7}$/.test(raw) ? Number(raw) : NaN;
    if (!raw) issues.push({ field: "electricityWatts", key: E.required });
    else if (!(watts >= 1 && watts <= MAX_ELECTRICITY_WATTS)) issues.push({ field: "electricityWatts", key: E.watts });
    else electricityWatts = watts;
  }
  if (facts.rentedStalls !== null && facts.frontageCm !== null && facts.rentedStalls > facts.frontageCm / context.stallUnitCm) {
    issues.push({ field: "rentedStalls", key: E.rented });
  }
  // Next to another stall: not their own.
  const sameName = (a: string, b: string) => a.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase() === b.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
  if (facts.wishNextTo.trim() && sameName(facts.wishNextTo, facts.stallName)) issues.push({ field: "wishNextTo", key: E.wishOwnStall });
  // "In front of my own house number": residents only (the field shows only for them).
  const houseRaw = facts.wishHouseNumber.trim();
  const houseNumber = houseRaw ? normaliseHouseNumber(houseRaw) : null;
  if (houseRaw && facts.applicantKind !== "resident") issues.push({ field: "wishHouseNumber", key: E.houseNumberResidentOnly });
  else if (houseRaw && !houseNumber) issues.push({ field: "wishHouseNumber", key: E.houseNumber });
  return { issues, postcode, kvkNumber, electricityWatts, houseNumber: facts.applicantKind === "resident" ? houseNumber : null };
}

/** Checks between fields; turns the raw fields into ApplicationValues. */
function finish(fields: Fields, context: ApplicationFormContext, ctx: z.RefinementCtx): ApplicationValues {
  const { issues, postcode, kvkNumber, electricityWatts, houseNumber } = dependentIssues(fields, context);
  const wishes = canonicalWishes([
    ...(fields.wishNextTo ? [{ kind: "next_to" as const, stallName: fields.wishNextTo }] : []),
    ...(fields.wishNearPower ? [{ kind: "near_power" as const }] : []),
    ...(fields.wishNearSquare ? [{ kind: "near_square" as const }] : []),
    ...(houseNumber ? [{ kind: "house_number" as const, houseNumber }] : []),
  ]);
  for (const issue of issues) ctx.addIssue({ code: "custom", path: [issue.field], message: issue.key, ...(issue.params ? { params: issue.params } : {}) });
  return {
    language: fields.language,
    stallName: fields.stallName,
    description: fields.description,
    categoryId: fields.categoryId,
    contactName: fields.contactName,
    email: fields.email,
    phone: fields.phone,
    applicantKind: fields.applicantKind,
    postcode,
    kvkNumber,
    frontageCm: fields.frontageCm,
    depthCm: fields.depthCm,
    needsElectricity: fields.needsElectricity,
    electricityWatts,
    rentedStalls: fields.rentedStalls,
    dayIds: fields.days,
    remarks: fields.remarks,
    // Only present when the stallholder said something (a form without the cooking questions stays as it was).
    ...(fields.heatKind || fields.deepFrying || fields.fireExtinguisher
      ? { heatKind: fields.heatKind ? fields.heatKind : null, deepFrying: yesNoValue(fields.deepFrying), fireExtinguisher: yesNoValue(fields.fireExtinguisher) }
      : {}),
    ...(wishes.length > 0 ? { wishes } : {}),
  };
}

export const SUBMISSION_KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** A new application: every field, consent, and the form's submission key. */
export function newApplicationSchema(context: ApplicationFormContext) {
  return fieldsSchema(context)
    .extend({
      consent: checkbox.refine((v) => v, { error: E.consent }),
      submissionKey: z.string({ error: E.formExpired }).regex(SUBMISSION_KEY_PATTERN, { error: E.formExpired }),
    })
    .transform((fields, ctx): NewApplicationValues => ({ ...finish(fields, context, ctx), submissionKey: fields.submissionKey }));
}

/** A change by the stallholder: every field, and the version they saw (optimistic locking). */
export function changedApplicationSchema(context: ApplicationFormContext) {
  return fieldsSchema(context)
    .extend({ version: whole({ min: 1, max: 1_000_000_000, error: E.formExpired }) })
    .transform((fields, ctx): ChangedApplicationValues => ({ ...finish(fields, context, ctx), version: fields.version }));
}

const FIELD_NAMES = new Set<string>([
  "language", "stallName", "description", "categoryId", "contactName", "email", "phone", "applicantKind",
  "postcode", "kvkNumber", "frontageCm", "depthCm", "needsElectricity", "electricityWatts", "rentedStalls",
  "days", "remarks", "consent", "submissionKey", "version", "heatKind", "deepFrying", "fireExtinguisher",
  "wishNextTo", "wishNearPower", "wishNearSquare", "wishHouseNumber",
]);
const ERROR_KEYS = new Set<string>(Object.values(E));

/** zod's issues as one error per field (the first), each a message key with its parameters. */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const result: FieldErrors = {};
  for (const issue of error.issues) {
    const head = issue.path[0];
    const field = (typeof head === "string" && FIELD_NAMES.has(head) ? head : "_form") as FieldName | "_form";
    if (result[field]) continue;
    const key = (ERROR_KEYS.has(issue.message) ? issue.message : E.invalid) as ApplyErrorKey;
    const params: Record<string, number | string> = {};
    // Only the messages that name a number get it.
    if (key === E.tooLong && issue.code === "too_big" && typeof issue.maximum === "number") params.max = issue.maximum;
    if (key === E.tooShort && issue.code === "too_small" && typeof issue.minimum === "number") params.min = issue.minimum;
    if (key === E.postcodeNotResident && issue.code === "custom" && typeof issue.params?.postcodes === "string") params.postcodes = issue.params.postcodes;
    result[field] = Object.keys(params).length ? { key, params } : { key };
  }
  // The hidden fields are not something a person can fix by hand: say so above the form.
  for (const hidden of ["submissionKey", "version"] as const) {
    if (result[hidden] && !result._form) result._form = { key: E.formExpired };
  }
  return result;
}

export type ParseResult<T> = { ok: true; values: T } | { ok: false; errors: FieldErrors };

export function parseNewApplication(input: unknown, context: ApplicationFormContext): ParseResult<NewApplicationValues> {
  const result = newApplicationSchema(context).safeParse(input);
  return result.success ? { ok: true, values: result.data } : { ok: false, errors: withDependent(toFieldErrors(result.error), input, context) };
}

export function parseChangedApplication(input: unknown, context: ApplicationFormContext): ParseResult<ChangedApplicationValues> {
  const result = changedApplicationSchema(context).safeParse(input);
  return result.success ? { ok: true, values: result.data } : { ok: false, errors: withDependent(toFieldErrors(result.error), input, context) };
}

/** When other fields failed, zod skipped the checks between fields: run them on the raw input. */
function withDependent(errors: FieldErrors, input: unknown, context: ApplicationFormContext): FieldErrors {
  if (typeof input !== "object" || input === null) return errors;
  const raw = input as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  const int = (v: unknown) => (typeof v === "string" && /^\d{1,7}$/.test(v.trim()) ? Number(v) : typeof v === "number" && Number.isSafeInteger(v) ? v : null);
  const { issues } = dependentIssues(
    {
      applicantKind: text(raw.applicantKind),
      wishHouseNumber: text(raw.wishHouseNumber),
      stallName: text(raw.stallName),
      wishNextTo: text(raw.wishNextTo),
      postcode: text(raw.postcode),
      kvkNumber: text(raw.kvkNumber),
      needsElectricity: raw.needsElectricity === "on" || raw.needsElectricity === true || raw.needsElectricity === "true",
      electricityWatts: text(raw.electricityWatts),
      rentedStalls: int(raw.rentedStalls),
      frontageCm: int(raw.frontageCm),
    },
    context,
  );
  const merged = { ...errors };
  for (const issue of issues) merged[issue.field] ??= { key: issue.key };
  return merged;
}

/** The raw form fields as a plain object (strings; `days` as a list); files count as nothing. */
export function formInput(form: FormData): Record<string, string | string[]> {
  const input: Record<string, string | string[]> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") continue;
    if (name === "days") input.days = [...((input.days as string[] | undefined) ?? []), value];
    else if (!(name in input)) input[name] = value;
  }
  return input;
}

// ---------------------------------------------------------------------------------------------
// The fee: the same code prices the live quote in the browser, the no-JS quote and the saved fee.

/** What the fee depends on besides the form: the edition's fee table and categories. */
export interface FeeContext {
  stallUnitCm: number;
  rates: FeeRate[];
  categories: { id: number; isFree: boolean }[];
  /** The edition's deposit (borg) in cents; 0 = none. */
  depositCents?: number;
}

export function feeInputFor(
  values: Pick<ApplicationValues, "applicantKind" | "frontageCm" | "needsElectricity" | "rentedStalls" | "dayIds" | "categoryId">,
  context: FeeContext,
): FeeInput {
  return {
    applicantKind: values.applicantKind,
    frontageCm: values.frontageCm,
    needsElectricity: values.needsElectricity,
    rentedStalls: values.rentedStalls,
    dayCount: Math.max(1, values.dayIds.length),
    stallUnitCm: context.stallUnitCm,
    categoryIsFree: context.categories.some((c) => c.id === values.categoryId && c.isFree),
    depositCents: context.depositCents ?? 0,
  };
}

/** The fee of a checked application. */
export function feeFor(values: ApplicationValues, context: FeeContext): FeeBreakdown {
  return computeFee(feeInputFor(values, context), context.rates);
}

/**
 * A quote for a form that may be half filled in: it needs the kind of applicant; the frontage
 * defaults to one unit and the days to one. Null when it cannot be priced yet.
 */
export function quoteFee(input: Record<string, unknown>, context: FeeContext): FeeBreakdown | null {
  const kind = APPLICANT_KINDS.find((k) => k === input.applicantKind);
  if (!kind) return null;
  const number = (value: unknown, fallback: number, min: number, max: number) => {
    const n = typeof value === "string" && /^\d{1,7}$/.test(value.trim()) ? Number(value) : typeof value === "number" ? value : NaN;
    return Number.isSafeInteger(n) && n >= min && n <= max ? n : fallback;
  };
  const unit = context.stallUnitCm;
  const frontage = number(input.frontageCm, unit, unit, unit * MAX_FRONTAGE_UNITS);
  const days = Array.isArray(input.days) ? input.days : typeof input.days === "string" ? [input.days] : [];
  try {
    return computeFee(
      feeInputFor(
        {
          applicantKind: kind,
          frontageCm: Math.ceil(frontage / unit) * unit,
          needsElectricity: input.needsElectricity === "on" || input.needsElectricity === true,
          rentedStalls: number(input.rentedStalls, 0, 0, MAX_FRONTAGE_UNITS),
          dayIds: [...new Set(days.map(Number).filter((n) => Number.isSafeInteger(n)))],
          categoryId: number(input.categoryId, 0, 0, 9_999_999),
        },
        context,
      ),
      context.rates,
    );
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// "Lost your link?": one field.

export function parseLostLink(input: unknown): ParseResult<{ email: string }> {
  const result = z.object({ email }).safeParse(input);
  return result.success ? { ok: true, values: result.data } : { ok: false, errors: toFieldErrors(result.error) };
}

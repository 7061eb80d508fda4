import * as z from "zod";
import { APPLICANT_KINDS } from "~/rules/vocabularies";
import { parseResidentPostcodes } from "~/rules/resident-postcodes";
import { RETENTION_MONTHS_MAX, RETENTION_MONTHS_MIN } from "~/rules/retention";
import { checkbox, euros, id, intIn, isoDate, localDateTime, optionalText, required, timeOfDay } from "./organiser-form";

export const editionGeneralSchema = z.object({
  version: id,
  nameNl: required(120),
  nameEn: required(120),
  applicationsOpenAt: localDateTime,
  applicationsCloseAt: localDateTime,
  paymentDeadline: localDateTime,
  refundPeriodDays: intIn(0, 365),
  retentionMonths: intIn(RETENTION_MONTHS_MIN, RETENTION_MONTHS_MAX),
  // Written back the tidy way ("3812, 3813 AB, 3814-3815"); the rule decides what is a postcode.
  residentPostcodes: z
    .string("organiser.errResidentPostcodes")
    .transform((v, ctx) => {
      const parsed = parseResidentPostcodes(v);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: "organiser.errResidentPostcodes" });
        return z.NEVER;
      }
      return parsed.text;
    })
    // Absent (an older form): unchanged.
    .optional(),
  marketRulesNl: optionalText(10000),
  marketRulesEn: optionalText(10000),
}).refine((v) => !v.applicationsOpenAt || !v.applicationsCloseAt || v.applicationsOpenAt < v.applicationsCloseAt, {
  path: ["applicationsCloseAt"],
  message: "organiser.errCloseBeforeOpen",
});

export const daySchema = z
  .object({ dayId: id.optional(), date: isoDate, startsAt: timeOfDay, endsAt: timeOfDay })
  .refine((v) => v.startsAt < v.endsAt, { path: ["endsAt"], message: "organiser.errEndBeforeStart" });

export const categorySchema = z.object({
  categoryId: id.optional(),
  nameNl: required(80),
  nameEn: required(80),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, "organiser.errColour"),
  applicantKind: z
    .union([z.enum(APPLICANT_KINDS), z.literal("")], "organiser.errInvalid")
    .transform((v) => (v === "" ? null : v)),
  isFree: checkbox,
});

const rate = euros(false);
export const feeRatesSchema = z.object(
  Object.fromEntries(
    APPLICANT_KINDS.flatMap((kind) => [
      [`${kind}.firstUnit`, rate],
      [`${kind}.extraMetre`, rate],
      [`${kind}.electricity`, rate],
      [`${kind}.stallRental`, rate],
    ]),
  ) as Record<`${(typeof APPLICANT_KINDS)[number]}.${"firstUnit" | "extraMetre" | "electricity" | "stallRental"}`, typeof rate>,
);

export const newEditionSchema = z.object({
  year: intIn(2000, 2200),
  firstDate: isoDate,
  nameNl: required(120),
  nameEn: required(120),
});

/** The deposit (borg): on with an amount above zero, or off (stored as 0 cents). */
export const depositSchema = z
  .object({ depositOn: checkbox, depositAmount: euros(false) })
  .refine((v) => !v.depositOn || v.depositAmount > 0, { path: ["depositAmount"], message: "organiser.errDepositAmount" })
  .refine((v) => v.depositAmount <= 100_000, { path: ["depositAmount"], message: "organiser.errDepositTooHigh" });

export const chooseEditionSchema = z.object({ editionId: id });

import * as z from "zod";
import { canonicalWishes, normaliseHouseNumber, type Wish } from "~/rules/placement-wishes";
import { APPLICANT_KINDS } from "~/rules/vocabularies";
import { checkbox, email, euros, id, intIn, optionalText, required } from "./organiser-form";

const optionalShort = z
  .string()
  .trim()
  .max(40, "organiser.errTooLong")
  .default("")
  .transform((v) => (v === "" ? null : v));

/** Every field of an application as an organiser edits it, the wishes for the spot included. */
export const applicationDetailsSchema = z
  .object({
    version: id,
    stallName: required(80),
    description: optionalText(500),
    categoryId: id,
    contactName: required(120),
    email,
    phone: required(40),
    postcode: optionalShort,
    applicantKind: z.enum(APPLICANT_KINDS, "organiser.errInvalid"),
    kvkNumber: optionalShort,
    frontageCm: intIn(50, 5000),
    depthCm: intIn(50, 2000),
    needsElectricity: checkbox,
    electricityWatts: z
      .string()
      .trim()
      .default("")
      .transform((v) => (v === "" ? null : v))
      .pipe(z.string().regex(/^\d{1,6}$/, "organiser.errWholeNumber").transform(Number).nullable()),
    rentedStalls: intIn(0, 10),
    remarks: optionalText(2000),
    language: z.enum(["nl", "en"], "organiser.errInvalid"),
    dayIds: z.array(id).min(1, "organiser.errChooseDay"),
    wishNextTo: optionalText(80),
    wishNearPower: checkbox,
    wishNearSquare: checkbox,
    wishHouseNumber: optionalText(12),
  })
  .superRefine((v, ctx) => {
    const house = v.wishHouseNumber;
    // As on the apply form: "in front of my own house" is for residents, written as 12 or 12a.
    if (house && v.applicantKind !== "resident") ctx.addIssue({ code: "custom", path: ["wishHouseNumber"], message: "organiser.errHouseNumberResident" });
    else if (house && !normaliseHouseNumber(house)) ctx.addIssue({ code: "custom", path: ["wishHouseNumber"], message: "organiser.errHouseNumber" });
  })
  .transform(({ wishNextTo, wishNearPower, wishNearSquare, wishHouseNumber, ...details }) => {
    const houseNumber = wishHouseNumber ? normaliseHouseNumber(wishHouseNumber) : null;
    const wishes: Wish[] = canonicalWishes([
      ...(wishNextTo ? [{ kind: "next_to" as const, stallName: wishNextTo }] : []),
      ...(wishNearPower ? [{ kind: "near_power" as const }] : []),
      ...(wishNearSquare ? [{ kind: "near_square" as const }] : []),
      ...(houseNumber ? [{ kind: "house_number" as const, houseNumber }] : []),
    ]);
    return { ...details, wishes };
  });

export const feeAdjustmentSchema = z
  .object({
    version: id,
    adjustment: euros(true),
    reason: z.string().trim().max(500, "organiser.errTooLong").default(""),
  })
  .refine((v) => v.adjustment === 0 || v.reason !== "", { path: ["reason"], message: "organiser.errReasonRequired" });

export const notesSchema = z.object({ version: id, notes: optionalText(5000) });

export const arrivalSchema = z.object({ id, state: z.enum(["expected", "arrived", "absent"], "organiser.errInvalid") });

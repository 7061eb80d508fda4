/**
 * One programme item as organisers enter it (time, place on the map, title NL/EN, short text).
 * One zod schema for the back office form and for app/data/programme.server.ts, which checks the
 * things only the database knows (the day, the landmark or spot belong to the edition).
 * Errors are message keys of the `programme` bundle, so they read in either language.
 */
import * as z from "zod";
import type { programme } from "~/i18n/messages/programme";

export const PROGRAMME_LIMITS = { title: 120, text: 500 } as const;

export type ProgrammeErrorKey = Extract<keyof (typeof programme)["nl"] & string, `err${string}`>;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = z.string().trim().regex(TIME, "errTime" satisfies ProgrammeErrorKey);
const optionalTime = z
  .string()
  .trim()
  .transform((v) => (v === "" ? null : v))
  .pipe(time.nullable())
  .nullish()
  .transform((v) => v ?? null);
const optionalId = z.coerce
  .number()
  .int()
  .positive()
  .nullish()
  .or(z.literal("").transform(() => null))
  .transform((v) => v ?? null);

export const programmeItemSchema = z
  .object({
    eventDayId: z.coerce.number({ error: "errDay" satisfies ProgrammeErrorKey }).int().positive("errDay" satisfies ProgrammeErrorKey),
    startsAt: time,
    endsAt: optionalTime,
    titleNl: z.string().trim().min(1, "errTitle" satisfies ProgrammeErrorKey).max(PROGRAMME_LIMITS.title, "errTooLong" satisfies ProgrammeErrorKey),
    titleEn: z.string().trim().max(PROGRAMME_LIMITS.title, "errTooLong" satisfies ProgrammeErrorKey).default(""),
    textNl: z.string().trim().max(PROGRAMME_LIMITS.text, "errTooLong" satisfies ProgrammeErrorKey).default(""),
    textEn: z.string().trim().max(PROGRAMME_LIMITS.text, "errTooLong" satisfies ProgrammeErrorKey).default(""),
    landmarkId: optionalId,
    spotId: optionalId,
  })
  .superRefine((item, ctx) => {
    const valid = (value: unknown) => typeof value === "string" && TIME.test(value);
    // Only compare two valid times (zod runs this check even when a field failed).
    if (valid(item.startsAt) && valid(item.endsAt) && (item.endsAt as string) <= item.startsAt) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "errEndBeforeStart" satisfies ProgrammeErrorKey });
    }
    if (item.landmarkId !== null && item.spotId !== null) {
      ctx.addIssue({ code: "custom", path: ["landmarkId"], message: "errOnePlace" satisfies ProgrammeErrorKey });
    }
  })
  // An item without an English title shows the Dutch one.
  .transform((item) => ({ ...item, titleEn: item.titleEn || item.titleNl }));

export type ProgrammeItemInput = z.input<typeof programmeItemSchema>;
export type ProgrammeItemValues = z.output<typeof programmeItemSchema>;
export type ProgrammeFieldErrors = Partial<Record<keyof ProgrammeItemValues | "_form", ProgrammeErrorKey>>;

/** Field errors as message keys, the first per field. */
export function programmeFieldErrors(error: z.ZodError): ProgrammeFieldErrors {
  const errors: ProgrammeFieldErrors = {};
  for (const issue of error.issues) {
    const field = (issue.path[0] ?? "_form") as keyof ProgrammeFieldErrors;
    const key = (issue.message.startsWith("err") ? issue.message : "errInvalid") as ProgrammeErrorKey;
    errors[field] ??= key;
  }
  return errors;
}

/**
 * Shared by the organiser forms: reading a FormData through a zod schema into typed data, or
 * into field errors (message keys of the organiser bundle) plus what the user typed, so a form
 * that comes back with errors keeps every value.
 */
import * as z from "zod";
import { parseEuros } from "~/rules/euro-input";

export type FieldErrors = Record<string, string>;
export type FormResult<T> = { ok: true; data: T; values: Record<string, string> } | { ok: false; errors: FieldErrors; values: Record<string, string> };

export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string") continue;
    values[key] = key in values ? `${values[key]},${value}` : value;
  }
  return values;
}

export function parseForm<S extends z.ZodType>(schema: S, form: FormData, multi: string[] = []): FormResult<z.output<S>> {
  const values = formValues(form);
  const input: Record<string, unknown> = { ...values };
  for (const key of multi) input[key] = form.getAll(key).filter((v): v is string => typeof v === "string");
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "_form");
    errors[field] ??= issue.message.startsWith("organiser.") ? issue.message : "organiser.errInvalid";
  }
  return { ok: false, errors, values };
}

// Small building blocks with organiser message keys as errors.
export const required = (max = 200) => z.string().trim().min(1, "organiser.errRequired").max(max, "organiser.errTooLong");
export const optionalText = (max = 2000) => z.string().trim().max(max, "organiser.errTooLong").default("");
export const checkbox = z.string().optional().transform((v) => v === "on" || v === "true" || v === "1");
export const intIn = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+$/, "organiser.errWholeNumber")
    .transform(Number)
    .pipe(z.number().min(min, "organiser.errOutOfRange").max(max, "organiser.errOutOfRange"));
export const id = z.string().regex(/^\d+$/, "organiser.errInvalid").transform(Number);
export const euros = (allowNegative: boolean) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      const cents = parseEuros(v === "" ? "0" : v);
      if (cents === null || (!allowNegative && cents < 0)) {
        ctx.addIssue({ code: "custom", message: "organiser.errEuros" });
        return z.NEVER;
      }
      return cents;
    });
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "organiser.errDate");
export const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "organiser.errTime");
/** `<input type="datetime-local">` (Amsterdam time) or empty. */
export const localDateTime = z
  .string()
  .trim()
  .refine((v) => v === "" || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v), "organiser.errDateTime");
export const email = z.string().trim().toLowerCase().max(254, "organiser.errTooLong").regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "organiser.errEmail");

/** Small server-side helpers for the routes that take the application form. */
import type { ApplyContext } from "~/data/applications.server";
import type { ApplicationFormProps } from "./ApplicationForm";

/** A form body larger than this is refused before it is read (the whole form is a few KB). */
export const MAX_FORM_BYTES = 64 * 1024;

export function tooLarge(request: Request): boolean {
  const length = Number(request.headers.get("Content-Length") ?? "0");
  return Number.isFinite(length) && length > MAX_FORM_BYTES;
}

/** The form body, or an empty form when it cannot be read as a form. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    return new FormData();
  }
}

/** What the form offers (choices and fee table): public facts of the edition only. */
export function formOptions(context: ApplyContext): ApplicationFormProps["options"] {
  return {
    stallUnitCm: context.edition.stallUnitCm,
    days: context.days.map(({ id, date }) => ({ id, date })),
    categories: context.categories.map(({ id, nameNl, nameEn, isFree, cooks }) => ({ id, nameNl, nameEn, isFree, cooks })),
    fee: context.fee,
  };
}

/** Small server-side helpers for the routes that take a form: reading the body safely. */
import { residentPostcodesText } from "~/rules/resident-postcodes";
import { json } from "@remix-run/node";
import type { ApplyContext } from "~/data/applications.server";
import { translator } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";
import { FORM_BODY_LIMIT } from "~/services/request-guards.server";
import type { ApplicationFormProps } from "./ApplicationForm";

/** A form body larger than this is refused before it is read (the whole form is a few KB). */
export const MAX_FORM_BYTES = FORM_BODY_LIMIT;

export function tooLarge(request: Request): boolean {
  const length = Number(request.headers.get("Content-Length") ?? "0");
  return Number.isFinite(length) && length > MAX_FORM_BYTES;
}

/** The form body, or an empty form when it cannot be read as a form. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await formBody(request);
  } catch {
    return new FormData();
  }
}

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** The body's bytes, at most `maxBytes` of them (chunked bodies too); null when there are more. */
async function readCapped(request: Request, maxBytes: number): Promise<ArrayBuffer | null> {
  if (!request.body) return new ArrayBuffer(0);
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    parts.push(value);
  }
  const buffer = new ArrayBuffer(total);
  const bytes = new Uint8Array(buffer);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return buffer;
}

/**
 * The body of a form post. Anything that is not a readable form (JSON, plain text, a missing or
 * broken multipart body, more than `maxBytes`) is answered with a 4xx and a message in plain
 * words (thrown, as Remix does with responses), never a 500.
 */
export async function formBody(request: Request, maxBytes = MAX_FORM_BYTES): Promise<FormData> {
  const t = translator(languageOf(request));
  const refuse = (status: number) => json({ error: "bad_form", message: t("common.errBadForm") }, { status, headers: { "Cache-Control": "no-store" } });
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) throw refuse(415);
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (Number.isFinite(declared) && declared > maxBytes) throw refuse(413);
  let bytes: ArrayBuffer | null;
  try {
    bytes = await readCapped(request, maxBytes);
  } catch {
    throw refuse(400);
  }
  if (bytes === null) throw refuse(413);
  try {
    return await new Response(bytes, { headers: { "Content-Type": request.headers.get("Content-Type")! } }).formData();
  } catch {
    throw refuse(400);
  }
}

/** What the form offers (choices and fee table): public facts of the edition only. */
export function formOptions(context: ApplyContext): ApplicationFormProps["options"] {
  return {
    stallUnitCm: context.edition.stallUnitCm,
    residentPostcodes: residentPostcodesText(context.edition.residentPostcodes),
    days: context.days.map(({ id, date }) => ({ id, date })),
    categories: context.categories.map(({ id, nameNl, nameEn, isFree, cooks }) => ({ id, nameNl, nameEn, isFree, cooks })),
    fee: context.fee,
  };
}

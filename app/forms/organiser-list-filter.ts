import * as z from "zod";
import { PAYMENT_STATES, REVIEW_STATES } from "~/rules/vocabularies";

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .optional()
    .transform((v) => ((values as readonly string[]).includes(v ?? "") ? (v as T[number]) : undefined));
const optionalId = z
  .string()
  .optional()
  .transform((v) => (v && /^\d+$/.test(v) ? Number(v) : undefined));

/** The applications list's query string; anything unknown is ignored rather than refused. */
export const listFilterSchema = z.object({
  state: optionalEnum(REVIEW_STATES),
  payment: optionalEnum(PAYMENT_STATES),
  category: optionalId,
  day: optionalId,
  assigned: optionalEnum(["yes", "no"] as const),
  q: z.string().max(100).optional().catch(undefined),
  sort: optionalEnum(["created", "stall", "contact", "state", "fee"] as const),
  dir: optionalEnum(["asc", "desc"] as const),
  page: optionalId,
});

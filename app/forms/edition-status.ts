/** The edition status form (one schema for the page and its action). */
import * as z from "zod";
import { EDITION_STATUSES, POSTPONEMENT_CHOICES } from "~/rules/vocabularies";

export const editionStatusForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("change"),
    to: z.enum(EDITION_STATUSES),
    expectedFrom: z.enum(EDITION_STATUSES),
    messageNl: z.string().trim().max(1000),
    messageEn: z.string().trim().max(1000),
    decisionExpectedOn: z
      .string()
      .trim()
      .regex(/^(\d{4}-\d{2}-\d{2})?$/)
      .transform((v) => v || null),
    // For a postponement: the deadline of the stallholders' choice (a local date and time) and the
    // default after it; the new dates come per day as `newDate-<dayId>`, `startsAt-<dayId>`, `endsAt-<dayId>`.
    choiceDeadline: z.string().trim().max(20).optional().default(""),
    defaultChoice: z.enum(POSTPONEMENT_CHOICES).optional().default("keep"),
    callAfterHours: z.coerce.number().int().min(1).max(240).optional().default(24),
    confirm: z.literal("yes", { message: "status.confirmRequired" }),
  }),
  z.object({ intent: z.literal("payments"), paused: z.enum(["true", "false"]).transform((v) => v === "true") }),
  z.object({ intent: z.literal("applications"), closed: z.enum(["true", "false"]).transform((v) => v === "true") }),
  z.object({ intent: z.literal("retry-refund"), refundId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("manual-refund-paid"), refundId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("called"), noticeId: z.coerce.number().int().positive(), note: z.string().trim().max(500).optional().default("") }),
]);

/** The new date and times typed for each current market day. */
export function postponedDays(fields: Record<string, FormDataEntryValue>, dayIds: number[]) {
  const value = (name: string) => (typeof fields[name] === "string" ? (fields[name] as string).trim() : "");
  return dayIds.map((id) => ({ date: value(`newDate-${id}`), startsAt: value(`startsAt-${id}`), endsAt: value(`endsAt-${id}`) }));
}

/** `2099-06-01T18:00` → its date and time, or null. */
export function splitLocalDateTime(value: string): { date: string; time: string } | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(value);
  return match ? { date: match[1]!, time: match[2]! } : null;
}

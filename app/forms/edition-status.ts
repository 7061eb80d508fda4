/** The edition status form (one schema for the page and its action). */
import * as z from "zod";
import { EDITION_STATUSES } from "#db/schema";

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
    confirm: z.literal("yes", { message: "status.confirmRequired" }),
  }),
  z.object({ intent: z.literal("payments"), paused: z.enum(["true", "false"]).transform((v) => v === "true") }),
  z.object({ intent: z.literal("applications"), closed: z.enum(["true", "false"]).transform((v) => v === "true") }),
  z.object({ intent: z.literal("retry-refund"), refundId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("manual-refund-paid"), refundId: z.coerce.number().int().positive() }),
]);

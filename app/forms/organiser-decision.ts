import * as z from "zod";
import { id } from "./organiser-form";

export const DECISIONS = ["approved", "waitlisted", "rejected"] as const;

/** One message for one or many applications; rejecting needs a reason (it goes to the stallholder). */
export const decisionSchema = z
  .object({
    to: z.enum(DECISIONS, "organiser.errChooseDecision"),
    reason: z.string().trim().max(2000, "organiser.errTooLong").default(""),
    ids: z.array(id).min(1, "organiser.errSelectSome").max(2000, "organiser.errInvalid"),
    version: id.optional(),
  })
  .refine((v) => v.to !== "rejected" || v.reason !== "", { path: ["reason"], message: "organiser.errReasonRequired" });

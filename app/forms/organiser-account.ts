import * as z from "zod";
import { ORGANISER_ROLES } from "~/rules/vocabularies";
import { email, id } from "./organiser-form";

export const inviteSchema = z.object({
  email,
  name: z.string().trim().max(120, "organiser.errTooLong").default(""),
  role: z.enum(ORGANISER_ROLES, "organiser.errInvalid"),
});

export const accountChangeSchema = z.object({
  organiserId: id,
  role: z.enum(ORGANISER_ROLES, "organiser.errInvalid").optional(),
  disabled: z.enum(["true", "false"]).optional(),
});

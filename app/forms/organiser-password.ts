import * as z from "zod";
import { email } from "./organiser-form";

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
  .object({
    password: z.string().min(1, "organiser.errRequired").max(200, "organiser.errTooLong"),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "organiser.errPasswordsDiffer" });

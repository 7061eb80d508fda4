import * as z from "zod";
import { email } from "./organiser-form";

export const signInSchema = z.object({
  email,
  password: z.string().min(1, "organiser.errRequired").max(200, "organiser.errTooLong"),
  next: z.string().optional(),
});

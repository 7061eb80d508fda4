/**
 * The waitlist's settings on /organiser/settings: pause automatic offers, how long an offer is open,
 * and the date by which the organisers expect to decide (empty: not said).
 */
import * as z from "zod";
import { isCalendarDate } from "~/rules/calendar";
import { checkbox, intIn } from "./organiser-form";

export const waitlistSettingsSchema = z.object({
  offersPaused: checkbox,
  // One hour to two weeks.
  offerHours: intIn(1, 336),
  // A date input sends YYYY-MM-DD; typed by hand (no date picker) 15-05-2027 is understood too.
  decisionDate: z
    .string()
    .trim()
    .default("")
    .transform((v) => v.replace(/^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/, (_, d: string, m: string, y: string) => `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`))
    .refine((v) => v === "" || isCalendarDate(v), "organiser.errRealDate")
    .transform((v) => (v === "" ? null : v)),
});

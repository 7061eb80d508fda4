/** The waitlist's settings on /organiser/settings: pause automatic offers, how long an offer is open. */
import * as z from "zod";
import { checkbox, intIn } from "./organiser-form";

export const waitlistSettingsSchema = z.object({
  offersPaused: checkbox,
  // One hour to two weeks.
  offerHours: intIn(1, 336),
});

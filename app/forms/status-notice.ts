/** The stallholder's answers to a status change on the private page: "Gelezen", and the choice on a postponement. */
import * as z from "zod";
import { POSTPONEMENT_CHOICES } from "~/rules/vocabularies";

export const postponementChoiceForm = z.object({ choice: z.enum(POSTPONEMENT_CHOICES) });
export const confirmReadingParams = z.object({ historyId: z.coerce.number().int().positive() });

/** What the placement proposal panel may post (issue 14), shared by the route and the panel. */
import * as z from "zod";

const id = z.coerce.number().int().positive();
const day = z.union([z.literal("all"), id]);
const mode = z.enum(["unplaced", "replan"]);
const weight = z.coerce.number().min(0).max(1000);

export const proposalIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("propose"), day, mode }),
  z.object({ intent: z.literal("accept"), day, mode, fingerprint: z.string().min(1).max(64), applicationId: id.optional() }),
  z.object({ intent: z.literal("undo"), batchId: id, day, mode }),
  z.object({ intent: z.literal("lock"), locked: z.enum(["true", "false"]).transform((v) => v === "true"), applicationId: id.optional() }),
  z.object({
    intent: z.literal("settings"),
    returning: weight,
    wish: weight,
    sameCategory: weight,
    zone: weight,
    /** "food=12, drinks=4" */
    caps: z.string().max(2000).default(""),
  }),
]);
export type ProposalIntent = z.infer<typeof proposalIntent>;

/** "food=12, drinks=4" → { food: 12, drinks: 4 }; unknown parts are left out. */
export function parseCaps(text: string): Record<string, number> {
  const caps: Record<string, number> = {};
  for (const part of text.split(/[,;\n]/)) {
    const match = /^\s*([a-z0-9_-]+)\s*[=:]\s*(\d{1,4})\s*$/i.exec(part);
    if (match) caps[match[1]!] = Number(match[2]);
  }
  return caps;
}

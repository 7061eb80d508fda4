/** What the placement proposal panel may post (issue 14), shared by the route and the panel. */
import * as z from "zod";

const id = z.coerce.number().int().positive();
const day = z.union([z.literal("all"), id]);
const mode = z.enum(["unplaced", "replan"]);

export const proposalIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("propose"), day, mode }),
  z.object({ intent: z.literal("accept"), day, mode, fingerprint: z.string().min(1).max(64), applicationId: id.optional() }),
  z.object({ intent: z.literal("undo"), batchId: id, day, mode }),
  z.object({ intent: z.literal("lock"), locked: z.enum(["true", "false"]).transform((v) => v === "true"), applicationId: id.optional() }),
]);
export type ProposalIntent = z.infer<typeof proposalIntent>;

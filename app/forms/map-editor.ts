/** What the map editor may post: one schema per intent, shared by the route and its form controls. */
import * as z from "zod";
import { LANDMARK_KINDS, SPOT_KINDS } from "#db/schema";

const id = z.coerce.number().int().positive();
const metres = (max: number) => z.coerce.number().min(0.5).max(max);
const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const warningCodes = z.array(z.enum(["too_small", "no_electricity", "same_category_neighbour"])).default([]);
const jsonOf = <T extends z.ZodType>(schema: T) =>
  z.string().transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "invalid JSON" });
      return z.NEVER;
    }
  }).pipe(schema);
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const layoutParamsSchema = z.object({
  spotWidthM: metres(50),
  spotDepthM: metres(50),
  gapM: z.coerce.number().min(0).max(50),
  offsetM: z.coerce.number().min(0).max(50),
  sides: z.array(z.object({ side: z.enum(["left", "right"]), codePrefix: z.string().regex(/^[A-Z]{1,3}$/) })).min(1),
  skips: z.array(z.object({ fromM: z.number(), toM: z.number(), side: z.enum(["left", "right"]).optional(), reason: z.string().max(100).optional() })).max(100),
  startM: z.number().min(0).optional(),
  endM: z.number().min(0).optional(),
});

export const mapEditorIntent = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("assign"),
    applicationId: id,
    spotId: id,
    day: z.union([z.literal("all"), id]),
    acceptedWarnings: jsonOf(warningCodes).default([]),
    acceptReason: z.string().trim().max(500).default(""),
  }),
  z.object({ intent: z.literal("unassign"), applicationId: id, day: z.union([z.literal("all"), id]) }),
  z.object({ intent: z.literal("swap"), firstId: id, secondId: id, day: id }),
  z.object({
    intent: z.literal("update-spot"),
    spotId: id,
    version: z.coerce.number().int().positive(),
    centre: jsonOf(lonLat),
    widthM: metres(50),
    depthM: metres(50),
    bearingDeg: z.coerce.number().min(-360).max(360),
    hasElectricity: checkbox,
    hasWater: checkbox,
    kind: z.enum(SPOT_KINDS),
    note: z.string().trim().max(300).default(""),
  }),
  z.object({
    intent: z.literal("add-spot"),
    code: z.string().trim().regex(/^[A-Z]{1,3}-\d{1,3}$/),
    centre: jsonOf(lonLat),
    bearingDeg: z.coerce.number().min(-360).max(360).default(0),
  }),
  z.object({ intent: z.literal("delete-spot"), spotId: id }),
  z.object({ intent: z.literal("preview-layout"), line: jsonOf(z.array(lonLat).min(2).max(200)), params: jsonOf(layoutParamsSchema) }),
  z.object({ intent: z.literal("apply-layout"), line: jsonOf(z.array(lonLat).min(2).max(200)), params: jsonOf(layoutParamsSchema) }),
  z.object({
    intent: z.literal("add-landmark"),
    kind: z.enum(LANDMARK_KINDS),
    nameNl: z.string().trim().min(1).max(80),
    nameEn: z.string().trim().min(1).max(80),
    position: jsonOf(lonLat),
  }),
  z.object({ intent: z.literal("move-landmark"), landmarkId: id, position: jsonOf(lonLat) }),
  z.object({ intent: z.literal("delete-landmark"), landmarkId: id }),
  z.object({ intent: z.literal("publish") }),
  z.object({ intent: z.literal("unpublish") }),
  z.object({ intent: z.literal("send-spot-notices") }),
]);

export type MapEditorIntent = z.infer<typeof mapEditorIntent>;

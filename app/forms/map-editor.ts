/** What the map editor may post: one schema per intent, shared by the route and its form controls. */
import * as z from "zod";
import { parseHouseNumberList } from "~/rules/placement-wishes";
import { LANDMARK_KINDS, SPOT_KINDS } from "~/rules/vocabularies";

const id = z.coerce.number().int().positive();
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

/**
 * A number as a person types it: "2,5" and "2.5" both mean two and a half metres; an empty box is
 * "not filled in" (required) rather than zero.
 */
const typedNumber = (inner: z.ZodNumber) =>
  z.preprocess((v) => {
    if (typeof v !== "string") return v;
    const text = v.trim().replace(",", ".");
    return text === "" ? undefined : Number(text);
  }, inner);
const optionalTypedNumber = (inner: z.ZodNumber) =>
  z.preprocess((v) => {
    if (v === null || v === undefined) return undefined;
    if (typeof v !== "string") return v;
    const text = v.trim().replace(",", ".");
    return text === "" ? undefined : Number(text);
  }, inner.optional());

const metres = (max: number) => typedNumber(z.number().min(0.5).max(max));

/** The limits of the layout tab's numbers; the messages (editor.err_*) name the same limits. */
export const LAYOUT_LIMITS = {
  spotWidthM: [0.5, 10],
  spotDepthM: [0.5, 10],
  gapM: [0, 20],
  offsetM: [0, 30],
  startM: [0, 5000],
  endM: [0, 5000],
} as const;
const limited = (field: keyof typeof LAYOUT_LIMITS) => z.number().min(LAYOUT_LIMITS[field][0]).max(LAYOUT_LIMITS[field][1]);

export const layoutParamsSchema = z
  .object({
    spotWidthM: typedNumber(limited("spotWidthM")),
    spotDepthM: typedNumber(limited("spotDepthM")),
    gapM: typedNumber(limited("gapM")),
    offsetM: typedNumber(limited("offsetM")),
    sides: z.array(z.object({ side: z.enum(["left", "right"]), codePrefix: z.string().regex(/^[A-Z]{1,3}$/) })).min(1),
    skips: z.array(z.object({ fromM: z.number(), toM: z.number(), side: z.enum(["left", "right"]).optional(), reason: z.string().max(100).optional() })).max(100),
    startM: optionalTypedNumber(limited("startM")),
    endM: optionalTypedNumber(limited("endM")),
  })
  .refine((p) => typeof p.startM !== "number" || typeof p.endM !== "number" || p.startM < p.endM, {
    path: ["endM"],
    message: "end before start",
    // Also when another field is wrong, so every mistake is told at once.
    when: (payload) => {
      const value = payload.value as { startM?: unknown; endM?: unknown } | undefined;
      return typeof value?.startM === "number" && typeof value?.endM === "number";
    },
  });

/**
 * Fields whose problems the editor explains next to the field, each with its own sentence
 * (`editor.err_<field>` in app/i18n/messages/editor.ts). Anything else is a fault of the page.
 */
export const EXPLAINED_FIELDS = ["spotWidthM", "spotDepthM", "gapM", "offsetM", "startM", "endM", "widthM", "depthM", "bearingDeg", "note", "houseNumbers", "nameNl", "nameEn"] as const;
export type ExplainedField = (typeof EXPLAINED_FIELDS)[number];

/**
 * Turns validator issues into field errors: the field's name and the message key of its sentence,
 * never the validator's own text. `unexplained` is true when some issue concerns no such field
 * (a broken request rather than a person's typing).
 */
export function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[] }[]): { fieldErrors: Partial<Record<ExplainedField, `editor.err_${ExplainedField}`>>; unexplained: boolean } {
  const fieldErrors: Partial<Record<ExplainedField, `editor.err_${ExplainedField}`>> = {};
  let unexplained = false;
  for (const issue of issues) {
    const field = [...issue.path].reverse().find((part): part is ExplainedField => typeof part === "string" && (EXPLAINED_FIELDS as readonly string[]).includes(part));
    if (field) fieldErrors[field] ??= `editor.err_${field}`;
    else unexplained = true;
  }
  return { fieldErrors, unexplained };
}

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
    bearingDeg: typedNumber(z.number().min(-360).max(360)),
    hasElectricity: checkbox,
    hasWater: checkbox,
    kind: z.enum(SPOT_KINDS),
    note: z.string().trim().max(300).default(""),
    // "12, 14": stored normalised ("12, 14a"); a resident who asks to stand before their house is placed here.
    houseNumbers: z
      .string()
      .max(100)
      .default("")
      .transform((v, ctx) => {
        const numbers = parseHouseNumberList(v);
        if (numbers) return numbers.join(", ");
        ctx.addIssue({ code: "custom", message: "house numbers" });
        return z.NEVER;
      }),
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

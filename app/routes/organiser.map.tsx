/**
 * The organisers' map editor: place stalls on spots (drag, or choose stall then spot — keyboard
 * too), see each spot's state, accept warnings with a reason, edit the layout, publish.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import leafletStyles from "leaflet/dist/leaflet.css";
import geomanStyles from "@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css";
import editorStyles from "~/styles/editor.css";
import { assignStallFromSpot, publishMap, swapStalls, unassignStall, unpublishMap, type AssignResult } from "~/data/assignments.server";
import { addLandmark, addSpotByHand, applyRegeneration, deleteLandmark, deleteSpot, moveLandmark, previewRegeneration, updateSpot, type SpotChangeResult } from "~/data/layout.server";
import { loadMapEditor } from "~/data/map-editor.server";
import { placementGoalsSummary } from "~/data/placement-proposal.server";
import { sendSpotNotices } from "~/data/spot-notices.server";
import { addedSpotOffers } from "~/data/waitlist.server";
import { env } from "~/env.server";
import { fieldErrorsOf, mapEditorIntent, type ExplainedField } from "~/forms/map-editor";
import { roleAllows } from "~/rules/organiser-roles";
import { organiserEdition, requireOrganiser } from "~/services/auth.server";
import { MapEditorPage } from "~/components/map-editor/MapEditorPage";
import { formBody } from "~/forms/form-request.server";
import { LAYOUT_BODY_LIMIT } from "~/services/request-guards.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: leafletStyles },
  { rel: "stylesheet", href: geomanStyles },
  { rel: "stylesheet", href: editorStyles },
];

export const meta: MetaFunction = () => [{ title: "Plattegrond indelen – SK Zomerparade" }];

export function loader({ request }: LoaderFunctionArgs) {
  const organiser = requireOrganiser(request, "read");
  const edition = organiserEdition(request);
  const dayParam = Number(new URL(request.url).searchParams.get("day")) || null;
  const config = env();
  return json({
    ...loadMapEditor(edition, dayParam),
    canEdit: roleAllows(organiser.role, "review"),
    goals: placementGoalsSummary(edition.id),
    tiles: { url: config.TILE_URL, attribution: config.TILE_ATTRIBUTION },
  });
}

/**
 * What the editor is told after a post. Nothing in a refusal is shown as it stands: the page turns
 * `error`, `problem`, `layoutProblem` and `fieldErrors` (message keys) into sentences.
 */
export type MapEditorActionData =
  | { ok: true; intent: string; message?: { key: string; params?: Record<string, string | number> }; preview?: unknown }
  | {
      ok: false;
      intent: string;
      error: string;
      result?: AssignResult;
      problem?: string;
      /** With problem "overlaps_spot": the code of the spot the shape would lie over. */
      overlapsCode?: string;
      layoutProblem?: "line" | "params" | "generation";
      fieldErrors?: Partial<Record<ExplainedField, string>>;
    };

export async function action({ request }: ActionFunctionArgs) {
  const organiser = requireOrganiser(request, "review");
  const edition = organiserEdition(request);
  const form = Object.fromEntries(await formBody(request, LAYOUT_BODY_LIMIT));
  const parsed = mapEditorIntent.safeParse(form);
  if (!parsed.success) {
    // Field errors as message keys (a sentence per field in the user's language), never the validator's text.
    const { fieldErrors, unexplained } = fieldErrorsOf(parsed.error.issues);
    const error = unexplained && Object.keys(fieldErrors).length === 0 ? "invalid" : "fields";
    return json<MapEditorActionData>({ ok: false, intent: String(form.intent ?? ""), error, fieldErrors }, { status: 400 });
  }
  const input = parsed.data;
  const editionId = edition.id;
  const by = organiser.id;
  switch (input.intent) {
    case "assign": {
      const result = assignStallFromSpot({
        editionId,
        applicationId: input.applicationId,
        spotId: input.spotId,
        dayIds: input.day === "all" ? undefined : [input.day],
        acceptedWarnings: input.acceptedWarnings,
        acceptReason: input.acceptReason,
        organiserId: by,
      });
      // A warning accepted without a reason is asked for again, right where it was (nothing stored).
      if (!result.ok && result.reason === "reason_required") return json<MapEditorActionData>({ ok: false, intent: input.intent, error: "reason_required" }, { status: 400 });
      if (!result.ok) return json<MapEditorActionData>({ ok: false, intent: input.intent, error: result.reason, result }, { status: 409 });
      return json<MapEditorActionData>({ ok: true, intent: input.intent });
    }
    case "unassign": {
      const result = unassignStall({ editionId, applicationId: input.applicationId, dayIds: input.day === "all" ? undefined : [input.day], organiserId: by });
      return json<MapEditorActionData>(result.ok ? { ok: true, intent: input.intent } : { ok: false, intent: input.intent, error: "not_found" }, { status: result.ok ? 200 : 404 });
    }
    case "swap": {
      try {
        const result = swapStalls({ editionId, firstId: input.firstId, secondId: input.secondId, dayId: input.day, organiserId: by });
        return json<MapEditorActionData>(result.ok ? { ok: true, intent: input.intent } : { ok: false, intent: input.intent, error: result.reason, result }, { status: result.ok ? 200 : 409 });
      } catch (error) {
        const result = (error as { result?: AssignResult }).result;
        if (result) return json<MapEditorActionData>({ ok: false, intent: input.intent, error: "refused", result }, { status: 409 });
        throw error;
      }
    }
    case "update-spot": {
      const result = updateSpot(editionId, input.spotId, {
        centre: input.centre,
        widthCm: Math.round(input.widthM * 100),
        depthCm: Math.round(input.depthM * 100),
        bearingDeg: input.bearingDeg,
        hasElectricity: input.hasElectricity,
        hasWater: input.hasWater,
        kind: input.kind,
        note: input.note,
        houseNumbers: input.houseNumbers,
        version: input.version,
      }, by);
      return spotChangeAnswer(input.intent, result);
    }
    case "add-spot": {
      // A spot added is a place: the waitlist is offered it in the same transaction.
      const offers = addedSpotOffers(editionId, new Date(), env().APP_URL);
      const result = addSpotByHand(editionId, { code: input.code, centre: input.centre, bearingDeg: input.bearingDeg }, by, offers.afterAdd);
      if (result.ok && offers.made.length > 0) return json<MapEditorActionData>({ ok: true, intent: input.intent, message: { key: "editor.spotsOffered" } });
      return spotChangeAnswer(input.intent, result);
    }
    case "delete-spot":
      return json<MapEditorActionData>(deleteSpot(editionId, input.spotId, by).ok ? { ok: true, intent: input.intent } : { ok: false, intent: input.intent, error: "not_found" });
    case "preview-layout": {
      const preview = previewRegeneration(editionId, input.line, input.params);
      if (!preview.ok) return json<MapEditorActionData>({ ok: false, intent: input.intent, error: "layout", layoutProblem: preview.kind }, { status: 400 });
      return json<MapEditorActionData>({ ok: true, intent: input.intent, preview: { plan: preview.plan, spots: preview.spots.map((s) => ({ code: s.code, polygon: s.polygon })) } });
    }
    case "apply-layout": {
      const offers = addedSpotOffers(editionId, new Date(), env().APP_URL);
      const applied = applyRegeneration(editionId, input.line, input.params, by, offers.afterAdd);
      if (!applied.ok) return json<MapEditorActionData>({ ok: false, intent: input.intent, error: "layout", layoutProblem: applied.kind }, { status: 400 });
      return json<MapEditorActionData>({ ok: true, intent: input.intent, message: { key: "editor.layoutApplied", params: { offers: offers.made.length } } });
    }
    case "add-landmark":
      addLandmark(editionId, { kind: input.kind, nameNl: input.nameNl, nameEn: input.nameEn, position: input.position }, by);
      return json<MapEditorActionData>({ ok: true, intent: input.intent });
    case "move-landmark":
      return json<MapEditorActionData>(moveLandmark(editionId, input.landmarkId, input.position, by) ? { ok: true, intent: input.intent } : { ok: false, intent: input.intent, error: "not_found" });
    case "delete-landmark":
      return json<MapEditorActionData>(deleteLandmark(editionId, input.landmarkId, by) ? { ok: true, intent: input.intent } : { ok: false, intent: input.intent, error: "not_found" });
    case "publish":
      publishMap(editionId, by);
      return json<MapEditorActionData>({ ok: true, intent: input.intent, message: { key: "editor.publishedDone" } });
    case "unpublish":
      unpublishMap(editionId, by);
      return json<MapEditorActionData>({ ok: true, intent: input.intent });
    case "send-spot-notices": {
      const { queued } = sendSpotNotices(editionId, by, env().APP_URL);
      return json<MapEditorActionData>({ ok: true, intent: input.intent, message: { key: "editor.noticesQueued", params: { count: queued } } });
    }
  }
}

export default function OrganiserMap() {
  return <MapEditorPage />;
}

function spotChangeAnswer(intent: string, result: SpotChangeResult) {
  if (result.ok) return json<MapEditorActionData>({ ok: true, intent });
  const overlapsCode = result.problem === "overlaps_spot" ? result.overlapsCode : undefined;
  return json<MapEditorActionData>({ ok: false, intent, error: result.problem, problem: result.problem, overlapsCode }, { status: 409 });
}

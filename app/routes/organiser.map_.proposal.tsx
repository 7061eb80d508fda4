/**
 * "Indeling voorstellen" (issue 14): the map editor's placement proposal. POST only: propose a
 * plan, accept it (all or one stall; refused when the data changed, with a fresh plan), undo an
 * accepted batch, lock placements. Its goals are set on /organiser/map/goals. The editor draws the answer.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { acceptPlan, proposePlan, setLocked, undoBatch, type ProposalScope } from "~/data/placement-proposal.server";
import { proposalIntent } from "~/forms/placement-proposal";
import type { Plan } from "~/rules/placement-plan";
import { organiserEdition, requireOrganiser } from "~/services/auth.server";

export type ProposalActionData =
  | { ok: true; intent: "propose"; plan: Plan; fingerprint: string; scope: ProposalScope }
  | { ok: true; intent: "accept"; placed: number; batchId: number; plan: Plan; fingerprint: string; scope: ProposalScope }
  | { ok: true; intent: "undo"; removed: number; plan: Plan; fingerprint: string; scope: ProposalScope }
  | { ok: true; intent: "lock"; count: number; locked: boolean }
  | { ok: false; intent: string; error: "stale" | "occupied"; plan: Plan; fingerprint: string; scope: ProposalScope }
  | { ok: false; intent: string; error: "invalid" | "nothing" | "undo_refused" };

export function loader() {
  return redirect("/organiser/map");
}

export async function action({ request }: ActionFunctionArgs) {
  const organiser = requireOrganiser(request, "review");
  const edition = organiserEdition(request);
  const form = Object.fromEntries(await request.formData());
  const parsed = proposalIntent.safeParse(form);
  if (!parsed.success) return json<ProposalActionData>({ ok: false, intent: String(form.intent ?? ""), error: "invalid" }, { status: 400 });
  const input = parsed.data;
  switch (input.intent) {
    case "propose": {
      const scope = { day: input.day, mode: input.mode };
      return json<ProposalActionData>({ ok: true, intent: "propose", ...proposePlan(edition.id, scope), scope });
    }
    case "accept": {
      const scope = { day: input.day, mode: input.mode };
      const result = acceptPlan({ editionId: edition.id, scope, fingerprint: input.fingerprint, applicationIds: input.applicationId ? [input.applicationId] : undefined, organiserId: organiser.id });
      if (result.ok) return json<ProposalActionData>({ ok: true, intent: "accept", placed: result.placed, batchId: result.batchId, ...result.fresh, scope });
      if (result.reason === "nothing") return json<ProposalActionData>({ ok: false, intent: "accept", error: "nothing" }, { status: 409 });
      return json<ProposalActionData>({ ok: false, intent: "accept", error: result.reason, ...result.fresh, scope }, { status: 409 });
    }
    case "undo": {
      const scope = { day: input.day, mode: input.mode };
      const result = undoBatch(edition.id, input.batchId, organiser.id);
      if (!result.ok) return json<ProposalActionData>({ ok: false, intent: "undo", error: "undo_refused" }, { status: 409 });
      return json<ProposalActionData>({ ok: true, intent: "undo", removed: result.removed, ...proposePlan(edition.id, scope), scope });
    }
    case "lock":
      return json<ProposalActionData>({ ok: true, intent: "lock", locked: input.locked, count: setLocked(edition.id, input.locked, input.applicationId ?? null, organiser.id) });
  }
}

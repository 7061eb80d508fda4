/**
 * The call list (issue 17): who has not confirmed reading the latest status change, with a
 * tappable phone number; everyone in the team reads it and volunteers tick "gebeld" on a phone.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CallList } from "~/components/organiser/CallList";
import { callList, markCalled } from "~/data/status-notices.server";
import { editionStatusForm } from "~/forms/edition-status";
import { formBody } from "~/forms/form-request.server";
import { useI18n } from "~/i18n/use-i18n";
import { roleAllows } from "~/rules/organiser-roles";
import { organiserEdition, requireOrganiser } from "~/services/auth.server";
import statusStyles from "~/styles/status.css";

export const meta: MetaFunction = () => [{ title: "Bellijst – SK Zomerparade" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: statusStyles }];

export function loader({ request }: LoaderFunctionArgs) {
  const organiser = requireOrganiser(request, "read");
  const edition = organiserEdition(request);
  if (!edition) throw new Response("No edition", { status: 404 });
  const calls = callList(edition.id, new Date());
  return json({
    mayTick: roleAllows(organiser.role, "arrivals"),
    calls: calls
      ? { callAfterHours: calls.callAfterHours, notYetDue: calls.notYetDue, entries: calls.entries.map((e) => ({ ...e, calledAt: e.calledAt?.toISOString() ?? null })) }
      : null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const organiser = requireOrganiser(request, "arrivals");
  const edition = organiserEdition(request);
  if (!edition) throw new Response("No edition", { status: 404 });
  const parsed = editionStatusForm.safeParse(Object.fromEntries(await formBody(request)));
  if (!parsed.success || parsed.data.intent !== "called") return json({ ok: false, message: "status.invalid" as const }, { status: 400 });
  const ok = markCalled({ noticeId: parsed.data.noticeId, editionId: edition.id, organiserId: organiser.id, note: parsed.data.note, now: new Date() });
  return json({ ok, message: ok ? ("status.calledSaved" as const) : ("status.invalid" as const) }, { status: ok ? 200 : 409 });
}

export default function CallListPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <div className="page status-page calls-page">
      <h1>{t("status.callTitle")}</h1>
      {result ? (
        <p role={result.ok ? "status" : "alert"} className={`notice ${result.ok ? "ok" : "error"}`}>
          {t(result.message)}
        </p>
      ) : null}
      {data.calls ? (
        <CallList {...data.calls} mayTick={data.mayTick} standalone />
      ) : (
        <p>{t("status.callEmpty")}</p>
      )}
    </div>
  );
}

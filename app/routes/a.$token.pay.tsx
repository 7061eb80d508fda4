/**
 * POST /a/<token>/pay — the private page's pay button: a Stripe Checkout Session for the stored
 * fee, then a redirect to Stripe. A refusal or a Stripe failure goes back to the private page
 * with `?payment=<reason>`, which the page explains. GET goes back to the private page.
 */
import "~/i18n/messages/stallholder-bundles";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { startCheckout } from "~/data/money.server";
import { PRIVATE_HEADERS } from "~/forms/private-page.server";

function back(token: string, reason?: string) {
  return redirect(`/a/${encodeURIComponent(token)}${reason ? `?payment=${reason}` : ""}`, { headers: PRIVATE_HEADERS });
}

export function loader({ params }: LoaderFunctionArgs) {
  return back(params.token ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  if (request.method !== "POST") return back(token);
  const result = await startCheckout(token, new Date());
  if (result.ok) return redirect(result.url, { status: 303, headers: PRIVATE_HEADERS });
  if (result.reason === "not_found") throw new Response("Not found", { status: 404, headers: PRIVATE_HEADERS });
  return redirect(`/a/${encodeURIComponent(token)}?payment=${result.reason}`, { status: 303, headers: PRIVATE_HEADERS });
}

import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireOrganiser, signOut } from "~/services/auth.server";

export function loader() {
  return redirect("/organiser");
}

export function action({ request }: ActionFunctionArgs) {
  requireOrganiser(request, "volunteer");
  return redirect("/organiser/sign-in?signedOut=1", { headers: { "Set-Cookie": signOut(request) } });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { listEventDays } from "~/data/editions.server";
import { stallListCsv } from "~/data/exports.server";
import { languageOf } from "~/i18n/language.server";
import { organiserEdition, requireOrganiser } from "~/services/auth.server";

export function loader({ request }: LoaderFunctionArgs) {
  requireOrganiser(request, "read");
  const edition = organiserEdition(request);
  const asked = Number(new URL(request.url).searchParams.get("day"));
  const days = listEventDays(edition.id);
  const day = days.find((d) => d.id === asked) ?? (asked ? undefined : days[0]);
  if (!day) throw new Response("Not found", { status: 404 });
  return new Response(stallListCsv(edition.id, day.id, languageOf(request)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="kramen-${day.date}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

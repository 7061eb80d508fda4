import type { LoaderFunctionArgs } from "@remix-run/node";
import { applicationsCsv } from "~/data/exports.server";
import { languageOf } from "~/i18n/language.server";
import { organiserEdition, requireOrganiser } from "~/services/auth.server";

export function loader({ request }: LoaderFunctionArgs) {
  requireOrganiser(request, "export");
  const edition = organiserEdition(request);
  return new Response(applicationsCsv(edition.id, languageOf(request)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="aanmeldingen-${edition.year}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

/** GET /organiser/money.csv — every payment and refund of the edition, to reconcile with Stripe. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { moneyCsv } from "~/data/money.server";
import { languageOf } from "~/i18n/language.server";
import { organiserEdition, requireOrganiser } from "~/services/auth.server";

export function loader({ request }: LoaderFunctionArgs) {
  requireOrganiser(request, "money");
  const edition = organiserEdition(request);
  return new Response(moneyCsv(edition.id, languageOf(request)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="betalingen-${edition.year}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderSitePlanPdf } from "~/services/pdf.server";
import { fileResponse, permitRequest } from "~/services/permit-response.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { data, ctx, sheet } = permitRequest(request);
  const pdf = await renderSitePlanPdf(data, sheet, ctx);
  return fileResponse(pdf, "application/pdf", `situatietekening-${data.day.date}-${sheet}.pdf`);
}

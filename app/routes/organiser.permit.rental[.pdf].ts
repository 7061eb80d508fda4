import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderRentalPdf } from "~/services/pdf.server";
import { fileResponse, permitRequest } from "~/services/permit-response.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { data, ctx } = permitRequest(request);
  return fileResponse(await renderRentalPdf(data.facts, ctx), "application/pdf", `kraamhuur-${data.day.date}.pdf`);
}

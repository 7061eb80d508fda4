import type { LoaderFunctionArgs } from "@remix-run/node";
import { rentalCsv } from "~/data/permit.server";
import { fileResponse, permitRequest } from "~/services/permit-response.server";

export function loader({ request }: LoaderFunctionArgs) {
  const { data, language } = permitRequest(request);
  return fileResponse(rentalCsv(data.facts, language), "text/csv; charset=utf-8", `kraamhuur-${data.day.date}.csv`);
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { permitFactsCsv } from "~/data/permit.server";
import { fileResponse, permitRequest } from "~/services/permit-response.server";

export function loader({ request }: LoaderFunctionArgs) {
  const { data, language } = permitRequest(request);
  return fileResponse(permitFactsCsv(data.facts, data.passage, language), "text/csv; charset=utf-8", `vergunning-${data.day.date}.csv`);
}

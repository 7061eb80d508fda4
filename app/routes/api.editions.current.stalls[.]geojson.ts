/**
 * Open data: the published stall map of the current edition as GeoJSON (public fields only).
 * CORS open; ETag + short shared caching so a proxy can absorb event-day traffic. The body is
 * built once per change of the data (app/data/public-map.server.ts) and sent precompressed.
 * Described for developers on /open-data.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicSnapshot } from "~/data/public-map.server";
import { encodedResponse } from "~/services/encoded-response.server";

export const GEOJSON_CACHE_CONTROL = "public, max-age=60, s-maxage=60, stale-while-revalidate=300";

export function loader({ request }: LoaderFunctionArgs) {
  return encodedResponse(request, publicSnapshot().geojson, {
    "Content-Type": "application/geo+json; charset=utf-8",
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag",
    "Cache-Control": GEOJSON_CACHE_CONTROL,
  });
}

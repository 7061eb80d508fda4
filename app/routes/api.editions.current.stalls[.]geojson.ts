/**
 * Open data: the published stall map of the current edition as GeoJSON (public fields only).
 * CORS open; ETag + short shared caching so a proxy can absorb event-day traffic.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { findCurrentEdition } from "~/data/editions.server";
import { loadPublicMap, toGeoJson } from "~/data/public-map.server";
import { localDate } from "~/rules/calendar";
import { etagOf, isNotModified } from "~/services/http.server";

const CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";

export function loader({ request }: LoaderFunctionArgs) {
  const edition = findCurrentEdition(localDate(new Date()));
  const collection = edition
    ? toGeoJson(loadPublicMap(edition))
    : { type: "FeatureCollection" as const, edition: null, categories: [], features: [] };
  const body = JSON.stringify(collection);
  const etag = etagOf(body);
  const headers = {
    "Content-Type": "application/geo+json; charset=utf-8",
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag",
    "Cache-Control": CACHE_CONTROL,
    ETag: etag,
    Vary: "Accept-Encoding",
  };
  if (isNotModified(request, etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers });
}

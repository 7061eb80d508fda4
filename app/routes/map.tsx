import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction, TypedResponse } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import leafletStyles from "leaflet/dist/leaflet.css";
import { PublicMapPage } from "~/components/map/PublicMapPage";
import { publicSnapshot } from "~/data/public-map.server";
import { env } from "~/env.server";
import { languageOf } from "~/i18n/language.server";
import { pageMeta } from "~/i18n/page-meta";
import { mapCredit } from "~/rules/map-credit";
import { translator } from "~/i18n/i18n";
import { compactCode } from "~/rules/search";
import { publicPageCaching } from "~/services/encoded-response.server";

// Leaflet's CSS only on the page that shows a map.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data?.title ?? "SK Zomerparade", data?.description);

// The loader's caching headers go on the page too (ETag, Cache-Control, Vary).
export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const result = new Headers();
  for (const name of ["ETag", "Cache-Control", "Vary"]) {
    const value = loaderHeaders.get(name);
    if (value) result.set(name, value);
  }
  return result;
};

export function loader({ request }: LoaderFunctionArgs) {
  const now = new Date();
  const snapshot = publicSnapshot(now);
  if (!snapshot.map) throw new Response("No edition", { status: 404 });
  const language = languageOf(request);
  const caching = publicPageCaching(request, snapshot.fingerprint, language);
  // Remix answers a document request with a bodiless 304 without rendering when a loader says so.
  if (caching.notModified) return new Response(null, { status: 304, headers: caching.headers }) as unknown as TypedResponse<null>;

  const url = new URL(request.url);
  const map = snapshot.map;
  const asked = url.searchParams.get("stall");
  // Only a known spot code is ever used; anything else (unknown, too long, hostile) is a gentle note.
  const code = asked && asked.length <= 20 ? (map.spots.find((s) => compactCode(s.code) === compactCode(asked))?.code ?? null) : null;
  const t = translator(language);
  return json(
    {
      title: t("map.pageTitle", { edition: language === "en" ? map.edition.nameEn : map.edition.nameNl }),
      description: t("seo.map"),
      map,
      programme: snapshot.programme,
      builtAt: snapshot.builtAt,
      serverNow: now.toISOString(),
      deepLink: { code, unknown: asked !== null && code === null },
      initialView: url.searchParams.get("view") === "list" ? ("list" as const) : ("map" as const),
      tiles: { url: env().TILE_URL, attribution: mapCredit(env().TILE_ATTRIBUTION, language) },
    },
    { headers: caching.headers },
  );
}

export default function MapRoute() {
  const data = useLoaderData<typeof loader>();
  // A 304 never renders; this keeps the type checker honest.
  if (!data) return null;
  return <PublicMapPage {...data} />;
}

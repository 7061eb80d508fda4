/** For developers and the municipality: what the GeoJSON endpoint gives, its licence, an example. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { publicSnapshot } from "~/data/public-map.server";
import { env } from "~/env.server";
import { translator } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";
import { pageMeta } from "~/i18n/page-meta";
import { useI18n } from "~/i18n/use-i18n";
import type { MessageKey } from "~/i18n/i18n";

export const GEOJSON_PATH = "/api/editions/current/stalls.geojson";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta("Open data – SK Zomerparade", data?.description);

interface Feature {
  properties: { feature: string; stalls?: unknown[] };
}

export function loader({ request }: LoaderFunctionArgs) {
  const collection = JSON.parse(publicSnapshot().geojson.body) as { features: Feature[] };
  const spot = collection.features.find((f) => f.properties.feature === "spot" && (f.properties.stalls?.length ?? 0) > 0);
  const landmark = collection.features.find((f) => f.properties.feature === "landmark");
  const example = spot || landmark ? { type: "FeatureCollection", features: [spot, landmark].filter(Boolean) } : null;
  return json({ description: translator(languageOf(request))("seo.openData"), url: `${env().APP_URL}${GEOJSON_PATH}`, example: example ? JSON.stringify(example, null, 2) : null });
}

const FIELDS: [field: string, meaning: MessageKey, values?: string][] = [
  ["edition", "map.odFieldEdition"],
  ["categories", "map.odFieldCategories"],
  ["features[].properties.feature", "map.odFieldFeature"],
  ["…code", "map.odFieldCode"],
  ["…kind", "map.odFieldKind", "stall, food_truck, activity, blocked · stage, first_aid, toilets, information, …"],
  ["…electricity, …water", "map.odFieldPower"],
  ["…stalls[]", "map.odFieldStalls"],
  ["…name", "map.odFieldName"],
];

export default function OpenDataPage() {
  const { url, example } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="page open-data">
      <h1>{t("map.odTitle")}</h1>
      <p className="lead">{t("map.odIntro")}</p>
      <section aria-labelledby="od-endpoint">
        <h2 id="od-endpoint">{t("map.odEndpointHeading")}</h2>
        <p>
          <code>GET</code> <a href={GEOJSON_PATH}>{url}</a>
        </p>
        <p>{t("map.odEndpointText")}</p>
      </section>
      <section aria-labelledby="od-fields">
        <h2 id="od-fields">{t("map.odFieldsHeading")}</h2>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("map.odField")}</th>
                <th scope="col">{t("map.odMeaning")}</th>
              </tr>
            </thead>
            <tbody>
              {FIELDS.map(([field, key, values]) => (
                <tr key={field}>
                  <th scope="row">
                    <code>{field}</code>
                  </th>
                  <td>
                    {t(key)}
                    {values ? (
                      <>
                        {" "}
                        <code translate="no">{values}</code>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="od-caching">
        <h2 id="od-caching">{t("map.odCachingHeading")}</h2>
        <p>{t("map.odCachingText")}</p>
      </section>
      <section aria-labelledby="od-licence">
        <h2 id="od-licence">{t("map.odLicenceHeading")}</h2>
        <p>{t("map.odLicenceText")}</p>
      </section>
      {example ? (
        <section aria-labelledby="od-example">
          <h2 id="od-example">{t("map.odExampleHeading")}</h2>
          <p>{t("map.odExampleText")}</p>
          <pre className="code-example" tabIndex={0}>
            <code>{example}</code>
          </pre>
        </section>
      ) : null}
    </div>
  );
}

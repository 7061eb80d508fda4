/**
 * For the crew at seven in the morning: the street with spot codes and stall names (printable,
 * A3/A4), and the list along the street in walking order; volunteers mark arrivals from a phone.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useFetcher, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { markArrival } from "~/data/application-review.server";
import { loadDayView } from "~/data/day-view.server";
import { useI18n } from "~/i18n/use-i18n";
import { organiserEdition, requireOrganiser } from "~/services/auth.server";
import dayStyles from "~/styles/day-view.css";
import { formBody } from "~/forms/form-request.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dayStyles }];
export const meta: MetaFunction = () => [{ title: "Opbouwlijst – SK Zomerparade" }];

/** The edition the back office works on (the current one unless an organiser chose another). */
const edition = (request: Request) => organiserEdition(request);

export function loader({ request }: LoaderFunctionArgs) {
  requireOrganiser(request, "read");
  const dayId = Number(new URL(request.url).searchParams.get("day")) || null;
  return json(loadDayView(edition(request), dayId));
}

const arrivalForm = z.object({ applicationId: z.coerce.number().int().positive(), state: z.enum(["expected", "arrived", "absent"]) });

export async function action({ request }: ActionFunctionArgs) {
  const organiser = requireOrganiser(request, "arrivals");
  const parsed = arrivalForm.safeParse(Object.fromEntries(await formBody(request)));
  if (!parsed.success) return json({ ok: false }, { status: 400 });
  const ok = markArrival({ id: parsed.data.applicationId, editionId: edition(request).id, state: parsed.data.state, organiserId: organiser.id, now: new Date() });
  return json({ ok }, { status: ok ? 200 : 404 });
}

export default function DayView() {
  const { day, days, rows } = useLoaderData<typeof loader>();
  const { t, eventDate, language } = useI18n();
  return (
    <div className="day-view">
      <header className="day-header">
        <h1>{day ? t("editor.dayViewTitle", { date: eventDate(day.date) }) : t("editor.title")}</h1>
        <Form method="get" className="no-print">
          <select name="day" defaultValue={String(day?.id ?? "")} aria-label={t("editor.day")} onChange={(e) => e.currentTarget.form?.requestSubmit()}>
            {days.map((d) => (
              <option key={d.id} value={d.id}>
                {eventDate(d.date)}
              </option>
            ))}
          </select>
        </Form>
        <button type="button" className="button no-print" onClick={() => window.print()}>
          {t("editor.print")}
        </button>
      </header>
      <StreetSchematic rows={rows} />
      <h2>{t("editor.walkingOrder")}</h2>
      <table className="day-table">
        <thead>
          <tr>
            <th scope="col">{t("editor.spot")}</th>
            <th scope="col">{t("editor.stallsToPlace")}</th>
            <th scope="col">{t("editor.contact")}</th>
            <th scope="col">⚡</th>
            <th scope="col">{t("editor.arrived")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.spotId} data-spot={row.code} className={row.stand ? `arrival-${row.stand.arrivalState}` : "free"}>
              <th scope="row">{row.code}</th>
              <td>
                {row.stand ? (
                  <>
                    <span className="swatch" style={{ background: row.stand.colour }} aria-hidden="true" /> {row.stand.stallName}
                    <small> · {language === "en" ? row.stand.categoryEn : row.stand.categoryNl}{row.stand.rentedStalls ? ` · ${row.stand.rentedStalls}× kraam` : ""}</small>
                  </>
                ) : row.kind === "blocked" ? (
                  t("editor.stateBlocked")
                ) : (
                  t("editor.noStall")
                )}
              </td>
              <td>{row.stand ? `${row.stand.contactName}, ${row.stand.phone}` : ""}</td>
              <td>{row.hasElectricity ? "⚡" : ""}{row.stand?.needsElectricity && !row.hasElectricity ? " !" : ""}</td>
              <td>{row.stand ? <ArrivalButtons applicationId={row.stand.applicationId} state={row.stand.arrivalState} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ArrivalButtons({ applicationId, state }: { applicationId: number; state: "expected" | "arrived" | "absent" }) {
  const fetcher = useFetcher<{ ok: boolean }>();
  const { t } = useI18n();
  // The state shown is the server's: a refused or failed save shows the old state again.
  const shown = fetcher.state === "idle" ? state : ((fetcher.formData?.get("state") as typeof state) ?? state);
  return (
    <fetcher.Form method="post" className="arrival-buttons">
      <input type="hidden" name="applicationId" value={applicationId} />
      <span className="print-only">{shown === "arrived" ? "✔" : shown === "absent" ? "✘" : "☐"}</span>
      <button type="submit" name="state" value={shown === "arrived" ? "expected" : "arrived"} aria-pressed={shown === "arrived"} className="button no-print">
        {t("editor.markArrived")}
      </button>
      <button type="submit" name="state" value={shown === "absent" ? "expected" : "absent"} aria-pressed={shown === "absent"} className="button no-print">
        {t("editor.markAbsent")}
      </button>
    </fetcher.Form>
  );
}

/** The street drawn as SVG from the spot polygons: prints sharply at any size, no map tiles needed. */
function StreetSchematic({ rows }: { rows: ReturnType<typeof loadDayView>["rows"] }) {
  const points = rows.flatMap((r) => r.polygon.coordinates[0] ?? []);
  if (points.length === 0) return null;
  const lat0 = points[0]![1];
  const k = Math.cos((lat0 * Math.PI) / 180);
  const xs = points.map(([lon]) => lon * k);
  const ys = points.map(([, lat]) => -lat);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const scale = 1000 / Math.max(Math.max(...xs) - minX, Math.max(...ys) - minY);
  const project = ([lon, lat]: [number, number]) => [(lon * k - minX) * scale + 20, (-lat - minY) * scale + 20] as const;
  const width = (Math.max(...xs) - minX) * scale + 40;
  const height = (Math.max(...ys) - minY) * scale + 40;
  return (
    <svg className="street-schematic" viewBox={`0 0 ${width.toFixed(0)} ${height.toFixed(0)}`} role="img" aria-label="Noordewierweg">
      {rows.map((row) => {
        const ring = (row.polygon.coordinates[0] ?? []).map(project);
        const [cx, cy] = project([
          ring.length ? (row.polygon.coordinates[0] ?? []).reduce((s, p) => s + p[0], 0) / ring.length : 0,
          ring.length ? (row.polygon.coordinates[0] ?? []).reduce((s, p) => s + p[1], 0) / ring.length : 0,
        ]);
        return (
          <g key={row.spotId}>
            <polygon points={ring.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" ")} fill={row.stand ? row.stand.colour : row.kind === "blocked" ? "#9ca3af" : "#fff"} stroke="#111" strokeWidth={0.6} />
            <text x={cx} y={cy} fontSize={5} textAnchor="middle" dominantBaseline="middle">
              {row.code}
            </text>
            {row.stand ? (
              <text x={cx} y={cy + 7} fontSize={3.5} textAnchor="middle">
                {row.stand.stallName.slice(0, 18)}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

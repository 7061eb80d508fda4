/** The stall list per day: printable, and on the day a volunteer marks arrivals on a phone. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useFetcher, useLoaderData } from "@remix-run/react";
import { markArrival } from "~/data/application-review.server";
import { listEventDays } from "~/data/editions.server";
import { stallListForDay } from "~/data/exports.server";
import { arrivalSchema } from "~/forms/organiser-application";
import { parseForm } from "~/forms/organiser-form";
import { useI18n } from "~/i18n/use-i18n";
import { roleAllows } from "~/rules/organiser-roles";
import { organiserEdition, requireOrganiser } from "~/services/auth.server";
import { formBody } from "~/forms/form-request.server";

export function loader({ request }: LoaderFunctionArgs) {
  const organiser = requireOrganiser(request, "read");
  const edition = organiserEdition(request);
  const days = listEventDays(edition.id);
  const asked = Number(new URL(request.url).searchParams.get("day"));
  const day = days.find((d) => d.id === asked) ?? days[0];
  if (!day) throw new Response("Not found", { status: 404 });
  return json({
    edition: { nameNl: edition.nameNl, nameEn: edition.nameEn },
    days: days.map(({ id, date }) => ({ id, date })),
    day: { id: day.id, date: day.date, startsAt: day.startsAt, endsAt: day.endsAt },
    stalls: stallListForDay(edition.id, day.id),
    canMark: roleAllows(organiser.role, "arrivals"),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const organiser = requireOrganiser(request, "arrivals");
  const edition = organiserEdition(request);
  const parsed = parseForm(arrivalSchema, await formBody(request));
  if (!parsed.ok) return json({ ok: false }, { status: 400 });
  const ok = markArrival({ id: parsed.data.id, editionId: edition.id, state: parsed.data.state, organiserId: organiser.id, now: new Date() });
  return json({ ok }, { status: ok ? 200 : 404 });
}

function ArrivalButtons({ id, state }: { id: number; state: "expected" | "arrived" | "absent" }) {
  const fetcher = useFetcher<typeof action>();
  const { t } = useI18n();
  const shown = (fetcher.formData?.get("state") as typeof state | null) ?? state;
  return (
    <fetcher.Form method="post" className="arrival-buttons">
      <input type="hidden" name="id" value={id} />
      {(["arrived", "absent", "expected"] as const).map((s) => (
        <button key={s} type="submit" name="state" value={s} className={`button small${shown === s ? " pressed" : ""}`} aria-pressed={shown === s}>
          {t(`organiser.mark_${s}`)}
        </button>
      ))}
    </fetcher.Form>
  );
}

export default function StallsPerDay() {
  const { edition, days, day, stalls, canMark } = useLoaderData<typeof loader>();
  const { t, eventDate, language } = useI18n();
  const arrived = stalls.filter((s) => s.arrivalState === "arrived").length;
  return (
    <section className="page wide stalls-page">
      <h1>
        {t("organiser.stallsTitle", { date: eventDate(day.date) })}
        <span className="subtitle">
          {language === "en" ? edition.nameEn : edition.nameNl} · {day.startsAt}–{day.endsAt} · {t("organiser.arrivedCount", { arrived, total: stalls.length })}
        </span>
      </h1>
      <div className="no-print toolbar">
        {days.length > 1 ? (
          <Form method="get" className="inline">
            <label htmlFor="day">{t("organiser.colDays")}</label>{" "}
            <select id="day" name="day" defaultValue={day.id}>
              {days.map((d) => (
                <option key={d.id} value={d.id}>
                  {eventDate(d.date)}
                </option>
              ))}
            </select>{" "}
            <button type="submit" className="button small">
              {t("organiser.show")}
            </button>
          </Form>
        ) : null}
        <a className="button small" href={`/organiser/exports/stalls.csv?day=${day.id}`} download>
          {t("organiser.downloadCsv")}
        </a>
        <button type="button" className="button small" onClick={() => window.print()}>
          {t("organiser.print")}
        </button>
      </div>
      <table className="list-table stall-table">
        <thead>
          <tr>
            <th scope="col">{t("organiser.colSpot")}</th>
            <th scope="col">{t("organiser.colStall")}</th>
            <th scope="col">{t("organiser.colCategory")}</th>
            <th scope="col">{t("organiser.colElectricity")}</th>
            <th scope="col">{t("organiser.colContact")}</th>
            <th scope="col">{t("organiser.colArrival")}</th>
          </tr>
        </thead>
        <tbody>
          {stalls.map((s) => (
            <tr key={s.id} data-testid="stall-row" className={`arrival-${s.arrivalState}`}>
              <td data-label={t("organiser.colSpot")}>
                <strong>{s.spots.join(", ") || "—"}</strong>
              </td>
              <td data-label={t("organiser.colStall")}>{s.stallName}</td>
              <td data-label={t("organiser.colCategory")}>
                <span className="swatch" style={{ background: s.colour }} aria-hidden="true" />
                {language === "en" ? s.categoryEn : s.categoryNl}
              </td>
              <td data-label={t("organiser.colElectricity")}>{s.needsElectricity ? t("organiser.yes") : t("organiser.no")}</td>
              <td data-label={t("organiser.colContact")}>
                {s.contactName}
                <br />
                <a href={`tel:${s.phone.replace(/\s/g, "")}`}>{s.phone}</a>
              </td>
              <td data-label={t("organiser.colArrival")}>
                <span className="print-only">{t(`organiser.arrival_${s.arrivalState}`)}</span>
                {canMark ? <ArrivalButtons id={s.id} state={s.arrivalState} /> : <span className="no-print">{t(`organiser.arrival_${s.arrivalState}`)}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * The permit pack: site plan and facts (PDF A3/A4, CSV), the rental order list (PDF, CSV), the
 * warnings before printing (passage, power, missing cooking facts), and the power points and the
 * minimum passage the checks use.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { listCategories, listEventDays } from "~/data/editions.server";
import { deletePowerPoint, listPowerPoints, loadPermitDay, savePowerPoint, setCookingCategories, setMinimumPassage, spotPosition } from "~/data/permit.server";
import { languageOf } from "~/i18n/language.server";
import { useI18n } from "~/i18n/use-i18n";
import { roleAllows } from "~/rules/organiser-roles";
import { organiserEdition, requireOrganiser } from "~/services/auth.server";
import { passageSummary, permitWarnings } from "~/services/pdf.server";

export const meta: MetaFunction = () => [{ title: "Vergunning – SK Zomerparade" }];

export function loader({ request }: LoaderFunctionArgs) {
  const organiser = requireOrganiser(request, "read");
  const edition = organiserEdition(request);
  const language = languageOf(request);
  const days = listEventDays(edition.id);
  const dayId = Number(new URL(request.url).searchParams.get("day")) || null;
  const data = loadPermitDay(edition, dayId, language);
  return json({
    days: days.map(({ id, date }) => ({ id, date })),
    dayId: data.day?.id ?? null,
    problem: data.ok ? null : data.reason,
    passage: data.ok ? passageSummary(data.passage, language) : null,
    warnings: data.ok ? permitWarnings(data.facts, data.passage, language) : [],
    rentedStalls: data.ok ? data.facts.rental.total : 0,
    minPassageM: edition.minPassageCm / 100,
    powerPoints: listPowerPoints(edition.id).map(({ id, code, capacityWatts }) => ({ id, code, capacityWatts })),
    categories: listCategories(edition.id).map(({ id, nameNl, nameEn, cooks }) => ({ id, nameNl, nameEn, cooks })),
    canEdit: roleAllows(organiser.role, "review"),
  });
}

const actionForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("minPassage"), metres: z.string().trim().transform((v) => Number(v.replace(",", "."))).pipe(z.number().min(0.5).max(20)) }),
  z.object({
    intent: z.literal("savePower"),
    code: z.string().trim().min(1).max(20),
    capacity: z
      .string()
      .trim()
      .transform((v) => (v === "" ? null : Number(v)))
      .pipe(z.number().int().min(1).max(1_000_000).nullable()),
    spot: z.string().trim().max(20),
  }),
  z.object({ intent: z.literal("deletePower"), id: z.coerce.number().int().positive() }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const organiser = requireOrganiser(request, "review");
  const edition = organiserEdition(request);
  const form = await request.formData();
  if (form.get("intent") === "cooks") {
    setCookingCategories(edition.id, form.getAll("cooks").map(Number).filter(Number.isInteger), organiser.id);
    return json({ ok: true as const, error: null });
  }
  const parsed = actionForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return json({ ok: false as const, error: "invalid" as const }, { status: 400 });
  const d = parsed.data;
  if (d.intent === "minPassage") setMinimumPassage(edition.id, Math.round(d.metres * 100), organiser.id);
  else if (d.intent === "deletePower") deletePowerPoint(edition.id, d.id, organiser.id);
  else {
    const existing = listPowerPoints(edition.id).find((p) => p.code === d.code);
    const position = existing ? ([existing.lon, existing.lat] as [number, number]) : spotPosition(edition.id, d.spot);
    if (!position) return json({ ok: false as const, error: "unknownSpot" as const }, { status: 400 });
    savePowerPoint({ editionId: edition.id, code: d.code, capacityWatts: d.capacity, position, organiserId: organiser.id });
  }
  return json({ ok: true as const, error: null });
}

export default function PermitPage() {
  const { days, dayId, problem, passage, warnings, rentedStalls, minPassageM, powerPoints, categories, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, eventDate, language } = useI18n();
  const q = (extra = "") => `?day=${dayId ?? ""}${extra}${language === "en" ? "&lang=en" : ""}`;
  return (
    <section className="page wide permit-page">
      <h1>{t("permit.title")}</h1>
      <p>{t("permit.intro")}</p>
      <Form method="get" className="inline-form">
        <label>
          {t("permit.day")}{" "}
          <select name="day" defaultValue={String(dayId ?? "")}>
            {days.map((d) => (
              <option key={d.id} value={d.id}>
                {eventDate(d.date)}
              </option>
            ))}
          </select>
        </label>{" "}
        <button type="submit" className="button small">
          {t("permit.show")}
        </button>
      </Form>
      {problem ? (
        <p className="notice" role="status">
          {t(problem === "no_day" ? "permit.noDay" : problem === "not_published" ? "permit.notPublished" : "permit.noSpots")}
        </p>
      ) : (
        <>
          <ul className="permit-downloads">
            <li>
              <a href={`/organiser/permit/site-plan.pdf${q("&sheet=A3")}`}>{t("permit.sitePlanA3")}</a>
            </li>
            <li>
              <a href={`/organiser/permit/site-plan.pdf${q("&sheet=A4")}`}>{t("permit.sitePlanA4")}</a>
            </li>
            <li>
              <a href={`/organiser/permit/facts.csv${q()}`}>{t("permit.factsCsv")}</a>
            </li>
            <li>
              <a href={`/organiser/permit/rental.pdf${q()}`}>{t("permit.rentalPdf")}</a> · <a href={`/organiser/permit/rental.csv${q()}`}>{t("permit.rentalCsv")}</a> ({t("permit.rentalTotal", { count: rentedStalls })})
            </li>
          </ul>
          <p>{passage}</p>
          {warnings.length > 0 ? (
            <div className="notice warning" role="status">
              <h2>{t("permit.warningsTitle")}</h2>
              <ul>
                {warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      )}
      {result?.ok ? <p role="status">{t("permit.saved")}</p> : result?.error ? <p role="alert" className="error">{t(result.error === "unknownSpot" ? "permit.unknownSpot" : "permit.invalid")}</p> : null}
      {canEdit ? (
        <>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="minPassage" />
            <label>
              {t("permit.minPassage")} <input name="metres" defaultValue={String(minPassageM).replace(".", language === "en" ? "." : ",")} inputMode="decimal" size={5} />
            </label>{" "}
            <button type="submit" className="button small">
              {t("permit.save")}
            </button>
          </Form>
          <h2>{t("permit.cookingCategories")}</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="cooks" />
            <p>{t("permit.cookingCategoriesHint")}</p>
            {categories.map((c) => (
              <div className="field checkbox-field" key={c.id}>
                <input type="checkbox" id={`cooks-${c.id}`} name="cooks" value={c.id} defaultChecked={c.cooks} />
                <label htmlFor={`cooks-${c.id}`}>{language === "en" ? c.nameEn : c.nameNl}</label>
              </div>
            ))}
            <button type="submit" className="button small">
              {t("permit.save")}
            </button>
          </Form>
          <h2>{t("permit.powerPoints")}</h2>
          <p>{t("permit.powerPointsHint")}</p>
          <table className="permit-power">
            <thead>
              <tr>
                <th scope="col">{t("permit.powerCode")}</th>
                <th scope="col">{t("permit.powerCapacity")}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {powerPoints.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.code}</th>
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="savePower" />
                      <input type="hidden" name="code" value={p.code} />
                      <input type="hidden" name="spot" value="" />
                      <input name="capacity" defaultValue={p.capacityWatts ?? ""} inputMode="numeric" size={8} aria-label={`${t("permit.powerCapacity")} ${p.code}`} />{" "}
                      <button type="submit" className="button small">
                        {t("permit.save")}
                      </button>
                    </Form>
                  </td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="deletePower" />
                      <input type="hidden" name="id" value={p.id} />
                      <button type="submit" className="button small">
                        {t("permit.powerDelete")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="savePower" />
            <label>
              {t("permit.powerCode")} <input name="code" size={6} required maxLength={20} />
            </label>{" "}
            <label>
              {t("permit.powerNear")} <input name="spot" size={6} required maxLength={20} placeholder="N-05" />
            </label>{" "}
            <label>
              {t("permit.powerCapacity")} <input name="capacity" size={8} inputMode="numeric" />
            </label>{" "}
            <button type="submit" className="button small">
              {t("permit.powerAdd")}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}

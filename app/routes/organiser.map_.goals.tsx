/**
 * The placement proposal's goals (issue 14): how much each goal weighs, a maximum per category and
 * a zone of spots per category. Organisers who place stalls may change them; a raised maximum
 * offers its new places to the waitlist in the same transaction as the save.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormErrors } from "~/components/organiser/Field";
import { placementGoalsView } from "~/data/placement-proposal.server";
import { savePlacementSettingsWithOffers } from "~/data/waitlist.server";
import { env } from "~/env.server";
import { formBody } from "~/forms/form-request.server";
import { parseForm } from "~/forms/organiser-form";
import { capField, GOALS, levelOfWeight, placementGoalsSchema, WEIGHT_LEVELS, weightField, zoneField } from "~/forms/placement-goals";
import { useI18n } from "~/i18n/use-i18n";
import { formatSpotCodeRuns } from "~/rules/spot-code-runs";
import { organiserEdition, requireOrganiser } from "~/services/auth.server";

export function loader({ request }: LoaderFunctionArgs) {
  requireOrganiser(request, "review");
  const edition = organiserEdition(request);
  const view = placementGoalsView(edition.id);
  // The form's values as stored: a level per goal, caps as numbers, zones written as runs.
  const values: Record<string, string> = {};
  for (const goal of GOALS) values[weightField(goal)] = levelOfWeight(goal, view.settings.weights[goal]);
  for (const c of view.categories) {
    values[capField(c.key)] = view.settings.caps[c.key] === undefined ? "" : String(view.settings.caps[c.key]);
    values[zoneField(c.key)] = formatSpotCodeRuns(view.settings.zones.find((z) => z.categoryKey === c.key)?.spotCodes ?? [], view.spotCodes);
  }
  return json({ categories: view.categories, values });
}

type ActionData = { ok: true; offersMade: number } | { ok: false; errors: Record<string, string>; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const organiser = requireOrganiser(request, "review");
  const edition = organiserEdition(request);
  const form = await formBody(request);
  const view = placementGoalsView(edition.id);
  const parsed = parseForm(placementGoalsSchema({ categoryKeys: view.categories.map((c) => c.key), spotCodes: view.spotCodes }), form);
  if (!parsed.ok) return json<ActionData>({ ok: false, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { weights, caps, zones } = parsed.data;
  const saved = savePlacementSettingsWithOffers({
    editionId: edition.id,
    change: { weights: { ...view.settings.weights, ...weights }, caps, zones },
    organiserId: organiser.id,
    now: new Date(),
    appUrl: env().APP_URL,
  });
  return json<ActionData>({ ok: true, offersMade: saved.offers.length });
}

export default function PlacementGoals() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, language } = useI18n();
  const busy = useNavigation().state === "submitting";
  const failed = result && !result.ok ? result : null;
  const errors = failed?.errors;
  const value = (name: string) => failed?.values[name] ?? data.values[name] ?? "";
  const name = (c: (typeof data.categories)[number]) => (language === "en" ? c.nameEn : c.nameNl);

  return (
    <section className="page goals-page">
      <p>
        <Link to="/organiser/map">← {t("organiser.goalsBack")}</Link>
      </p>
      <h1>{t("organiser.goalsTitle")}</h1>
      <p className="muted">{t("organiser.goalsIntro")}</p>
      {result?.ok ? (
        <p className="notice" role="status" data-testid="goals-saved">
          {t("organiser.goalsSaved")} {t("organiser.goalsSavedOffers", { count: result.offersMade })}
        </p>
      ) : null}
      {/* A new key after each save: the fields show what was stored, not what the browser kept. */}
      <Form method="post" key={JSON.stringify(data.values)} noValidate>
        <FormErrors errors={errors} />
        <section className="card" aria-labelledby="goals-weights-h">
          <h2 id="goals-weights-h">{t("organiser.goalsWeights")}</h2>
          {GOALS.map((goal) => (
            <Field key={goal} name={weightField(goal)} label={t(`organiser.goal_${goal}`)} hint={t(`organiser.goalHint_${goal}`)} errors={errors}>
              {(control) => (
                <select {...control} name={weightField(goal)} defaultValue={value(weightField(goal))}>
                  {WEIGHT_LEVELS.map((level) => (
                    <option key={level} value={level}>
                      {t(`organiser.level_${level}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))}
        </section>
        <section className="card" aria-labelledby="goals-caps-h">
          <h2 id="goals-caps-h">{t("organiser.goalsCaps")}</h2>
          <p className="muted">{t("organiser.goalsCapsIntro")}</p>
          {data.categories.length === 0 ? <p>{t("organiser.goalsNoCategories")}</p> : null}
          <div className="grid-form">
            {data.categories.map((c) => (
              <Field
                key={c.key}
                name={capField(c.key)}
                label={t("organiser.goalsCapLabel", { category: name(c) })}
                hint={t("organiser.goalsCapHint", { count: c.approved })}
                inputMode="numeric"
                defaultValue={value(capField(c.key))}
                errors={errors}
              />
            ))}
          </div>
        </section>
        <section className="card" aria-labelledby="goals-zones-h">
          <h2 id="goals-zones-h">{t("organiser.goalsZones")}</h2>
          <p className="muted">{t("organiser.goalsZonesIntro")}</p>
          <div className="grid-form">
            {data.categories.map((c) => (
              <Field key={c.key} name={zoneField(c.key)} label={t("organiser.goalsZoneLabel", { category: name(c) })} defaultValue={value(zoneField(c.key))} errors={errors} />
            ))}
          </div>
        </section>
        <button type="submit" className="button primary" disabled={busy}>
          {t("organiser.goalsSave")}
        </button>
      </Form>
    </section>
  );
}

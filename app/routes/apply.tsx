import "~/i18n/messages/stallholder-bundles";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { applyContext, createApplication, newSubmissionKey } from "~/data/applications.server";
import { findCurrentEdition } from "~/data/editions.server";
import { env } from "~/env.server";
import { ApplicationForm, type FormValues } from "~/forms/ApplicationForm";
import { formInput, parseNewApplication, quoteFee, type FieldErrors } from "~/forms/application-form";
import { formOptions, readForm, tooLarge } from "~/forms/form-request.server";
import { translator } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";
import { pageMeta } from "~/i18n/page-meta";
import { useI18n } from "~/i18n/use-i18n";
import { localDate } from "~/rules/calendar";
import { applicationWindow, publicStatus } from "~/rules/edition-status";
import type { FeeBreakdown } from "~/rules/fees";
import { clientAddress } from "~/services/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data?.title ?? "SK Zomerparade", data?.description);

export function loader({ request }: LoaderFunctionArgs) {
  const now = new Date();
  const language = languageOf(request);
  const t = translator(language);
  const edition = findCurrentEdition(localDate(now));
  if (!edition) return json({ title: t("apply.metaTitle"), description: t("seo.apply"), edition: null });
  const context = applyContext(edition);
  const defaults: FormValues = {
    submissionKey: newSubmissionKey(),
    language,
    frontageCm: String(edition.stallUnitCm),
    depthCm: "300",
    rentedStalls: "0",
    days: context.days.length === 1 ? [String(context.days[0]!.id)] : [],
  };
  return json(
    {
      title: t("apply.metaTitle"),
      description: t("seo.apply"),
      edition: {
        name: language === "en" ? edition.nameEn : edition.nameNl,
        status: publicStatus(edition, language),
        window: applicationWindow(edition, now),
      },
      options: formOptions(context),
      defaults,
    },
    // Each rendering carries its own submission key: never serve one from a cache.
    { headers: { "Cache-Control": "no-store" } },
  );
}

type ActionData = { values: FormValues; errors: FieldErrors | null; quote: FeeBreakdown | null };

export async function action({ request }: ActionFunctionArgs) {
  if (tooLarge(request)) return json<ActionData>({ values: {}, errors: { _form: { key: "errInvalid" } }, quote: null }, { status: 413 });
  const now = new Date();
  const edition = findCurrentEdition(localDate(now));
  const form = await readForm(request);
  const input = formInput(form);
  const { website, intent, ...values } = input;
  const reply = (status: number, errors: FieldErrors | null, quote: FeeBreakdown | null = null) =>
    json<ActionData>({ values, errors, quote }, { status });

  if (!edition || applicationWindow(edition, now).state !== "open") return reply(403, { _form: { key: "errClosed" } });
  const context = applyContext(edition);
  // Without JavaScript, "calculate the price" asks the server; nothing is saved.
  if (intent === "quote") return reply(200, null, quoteFee(values, context.fee));
  // A filled-in hidden field: a robot. Nothing is saved.
  if (typeof website === "string" && website.trim() !== "") return reply(400, { _form: { key: "errSpam" } });

  const parsed = parseNewApplication(values, context.form);
  if (!parsed.ok) return reply(400, parsed.errors);

  try {
    const outcome = createApplication({ editionId: edition.id, values: parsed.values, now, appUrl: env().APP_URL, clientAddress: clientAddress(request) });
    if (outcome.kind === "closed") return reply(403, { _form: { key: "errClosed" } });
    if (outcome.kind === "rate_limited") {
      return json<ActionData>(
        { values, errors: { _form: { key: "errRateLimited" } }, quote: null },
        { status: 429, headers: { "Retry-After": String(Math.ceil(outcome.retryAfterMs / 1000)) } },
      );
    }
    return redirect(`/a/${outcome.token}/sent`, 303);
  } catch (error) {
    console.error("[zomerparade] saving an application failed; nothing was saved", error);
    return reply(503, { _form: { key: "errSaveFailed" } });
  }
}

export default function ApplyPage() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, dateOnly } = useI18n();
  if (!data.edition) {
    return (
      <div className="page apply-page">
        <h1>{t("apply.title")}</h1>
        <p className="notice">{t("apply.noEdition")}</p>
      </div>
    );
  }
  const { edition, options, defaults } = data;
  const { window, status } = edition;
  const uncertain = (where: "top" | "submit") =>
    status.status === "uncertain" ? (
      <section className="uncertain-notice" data-testid={`uncertain-notice-${where}`}>
        <strong>{t("apply.uncertainHeading")}</strong>
        {status.message ? <p>{status.message}</p> : null}
        <p>{t("apply.uncertainText")}</p>
      </section>
    ) : null;

  return (
    <div className="page apply-page">
      <h1>{t("apply.title")}</h1>
      {window.state === "open" ? (
        <>
          <p className="lead">{t("apply.intro", { edition: edition.name })}</p>
          {window.closesAt ? <p>{t("apply.windowOpenUntil", { date: dateOnly(window.closesAt) })}</p> : null}
          {uncertain("top")}
          <ApplicationForm
            mode="create"
            options={options}
            defaults={answer?.values && Object.keys(answer.values).length ? answer.values : defaults}
            serverErrors={answer?.errors ?? null}
            serverQuote={answer?.quote ?? null}
            submitLabel={t("apply.submit")}
            beforeSubmit={uncertain("submit")}
          />
          <p className="aside-link">
            <Link to="/lost-link">{t("apply.lostLinkCta")}</Link>
          </p>
        </>
      ) : (
        <p className="notice window-closed" data-testid="window-closed">
          {window.state === "not_open_yet"
            ? window.opensAt
              ? t("apply.windowNotOpenYet", { date: dateOnly(window.opensAt) })
              : t("apply.windowNotOpenYetNoDate")
            : window.reason === "cancelled"
              ? t("apply.windowCancelled")
              : window.reason === "closed_by_organisers"
                ? t("apply.windowClosedByOrganisers")
                : t("apply.windowClosedDeadline")}
        </p>
      )}
    </div>
  );
}

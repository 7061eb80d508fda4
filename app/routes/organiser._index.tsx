import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { loadDashboard } from "~/data/dashboard.server";
import { useI18n } from "~/i18n/use-i18n";
import { roleAllows } from "~/rules/organiser-roles";
import { waitlistStalled } from "~/rules/waitlist";
import { organiserEdition, requireOrganiser } from "~/services/auth.server";
import { REVIEW_STATES } from "~/rules/vocabularies";

const STATES = REVIEW_STATES;

export function loader({ request }: LoaderFunctionArgs) {
  const organiser = requireOrganiser(request, "read");
  const edition = organiserEdition(request);
  const dashboard = loadDashboard(edition.id, new Date());
  if (!dashboard) throw new Response("Not found", { status: 404 });
  // Only links a role can open: the applications CSV holds contact data, which volunteers may not export.
  // Volunteers have no money role: the money figures are not sent to them at all.
  const mayMoney = roleAllows(organiser.role, "money");
  return json({
    dashboard: { ...dashboard, money: mayMoney ? dashboard.money : null },
    mayExportApplications: roleAllows(organiser.role, "export"),
    mayChangeSettings: roleAllows(organiser.role, "settings"),
    mayOffer: roleAllows(organiser.role, "review"),
  });
}

export default function Dashboard() {
  const { dashboard, mayExportApplications, mayChangeSettings, mayOffer } = useLoaderData<typeof loader>();
  const { t, money, eventDate, moment, language } = useI18n();
  const { attention } = dashboard;
  const nothing =
    attention.unpaidAfterDeadline.length === 0 && attention.confirmedWithoutSpot.length === 0 && !attention.windowClosingAt && attention.failedMail === 0;
  return (
    <section className="page">
      <h1>{t("organiser.dashboardTitle")}</h1>
      <div className="dash-grid">
        <section className="card" aria-labelledby="attention-h">
          <h2 id="attention-h">{t("organiser.attention")}</h2>
          {nothing ? <p>{t("organiser.attentionNothing")}</p> : null}
          <ul className="attention">
            {attention.windowClosingAt ? <li>{t("organiser.attentionWindowClosing", { date: moment(attention.windowClosingAt) })}</li> : null}
            {attention.failedMail > 0 ? (
              <li>
                <Link to="/organiser/outbox?status=failed">{t("organiser.attentionFailedMail", { count: attention.failedMail })}</Link>
              </li>
            ) : null}
            <AttentionList label={t("organiser.attentionUnpaid", { count: attention.unpaidAfterDeadline.length })} applications={attention.unpaidAfterDeadline} />
            <AttentionList label={t("organiser.attentionNoSpot", { count: attention.confirmedWithoutSpot.length })} applications={attention.confirmedWithoutSpot} />
          </ul>
        </section>

        <section className="card" aria-labelledby="states-h">
          <h2 id="states-h">{t("organiser.applicationsPerState")}</h2>
          <dl className="counts">
            {STATES.map((state) => (
              <div key={state}>
                <dt>
                  <Link to={`/organiser/applications?state=${state}`}>{t(`organiser.state_${state}`)}</Link>
                </dt>
                <dd data-testid={`count-${state}`}>{dashboard.byState[state] ?? 0}</dd>
              </div>
            ))}
          </dl>
        </section>

        <section className="card" aria-labelledby="waitlist-h" data-testid="dashboard-waitlist">
          <h2 id="waitlist-h">{t("organiser.dashWaitlist")}</h2>
          <p data-testid="offers-paused" data-paused={dashboard.waitlist.paused}>
            {t(dashboard.waitlist.paused ? "organiser.dashOffersPaused" : "organiser.dashOffersOn")}
            {mayChangeSettings ? (
              <>
                {" "}
                <Link to="/organiser/settings#waitlist-h">{t("organiser.dashWaitlistSettings")}</Link>
              </>
            ) : null}
          </p>
          <p>{t("organiser.dashOpenOffers", { count: dashboard.waitlist.open.length })}</p>
          {waitlistStalled({ waiting: dashboard.byState.waitlisted ?? 0, openOffers: dashboard.waitlist.open.length, paused: dashboard.waitlist.paused }) ? (
            <p data-testid="waitlist-why">
              {t("organiser.dashWaitlistWhy", { count: dashboard.byState.waitlisted ?? 0 })}
              {mayOffer ? ` ${t("organiser.dashWaitlistByHand")}` : ""}{" "}
              <Link to="/organiser/applications?state=waitlisted">{t("organiser.dashWaitlistList")}</Link>
            </p>
          ) : null}
          {dashboard.waitlist.open.length > 0 ? (
            <ul className="plain" data-testid="open-offers">
              {dashboard.waitlist.open.map((o) => (
                <li key={o.applicationId}>
                  <Link to={`/organiser/applications/${o.applicationId}`}>{o.stallName}</Link> {t("organiser.dashOfferUntil", { until: moment(o.expiresAt) })}
                </li>
              ))}
            </ul>
          ) : null}
          {dashboard.waitlist.recent.length > 0 ? (
            <>
              <h3>{t("organiser.dashRecentOffers")}</h3>
              <ul className="plain" data-testid="recent-offers">
                {dashboard.waitlist.recent.map((o, i) => (
                  <li key={`${o.applicationId}-${i}`}>
                    <Link to={`/organiser/applications/${o.applicationId}`}>{o.stallName}</Link> {t(`organiser.dashOffer_${o.state}`, { at: moment(o.decidedAt) })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>

        {dashboard.money ? (
        <section className="card" aria-labelledby="money-h">
          <h2 id="money-h">{t("organiser.money")}</h2>
          <dl className="counts money-counts">
            <div>
              <dt>{t("organiser.moneyExpected")}</dt>
              <dd>{money(dashboard.money.expectedCents)}</dd>
            </div>
            <div>
              <dt>{t("organiser.moneyReceived")}</dt>
              <dd>{money(dashboard.money.receivedCents)}</dd>
            </div>
            <div>
              <dt>{t("organiser.moneyRefunded")}</dt>
              <dd>{money(dashboard.money.refundedCents)}</dd>
            </div>
          </dl>
        </section>
        ) : null}

        <section className="card" aria-labelledby="cat-h">
          <h2 id="cat-h">{t("organiser.confirmedPerCategory")}</h2>
          <ul className="plain">
            {dashboard.perCategory.map((c) => (
              <li key={c.id}>
                <span className="swatch" style={{ background: c.colour }} aria-hidden="true" />
                {language === "en" ? c.nameEn : c.nameNl}: <strong>{c.confirmed}</strong>
              </li>
            ))}
          </ul>
        </section>

        <section className="card" aria-labelledby="spots-h">
          <h2 id="spots-h">{t("organiser.spotsPerDay")}</h2>
          <ul className="plain">
            {dashboard.spotsPerDay.map((d) => (
              <li key={d.dayId}>
                <Link to={`/organiser/stalls?day=${d.dayId}`}>{eventDate(d.date)}</Link>: {t("organiser.spotsTakenFree", { taken: d.taken, free: d.free })}
              </li>
            ))}
          </ul>
        </section>

        <section className="card" aria-labelledby="exports-h">
          <h2 id="exports-h">{t("organiser.exports")}</h2>
          <ul className="plain">
            {mayExportApplications ? (
              <li>
                <a href="/organiser/exports/applications.csv" download>
                  {t("organiser.exportApplications")}
                </a>
              </li>
            ) : null}
            {dashboard.spotsPerDay.map((d) => (
              <li key={d.dayId}>
                <a href={`/organiser/exports/stalls.csv?day=${d.dayId}`} download>
                  {t("organiser.exportStalls", { date: eventDate(d.date) })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </section>
  );
}

/** A line of the attention list: what needs doing, and the first ten applications it is about. */
function AttentionList({ label, applications }: { label: string; applications: { id: number; stallName: string }[] }) {
  if (applications.length === 0) return null;
  return (
    <li>
      {label}{" "}
      {applications.slice(0, 10).map((a, i) => (
        <span key={a.id}>
          {i > 0 ? ", " : ""}
          <Link to={`/organiser/applications/${a.id}`}>{a.stallName}</Link>
        </span>
      ))}
    </li>
  );
}

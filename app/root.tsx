import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { StatusBanner } from "~/components/layout/StatusBanner";
import { useServiceWorker } from "~/components/map/service-worker";
import { findCurrentEdition, latestStatusChange, listEventDays } from "~/data/editions.server";
import { DEFAULT_LANGUAGE, type Language } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";
import { useI18n } from "~/i18n/use-i18n";
import { useNonce } from "~/nonce-provider";
import { localDate } from "~/rules/calendar";
import { publicStatus } from "~/rules/edition-status";
import appStyles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "alternate", type: "application/rss+xml", href: "/status.xml", title: "SK Zomerparade: status" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const language = languageOf(request);
  const edition = findCurrentEdition(localDate(new Date()));
  return json({
    language,
    edition: edition
      ? {
          isDemo: edition.isDemo,
          status: publicStatus(edition, language),
          // The banner also says when the status last changed, and on a postponement the new days.
          statusChange: {
            changedAt: latestStatusChange(edition.id)?.changedAt.toISOString() ?? null,
            days: edition.status === "postponed" ? listEventDays(edition.id).map((d) => ({ date: d.date, startsAt: d.startsAt, endsAt: d.endsAt })) : [],
          },
        }
      : null,
  });
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const language: Language = data?.language ?? DEFAULT_LANGUAGE;
  const nonce = useNonce();
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#f4b400" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function SiteHeader() {
  const { t } = useI18n();
  const location = useLocation();
  const other = t("common.switchToOtherLang");
  const params = new URLSearchParams(location.search);
  params.set("lang", other);
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("common.skipToContent")}
      </a>
      <Link to="/" className="site-name">
        {t("common.siteName")}
      </Link>
      <nav aria-label={t("common.navMainLabel")} className="site-nav">
        <Link to="/map">{t("common.navMap")}</Link>
        <Link to="/apply">{t("common.navApply")}</Link>
        <Link to="/organiser">{t("common.navOrganiser")}</Link>
        {/* A full page load, so the cookie is set and every part of the page switches. */}
        <a href={`${location.pathname}?${params.toString()}`} hrefLang={other} lang={other}>
          {t("common.switchToOther")}
        </a>
      </nav>
    </header>
  );
}

function SiteFooter() {
  const { t } = useI18n();
  return (
    <footer className="site-footer">
      <p>{t("common.footerOrganiser")}</p>
      <p>
        <Link to="/market-rules">{t("common.footerRules")}</Link> · <Link to="/privacy">{t("common.footerPrivacy")}</Link> ·{" "}
        <Link to="/open-data">{t("common.footerOpenData")}</Link>
      </p>
    </footer>
  );
}

export default function App() {
  const data = useRouteLoaderData<typeof loader>("root");
  useServiceWorker();
  const { t } = useI18n();
  return (
    <>
      {data?.edition?.isDemo ? (
        <p className="demo-banner" data-testid="demo-banner">
          {t("common.demoBanner")}
        </p>
      ) : null}
      <SiteHeader />
      {data?.edition ? <StatusBanner {...data.edition.status} {...data.edition.statusChange} /> : null}
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useI18n();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  if (!notFound) console.error(error);
  return (
    <>
      <SiteHeader />
      <main id="main" className="error-page">
        <h1>{notFound ? t("common.notFoundTitle") : t("common.errorTitle")}</h1>
        <p>{notFound ? t("common.notFoundText") : t("common.errorText")}</p>
        <p>
          <Link to="/">{t("common.backHome")}</Link>
        </p>
      </main>
    </>
  );
}

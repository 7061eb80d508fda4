/** The organisers' back office: navigation, the edition worked on, and errors in organiser words. */
import "~/i18n/messages/organiser-bundles";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, NavLink, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { currentOrganiser, organiserEdition } from "~/services/auth.server";
import { useI18n } from "~/i18n/use-i18n";
import { roleAllows } from "~/rules/organiser-roles";
import organiserStyles from "~/styles/organiser.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: organiserStyles }];
export const meta: MetaFunction = () => [{ title: "Organisatie – SK Zomerparade" }, { name: "robots", content: "noindex" }];

export function loader({ request }: LoaderFunctionArgs) {
  const organiser = currentOrganiser(request);
  if (!organiser) return json({ organiser: null, edition: null });
  let edition: { id: number; nameNl: string; nameEn: string } | null = null;
  try {
    const row = organiserEdition(request);
    edition = { id: row.id, nameNl: row.nameNl, nameEn: row.nameEn };
  } catch {
    edition = null;
  }
  return json({ organiser, edition });
}

export default function OrganiserLayout() {
  const { organiser, edition } = useLoaderData<typeof loader>();
  const { t, language } = useI18n();
  return (
    <div className="organiser">
      {organiser ? (
        <nav className="organiser-nav" aria-label={t("organiser.navLabel")}>
          <span className="organiser-edition">{edition ? (language === "en" ? edition.nameEn : edition.nameNl) : ""}</span>
          <ul>
            <li>
              <NavLink to="/organiser" end>
                {t("organiser.navDashboard")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/organiser/applications">{t("organiser.navApplications")}</NavLink>
            </li>
            <li>
              <NavLink to="/organiser/stalls">{t("organiser.navStalls")}</NavLink>
            </li>
            <li>
              <NavLink to="/organiser/map">{t("organiser.navMap")}</NavLink>
            </li>
            <li>
              <NavLink to="/organiser/day">{t("organiser.navDay")}</NavLink>
            </li>
            <li>
              <NavLink to="/organiser/permit">{t("permit.nav")}</NavLink>
            </li>
            <li>
              <NavLink to="/organiser/outbox">{t("organiser.navOutbox")}</NavLink>
            </li>
            {roleAllows(organiser.role, "review") ? (
              <li>
                <NavLink to="/organiser/programme">{t("organiser.navProgramme")}</NavLink>
              </li>
            ) : null}
            {roleAllows(organiser.role, "money") ? (
              <li>
                <NavLink to="/organiser/money">{t("payments.navMoney")}</NavLink>
              </li>
            ) : null}
            {roleAllows(organiser.role, "review") ? (
              <li>
                <NavLink to="/organiser/status">{t("organiser.navStatus")}</NavLink>
              </li>
            ) : null}
            <li>
              <NavLink to="/organiser/calls">{t("status.callTitle")}</NavLink>
            </li>
            {roleAllows(organiser.role, "settings") ? (
              <li>
                <NavLink to="/organiser/settings">{t("organiser.navSettings")}</NavLink>
              </li>
            ) : null}
            {roleAllows(organiser.role, "accounts") ? (
              <li>
                <NavLink to="/organiser/accounts">{t("organiser.navAccounts")}</NavLink>
              </li>
            ) : null}
          </ul>
          <Form method="post" action="/organiser/sign-out" className="sign-out">
            <span className="who">
              {organiser.name || organiser.email} · {t(`organiser.role_${organiser.role}`)}
            </span>
            <button type="submit" className="button small">
              {t("organiser.signOut")}
            </button>
          </Form>
        </nav>
      ) : null}
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useI18n();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status >= 500) console.error(error);
  const message =
    status === 403
      ? t("organiser.errForbidden")
      : status === 404
        ? t("organiser.errNotFound")
        : status === 401
          ? t("organiser.errSignedOut")
          : status >= 400 && status < 500
            ? t("common.errBadForm")
            : t("common.errorText");
  return (
    <section className="organiser page">
      <h1>{status === 403 ? t("organiser.forbiddenTitle") : status === 404 ? t("common.notFoundTitle") : t("common.errorTitle")}</h1>
      <p>{message}</p>
      <p>
        <Link to="/organiser">{t("organiser.backToDashboard")}</Link>
      </p>
    </section>
  );
}

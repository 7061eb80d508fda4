import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { paymentWord } from "~/rules/application-wording";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Field, FormErrors } from "~/components/organiser/Field";
import { DecisionOutcomeNotice } from "~/components/organiser/DecisionOutcome";
import { decideApplications, listApplicationsForReview } from "~/data/application-review.server";
import { listCategories, listEventDays } from "~/data/editions.server";
import { env } from "~/env.server";
import { decisionSchema } from "~/forms/organiser-decision";
import { parseForm } from "~/forms/organiser-form";
import { listFilterSchema } from "~/forms/organiser-list-filter";
import { useI18n } from "~/i18n/use-i18n";
import { roleAllows } from "~/rules/organiser-roles";
import { organiserEdition, requireOrganiser } from "~/services/auth.server";
import { formBody } from "~/forms/form-request.server";
import { PAYMENT_STATES, REVIEW_STATES } from "~/rules/vocabularies";

const STATES = REVIEW_STATES;
const PAYMENTS = PAYMENT_STATES;

export function loader({ request }: LoaderFunctionArgs) {
  const organiser = requireOrganiser(request, "read");
  const edition = organiserEdition(request);
  const url = new URL(request.url);
  const filter = listFilterSchema.parse(Object.fromEntries(url.searchParams));
  const list = listApplicationsForReview(edition.id, {
    state: filter.state,
    payment: filter.payment,
    categoryId: filter.category,
    dayId: filter.day,
    assigned: filter.assigned,
    q: filter.q,
    sort: filter.sort,
    dir: filter.dir,
    page: filter.page,
  });
  return json({
    list,
    categories: listCategories(edition.id).map(({ id, nameNl, nameEn, colour }) => ({ id, nameNl, nameEn, colour })),
    days: listEventDays(edition.id).map(({ id, date }) => ({ id, date })),
    canDecide: roleAllows(organiser.role, "review"),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const organiser = requireOrganiser(request, "review");
  const edition = organiserEdition(request);
  const parsed = parseForm(decisionSchema, await formBody(request), ["ids"]);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, outcome: null }, { status: 400 });
  const outcome = decideApplications({
    editionId: edition.id,
    applicationIds: parsed.data.ids,
    to: parsed.data.to,
    reason: parsed.data.reason,
    organiserId: organiser.id,
    appUrl: env().APP_URL,
    now: new Date(),
  });
  return json({ errors: {} as Record<string, string>, values: {} as Record<string, string>, outcome: { ...outcome, to: parsed.data.to } });
}

export default function ApplicationsList() {
  const { list, categories, days, canDecide } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, money, eventDate, language } = useI18n();
  const busy = useNavigation().state === "submitting";
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const categoryName = new Map(categories.map((c) => [c.id, language === "en" ? c.nameEn : c.nameNl]));
  const sortLink = (sort: string) => {
    const next = new URLSearchParams(params);
    const same = (params.get("sort") ?? "created") === sort;
    next.set("sort", sort);
    next.set("dir", same && params.get("dir") !== "desc" ? "desc" : "asc");
    next.delete("page");
    return `?${next.toString()}`;
  };
  const pageLink = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(page));
    return `?${next.toString()}`;
  };
  const toggle = (id: number, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  useEffect(() => {
    if (data?.outcome) setSelected(new Set());
  }, [data]);
  const allOnPage = list.rows.length > 0 && list.rows.every((r) => selected.has(r.id));

  return (
    <section className="page wide">
      <h1>{t("organiser.applicationsTitle")}</h1>
      <Form method="get" className="filters" role="search" aria-label={t("organiser.filters")}>
        <div className="field">
          <label htmlFor="q">{t("organiser.search")}</label>
          <input id="q" name="q" type="search" defaultValue={params.get("q") ?? ""} placeholder={t("organiser.searchPlaceholder")} />
        </div>
        <div className="field">
          <label htmlFor="state">{t("organiser.colState")}</label>
          <select id="state" name="state" defaultValue={params.get("state") ?? ""}>
            <option value="">{t("organiser.all")}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`organiser.state_${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="payment">{t("organiser.colPayment")}</label>
          <select id="payment" name="payment" defaultValue={params.get("payment") ?? ""}>
            <option value="">{t("organiser.all")}</option>
            {PAYMENTS.map((p) => (
              <option key={p} value={p}>
                {t(`organiser.payment_${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="category">{t("organiser.colCategory")}</label>
          <select id="category" name="category" defaultValue={params.get("category") ?? ""}>
            <option value="">{t("organiser.all")}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {language === "en" ? c.nameEn : c.nameNl}
              </option>
            ))}
          </select>
        </div>
        {days.length > 1 ? (
          <div className="field">
            <label htmlFor="day">{t("organiser.colDays")}</label>
            <select id="day" name="day" defaultValue={params.get("day") ?? ""}>
              <option value="">{t("organiser.all")}</option>
              {days.map((d) => (
                <option key={d.id} value={d.id}>
                  {eventDate(d.date)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="assigned">{t("organiser.colSpot")}</label>
          <select id="assigned" name="assigned" defaultValue={params.get("assigned") ?? ""}>
            <option value="">{t("organiser.all")}</option>
            <option value="yes">{t("organiser.assignedYes")}</option>
            <option value="no">{t("organiser.assignedNo")}</option>
          </select>
        </div>
        {params.get("sort") ? <input type="hidden" name="sort" value={params.get("sort") ?? ""} /> : null}
        {params.get("dir") ? <input type="hidden" name="dir" value={params.get("dir") ?? ""} /> : null}
        <div className="filter-buttons">
          <button type="submit" className="button primary">
            {t("organiser.applyFilter")}
          </button>
          <Link to="/organiser/applications" className="button">
            {t("organiser.clearFilter")}
          </Link>
        </div>
      </Form>

      {data?.outcome ? <DecisionOutcomeNotice outcome={data.outcome} /> : null}
      <p role="status" data-testid="result-count">
        {t("organiser.resultCount", { count: list.total })}
      </p>

      <Form method="post" id="bulk">
        {canDecide ? (
          <fieldset className="bulk card">
            <legend>{t("organiser.bulkLegend", { count: selected.size })}</legend>
            <FormErrors errors={data?.errors} />
            <div className="bulk-row">
              <div className="field">
                <label htmlFor="bulk-to">{t("organiser.decision")}</label>
                <select id="bulk-to" name="to" defaultValue={data?.values.to ?? "approved"}>
                  <option value="approved">{t("organiser.decide_approved")}</option>
                  <option value="waitlisted">{t("organiser.decide_waitlisted")}</option>
                  <option value="rejected">{t("organiser.decide_rejected")}</option>
                </select>
              </div>
              <Field name="reason" label={t("organiser.decisionMessage")} hint={t("organiser.decisionMessageHint")} textarea rows={2} defaultValue={data?.values.reason} errors={data?.errors} />
              <button type="submit" className="button primary" disabled={busy}>
                {t("organiser.bulkSubmit")}
              </button>
            </div>
          </fieldset>
        ) : null}

        <table className="list-table">
          <thead>
            <tr>
              {canDecide ? (
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label={t("organiser.selectAllOnPage")}
                    checked={allOnPage}
                    onChange={(e) => list.rows.forEach((r) => toggle(r.id, e.currentTarget.checked))}
                  />
                </th>
              ) : null}
              <th scope="col">
                <Link to={sortLink("stall")}>{t("organiser.colStall")}</Link>
              </th>
              <th scope="col">
                <Link to={sortLink("contact")}>{t("organiser.colContact")}</Link>
              </th>
              <th scope="col">{t("organiser.colCategory")}</th>
              <th scope="col">
                <Link to={sortLink("state")}>{t("organiser.colState")}</Link>
              </th>
              <th scope="col">{t("organiser.colPayment")}</th>
              <th scope="col" className="num">
                <Link to={sortLink("fee")}>{t("organiser.colFee")}</Link>
              </th>
              <th scope="col">{t("organiser.colSpot")}</th>
              <th scope="col">
                <Link to={sortLink("created")}>{t("organiser.colCreated")}</Link>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((row) => (
              <tr key={row.id} data-testid="application-row" data-state={row.reviewState}>
                {canDecide ? (
                  <td>
                    <input
                      type="checkbox"
                      name="ids"
                      value={row.id}
                      checked={selected.has(row.id)}
                      onChange={(e) => toggle(row.id, e.currentTarget.checked)}
                      aria-label={t("organiser.selectOne", { name: row.stallName })}
                    />
                  </td>
                ) : null}
                <td data-label={t("organiser.colStall")}>
                  <Link to={`/organiser/applications/${row.id}`}>{row.stallName}</Link>
                </td>
                <td data-label={t("organiser.colContact")}>
                  {row.contactName}
                  <br />
                  <span className="muted">{row.email}</span>
                </td>
                <td data-label={t("organiser.colCategory")}>{categoryName.get(row.categoryId)}</td>
                <td data-label={t("organiser.colState")}>
                  <span className={`badge state-${row.reviewState}`}>{t(`organiser.state_${row.reviewState}`)}</span>
                </td>
                <td data-label={t("organiser.colPayment")}>{t(`payments.word_${paymentWord(row)}`)}</td>
                <td data-label={t("organiser.colFee")} className="num">
                  {money(row.feeTotalCents)}
                </td>
                <td data-label={t("organiser.colSpot")}>{row.assigned ? t("organiser.assignedYes") : t("organiser.assignedNo")}</td>
                <td data-label={t("organiser.colCreated")}>{new Date(row.createdAt).toLocaleDateString(language === "en" ? "en-GB" : "nl-NL", { timeZone: "Europe/Amsterdam" })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Form>
      {list.pageCount > 1 ? (
        <nav className="pager" aria-label={t("organiser.pages")}>
          {list.page > 1 ? <Link to={pageLink(list.page - 1)}>{t("organiser.previous")}</Link> : null}
          <span>{t("organiser.pageOf", { page: list.page, pages: list.pageCount })}</span>
          {list.page < list.pageCount ? <Link to={pageLink(list.page + 1)}>{t("organiser.next")}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

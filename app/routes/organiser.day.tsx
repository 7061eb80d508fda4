/**
 * For the crew at seven in the morning: the list along the street in walking order (search, only
 * spots with a stall unless asked, tappable phone numbers), and the street drawn with codes and
 * full stall names that prints on A4 landscape; volunteers mark arrivals from a phone.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import * as z from "zod";
import { markArrival } from "~/data/application-review.server";
import { loadDayView } from "~/data/day-view.server";
import { decideDeposit } from "~/data/money.server";
import { mayKeepDeposit } from "~/rules/deposit";
import type { MessageKey } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { organiserEdition, requireOrganiser } from "~/services/auth.server";
import dayStyles from "~/styles/day-view.css";
import { formBody } from "~/forms/form-request.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dayStyles }];
export const meta: MetaFunction = () => [{ title: "Opbouwlijst – SK Zomerparade" }];

/** The edition the back office works on (the current one unless an organiser chose another). */
const edition = (request: Request) => organiserEdition(request);

export function loader({ request }: LoaderFunctionArgs) {
  const organiser = requireOrganiser(request, "read");
  const url = new URL(request.url);
  const dayId = Number(url.searchParams.get("day")) || null;
  const query = (url.searchParams.get("q") ?? "").slice(0, 100);
  const showFree = url.searchParams.get("free") === "1";
  return json({ ...loadDayView(edition(request), dayId, { query, showFree }), canKeepDeposit: mayKeepDeposit(organiser.role) });
}

const depositForm = z.object({ applicationId: z.coerce.number().int().positive(), decision: z.enum(["release", "keep"]), reason: z.string().max(2000).default("") });
const DEPOSIT_STATUS = { forbidden: 403, not_found: 404, no_deposit: 409, not_paid: 409, already_decided: 409, reason_required: 400 } as const;

const arrivalForm = z.object({ applicationId: z.coerce.number().int().positive(), state: z.enum(["expected", "arrived", "absent"]) });

export async function action({ request }: ActionFunctionArgs) {
  const organiser = requireOrganiser(request, "arrivals");
  const fields = Object.fromEntries(await formBody(request));
  if (fields.intent === "deposit") {
    const form = depositForm.safeParse(fields);
    if (!form.success) return json({ ok: false, problem: "not_found" as string }, { status: 400 });
    const result = decideDeposit({ applicationId: form.data.applicationId, editionId: edition(request).id, action: form.data.decision, reason: form.data.reason, organiser: { id: organiser.id, role: organiser.role } });
    return result.ok ? json({ ok: true, problem: null as string | null }) : json({ ok: false, problem: result.problem as string | null }, { status: DEPOSIT_STATUS[result.problem] });
  }
  const parsed = arrivalForm.safeParse(fields);
  if (!parsed.success) return json({ ok: false }, { status: 400 });
  const ok = markArrival({ id: parsed.data.applicationId, editionId: edition(request).id, state: parsed.data.state, organiserId: organiser.id, now: new Date() });
  return json({ ok }, { status: ok ? 200 : 404 });
}

export default function DayView() {
  const data = useLoaderData<typeof loader>();
  const { day, days, rows, filter } = data;
  const { t, eventDate, language } = useI18n();
  const submit = useSubmit();
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  // Search as you type (a moment after the last key), without a new entry in the history per key.
  const send = (delay: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => form.current && submit(form.current, { replace: true, preventScrollReset: true }), delay);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  const compass = (c: string) => t(`editor.compass_${c}` as MessageKey);
  return (
    <div className="day-view">
      <header className="day-header">
        <h1>{day ? t("editor.dayViewTitle", { date: eventDate(day.date) }) : t("editor.title")}</h1>
        <button type="button" className="button no-print" onClick={() => window.print()}>
          {t("editor.print")}
        </button>
      </header>
      <Form method="get" ref={form} className="setup-filters no-print" role="search" onSubmit={() => clearTimeout(timer.current)}>
        {days.length > 1 ? (
          <select name="day" defaultValue={String(day?.id ?? "")} aria-label={t("editor.day")} onChange={() => send(0)}>
            {days.map((d) => (
              <option key={d.id} value={d.id}>
                {eventDate(d.date)}
              </option>
            ))}
          </select>
        ) : day ? (
          <input type="hidden" name="day" value={day.id} />
        ) : null}
        <label className="setup-search">
          <span className="visually-hidden">{t("editor.setupSearch")}</span>
          <input type="search" name="q" defaultValue={filter.query} placeholder={t("editor.setupSearch")} aria-label={t("editor.setupSearch")} autoComplete="off" onChange={() => send(300)} data-testid="setup-search" />
        </label>
        <label className="setup-switch">
          <input type="checkbox" name="free" value="1" defaultChecked={filter.showFree} role="switch" onChange={() => send(0)} data-testid="setup-show-free" /> {t("editor.setupShowFree")}
        </label>
        <noscript>
          <button type="submit" className="button">{t("editor.setupSearchButton")}</button>
        </noscript>
      </Form>
      <p className="setup-count no-print" aria-live="polite" data-testid="setup-count">
        {t("editor.setupCount", { shown: rows.length, total: data.total })}
      </p>
      {data.walk ? (
        <p className="setup-walk" data-testid="setup-walk">
          {t("editor.setupWalk", { from: compass(data.walk.from), to: compass(data.walk.to), codes: data.walk.firstCodes.join(", ") })}
        </p>
      ) : null}
      <details className="setup-drawing no-print">
        <summary>{t("editor.setupDrawing")}</summary>
        <div className="drawing-scroll">
          <StreetDrawing data={data} />
        </div>
      </details>
      <div className="print-only-block">
        <StreetDrawing data={data} />
      </div>
      {rows.length === 0 && filter.query ? (
        <p className="setup-none" data-testid="setup-none">
          {t("editor.setupNoMatch", { query: filter.query })}{" "}
          <Link to={`?${day ? `day=${day.id}&` : ""}${filter.showFree ? "free=1" : ""}`} replace className="button small">
            {t("editor.setupClear")}
          </Link>
        </p>
      ) : null}
      <h2 className="visually-hidden">{t("editor.walkingOrder")}</h2>
      <table className="day-table" data-testid="setup-list">
        <thead>
          <tr>
            <th scope="col">{t("editor.spot")}</th>
            <th scope="col">{t("editor.stallsToPlace")}</th>
            <th scope="col">{t("editor.contact")}</th>
            <th scope="col">{t("editor.setupPower")}</th>
            <th scope="col">{t("editor.arrived")}</th>
            {data.depositsOn ? <th scope="col">{t("editor.deposit")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {withCrossings(rows, data.landmarks).map((item) =>
            "crossing" in item ? (
              <tr key={`x-${item.name}`} className="crossing">
                <td colSpan={data.depositsOn ? 6 : 5}>{item.crossing ? t("editor.setupCrossing", { name: item.name }) : item.name}</td>
              </tr>
            ) : (
              <tr key={item.spotId} data-spot={item.code} className={item.stand ? `arrival-${item.stand.arrivalState}` : "free"}>
                <th scope="row">{item.code}</th>
                <td>
                  {item.stand ? (
                    <>
                      <span className="swatch" style={{ background: item.stand.colour }} aria-hidden="true" /> <strong>{item.stand.stallName}</strong>
                      <small> · {language === "en" ? item.stand.categoryEn : item.stand.categoryNl}{item.stand.rentedStalls ? ` · ${item.stand.rentedStalls}× ${language === "en" ? "stall" : "kraam"}` : ""}</small>
                    </>
                  ) : item.kind === "blocked" ? (
                    t("editor.stateBlocked")
                  ) : (
                    t("editor.noStall")
                  )}
                </td>
                <td>
                  {item.stand ? (
                    <>
                      {item.stand.contactName},{" "}
                      <a href={item.stand.tel} className="tel" aria-label={`${t("editor.setupCall", { name: item.stand.contactName })}: ${item.stand.phone}`}>
                        {item.stand.phone}
                      </a>
                    </>
                  ) : null}
                </td>
                <td>
                  {item.hasElectricity ? <span title={t("editor.setupPowerHere")}><span aria-hidden="true">⚡</span><span className="visually-hidden">{t("editor.setupPowerHere")}</span></span> : null}
                  {item.stand?.powerMissing ? <span className="field-error" data-testid="power-missing">{t("editor.setupPowerMissing")}</span> : null}
                </td>
                <td>{item.stand ? <ArrivalButtons applicationId={item.stand.applicationId} state={item.stand.arrivalState} /> : null}</td>
                {data.depositsOn ? <td>{item.stand?.deposit ? <DepositCell applicationId={item.stand.applicationId} deposit={item.stand.deposit} canKeep={data.canKeepDeposit} /> : null}</td> : null}
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

type DayData = ReturnType<typeof useLoaderData<typeof loader>>;
type Row = DayData["rows"][number];
type Landmark = DayData["landmarks"][number];

/** The list in walking order with a line for each side street (and the square) where the walk passes it. */
export function withCrossings(rows: Row[], landmarks: Landmark[]): (Row | (Landmark & { crossing: boolean }))[] {
  const out: (Row | (Landmark & { crossing: boolean }))[] = [];
  const pending = [...landmarks];
  for (const row of rows) {
    while (pending.length > 0 && pending[0]!.atM <= row.alongM) {
      const mark = pending.shift()!;
      if (out.length > 0) out.push(mark);
    }
    out.push(row);
  }
  return out;
}

/** After the market: "Schoon achtergelaten" gives the deposit back; an organiser may keep it, with a reason. */
function DepositCell({ applicationId, deposit, canKeep }: { applicationId: number; deposit: NonNullable<Row["stand"]>["deposit"] & object; canKeep: boolean }) {
  const fetcher = useFetcher<{ ok: boolean; problem: string | null }>();
  const { t, money } = useI18n();
  const amount = money(deposit.amountCents);
  const problem = fetcher.state === "idle" && fetcher.data && !fetcher.data.ok ? fetcher.data.problem : null;
  if (deposit.state !== "held") {
    return <p className="deposit-state" data-testid="deposit-state">{t(`payments.orgDeposit_${deposit.state}` as MessageKey, { amount, reason: deposit.reason })}</p>;
  }
  const busy = fetcher.state !== "idle";
  return (
    <div className="deposit-cell" data-testid="deposit-cell">
      <fetcher.Form method="post" className="no-print">
        <input type="hidden" name="intent" value="deposit" />
        <input type="hidden" name="applicationId" value={applicationId} />
        <button type="submit" name="decision" value="release" className="button" disabled={busy}>
          {t("editor.depositRelease", { amount })}
        </button>
      </fetcher.Form>
      {canKeep ? (
        <details className="no-print">
          <summary>{t("editor.depositKeep")}</summary>
          <fetcher.Form method="post" className="deposit-keep">
            <input type="hidden" name="intent" value="deposit" />
            <input type="hidden" name="applicationId" value={applicationId} />
            <label htmlFor={`keep-${applicationId}`}>{t("editor.depositKeepReason")}</label>
            <textarea id={`keep-${applicationId}`} name="reason" required minLength={3} rows={2} aria-invalid={problem === "reason_required"} aria-describedby={problem === "reason_required" ? `keep-${applicationId}-error` : undefined} />
            <button type="submit" name="decision" value="keep" className="button" disabled={busy}>
              {t("editor.depositKeepButton")}
            </button>
          </fetcher.Form>
        </details>
      ) : null}
      {problem ? (
        <p className="field-error" role="alert" id={`keep-${applicationId}-error`}>
          {t(`editor.depositProblem_${problem}` as MessageKey)}
        </p>
      ) : null}
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

/**
 * The street drawn straight, for the crew and for print (A4 landscape): both sides of the street
 * opposite each other, in stretches of the street line, each spot as wide as it is, with its code
 * and the stall's full name written upwards and wrapped (never cut), and the side streets named.
 */
function StreetDrawing({ data }: { data: DayData }) {
  const { t } = useI18n();
  const spots = data.all;
  if (spots.length === 0) return null;
  const fromM = Math.min(...spots.map((s) => s.alongM - s.widthM / 2)) - 2;
  const toM = Math.max(...spots.map((s) => s.alongM + s.widthM / 2)) + 2;
  const stretches = 2;
  const lengthM = (toM - fromM) / stretches;
  const compass = (c: string) => t(`editor.compass_${c}` as MessageKey);
  const sideTitle = (side: "left" | "right") => {
    const info = data.sides.find((s) => s.side === side);
    if (!info) return "";
    const name = compass(info.compass);
    return t("editor.setupSide", { side: name.charAt(0).toUpperCase() + name.slice(1), prefix: info.prefix });
  };
  return (
    <div className="street-drawing" role="img" aria-label={t("editor.setupDrawing")}>
      {Array.from({ length: stretches }, (_, index) => {
        const start = fromM + index * lengthM;
        const end = start + lengthM;
        const pos = (m: number) => `${(((m - start) / lengthM) * 100).toFixed(2)}%`;
        const inStretch = (m: number) => m >= start && m < end;
        // A landmark reaching into the next stretch is drawn in both, cut at the stretch's edge.
        const span = (l: { fromM: number; toM: number }) => {
          const from = Math.max(l.fromM, start);
          const to = Math.min(l.toM, end);
          return { left: pos(from), width: `${(((to - from) / lengthM) * 100).toFixed(2)}%` };
        };
        const side = (which: "left" | "right") => (
          <div className={`drawing-side drawing-${which}`}>
            <span className="drawing-side-title">{sideTitle(which)}</span>
            {spots
              .filter((s) => s.side === which && inStretch(s.alongM))
              .map((s) => (
                <div
                  key={s.spotId}
                  className={`drawing-spot${s.stand ? "" : s.kind === "blocked" ? " blocked" : " free"}`}
                  style={{ left: pos(s.alongM - s.widthM / 2), width: `${((s.widthM / lengthM) * 100).toFixed(2)}%`, borderColor: s.stand?.colour ?? undefined }}
                  data-spot={s.code}
                >
                  <span className="drawing-text">
                    <b>{s.code}</b>
                    {s.stand ? ` ${s.stand.stallName}` : ""}
                  </span>
                </div>
              ))}
            {data.landmarks
              .filter((l) => l.side === which && l.toM > start && l.fromM < end)
              .map((l) => (
                <span key={l.name} className="drawing-landmark square" style={span(l)}>
                  {l.name}
                </span>
              ))}
          </div>
        );
        return (
          <div className="drawing-stretch" key={index}>
            {side("left")}
            <div className="drawing-street">
              {data.landmarks
                .filter((l) => l.crossing && inStretch(l.atM))
                .map((l) => (
                  <span key={l.name} className={`drawing-landmark${l.crossing ? " crossing" : ""}`} style={span(l)}>
                    {l.name}
                  </span>
                ))}
            </div>
            {side("right")}
          </div>
        );
      })}
    </div>
  );
}

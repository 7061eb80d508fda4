import "~/i18n/messages/stallholder-bundles";
import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { lapsedButMarketReopened, paymentWord, refundRuleApplies, spotWording, stallholderHeadline, stillInPlay } from "~/rules/application-wording";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import leafletStyles from "leaflet/dist/leaflet.css";
import { useCallback, useMemo } from "react";
import { LazyStallMap } from "~/components/map/LazyStallMap";
import { FREE_SPOT_COLOUR, type DrawnSpot, type MapLandmark } from "~/components/map/map-types";
import { depositOfApplication, payBoxFor, reconcileCheckoutOnReturn, refundsOf } from "~/data/money.server";
import { assignedSpots } from "~/data/applications.server";
import { loadPublicMap } from "~/data/public-map.server";
import { ownSpotView, privateMapSpots } from "~/data/own-spot.server";
import { neighboursText, whereaboutsText } from "~/i18n/whereabouts";
import { env } from "~/env.server";
import { PayBox } from "~/components/payments/PayBox";
import { queuePlace } from "~/data/waitlist.server";
import { FeeBox } from "~/forms/FeeBox";
import { formatMetres } from "~/forms/fee-lines";
import { PRIVATE_HEADERS, privateMeta } from "~/forms/private-page";
import { applicationOr404, firstMarketDay } from "~/forms/private-page.server";
import { translator } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";
import { mapCredit } from "~/rules/map-credit";
import { useI18n } from "~/i18n/use-i18n";
import { isActive, stallholderMayEdit } from "~/rules/application-state";
import { publicStatus, statusTitleKey } from "~/rules/edition-status";
import { StatusNotice } from "~/components/StatusNotice";
import { privateStatusNotice } from "~/data/status-notices.server";
import { fullRefundDeadline } from "~/rules/fees";
import { moneyHeld } from "~/rules/payment-state";
import { wishesList } from "~/rules/placement-text";
import { wishesFromJson } from "~/rules/placement-wishes";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title ?? "SK Zomerparade");
export const headers: HeadersFunction = () => PRIVATE_HEADERS;

const OWN_SPOT_COLOUR = "#d97706";


export async function loader({ request, params }: LoaderFunctionArgs) {
  let found = applicationOr404(params.token);
  // Back from Checkout: ask Stripe how it went rather than wait for the webhook.
  if (new URL(request.url).searchParams.get("payment") === "success" && (await reconcileCheckoutOnReturn(found.application.id)).recorded > 0) {
    found = applicationOr404(params.token);
  }
  const language = languageOf(request);
  const t = translator(language);
  const { application: a, edition, category } = found;
  const notice = new URL(request.url).searchParams.get("done");
  const spots = assignedSpots(a.id);
  // The spot is shown as the public map shows it: once published, and for approved stalls only.
  const showSpot = edition.mapPublishedAt !== null && a.reviewState === "approved" && spots.length > 0;
  const publicMap = showSpot ? loadPublicMap(edition) : null;
  // Where the spot is in words, and who stands next to it (public stall names only).
  const own = publicMap ? ownSpotView(edition, publicMap, spots[0]!) : null;
  const neighbourCodes = own ? [own.neighbours.before?.code, own.neighbours.after?.code].filter((code): code is string => !!code) : [];
  const firstDay = firstMarketDay(found);
  const config = env();
  // One truth per state: the headline, the payment word and whether a spot is spoken of come from
  // one rule (app/rules/application-wording.ts), so the page never contradicts itself.
  const refundInProgressCents = refundsOf(a.id)
    .filter((r) => r.status === "pending" || r.status === "to_pay_manually" || r.status === "failed")
    .reduce((sum, r) => sum + r.amountCents, 0);
  const wording = { reviewState: a.reviewState, paymentState: a.paymentState, editionStatus: edition.status, refundInProgressCents };
  const state = stallholderHeadline(wording);
  const payment = paymentWord(wording);
  const spotSection = spotWording(a.reviewState, showSpot, edition.status);
  const deposit = depositOfApplication(a.id);
  return json(
    {
      title: t("apply.privateMetaTitle"),
      notice: notice === "saved" || notice === "withdrawn" || notice === "chosen" ? notice : null,
      token: a.accessToken,
      statusNotice: privateStatusNotice(a.id, edition.id, new Date()),
      application: {
        stallName: a.stallName,
        description: a.description,
        category: language === "en" ? category.nameEn : category.nameNl,
        categoryIsFree: category.isFree,
        contactName: a.contactName,
        email: a.email,
        phone: a.phone,
        applicantKind: a.applicantKind,
        postcode: a.postcode,
        kvkNumber: a.kvkNumber,
        frontageCm: a.frontageCm,
        depthCm: a.depthCm,
        needsElectricity: a.needsElectricity,
        electricityWatts: a.electricityWatts,
        rentedStalls: a.rentedStalls,
        remarks: a.remarks,
        wishes: wishesFromJson(a.placementWishesJson),
        language: a.language,
        reviewState: a.reviewState,
        reviewReason: a.reviewState === "rejected" ? a.reviewReason : "",
        paymentState: a.paymentState,
        fee: found.fee,
        feeTotalCents: a.feeTotalCents,
        feeAdjustmentCents: a.feeAdjustmentCents,
        feeAdjustmentReason: a.feeAdjustmentReason,
        days: found.days.map((d) => d.date),
      },
      state,
      payment,
      deposit: deposit ? { amountCents: deposit.amountCents, state: deposit.state, reason: deposit.reason } : null,
      spotSection,
      inPlay: stillInPlay(a.reviewState, edition.status),
      reopened: lapsedButMarketReopened(a.reviewState, edition.status),
      refundRuleApplies: refundRuleApplies(a.feeTotalCents, a.paymentState),
      queue: queuePlace(a),
      mayEdit: stallholderMayEdit(a.reviewState),
      mayWithdraw: isActive(a.reviewState),
      edition: {
        name: language === "en" ? edition.nameEn : edition.nameNl,
        status: publicStatus(edition, language),
        stallUnitCm: edition.stallUnitCm,
        refundPeriodDays: edition.refundPeriodDays,
        refundDeadline: firstDay ? fullRefundDeadline(firstDay, edition.refundPeriodDays) : null,
      },
      spots: showSpot ? spots : [],
      where: own ? whereaboutsText(t, language, own.whereabouts) : null,
      neighbours: own ? neighboursText(t, own.neighbours) : null,
      neighbourCodes,
      payBox: payBoxFor(a.id, request),
      map: publicMap
        ? { spots: privateMapSpots(publicMap, spots, a.stallName, neighbourCodes), landmarks: publicMap.landmarks, streetLine: publicMap.streetLine, streets: publicMap.streets, tiles: { url: config.TILE_URL, attribution: mapCredit(config.TILE_ATTRIBUTION, language) } }
        : null,
    },
    { headers: PRIVATE_HEADERS },
  );
}

export default function PrivateApplicationPage() {
  const data = useLoaderData<typeof loader>();
  const { t, language, money, eventDate, moment, dayMonth } = useI18n();
  const a = data.application;
  const ownKey = data.spots.flatMap((s) => s.codes).join(",");
  const neighbourKey = data.neighbourCodes.join(",");
  // The own spots highlighted and named; the neighbours named; the other stalls grey.
  const ownCodes = useMemo(() => new Set(ownKey.split(",")), [ownKey]);
  const labelled = useMemo(() => new Set([...ownKey.split(","), ...neighbourKey.split(",")].filter(Boolean)), [ownKey, neighbourKey]);
  const colourOf = useCallback((spot: DrawnSpot) => (ownCodes.has(spot.code) ? OWN_SPOT_COLOUR : FREE_SPOT_COLOUR), [ownCodes]);
  // The own stall's spots (of its first day; another day may be elsewhere) are drawn as one shape.
  const firstDayKey = (data.spots[0]?.codes ?? []).join(",");
  const runOf = useCallback((spot: DrawnSpot) => (firstDayKey.split(",").includes(spot.code) ? "own" : null), [firstDayKey]);
  const landmarkName = useCallback((l: MapLandmark) => (language === "en" ? l.nameEn : l.nameNl), [language]);
  // Open the small map on the (first) own spot.
  const ownCentre = data.map?.spots.find((spot) => ownCodes.has(spot.code))?.centre ?? null;
  const [lon, lat] = ownCentre ?? [null, null];
  const focus = useMemo(() => (lon !== null && lat !== null ? { point: [lon, lat] as [number, number], seq: 0 } : null), [lon, lat]);
  const paid = moneyHeld(a.paymentState);

  return (
    <div className="page private-page">
      {data.notice ? (
        <p className="notice success" role="status" data-testid="done-notice">
          {data.notice === "saved" ? t("apply.savedNotice") : data.notice === "chosen" ? t("apply.choiceSaved") : t("apply.withdrawnNotice")}
        </p>
      ) : null}
      <h1>{t("apply.privateTitle", { stall: a.stallName })}</h1>
      <p className="hint">{t(data.inPlay ? "apply.privateNote" : "apply.privateNoteClosed")}</p>

      {data.edition.status.status !== "scheduled" ? (
        <p className="notice" data-testid="edition-status">
          {t("apply.editionStatusNote", { edition: data.edition.name, status: t(statusTitleKey(data.edition.status.status)) })}
          {data.edition.status.message ? ` ${data.edition.status.message}` : ""}
        </p>
      ) : null}
      {data.statusNotice ? <StatusNotice token={data.token} {...data.statusNotice} /> : null}

      <section className={`card state-card state-${a.reviewState}`} aria-labelledby="state-heading">
        <h2 id="state-heading">{t("apply.stateHeading")}</h2>
        <p data-testid="application-state" data-state={a.reviewState}>
          {t(`apply.state_${data.state}`)}
        </p>
        {data.queue ? (
          <p data-testid="queue-place">
            {data.queue.offerOpenUntil
              ? t("apply.queueOffered", { until: moment(data.queue.offerOpenUntil) })
              : t(data.queue.perCategory ? "apply.queuePlaceCategory" : "apply.queuePlace", { n: data.queue.position })}
          </p>
        ) : null}
        {data.queue?.decisionDate && !data.queue.offerOpenUntil ? <p data-testid="queue-decision-date">{t("apply.queueDecisionDate", { date: dayMonth(data.queue.decisionDate) })}</p> : null}
        {a.reviewReason ? <p>{t("apply.rejectedReason", { reason: a.reviewReason })}</p> : null}
        {data.reopened ? (
          <p data-testid="reopened-note">
            {t("apply.reopenedNote")}{" "}
            <Link to="/apply">{t("apply.applyAgain")}</Link>
          </p>
        ) : null}
        <p>
          {t("apply.paymentLabel")}: {t(`payments.word_${data.payment}`)}
        </p>
        {data.deposit && data.deposit.state !== "none" ? (
          <p data-testid="deposit-state" data-deposit={data.deposit.state}>
            {t(`payments.deposit_${data.deposit.state}`, { amount: money(data.deposit.amountCents), reason: data.deposit.reason })}
          </p>
        ) : null}
      </section>

      {data.inPlay ? <FeeBox fee={a.fee} categoryIsFree={a.categoryIsFree} stallUnitCm={data.edition.stallUnitCm} money={money} payLaterNote={false} /> : null}
      {a.feeAdjustmentCents !== 0 ? (
        <p data-testid="fee-adjustment">
          {t("apply.feeAdjustment")}: {money(a.feeAdjustmentCents)}
          {a.feeAdjustmentReason ? ` (${a.feeAdjustmentReason})` : ""}. {t("apply.feeToPay")}: <strong>{money(a.feeTotalCents)}</strong>
        </p>
      ) : null}
      <PayBox data={data.payBox} />

      {data.spotSection === "none" ? null : (
      <section className="card spot-card" aria-labelledby="spot-heading">
        <h2 id="spot-heading">{t("apply.spotHeading")}</h2>
        {data.spots.length > 0 && data.map ? (
          <>
            <ul className="spot-days" data-testid="spot-codes">
              {data.spots.map((day) => (
                <li key={day.date}>
                  {a.days.length > 1
                    ? t("apply.spotDay", { date: eventDate(day.date), codes: day.codes.join(", ") })
                    : t("apply.spotCodes", { codes: day.codes.join(", ") })}
                </li>
              ))}
            </ul>
            {data.where ? <p className="spot-where" data-testid="spot-where">{data.where}</p> : null}
            {data.neighbours ? <p data-testid="spot-neighbours">{data.neighbours}</p> : null}
            <div className="spot-map">
              <LazyStallMap
                spots={data.map.spots}
                landmarks={data.map.landmarks}
                streetLine={data.map.streetLine}
                streets={data.map.streets}
                colourOf={colourOf}
                selectedCode={null}
                ownCodes={ownCodes}
                runOf={runOf}
                labelOnly={labelled}
                onSelect={() => undefined}
                tiles={data.map.tiles}
                onTilesFailed={() => undefined}
                focus={focus}
                label={t("apply.mapLabel")}
                landmarkName={landmarkName}
                placeholder={t("apply.loadingMap")}
              />
            </div>
          </>
        ) : (
          <p>{t("apply.spotNotYet")}</p>
        )}
      </section>
      )}

      <section className="card" aria-labelledby="details-heading">
        <h2 id="details-heading">{t("apply.detailsHeading")}</h2>
        <dl className="details" data-testid="details">
          <dt>{t("apply.labelStallName")}</dt>
          <dd data-testid="detail-stallName">{a.stallName}</dd>
          <dt>{t("apply.labelDescription")}</dt>
          <dd className="pre-line">{a.description || t("apply.detailNone")}</dd>
          <dt>{t("apply.labelCategory")}</dt>
          <dd>{a.category}</dd>
          <dt>{t("apply.labelApplicantKind")}</dt>
          <dd>{t(`apply.kind_${a.applicantKind}`)}</dd>
          {a.postcode ? (
            <>
              <dt>{t("apply.labelPostcode")}</dt>
              <dd>{a.postcode}</dd>
            </>
          ) : null}
          {a.kvkNumber ? (
            <>
              <dt>{t("apply.labelKvk")}</dt>
              <dd>{a.kvkNumber}</dd>
            </>
          ) : null}
          <dt>{t("apply.labelContactName")}</dt>
          <dd>{a.contactName}</dd>
          <dt>{t("apply.labelEmail")}</dt>
          <dd>{a.email}</dd>
          <dt>{t("apply.labelPhone")}</dt>
          <dd data-testid="detail-phone">{a.phone}</dd>
          <dt>{t("apply.labelFrontage")}</dt>
          <dd>{t("apply.frontageOption", { metres: formatMetres(a.frontageCm, language) })}</dd>
          <dt>{t("apply.labelDepth")}</dt>
          <dd>{t("apply.depthOption", { metres: formatMetres(a.depthCm, language) })}</dd>
          <dt>{t("apply.labelElectricity")}</dt>
          <dd>{a.needsElectricity ? t("apply.detailYes", { watts: a.electricityWatts ?? 0 }) : t("apply.detailNo")}</dd>
          <dt>{t("apply.labelRented")}</dt>
          <dd>{a.rentedStalls === 0 ? t("apply.rentedNone") : t("apply.rentedSome", { count: a.rentedStalls })}</dd>
          <dt>{t("apply.labelDays")}</dt>
          <dd>{a.days.map((d) => eventDate(d)).join(", ")}</dd>
          <dt>{t("apply.labelRemarks")}</dt>
          <dd className="pre-line">{a.remarks || t("apply.detailNone")}</dd>
          <dt>{t("apply.sectionWishes")}</dt>
          <dd data-testid="detail-wishes">{a.wishes.length ? wishesList(a.wishes, t) : t("apply.detailNone")}</dd>
          <dt>{t("apply.labelLanguage")}</dt>
          <dd>{t(`apply.language_${a.language}`)}</dd>
        </dl>
        {data.mayEdit ? (
          <Link to="edit" className="button" data-testid="edit-link">
            {t("apply.editLink")}
          </Link>
        ) : (
          <p className="hint" data-testid="not-editable-note">{t(data.inPlay ? "apply.notEditableNote" : "apply.closedNote")}</p>
        )}
      </section>

      {data.mayWithdraw ? (
        <section className="card" aria-labelledby="withdraw-heading">
          <h2 id="withdraw-heading">{t("apply.withdrawTitle")}</h2>
          {!data.refundRuleApplies ? null : (
            <p data-testid="refund-rule">
              {data.edition.refundDeadline
                ? t("apply.refundRule", { date: eventDate(data.edition.refundDeadline), days: data.edition.refundPeriodDays })
                : null}{" "}
              {paid ? null : t("apply.refundNothingPaid")}
            </p>
          )}
          <Link to="withdraw" className="button danger" data-testid="withdraw-link">
            {t("apply.withdrawLink")}
          </Link>
        </section>
      ) : null}
    </div>
  );
}

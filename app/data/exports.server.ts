/** Lists out of the database for spreadsheets and paper: all applications, and the stalls per day. */
import { and, asc, eq, inArray } from "drizzle-orm";
import * as t from "#db/schema";
import { translator, type Language } from "~/i18n/i18n";
import { localDate, localTime } from "~/rules/calendar";
import { csvEuros, toCsv } from "~/rules/csv";
import { db, type DbOrTx } from "./db.server";
import { listCategories, listEventDays } from "./editions.server";

/** Approved stalls coming on `dayId`, in walking order of their spots; stalls without a spot last. */
export function stallListForDay(editionId: number, dayId: number, conn: DbOrTx = db()) {
  const a = t.applications;
  const rows = conn
    .select({
      id: a.id,
      stallName: a.stallName,
      categoryId: a.categoryId,
      needsElectricity: a.needsElectricity,
      contactName: a.contactName,
      phone: a.phone,
      email: a.email,
      paymentState: a.paymentState,
      arrivalState: a.arrivalState,
    })
    .from(a)
    .innerJoin(t.applicationDays, and(eq(t.applicationDays.applicationId, a.id), eq(t.applicationDays.eventDayId, dayId)))
    .where(and(eq(a.editionId, editionId), eq(a.reviewState, "approved")))
    .all();
  const ids = rows.map((r) => r.id);
  const spots = ids.length
    ? conn
        .select({ applicationId: t.stallAssignments.applicationId, code: t.spots.code, side: t.spots.side, alongM: t.spots.alongM })
        .from(t.stallAssignments)
        .innerJoin(t.assignmentSpots, eq(t.assignmentSpots.assignmentId, t.stallAssignments.id))
        .innerJoin(t.spots, eq(t.spots.id, t.assignmentSpots.spotId))
        .where(and(eq(t.stallAssignments.eventDayId, dayId), inArray(t.stallAssignments.applicationId, ids)))
        .orderBy(asc(t.spots.code))
        .all()
    : [];
  const byApplication = new Map<number, { codes: string[]; order: string }>();
  for (const spot of spots) {
    const entry = byApplication.get(spot.applicationId) ?? { codes: [], order: spot.code };
    entry.codes.push(spot.code);
    byApplication.set(spot.applicationId, entry);
  }
  const categories = new Map(listCategories(editionId, conn).map((c) => [c.id, c]));
  return rows
    .map((row) => {
      const category = categories.get(row.categoryId);
      return {
        ...row,
        spots: byApplication.get(row.id)?.codes ?? [],
        order: byApplication.get(row.id)?.order ?? "~",
        categoryNl: category?.nameNl ?? "",
        categoryEn: category?.nameEn ?? "",
        colour: category?.colour ?? "#999999",
      };
    })
    .sort((x, y) => x.order.localeCompare(y.order, "nl", { numeric: true }) || x.stallName.localeCompare(y.stallName, "nl"));
}

export function stallListCsv(editionId: number, dayId: number, language: Language): string {
  const tr = translator(language);
  const rows = stallListForDay(editionId, dayId);
  return toCsv(
    [tr("organiser.colSpot"), tr("organiser.colStall"), tr("organiser.colCategory"), tr("organiser.colElectricity"), tr("organiser.colContact"), tr("organiser.colPhone"), tr("organiser.colEmail"), tr("organiser.colArrival")],
    rows.map((r) => [
      r.spots.join(" "),
      r.stallName,
      language === "en" ? r.categoryEn : r.categoryNl,
      r.needsElectricity ? tr("organiser.yes") : tr("organiser.no"),
      r.contactName,
      r.phone,
      r.email,
      tr(`organiser.arrival_${r.arrivalState}`),
    ]),
  );
}

/** Every application of the edition with every field organisers work with. */
export function applicationsCsv(editionId: number, language: Language, conn: DbOrTx = db()): string {
  const tr = translator(language);
  const a = t.applications;
  const categories = new Map(listCategories(editionId, conn).map((c) => [c.id, language === "en" ? c.nameEn : c.nameNl]));
  const days = new Map(listEventDays(editionId, conn).map((d) => [d.id, d.date]));
  const apps = conn.select().from(a).where(eq(a.editionId, editionId)).orderBy(asc(a.id)).all();
  const dayRows = conn
    .select({ applicationId: t.applicationDays.applicationId, dayId: t.applicationDays.eventDayId })
    .from(t.applicationDays)
    .innerJoin(a, eq(a.id, t.applicationDays.applicationId))
    .where(eq(a.editionId, editionId))
    .all();
  const daysOf = new Map<number, string[]>();
  for (const row of dayRows) daysOf.set(row.applicationId, [...(daysOf.get(row.applicationId) ?? []), days.get(row.dayId) ?? ""]);
  const spotRows = conn
    .select({ applicationId: t.stallAssignments.applicationId, code: t.spots.code })
    .from(t.stallAssignments)
    .innerJoin(t.assignmentSpots, eq(t.assignmentSpots.assignmentId, t.stallAssignments.id))
    .innerJoin(t.spots, eq(t.spots.id, t.assignmentSpots.spotId))
    .where(eq(t.spots.editionId, editionId))
    .all();
  const spotsOf = new Map<number, Set<string>>();
  for (const row of spotRows) spotsOf.set(row.applicationId, (spotsOf.get(row.applicationId) ?? new Set()).add(row.code));
  const header = [
    "id", tr("organiser.colStall"), tr("organiser.colCategory"), tr("organiser.colState"), tr("organiser.colPayment"),
    tr("organiser.colContact"), tr("organiser.colEmail"), tr("organiser.colPhone"), tr("organiser.fieldPostcode"),
    tr("organiser.fieldApplicantKind"), tr("organiser.fieldKvk"), tr("organiser.fieldFrontageCm"), tr("organiser.fieldDepthCm"),
    tr("organiser.colElectricity"), tr("organiser.fieldWatts"), tr("organiser.fieldRentedStalls"), tr("organiser.colDays"),
    tr("organiser.colSpot"), tr("organiser.colFee"), tr("organiser.colAdjustment"), tr("organiser.fieldAdjustmentReason"),
    tr("organiser.fieldLanguage"), tr("organiser.fieldDescription"), tr("organiser.fieldRemarks"), tr("organiser.colCreated"),
  ];
  return toCsv(
    header,
    apps.map((r) => [
      r.id, r.stallName, categories.get(r.categoryId) ?? "", tr(`organiser.state_${r.reviewState}`), tr(`organiser.payment_${r.paymentState}`),
      r.contactName, r.email, r.phone, r.postcode, tr(`organiser.kind_${r.applicantKind}`), r.kvkNumber, r.frontageCm, r.depthCm,
      r.needsElectricity ? tr("organiser.yes") : tr("organiser.no"), r.electricityWatts, r.rentedStalls, (daysOf.get(r.id) ?? []).sort().join(" "),
      [...(spotsOf.get(r.id) ?? [])].sort().join(" "), csvEuros(r.feeTotalCents), csvEuros(r.feeAdjustmentCents), r.feeAdjustmentReason,
      r.language, r.description, r.remarks, `${localDate(r.createdAt)} ${localTime(r.createdAt)}`,
    ]),
  );
}

/**
 * Applications, the stallholder's side: make one, find it by its private token, change it while
 * under review, withdraw it, and mail every link for an address. Each change, its mail (outbox)
 * and its audit entry are written in one transaction: all of it happens, or none of it.
 */
import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import * as t from "#db/schema";
import {
  feeFor,
  type ApplicationFormContext,
  type ApplicationValues,
  type ChangedApplicationValues,
  type FeeContext,
  type NewApplicationValues,
} from "~/forms/application-form";
import type { Language } from "~/i18n/i18n";
import { renderApplicationChanged } from "~/mail/application-changed";
import { renderApplicationReceived, type ApplicationMailInput } from "~/mail/application-received";
import { renderApplicationWithdrawn } from "~/mail/application-withdrawn";
import { renderLostLink } from "~/mail/lost-link";
import { privateUrl } from "~/mail/stallholder";
import { stallholderMayEdit, transitionRefusal } from "~/rules/application-state";
import { applicationWindow, type ApplicationWindow } from "~/rules/edition-status";
import type { FeeBreakdown } from "~/rules/fees";
import { wishesForHistory, wishesFromJson, wishesToJson } from "~/rules/placement-wishes";
import { recordAudit } from "./audit.server";
import { db, transaction, type DbOrTx, type Tx } from "./db.server";
import {
  getEdition,
  listCategories,
  listEventDays,
  listFeeRates,
  type CategoryRow,
  type EditionRow,
  type EventDayRow,
} from "./editions.server";
import { enqueueMail } from "./outbox.server";
import { findApplicationByToken, type StallholderApplication } from "./stallholder-application.server";
import { refundOnWithdrawal } from "./money.server";
import { hit, limitKey } from "./rate-limits.server";
import { afterDecision } from "./waitlist.server";

export type ApplicationRow = typeof t.applications.$inferSelect;

/** Applications per e-mail address per hour; a market stall is applied for once or twice a year. */
export const APPLY_LIMIT = { limit: 5, windowMs: 3600_000 };
/** "Lost your link?" mails per e-mail address per hour. */
export const LOST_LINK_LIMIT = { limit: 3, windowMs: 3600_000 };
/** Per network address too (a household or a community centre shares one, hence generous). */
export const APPLY_ADDRESS_LIMIT = { limit: 30, windowMs: 3600_000 };
export const LOST_LINK_ADDRESS_LIMIT = { limit: 10, windowMs: 3600_000 };

/** 32 random bytes, base64url: the secret in /a/<token>. */
export function newAccessToken(): string {
  return randomBytes(32).toString("base64url");
}

/** A key per rendered apply form (see applications.submission_key). */
export function newSubmissionKey(): string {
  return randomBytes(18).toString("base64url");
}

/** What a token can look like; anything else is not looked up at all. */

// ---------------------------------------------------------------------------------------------
// What the form offers for an edition

export interface ApplyContext {
  edition: EditionRow;
  days: EventDayRow[];
  categories: CategoryRow[];
  form: ApplicationFormContext;
  fee: FeeContext;
}

export function applyContext(edition: EditionRow, conn: DbOrTx = db()): ApplyContext {
  const days = listEventDays(edition.id, conn);
  const categories = listCategories(edition.id, conn);
  const rates = listFeeRates(edition.id, conn).map(
    ({ applicantKind, firstUnitCents, extraMetreCents, electricityCents, stallRentalCents }) => ({
      applicantKind,
      firstUnitCents,
      extraMetreCents,
      electricityCents,
      stallRentalCents,
    }),
  );
  return {
    edition,
    days,
    categories,
    form: { stallUnitCm: edition.stallUnitCm, residentPostcodes: edition.residentPostcodes, dayIds: days.map((d) => d.id), categoryIds: categories.map((c) => c.id) },
    fee: { stallUnitCm: edition.stallUnitCm, rates, categories: categories.map(({ id, isFree }) => ({ id, isFree })), depositCents: edition.depositCents },
  };
}

// ---------------------------------------------------------------------------------------------
// Making an application

export type CreateOutcome =
  | { kind: "created" | "existing"; applicationId: number; token: string; email: string }
  | { kind: "closed"; window: ApplicationWindow }
  | { kind: "rate_limited"; retryAfterMs: number };

/**
 * Saves a checked application with its days, fee, confirmation mail and audit entry, in one
 * transaction. The same form sent twice (same submission key) finds the first application.
 */
export function createApplication(input: {
  editionId: number;
  values: NewApplicationValues;
  now: Date;
  appUrl: string;
  /** The sender's network address, for the per-address limit; omitted by scripts and tests. */
  clientAddress?: string;
}): CreateOutcome {
  const { values, now } = input;
  return transaction((tx): CreateOutcome => {
    const edition = getEdition(input.editionId, tx);
    if (!edition) return { kind: "closed", window: { state: "closed", reason: "closed_by_organisers" } };
    const existing = tx
      .select({ id: t.applications.id, token: t.applications.accessToken, email: t.applications.email })
      .from(t.applications)
      .where(and(eq(t.applications.editionId, edition.id), eq(t.applications.submissionKey, values.submissionKey)))
      .get();
    if (existing) return { kind: "existing", applicationId: existing.id, token: existing.token, email: existing.email };

    const window = applicationWindow(edition, now);
    if (window.state !== "open") return { kind: "closed", window };

    const limited = hit(limitKey("apply", values.email), APPLY_LIMIT.limit, APPLY_LIMIT.windowMs, now, tx);
    if (!limited.allowed) return { kind: "rate_limited", retryAfterMs: limited.retryAfterMs };
    if (input.clientAddress) {
      const byAddress = hit(limitKey("apply-address", input.clientAddress), APPLY_ADDRESS_LIMIT.limit, APPLY_ADDRESS_LIMIT.windowMs, now, tx);
      if (!byAddress.allowed) return { kind: "rate_limited", retryAfterMs: byAddress.retryAfterMs };
    }

    const context = applyContext(edition, tx);
    const fee = feeFor(values, context.fee);
    const token = newAccessToken();
    const application = tx
      .insert(t.applications)
      .values({
        editionId: edition.id,
        accessToken: token,
        submissionKey: values.submissionKey,
        ...columnsOf(values),
        consentedAt: now,
        reviewState: "submitted",
        paymentState: fee.totalCents === 0 ? "not_required" : "pending",
        feeBreakdownJson: JSON.stringify(fee),
        feeTotalCents: fee.totalCents,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: t.applications.id })
      .get();
    tx.insert(t.applicationDays)
      .values(values.dayIds.map((eventDayId) => ({ applicationId: application.id, eventDayId })))
      .run();

    const mail = renderApplicationReceived(mailInput(values, context, fee, fee.totalCents, privateUrl(input.appUrl, token)));
    enqueueMail(tx, { ...mail, to: values.email, template: "application-received", language: values.language, editionId: edition.id, applicationId: application.id }, now);
    recordAudit(tx, {
      actor: { type: "stallholder" },
      editionId: edition.id,
      entityType: "application",
      entityId: application.id,
      action: "application.submitted",
      detail: { feeTotalCents: fee.totalCents, days: values.dayIds.length },
      at: now,
    });
    return { kind: "created", applicationId: application.id, token, email: values.email };
  });
}

const CONTACT_FIELDS = new Set(["contactName", "email", "phone", "postcode", "kvkNumber", "remarks"]);

function columnsOf(values: ApplicationValues) {
  return {
    language: values.language,
    stallName: values.stallName,
    description: values.description,
    categoryId: values.categoryId,
    contactName: values.contactName,
    email: values.email,
    phone: values.phone,
    postcode: values.postcode,
    applicantKind: values.applicantKind,
    kvkNumber: values.kvkNumber,
    frontageCm: values.frontageCm,
    depthCm: values.depthCm,
    needsElectricity: values.needsElectricity,
    electricityWatts: values.electricityWatts,
    rentedStalls: values.rentedStalls,
    remarks: values.remarks,
    heatKind: values.heatKind ?? null,
    deepFrying: values.deepFrying ?? null,
    fireExtinguisher: values.fireExtinguisher ?? null,
    placementWishesJson: wishesToJson(values.wishes ?? []),
  };
}

function mailInput(
  values: Pick<ApplicationValues, "language" | "contactName" | "stallName" | "dayIds">,
  context: ApplyContext,
  fee: FeeBreakdown,
  feeTotalCents: number,
  url: string,
): ApplicationMailInput {
  return {
    language: values.language,
    contactName: values.contactName,
    stallName: values.stallName,
    edition: context.edition,
    days: context.days.filter((d) => values.dayIds.includes(d.id)).map((d) => d.date),
    fee,
    feeTotalCents,
    url,
  };
}

// ---------------------------------------------------------------------------------------------
// Finding it by its token

export { findApplicationByToken, type StallholderApplication };

/** The spots this application stands on, per day (its own data; codes only). */
export function assignedSpots(applicationId: number, conn: DbOrTx = db()): { date: string; codes: string[] }[] {
  const rows = conn
    .select({ date: t.eventDays.date, code: t.spots.code })
    .from(t.stallAssignments)
    .innerJoin(t.assignmentSpots, eq(t.assignmentSpots.assignmentId, t.stallAssignments.id))
    .innerJoin(t.spots, eq(t.spots.id, t.assignmentSpots.spotId))
    .innerJoin(t.eventDays, eq(t.eventDays.id, t.stallAssignments.eventDayId))
    .where(eq(t.stallAssignments.applicationId, applicationId))
    .orderBy(asc(t.eventDays.date), asc(t.spots.alongM), asc(t.spots.code))
    .all();
  const byDay = new Map<string, string[]>();
  for (const row of rows) byDay.set(row.date, [...(byDay.get(row.date) ?? []), row.code]);
  return [...byDay].map(([date, codes]) => ({ date, codes }));
}

// ---------------------------------------------------------------------------------------------
// Changing and withdrawing

export type UpdateOutcome =
  | { kind: "saved"; feeTotalCents: number }
  | { kind: "not_found" }
  | { kind: "not_editable" }
  | { kind: "conflict" };

/** The stallholder's change, while under review: the fee is computed again from the fee table. */
export function updateApplicationByStallholder(input: {
  token: string;
  values: ChangedApplicationValues;
  now: Date;
  appUrl: string;
}): UpdateOutcome {
  const { values, now } = input;
  return transaction((tx): UpdateOutcome => {
    const found = findApplicationByToken(input.token, tx);
    if (!found) return { kind: "not_found" };
    const { application, edition } = found;
    if (!stallholderMayEdit(application.reviewState)) return { kind: "not_editable" };
    if (application.version !== values.version) return { kind: "conflict" };

    const context = applyContext(edition, tx);
    const fee = feeFor(values, context.fee);
    const feeTotalCents = Math.max(0, fee.totalCents + application.feeAdjustmentCents);
    const unpaid = application.paymentState === "pending" || application.paymentState === "not_required";
    const columns = columnsOf(values);
    const changedFields: string[] = (Object.keys(columns) as (keyof typeof columns)[])
      .filter((k) => k !== "placementWishesJson" && columns[k] !== application[k]);
    // Wishes compared as wishes (an older row may hold the same ones written differently).
    const wishesBefore = wishesFromJson(application.placementWishesJson);
    const wishesChanged = wishesToJson(wishesBefore) !== columns.placementWishesJson;
    if (wishesChanged) changedFields.push("wishes");
    const daysBefore = found.days.map((d) => d.id).join(",");
    if (daysBefore !== values.dayIds.join(",")) changedFields.push("days");

    const updated = tx
      .update(t.applications)
      .set({
        ...columns,
        feeBreakdownJson: JSON.stringify(fee),
        feeTotalCents,
        ...(unpaid ? { paymentState: feeTotalCents === 0 ? ("not_required" as const) : ("pending" as const) } : {}),
        version: sql`${t.applications.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(t.applications.id, application.id), eq(t.applications.version, values.version)))
      .run();
    if (updated.changes !== 1) return { kind: "conflict" };
    tx.delete(t.applicationDays).where(eq(t.applicationDays.applicationId, application.id)).run();
    tx.insert(t.applicationDays)
      .values(values.dayIds.map((eventDayId) => ({ applicationId: application.id, eventDayId })))
      .run();

    const url = privateUrl(input.appUrl, application.accessToken);
    const mail = renderApplicationChanged(mailInput(values, context, fee, feeTotalCents, url));
    const recipients = [...new Set([values.email, application.email.toLowerCase()])];
    for (const to of recipients) {
      enqueueMail(tx, { ...mail, to, template: "application-changed", language: values.language, editionId: edition.id, applicationId: application.id }, now);
    }
    recordAudit(tx, {
      actor: { type: "stallholder" },
      editionId: edition.id,
      entityType: "application",
      entityId: application.id,
      action: "application.changed_by_stallholder",
      // Before and after for the stall's own facts, so the history can say "from 3 m to 6 m"; for
      // contact fields the name only: the audit log is not a second copy of personal data.
      detail: {
        fields: changedFields,
        changes: {
          ...Object.fromEntries(
            changedFields
              .filter((field): field is keyof typeof columns => field in columns && !CONTACT_FIELDS.has(field))
              .map((field) => [field, { from: application[field], to: columns[field] }]),
          ),
          // A house number is part of an address: the history says only that there is one.
          ...(wishesChanged ? { wishes: { from: wishesForHistory(wishesBefore), to: wishesForHistory(values.wishes ?? []) } } : {}),
        },
        feeTotalCentsBefore: application.feeTotalCents,
        feeTotalCents,
      },
      at: now,
    });
    return { kind: "saved", feeTotalCents };
  });
}

export type WithdrawOutcome = { kind: "withdrawn" } | { kind: "not_found" } | { kind: "not_allowed" };

/** The stallholder withdraws; a spot they held is freed. Refunds come with the payments feature. */
export function withdrawApplicationByStallholder(input: { token: string; now: Date; appUrl: string }): WithdrawOutcome {
  const { now } = input;
  return transaction((tx): WithdrawOutcome => {
    const found = findApplicationByToken(input.token, tx);
    if (!found) return { kind: "not_found" };
    const { application, edition } = found;
    if (transitionRefusal(application.reviewState, "withdrawn", "stallholder")) return { kind: "not_allowed" };
    tx.update(t.applications)
      .set({ reviewState: "withdrawn", version: sql`${t.applications.version} + 1`, updatedAt: now })
      .where(eq(t.applications.id, application.id))
      .run();
    // An approved stall leaving frees its place for the waitlist; a waitlisted one gives up its offer.
    afterDecision(tx, { row: application, to: "withdrawn", now, appUrl: input.appUrl });
    // Inside the refund period whatever was paid comes back by itself (rules/payment-state).
    const refund = refundOnWithdrawal(tx, application.id, now);
    const freed = tx.delete(t.stallAssignments).where(eq(t.stallAssignments.applicationId, application.id)).run().changes;
    if (freed > 0) {
      tx.update(t.editions)
        .set({ publicRevision: sql`${t.editions.publicRevision} + 1` })
        .where(eq(t.editions.id, edition.id))
        .run();
    }
    const mail = renderApplicationWithdrawn({
      language: application.language,
      contactName: application.contactName,
      stallName: application.stallName,
      edition,
      url: privateUrl(input.appUrl, application.accessToken),
    });
    enqueueMail(tx, { ...mail, to: application.email, template: "application-withdrawn", language: application.language, editionId: edition.id, applicationId: application.id }, now);
    recordAudit(tx, {
      actor: { type: "stallholder" },
      editionId: edition.id,
      entityType: "application",
      entityId: application.id,
      action: "application.withdrawn",
      detail: { from: application.reviewState, paymentState: application.paymentState, freedAssignments: freed, refund },
      at: now,
    });
    return { kind: "withdrawn" };
  });
}

// ---------------------------------------------------------------------------------------------
// "Lost your link?"

/**
 * Queues one mail with every private link for `email`, when there are any and the address has
 * not asked too often. Says nothing about which happened: the page answers the same either way.
 */
export function requestLostLinks(input: { email: string; language: Language; now: Date; appUrl: string; clientAddress?: string }): void {
  const email = input.email.trim().toLowerCase();
  transaction((tx: Tx) => {
    if (input.clientAddress) {
      const byAddress = hit(limitKey("lost-link-address", input.clientAddress), LOST_LINK_ADDRESS_LIMIT.limit, LOST_LINK_ADDRESS_LIMIT.windowMs, input.now, tx);
      if (!byAddress.allowed) return;
    }
    const limited = hit(limitKey("lost-link", email), LOST_LINK_LIMIT.limit, LOST_LINK_LIMIT.windowMs, input.now, tx);
    if (!limited.allowed) return;
    const rows = tx
      .select({
        id: t.applications.id,
        token: t.applications.accessToken,
        stallName: t.applications.stallName,
        editionId: t.applications.editionId,
        nameNl: t.editions.nameNl,
        nameEn: t.editions.nameEn,
      })
      .from(t.applications)
      .innerJoin(t.editions, eq(t.editions.id, t.applications.editionId))
      .where(sql`lower(${t.applications.email}) = ${email}`)
      .orderBy(desc(t.applications.createdAt), desc(t.applications.id))
      .limit(20)
      .all();
    if (rows.length === 0) return;
    const mail = renderLostLink({
      language: input.language,
      links: rows.map((row) => ({
        stallName: row.stallName,
        editionName: input.language === "en" ? row.nameEn : row.nameNl,
        url: privateUrl(input.appUrl, row.token),
      })),
    });
    enqueueMail(tx, { ...mail, to: email, template: "lost-link", language: input.language, editionId: rows[0]!.editionId }, input.now);
    recordAudit(tx, {
      actor: { type: "stallholder" },
      entityType: "application",
      entityId: null,
      action: "application.links_requested",
      detail: { applications: rows.map((r) => r.id) },
      at: input.now,
    });
  });
}


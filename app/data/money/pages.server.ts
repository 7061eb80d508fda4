/**
 * What the organisers' money pages show: per category and in total what was paid, what is still
 * outstanding and what was refunded; every payment and refund with its Stripe reference and who
 * recorded it; and the CSV that reconciles with Stripe's payout report.
 */
import { asc, eq } from "drizzle-orm";
import * as t from "#db/schema";
import { translator, type Language } from "~/i18n/i18n";
import { CSV_BOM, CSV_NEWLINE, CSV_SEPARATOR, csvCell, csvEuros, type CsvValue } from "~/rules/csv";
import { derivePaymentState, effectiveDeadline, isRefundDone, outstandingCents, refundableCents } from "~/rules/payment-state";
import { recordedByKey } from "~/i18n/recorded-by";
import { db, type DbOrTx } from "../db.server";
import { getEdition, listCategories } from "../editions.server";
import { paymentsOf, refundsOf } from "./ledger.server";
import { listPayments } from "./payments.server";
import { listRefunds } from "./refunds.server";

export interface MoneyTotals {
  paidCents: number;
  outstandingCents: number;
  refundedCents: number;
  applications: number;
}

const zero = (): MoneyTotals => ({ paidCents: 0, outstandingCents: 0, refundedCents: 0, applications: 0 });

function organiserNames(conn: DbOrTx): Map<number, string> {
  return new Map(conn.select({ id: t.organisers.id, name: t.organisers.name, email: t.organisers.email }).from(t.organisers).all().map((o) => [o.id, o.name || o.email]));
}

/** The money page of an edition. */
export function moneyOverview(editionId: number, conn: DbOrTx = db()) {
  const categories = listCategories(editionId, conn);
  const applications = conn.select().from(t.applications).where(eq(t.applications.editionId, editionId)).orderBy(asc(t.applications.id)).all();
  const payments = listPayments(editionId, conn);
  const refunds = listRefunds(editionId, {}, conn);
  const byCategory = new Map<number, MoneyTotals>(categories.map((c) => [c.id, zero()]));
  const total = zero();
  const paymentsByApp = new Map<number, typeof payments>();
  for (const p of payments) paymentsByApp.set(p.payment.applicationId, [...(paymentsByApp.get(p.payment.applicationId) ?? []), p]);
  for (const a of applications) {
    const own = (paymentsByApp.get(a.id) ?? []).map((p) => p.payment);
    const paid = own.filter((p) => p.status === "succeeded").reduce((s, p) => s + p.amountCents, 0);
    const refunded = refunds.filter((r) => r.refund.applicationId === a.id && isRefundDone(r.refund.status)).reduce((s, r) => s + r.refund.amountCents, 0);
    // Outstanding: what approved stalls still owe.
    const outstanding = a.reviewState === "approved" ? outstandingCents(a.feeTotalCents, own) : 0;
    if (paid === 0 && refunded === 0 && outstanding === 0) continue;
    const bucket = byCategory.get(a.categoryId) ?? zero();
    byCategory.set(a.categoryId, bucket);
    for (const totals of [bucket, total]) {
      totals.paidCents += paid;
      totals.refundedCents += refunded;
      totals.outstandingCents += outstanding;
      totals.applications += 1;
    }
  }
  const names = organiserNames(conn);
  return {
    total,
    categories: categories.map((c) => ({ id: c.id, nameNl: c.nameNl, nameEn: c.nameEn, colour: c.colour, ...byCategory.get(c.id)! })),
    payments: payments.map(({ payment: p, stallName }) => ({
      id: p.id,
      applicationId: p.applicationId,
      stallName,
      method: p.method,
      status: p.status,
      amountCents: p.amountCents,
      paidAt: p.paidAt,
      createdAt: p.createdAt,
      stripeCheckoutSessionId: p.stripeCheckoutSessionId,
      stripePaymentIntentId: p.stripePaymentIntentId,
      recordedBy: p.recordedBy,
      recordedByName: p.recordedByOrganiserId ? (names.get(p.recordedByOrganiserId) ?? null) : null,
    })),
    refunds: refunds.map(({ refund: r, stallName }) => ({
      ...refundView(r, r.recordedByOrganiserId ? (names.get(r.recordedByOrganiserId) ?? null) : null),
      applicationId: r.applicationId,
      stallName,
    })),
  };
}

/** One application's money, for its organiser page. */
export function applicationMoney(applicationId: number, editionId: number, conn: DbOrTx = db()) {
  const application = conn.select().from(t.applications).where(eq(t.applications.id, applicationId)).get();
  if (!application || application.editionId !== editionId) return null;
  const edition = getEdition(editionId, conn)!;
  const payments = paymentsOf(applicationId, conn);
  const refunds = refundsOf(applicationId, conn);
  const names = organiserNames(conn);
  const who = (id: number | null) => (id ? (names.get(id) ?? null) : null);
  return {
    application: {
      id: application.id,
      stallName: application.stallName,
      contactName: application.contactName,
      email: application.email,
      reviewState: application.reviewState,
      paymentState: application.paymentState,
      derivedState: derivePaymentState({ feeTotalCents: application.feeTotalCents, payments, refunds }),
      feeTotalCents: application.feeTotalCents,
      deadline: effectiveDeadline(application.paymentDueAt, edition.paymentDeadline),
    },
    outstandingCents: application.reviewState === "approved" ? outstandingCents(application.feeTotalCents, payments) : 0,
    refundableCents: refundableCents(payments, refunds),
    refundInProgressCents: refunds.filter((r) => r.status === "pending" || r.status === "to_pay_manually" || r.status === "failed").reduce((sum, r) => sum + r.amountCents, 0),
    payments: payments.map((p) => ({
      id: p.id,
      method: p.method,
      status: p.status,
      amountCents: p.amountCents,
      paidAt: p.paidAt,
      createdAt: p.createdAt,
      note: p.note,
      stripeCheckoutSessionId: p.stripeCheckoutSessionId,
      stripePaymentIntentId: p.stripePaymentIntentId,
      recordedBy: p.recordedBy,
      recordedByName: who(p.recordedByOrganiserId),
    })),
    refunds: refunds.map((r) => ({ ...refundView(r, who(r.recordedByOrganiserId)), paymentId: r.paymentId })),
  };
}

/** What the money pages show of one refund; both the overview and the application's page use it. */
function refundView(r: typeof t.refunds.$inferSelect, recordedByName: string | null) {
  return {
    id: r.id,
    status: r.status,
    amountCents: r.amountCents,
    reason: r.reason,
    stripeRefundId: r.stripeRefundId,
    failureReason: r.failureReason,
    attempts: r.attempts,
    createdAt: r.createdAt,
    completedAt: r.completedAt,
    recordedBy: r.recordedBy,
    recordedByName,
  };
}

/**
 * One row per payment that brought money in and per refund that sent money back, with Stripe's
 * ids, so it lines up with Stripe's payout report (which lists charges and refunds by payment
 * intent and refund id). Amounts in euros with a decimal comma; refunds negative, so the amount
 * column adds up to what stayed with the market.
 */
export function moneyCsv(editionId: number, language: Language, conn: DbOrTx = db()): string {
  const tr = translator(language);
  const applications = new Map(
    conn.select({ id: t.applications.id, stallName: t.applications.stallName }).from(t.applications).where(eq(t.applications.editionId, editionId)).all().map((a) => [a.id, a]),
  );
  const names = organiserNames(conn);
  const who = (code: string, id: number | null) => (id ? (names.get(id) ?? code) : tr(recordedByKey(code)));
  const rows: { at: Date; cells: Cell[] }[] = [];
  for (const { payment: p } of listPayments(editionId, conn)) {
    if (p.status !== "succeeded" && p.status !== "mismatch") continue;
    const at = p.paidAt ?? p.createdAt;
    rows.push({
      at,
      cells: [
        tr("payments.csvPayment"),
        at.toISOString(),
        p.applicationId,
        applications.get(p.applicationId)?.stallName ?? "",
        tr(`payments.method_${p.method}`),
        tr(`payments.paymentStatus_${p.status}`),
        { amount: csvEuros(p.amountCents) },
        p.currency.toUpperCase(),
        p.stripePaymentIntentId,
        p.stripeCheckoutSessionId,
        null,
        who(p.recordedBy, p.recordedByOrganiserId),
        p.note,
      ],
    });
  }
  for (const { refund: r } of listRefunds(editionId, { statuses: ["succeeded", "paid_manually"] }, conn)) {
    const payment = conn.select().from(t.payments).where(eq(t.payments.id, r.paymentId)).get();
    const at = r.completedAt ?? r.createdAt;
    rows.push({
      at,
      cells: [
        tr("payments.csvRefund"),
        at.toISOString(),
        r.applicationId,
        applications.get(r.applicationId)?.stallName ?? "",
        payment ? tr(`payments.method_${payment.method}`) : "",
        tr(`payments.refundStatus_${r.status}`),
        { amount: csvEuros(-r.amountCents) },
        "EUR",
        payment?.stripePaymentIntentId ?? null,
        payment?.stripeCheckoutSessionId ?? null,
        r.stripeRefundId,
        who(r.recordedBy, r.recordedByOrganiserId),
        r.reason,
      ],
    });
  }
  rows.sort((a, b) => a.at.getTime() - b.at.getTime());
  return amountsCsv(
    [
      tr("payments.csvType"),
      tr("payments.csvDate"),
      tr("payments.csvApplication"),
      tr("payments.csvStall"),
      tr("payments.csvMethod"),
      tr("payments.csvStatus"),
      tr("payments.csvAmount"),
      tr("payments.csvCurrency"),
      tr("payments.csvPaymentIntent"),
      tr("payments.csvCheckoutSession"),
      tr("payments.csvRefundId"),
      tr("payments.csvRecordedBy"),
      tr("payments.csvNote"),
    ],
    rows.map((r) => r.cells),
  );
}

/** An amount we computed ourselves ("-10,00"): written as is, so a spreadsheet reads a negative number. */
type Cell = CsvValue | { amount: string };

/** As app/rules/csv.ts `toCsv`, except that our own amounts are not neutralised (only typed text is). */
function amountsCsv(header: string[], rows: Cell[][]): string {
  const cell = (value: Cell) => (value !== null && typeof value === "object" ? (/^-?\d+,\d{2}$/.test(value.amount) ? value.amount : csvCell(value.amount)) : csvCell(value));
  return CSV_BOM + [header, ...rows].map((row) => row.map(cell).join(CSV_SEPARATOR)).join(CSV_NEWLINE) + CSV_NEWLINE;
}

/**
 * The ledger of one application: its payments and refunds, and the payment state that follows
 * from them; and of an edition, what each payment still holding money would pay back. The lowest
 * layer of the money code: payments and refunds both build on it, and it imports neither, so
 * money has no import cycle.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import * as t from "#db/schema";
import { derivePaymentState } from "~/rules/payment-state";
import { db, type DbOrTx, type Tx } from "../db.server";

export type PaymentRow = typeof t.payments.$inferSelect;
export type RefundRow = typeof t.refunds.$inferSelect;

export function paymentsOf(applicationId: number, conn: DbOrTx = db()): PaymentRow[] {
  return conn.select().from(t.payments).where(eq(t.payments.applicationId, applicationId)).orderBy(asc(t.payments.id)).all();
}

export function refundsOf(applicationId: number, conn: DbOrTx = db()): RefundRow[] {
  return conn.select().from(t.refunds).where(eq(t.refunds.applicationId, applicationId)).orderBy(asc(t.refunds.id)).all();
}

/**
 * Writes the payment state that follows from the application's fee, payments and refunds.
 * Called in the transaction of every money change. Returns the state before and after.
 */
export function syncPaymentState(tx: Tx, applicationId: number, now: Date) {
  const application = tx.select().from(t.applications).where(eq(t.applications.id, applicationId)).get();
  if (!application) return null;
  const after = derivePaymentState({
    feeTotalCents: application.feeTotalCents,
    payments: paymentsOf(applicationId, tx),
    refunds: refundsOf(applicationId, tx),
  });
  if (after !== application.paymentState) {
    tx.update(t.applications).set({ paymentState: after, updatedAt: now }).where(eq(t.applications.id, applicationId)).run();
  }
  return { before: application.paymentState, after, application };
}

/** Per payment still holding money: what a full refund would pay back. */
export function refundablePayments(editionId: number, conn: DbOrTx = db()) {
  const refunded = conn
    .select({ paymentId: t.refunds.paymentId, cents: sql<number>`sum(${t.refunds.amountCents})`.as("cents") })
    .from(t.refunds)
    .where(inArray(t.refunds.status, ["pending", "succeeded", "to_pay_manually", "paid_manually"]))
    .groupBy(t.refunds.paymentId)
    .as("refunded");
  return conn
    .select({
      paymentId: t.payments.id,
      applicationId: t.payments.applicationId,
      method: t.payments.method,
      refundableCents: sql<number>`${t.payments.amountCents} - coalesce(${refunded.cents}, 0)`,
    })
    .from(t.payments)
    .innerJoin(t.applications, eq(t.applications.id, t.payments.applicationId))
    .leftJoin(refunded, eq(refunded.paymentId, t.payments.id))
    .where(and(eq(t.applications.editionId, editionId), eq(t.payments.status, "succeeded"), sql`${t.payments.amountCents} - coalesce(${refunded.cents}, 0) > 0`))
    .all();
}

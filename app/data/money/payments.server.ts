/**
 * Payments: Stripe Checkout for the stallholder, Stripe's webhook events, and payments the
 * organisers record by hand (cash, bank transfer; the only way when Stripe is off).
 *
 * Stripe is the source of truth for online money; our rows mirror it, keyed by Stripe ids.
 * Nothing waits on Stripe inside a transaction: we call Stripe, then write. When the process dies
 * between Stripe's answer and our write, the webhook brings the payment in (it creates the row
 * when it is missing). Each webhook event is processed once: its id is written in the same
 * transaction as its effect, and replays or out-of-order deliveries end in the same state
 * (app/rules/payment-state.ts, `nextPaymentStatus`).
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { mayCallPaymentIn } from "~/rules/application-wording";
import * as t from "#db/schema";
import { env } from "~/env.server";
import { translator } from "~/i18n/i18n";
import { renderPaymentReceived } from "~/mail/payment-received";
import { renderPaymentConfirmedFree, renderPaymentRequest } from "~/mail/payment-request";
import { privateUrl } from "~/mail/stallholder";
import {
  checkoutExpiry,
  checkoutLines,
  effectiveDeadline,
  holdsMoney,
  isOverdue,
  linesTotal,
  nextPaymentStatus,
  outstandingCents,
  paidCents,
  type PaymentStatus,
} from "~/rules/payment-state";
import type { FeeBreakdown } from "~/rules/fees";
import { onlinePaymentsEnabled, paymentProvider, providerErrorMessage, type PaymentProvider, type ProviderCharge, type ProviderCheckoutSession, type ProviderEvent } from "./provider.server";
import { findApplicationByToken } from "../stallholder-application.server";
import { recordAudit } from "../audit.server";
import { paymentsOf, syncPaymentState, type PaymentRow, type RefundRow } from "./ledger.server";
import { db, transaction, type DbOrTx, type Tx } from "../db.server";
import { getEdition } from "../editions.server";
import { enqueueMail } from "../outbox.server";
import { createRefundRows, markRefundSucceeded, refundDone } from "./refunds.server";
import { RECORDED_BY } from "~/rules/vocabularies";

type ApplicationRow = typeof t.applications.$inferSelect;
type EditionRow = typeof t.editions.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Reading the money of one application

// ---------------------------------------------------------------------------------------------
// Paying online: Stripe Checkout

export type CheckoutRefusal =
  | "not_found"
  | "not_approved"
  | "nothing_to_pay"
  | "already_paid"
  | "payments_paused"
  | "deadline_passed"
  | "stripe_off"
  | "stripe_error";

export type CheckoutResult = { ok: true; url: string; reused: boolean } | { ok: false; reason: CheckoutRefusal };

/** Why this application cannot pay online now, or null (with what it owes). */
export function checkoutRefusal(
  application: ApplicationRow,
  edition: EditionRow,
  payments: PaymentRow[],
  now: Date,
  stripeOn: boolean,
): { reason: CheckoutRefusal } | { reason: null; amountCents: number } {
  if (application.reviewState !== "approved") return { reason: "not_approved" };
  if (application.feeTotalCents === 0 || application.paymentState === "not_required") return { reason: "nothing_to_pay" };
  if (application.paymentState !== "pending") return { reason: "already_paid" };
  const amountCents = outstandingCents(application.feeTotalCents, payments);
  if (amountCents === 0) return { reason: "already_paid" };
  if (edition.paymentsPaused || edition.status === "cancelled") return { reason: "payments_paused" };
  if (isOverdue(effectiveDeadline(application.paymentDueAt, edition.paymentDeadline), now)) return { reason: "deadline_passed" };
  if (!stripeOn) return { reason: "stripe_off" };
  return { reason: null, amountCents };
}

/**
 * Sends the stallholder to Stripe Checkout: reuses a session that is still open (and asks the
 * same amount, with at least 10 minutes left), else makes one. The amount comes only from the
 * stored fee. The idempotency key names the application, the attempt, the amount and the expiry,
 * so a double click makes one session. On any Stripe error nothing is written.
 */
export async function startCheckout(
  accessToken: string,
  now: Date = new Date(),
  provider: PaymentProvider | null = paymentProvider(),
): Promise<CheckoutResult> {
  const found = findApplicationByToken(accessToken);
  if (!found) return { ok: false, reason: "not_found" };
  const { application, edition } = found;
  const payments = paymentsOf(application.id);
  const check = checkoutRefusal(application, edition, payments, now, provider !== null);
  if (check.reason !== null) return { ok: false, reason: check.reason };
  if (!provider) return { ok: false, reason: "stripe_off" };
  const amountCents = check.amountCents;

  const open = payments
    .filter(
      (p) =>
        p.method === "stripe" &&
        p.status === "open" &&
        p.checkoutUrl &&
        p.amountCents === amountCents &&
        (p.checkoutExpiresAt?.getTime() ?? 0) > now.getTime() + 10 * 60_000,
    )
    .at(-1);
  if (open?.checkoutUrl) return { ok: true, url: open.checkoutUrl, reused: true };

  const config = env();
  const tr = translator(application.language);
  const deadline = effectiveDeadline(application.paymentDueAt, edition.paymentDeadline);
  const expiresAt = checkoutExpiry(now, deadline);
  const attempt = payments.filter((p) => p.method === "stripe").length + 1;
  const breakdown = JSON.parse(application.feeBreakdownJson) as FeeBreakdown;
  const lines = checkoutLines(breakdown, application.feeTotalCents, amountCents);
  if (linesTotal(lines) !== amountCents) throw new Error(`Checkout lines do not add up for application ${application.id}`);
  const editionName = application.language === "en" ? edition.nameEn : edition.nameNl;
  const url = privateUrl(config.APP_URL, application.accessToken);
  const idempotencyKey = `checkout:${application.id}:${attempt}:${amountCents}:${expiresAt.getTime() / 1000}`;

  let session: ProviderCheckoutSession;
  try {
    session = await provider.createCheckoutSession(
      {
        currency: "eur",
        paymentMethods: ["ideal", "card"],
        lines: lines.map((line) => ({
          quantity: line.quantity,
          unitCents: line.unitCents,
          name: tr(`payments.line_${line.kind}`),
          description: `${editionName} – ${application.stallName}`.slice(0, 200),
        })),
        customerEmail: application.email,
        locale: application.language,
        clientReferenceId: String(application.id),
        metadata: { application_id: String(application.id), attempt: String(attempt), edition_id: String(edition.id) },
        paymentIntent: { metadata: { application_id: String(application.id) }, description: `${editionName} – ${application.stallName}`.slice(0, 200) },
        expiresAt: Math.floor(expiresAt.getTime() / 1000),
        successUrl: `${url}?payment=success`,
        cancelUrl: `${url}?payment=cancelled`,
      },
      idempotencyKey,
    );
  } catch (error) {
    console.error(`[zomerparade] Stripe refused or did not answer a checkout for application ${application.id}: ${providerErrorMessage(error)}`);
    return { ok: false, reason: "stripe_error" };
  }
  if (!session.url) {
    console.error(`[zomerparade] Stripe made checkout session ${session.id} without a URL`);
    return { ok: false, reason: "stripe_error" };
  }

  transaction((tx) => {
    const inserted = tx
      .insert(t.payments)
      .values({
        applicationId: application.id,
        method: "stripe",
        status: "open",
        amountCents,
        currency: "eur",
        stripeCheckoutSessionId: session.id,
        checkoutUrl: session.url,
        checkoutExpiresAt: session.expires_at ? new Date(session.expires_at * 1000) : expiresAt,
        recordedBy: RECORDED_BY.checkout,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: t.payments.stripeCheckoutSessionId })
      .returning({ id: t.payments.id })
      .get();
    if (inserted) {
      recordAudit(tx, {
        actor: { type: "stallholder" },
        editionId: edition.id,
        entityType: "application",
        entityId: application.id,
        action: "checkout_started",
        detail: { paymentId: inserted.id, sessionId: session.id, amountCents, attempt },
        at: now,
      });
    }
  });
  return { ok: true, url: session.url, reused: false };
}

// ---------------------------------------------------------------------------------------------
// Stripe's webhook events

export const HANDLED_EVENT_TYPES = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
  "charge.refunded",
] as const;

export type EventOutcome = "processed" | "duplicate" | "ignored" | "unmatched";

function isHandled(type: string): type is (typeof HANDLED_EVENT_TYPES)[number] {
  return (HANDLED_EVENT_TYPES as readonly string[]).includes(type);
}

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  typeof value === "string" ? value : (value?.id ?? null);

/**
 * Processes one verified event, once. Unknown types change nothing (not even the processed
 * list). The event id is recorded in the transaction of its effect, so a crash leaves neither and
 * Stripe's next delivery does the work.
 */
export function processStripeEvent(event: ProviderEvent, now: Date = new Date()): EventOutcome {
  if (!isHandled(event.type)) return "ignored";
  return transaction((tx): EventOutcome => {
    const fresh = tx
      .insert(t.processedWebhookEvents)
      .values({ eventId: event.id, type: event.type, processedAt: now })
      .onConflictDoNothing()
      .returning({ id: t.processedWebhookEvents.eventId })
      .get();
    if (!fresh) return "duplicate";
    if (event.type === "charge.refunded") return chargeRefunded(tx, event.data.object as ProviderCharge, event.id, now);
    const session = event.data.object as ProviderCheckoutSession;
    const incoming: "paid" | PaymentStatus =
      event.type === "checkout.session.completed"
        ? session.payment_status === "paid"
          ? "paid"
          : "open"
        : event.type === "checkout.session.async_payment_succeeded"
          ? "paid"
          : event.type === "checkout.session.async_payment_failed"
            ? "failed"
            : "expired";
    return sessionEvent(tx, session, incoming, { eventId: event.id }, now);
  });
}

/** Where a session's state came from: a webhook event, or asking Stripe (the return from Checkout, the sweep). */
export type SessionOrigin = { eventId: string } | { via: "return" | "sweep" };

/**
 * What a session retrieved from Stripe says happened, in the terms of its webhook events: paid,
 * expired, or null while nothing has (still open, or completed and waiting for a later payment).
 */
export function retrievedSessionOutcome(session: Pick<ProviderCheckoutSession, "status" | "payment_status">): "paid" | "expired" | null {
  if (session.status === "complete" && session.payment_status === "paid") return "paid";
  if (session.status === "expired") return "expired";
  return null;
}

/**
 * A session as retrieved from Stripe, recorded through the webhook's own recording
 * (`sessionEvent`): a late or repeated webhook after it, or it after the webhook, changes nothing
 * (one payment row, one mail). "unchanged" when the session says nothing new.
 */
export function recordRetrievedSession(session: ProviderCheckoutSession, via: "return" | "sweep", now: Date = new Date()): EventOutcome | "unchanged" {
  const incoming = retrievedSessionOutcome(session);
  if (!incoming) return "unchanged";
  return transaction((tx) => sessionEvent(tx, session, incoming, { via }, now));
}

function sessionEvent(tx: Tx, session: ProviderCheckoutSession, incoming: "paid" | PaymentStatus, origin: SessionOrigin, now: Date): EventOutcome {
  const applicationId = Number(session.metadata?.application_id ?? session.client_reference_id);
  const application = Number.isSafeInteger(applicationId)
    ? tx.select().from(t.applications).where(eq(t.applications.id, applicationId)).get()
    : undefined;
  if (!application) {
    recordAudit(tx, { actor: { type: "stripe" }, entityType: "stripe_event", action: "stripe_event_unmatched", detail: { ...origin, sessionId: session.id }, at: now });
    return "unmatched";
  }
  const paymentIntentId = idOf(session.payment_intent);
  let payment = tx.select().from(t.payments).where(eq(t.payments.stripeCheckoutSessionId, session.id)).get();
  if (!payment) {
    // Our write after creating the session never happened (a crash): the webhook brings it in.
    payment = tx
      .insert(t.payments)
      .values({
        applicationId: application.id,
        method: "stripe",
        status: "open",
        amountCents: session.amount_total ?? 0,
        currency: session.currency ?? "eur",
        stripeCheckoutSessionId: session.id,
        stripePaymentIntentId: paymentIntentId,
        checkoutExpiresAt: session.expires_at ? new Date(session.expires_at * 1000) : null,
        recordedBy: RECORDED_BY.webhook,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
  }
  if (payment.applicationId !== application.id) {
    recordAudit(tx, { actor: { type: "stripe" }, entityType: "stripe_event", action: "stripe_event_unmatched", detail: { ...origin, sessionId: session.id, applicationId }, at: now });
    return "unmatched";
  }

  const others = paymentsOf(application.id, tx).filter((p) => p.id !== payment.id);
  const othersPaid = paidCents(others);
  let target: PaymentStatus = incoming === "paid" ? "succeeded" : incoming;
  let problem: string | null = null;
  if (incoming === "paid") {
    const amount = session.amount_total ?? -1;
    if ((session.currency ?? "").toLowerCase() !== "eur") problem = "currency";
    else if (othersPaid < application.feeTotalCents && amount !== application.feeTotalCents - othersPaid) problem = "amount";
    if (problem) target = "mismatch";
  }
  const status = nextPaymentStatus(payment.status, target);
  const becameMoney = !holdsMoney(payment.status) && holdsMoney(status);
  if (status === payment.status && !(paymentIntentId && !payment.stripePaymentIntentId)) return "processed";

  tx.update(t.payments)
    .set({
      status,
      stripePaymentIntentId: payment.stripePaymentIntentId ?? paymentIntentId,
      ...(becameMoney ? { amountCents: session.amount_total ?? payment.amountCents, currency: session.currency ?? payment.currency, paidAt: now } : {}),
      updatedAt: now,
    })
    .where(eq(t.payments.id, payment.id))
    .run();
  if (status === payment.status) return "processed";

  const amountCents = becameMoney ? (session.amount_total ?? payment.amountCents) : payment.amountCents;
  recordAudit(tx, {
    actor: { type: "stripe" },
    editionId: application.editionId,
    entityType: "application",
    entityId: application.id,
    action: `payment_${status}`,
    detail: {
      paymentId: payment.id,
      sessionId: session.id,
      ...origin,
      amountCents,
      currency: session.currency,
      ...(problem ? { problem, expectedCents: Math.max(0, application.feeTotalCents - othersPaid) } : {}),
    },
    at: now,
  });
  if (!becameMoney) return "processed";

  // Money arrived. For an application that is no longer approved it goes back by itself; so does
  // a second payment for a fee that was already paid.
  const autoRefund =
    application.reviewState !== "approved"
      ? { reason: `application_${application.reviewState}`, recordedBy: RECORDED_BY.notActive }
      : othersPaid >= application.feeTotalCents
        ? { reason: "duplicate_payment", recordedBy: RECORDED_BY.duplicate }
        : null;
  if (autoRefund) {
    const created = createRefundRows(tx, {
      applicationId: application.id,
      parts: [{ paymentId: payment.id, amountCents }],
      reason: autoRefund.reason,
      organiserId: null,
      recordedBy: autoRefund.recordedBy,
      now,
    });
    recordAudit(tx, {
      actor: { type: "system" },
      editionId: application.editionId,
      entityType: "application",
      entityId: application.id,
      action: "payment_refund_automatic",
      detail: { paymentId: payment.id, amountCents, reason: autoRefund.reason, refundIds: created },
      at: now,
    });
  }
  const sync = syncPaymentState(tx, application.id, now);
  if (status === "succeeded" && !autoRefund && sync) queuePaymentReceived(tx, sync.application, payment.id, amountCents, now);
  return "processed";
}

/**
 * A refund made at Stripe (ours, or one from the dashboard). Our pending refunds it contains are
 * completed; money refunded that we do not know of gets a row of its own, so our books match
 * Stripe's `amount_refunded` whatever order the events came in.
 */
function chargeRefunded(tx: Tx, charge: ProviderCharge, eventId: string, now: Date): EventOutcome {
  const paymentIntentId = idOf(charge.payment_intent);
  const payment = paymentIntentId
    ? tx.select().from(t.payments).where(eq(t.payments.stripePaymentIntentId, paymentIntentId)).get()
    : undefined;
  if (!payment) {
    recordAudit(tx, { actor: { type: "stripe" }, entityType: "stripe_event", action: "stripe_event_unmatched", detail: { eventId, chargeId: charge.id }, at: now });
    return "unmatched";
  }
  const refunds = tx.select().from(t.refunds).where(eq(t.refunds.paymentId, payment.id)).orderBy(asc(t.refunds.id)).all();
  const completed: number[] = [];
  // Through the same function as our own call's answer: the row, the state, the mail (once).
  const complete = (refund: RefundRow, stripeRefundId: string | null) => {
    if (markRefundSucceeded(tx, refund.id, stripeRefundId, now, { type: "stripe" })) completed.push(refund.id);
    refund.status = "succeeded";
  };
  // 1. Refunds Stripe lists, matched by their id or by our refund id in their metadata.
  for (const listed of charge.refunds?.data ?? []) {
    if (listed.status === "failed" || listed.status === "canceled") continue;
    const ours = refunds.find((r) => r.stripeRefundId === listed.id || String(r.id) === listed.metadata?.refund_id);
    if (ours && ours.status === "pending") complete(ours, listed.id);
  }
  // 2. Whatever Stripe says was refunded beyond what we have as done.
  const done = () => refunds.filter((r) => r.status === "succeeded").reduce((s, r) => s + r.amountCents, 0);
  let difference = charge.amount_refunded - done();
  for (const pending of refunds.filter((r) => r.status === "pending")) {
    if (difference >= pending.amountCents) {
      complete(pending, null);
      difference -= pending.amountCents;
    }
  }
  if (difference > 0) {
    const row = tx
      .insert(t.refunds)
      .values({
        paymentId: payment.id,
        applicationId: payment.applicationId,
        amountCents: difference,
        status: "succeeded",
        reason: "refunded_at_stripe",
        idempotencyKey: `charge-refunded:${charge.id}:${charge.amount_refunded}`,
        recordedBy: RECORDED_BY.stripe,
        completedAt: now,
        createdAt: now,
      })
      .onConflictDoNothing({ target: t.refunds.idempotencyKey })
      .returning()
      .get();
    if (row) {
      completed.push(row.id);
      // Money back that was made at Stripe: the stallholder hears of it as of any other refund.
      refundDone(tx, row, now, { type: "stripe" });
    }
  }
  if (completed.length === 0) return "processed";
  const sync = syncPaymentState(tx, payment.applicationId, now);
  recordAudit(tx, {
    actor: { type: "stripe" },
    editionId: sync?.application.editionId ?? null,
    entityType: "application",
    entityId: payment.applicationId,
    action: "refund_confirmed_by_stripe",
    detail: { paymentId: payment.id, chargeId: charge.id, amountRefundedCents: charge.amount_refunded, refundIds: completed, eventId },
    at: now,
  });
  return "processed";
}

// ---------------------------------------------------------------------------------------------
// Payments recorded by hand

export type ManualPaymentResult =
  | { ok: true; paymentId: number }
  | { ok: false; reason: "not_found" | "not_approved" | "invalid_amount" | "more_than_outstanding" | "nothing_to_pay" };

/** Cash or a bank transfer, recorded by an organiser (amount, date, note). */
export function recordManualPayment(input: {
  applicationId: number;
  editionId: number;
  method: "cash" | "bank_transfer";
  amountCents: number;
  paidAt: Date;
  note: string;
  organiserId: number;
  now?: Date;
}): ManualPaymentResult {
  const now = input.now ?? new Date();
  return transaction((tx): ManualPaymentResult => {
    const application = tx.select().from(t.applications).where(eq(t.applications.id, input.applicationId)).get();
    if (!application || application.editionId !== input.editionId) return { ok: false, reason: "not_found" };
    if (application.reviewState !== "approved") return { ok: false, reason: "not_approved" };
    if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) return { ok: false, reason: "invalid_amount" };
    const outstanding = outstandingCents(application.feeTotalCents, paymentsOf(application.id, tx));
    if (outstanding === 0) return { ok: false, reason: "nothing_to_pay" };
    if (input.amountCents > outstanding) return { ok: false, reason: "more_than_outstanding" };
    const payment = tx
      .insert(t.payments)
      .values({
        applicationId: application.id,
        method: input.method,
        status: "succeeded",
        amountCents: input.amountCents,
        currency: "eur",
        paidAt: input.paidAt,
        note: input.note.trim().slice(0, 1000),
        recordedByOrganiserId: input.organiserId,
        recordedBy: RECORDED_BY.organiser,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: t.payments.id })
      .get();
    const sync = syncPaymentState(tx, application.id, now);
    recordAudit(tx, {
      actor: { type: "organiser", organiserId: input.organiserId },
      editionId: application.editionId,
      entityType: "application",
      entityId: application.id,
      action: "manual_payment_recorded",
      detail: { paymentId: payment.id, method: input.method, amountCents: input.amountCents, paidAt: input.paidAt.toISOString() },
      at: now,
    });
    if (sync) queuePaymentReceived(tx, sync.application, payment.id, input.amountCents, now);
    return { ok: true, paymentId: payment.id };
  });
}

// ---------------------------------------------------------------------------------------------
// Mail

function queuePaymentReceived(tx: Tx, applicationBefore: ApplicationRow, paymentId: number, amountCents: number, now: Date) {
  const application = tx.select().from(t.applications).where(eq(t.applications.id, applicationBefore.id)).get()!;
  const edition = getEdition(application.editionId, tx)!;
  const mail = renderPaymentReceived({
    language: application.language,
    contactName: application.contactName,
    stallName: application.stallName,
    edition,
    amountCents,
    outstandingCents: outstandingCents(application.feeTotalCents, paymentsOf(application.id, tx)),
    url: privateUrl(env().APP_URL, application.accessToken),
  });
  enqueueMail(
    tx,
    { ...mail, to: application.email, template: "payment-received", language: application.language, editionId: edition.id, applicationId: application.id, dedupeKey: `payment-received:${paymentId}` },
    now,
  );
}

/**
 * The approval flow calls this in its transaction: an approved application with a fee gets a mail
 * with its pay link (or, with Stripe off, how to pay); a free one a confirmation that nothing is
 * to be paid. Nothing while the edition's payments are paused. Once per fee amount (dedupe key).
 */
export function queuePaymentRequest(tx: Tx, applicationId: number, now: Date = new Date()): "pay_link" | "free_confirmation" | "skipped" {
  const application = tx.select().from(t.applications).where(eq(t.applications.id, applicationId)).get();
  if (!application || application.reviewState !== "approved") return "skipped";
  const edition = getEdition(application.editionId, tx);
  if (!edition) return "skipped";
  const url = privateUrl(env().APP_URL, application.accessToken);
  const base = { to: application.email, language: application.language, editionId: edition.id, applicationId: application.id };
  if (application.feeTotalCents === 0 || application.paymentState === "not_required") {
    const mail = renderPaymentConfirmedFree({ language: application.language, contactName: application.contactName, stallName: application.stallName, edition, url });
    const id = enqueueMail(tx, { ...mail, ...base, template: "payment-confirmed-free", dedupeKey: `payment-free:${application.id}` }, now);
    return id === null ? "skipped" : "free_confirmation";
  }
  if (application.paymentState !== "pending" || edition.paymentsPaused) return "skipped";
  const payments = paymentsOf(application.id, tx);
  const mail = renderPaymentRequest({
    language: application.language,
    contactName: application.contactName,
    stallName: application.stallName,
    edition,
    amountCents: outstandingCents(application.feeTotalCents, payments),
    deadline: effectiveDeadline(application.paymentDueAt, edition.paymentDeadline),
    url,
    online: onlinePaymentsEnabled(),
  });
  const id = enqueueMail(tx, { ...mail, ...base, template: "payment-request", dedupeKey: `payment-request:${application.id}:${application.feeTotalCents}` }, now);
  if (id !== null) {
    recordAudit(tx, { actor: { type: "system" }, editionId: edition.id, entityType: "application", entityId: application.id, action: "payment_requested", detail: { mailId: id }, at: now });
  }
  return id === null ? "skipped" : "pay_link";
}

// ---------------------------------------------------------------------------------------------
// For the private page

export type PayNotice = "success" | "cancelled" | CheckoutRefusal;
const NOTICES: readonly PayNotice[] = [
  "success",
  "cancelled",
  "not_found",
  "not_approved",
  "nothing_to_pay",
  "already_paid",
  "payments_paused",
  "deadline_passed",
  "stripe_off",
  "stripe_error",
];

/**
 * What the private page's payment box shows (app/components/payments/PayBox.tsx): whether the pay
 * button is offered, why not, what is owed and until when, and the notice for `?payment=`.
 */
export function payBoxFor(applicationId: number, request: Request, now: Date = new Date()) {
  const application = db().select().from(t.applications).where(eq(t.applications.id, applicationId)).get();
  const edition = application ? getEdition(application.editionId) : undefined;
  if (!application || !edition) return null;
  const payments = paymentsOf(application.id);
  const check = checkoutRefusal(application, edition, payments, now, onlinePaymentsEnabled());
  const param = new URL(request.url).searchParams.get("payment");
  return {
    payable: check.reason === null,
    refusal: check.reason,
    outstandingCents: outstandingCents(application.feeTotalCents, payments),
    paymentState: application.paymentState,
    // "Your payment is in, your stall is confirmed" only while that is true (not after a cancellation
    // or withdrawal, and not for a free stall, which paid nothing).
    paidAndConfirmed: mayCallPaymentIn({ reviewState: application.reviewState, paymentState: application.paymentState, editionStatus: edition.status }),
    deadline: effectiveDeadline(application.paymentDueAt, edition.paymentDeadline)?.toISOString() ?? null,
    notice: NOTICES.find((n) => n === param) ?? null,
    action: `/a/${application.accessToken}/pay`,
  };
}

export type PayBoxData = NonNullable<ReturnType<typeof payBoxFor>>;

/** Stripe payment rows of applications, for the reconciliation run and the money page. */
export function listPayments(editionId: number, conn: DbOrTx = db()) {
  return conn
    .select({ payment: t.payments, stallName: t.applications.stallName, categoryId: t.applications.categoryId })
    .from(t.payments)
    .innerJoin(t.applications, eq(t.applications.id, t.payments.applicationId))
    .where(and(eq(t.applications.editionId, editionId), inArray(t.payments.status, ["succeeded", "mismatch", "open", "failed", "expired"])))
    .orderBy(desc(t.payments.id))
    .all();
}

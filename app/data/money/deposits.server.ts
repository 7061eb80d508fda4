/**
 * The deposit (borg) after the market: released when the spot was left clean (its refund goes
 * through the refund machinery, app/data/money/refunds.server.ts, with a fixed idempotency key per
 * payment, so the worker sends it once and a crash only delays it) or kept by an organiser with a
 * reason. One decision per application (unique in deposit_decisions), the stallholder's mail and
 * the audit entry in the same transaction.
 */
import { and, eq, inArray, like } from "drizzle-orm";
import * as t from "#db/schema";
import { env } from "~/env.server";
import { renderDepositDecided } from "~/mail/deposit-decided";
import { privateUrl } from "~/mail/stallholder";
import { checkDepositDecision, DEPOSIT_REFUND_REASON, depositRefundKey, depositState, type DepositAction, type DepositProblem, type DepositState } from "~/rules/deposit";
import type { OrganiserRole } from "~/rules/organiser-roles";
import { depositOf, type FeeBreakdown } from "~/rules/fees";
import { splitRefund } from "~/rules/payment-state";
import { recordAudit } from "../audit.server";
import { db, transaction, type DbOrTx } from "../db.server";
import { getEdition } from "../editions.server";
import { enqueueMail } from "../outbox.server";
import { paymentsOf, refundsOf } from "./ledger.server";
import { RECORDED_BY } from "~/rules/vocabularies";
import { createRefundRows } from "./refunds.server";

export interface DepositInfo {
  applicationId: number;
  amountCents: number;
  state: DepositState;
  reason: string;
  decidedAt: Date | null;
}

const amountOf = (feeBreakdownJson: string) => depositOf(JSON.parse(feeBreakdownJson) as FeeBreakdown);

/** The deposit of each application given (absent = none asked). */
export function depositsOf(applicationIds: number[], conn: DbOrTx = db()): Map<number, DepositInfo> {
  const out = new Map<number, DepositInfo>();
  if (applicationIds.length === 0) return out;
  const apps = conn
    .select({ id: t.applications.id, feeBreakdownJson: t.applications.feeBreakdownJson, paymentState: t.applications.paymentState })
    .from(t.applications)
    .where(inArray(t.applications.id, applicationIds))
    .all();
  const decisions = new Map(conn.select().from(t.depositDecisions).where(inArray(t.depositDecisions.applicationId, applicationIds)).all().map((d) => [d.applicationId, d]));
  const depositRefunds = conn
    .select({ applicationId: t.refunds.applicationId, status: t.refunds.status })
    .from(t.refunds)
    .where(and(inArray(t.refunds.applicationId, applicationIds), like(t.refunds.idempotencyKey, "deposit:%")))
    .all();
  for (const app of apps) {
    const amountCents = amountOf(app.feeBreakdownJson);
    if (amountCents <= 0) continue;
    const decision = decisions.get(app.id);
    const mine = depositRefunds.filter((r) => r.applicationId === app.id);
    const refundStatus = mine.length === 0 ? null : mine.every((r) => r.status === "succeeded" || r.status === "paid_manually") ? "succeeded" : "pending";
    out.set(app.id, {
      applicationId: app.id,
      amountCents: decision?.amountCents ?? amountCents,
      state: depositState({ depositCents: amountCents, paymentState: app.paymentState, decision: decision ? { decision: decision.decision, refundStatus } : null }),
      reason: decision?.reason ?? "",
      decidedAt: decision?.createdAt ?? null,
    });
  }
  return out;
}

export function depositOfApplication(applicationId: number, conn: DbOrTx = db()): DepositInfo | null {
  return depositsOf([applicationId], conn).get(applicationId) ?? null;
}

export type DepositDecisionResult = { ok: true; decision: "released" | "kept" } | { ok: false; problem: DepositProblem | "not_found" };

/** Release (spot left clean) or keep (with a reason) the deposit of one application, once. */
export function decideDeposit(input: {
  applicationId: number;
  editionId: number;
  action: DepositAction;
  reason: string;
  organiser: { id: number; role: OrganiserRole };
  now?: Date;
}): DepositDecisionResult {
  const now = input.now ?? new Date();
  try {
    return transaction((tx): DepositDecisionResult => {
      const application = tx.select().from(t.applications).where(eq(t.applications.id, input.applicationId)).get();
      if (!application || application.editionId !== input.editionId) return { ok: false, problem: "not_found" };
      const info = depositOfApplication(application.id, tx);
      const checked = checkDepositDecision({ action: input.action, role: input.organiser.role, reason: input.reason, state: info?.state ?? "none" });
      if (!checked.ok) return checked;
      const amountCents = info!.amountCents;
      const decision = input.action === "release" ? ("released" as const) : ("kept" as const);
      let refundId: number | null = null;
      let viaStripe = false;
      if (decision === "released") {
        const payments = paymentsOf(application.id, tx);
        const newestFirst = [...payments].sort((a, b) => (b.paidAt?.getTime() ?? 0) - (a.paidAt?.getTime() ?? 0) || b.id - a.id);
        const parts = splitRefund(amountCents, newestFirst, refundsOf(application.id, tx));
        if (!parts) return { ok: false, problem: "not_paid" };
        const ids = createRefundRows(tx, {
          applicationId: application.id,
          parts,
          reason: DEPOSIT_REFUND_REASON,
          organiserId: input.organiser.id,
          recordedBy: RECORDED_BY.organiser,
          now,
          idempotencyKey: (paymentId) => depositRefundKey(application.id, paymentId),
        });
        refundId = ids[0] ?? null;
        viaStripe = newestFirst.find((p) => p.id === parts[0]?.paymentId)?.method === "stripe";
      }
      tx.insert(t.depositDecisions)
        .values({ applicationId: application.id, decision, amountCents, reason: checked.reason, refundId, decidedByOrganiserId: input.organiser.id, createdAt: now })
        .run();
      const edition = getEdition(application.editionId, tx)!;
      const mail = renderDepositDecided({
        language: application.language,
        contactName: application.contactName,
        stallName: application.stallName,
        edition,
        decision,
        amountCents,
        reason: checked.reason,
        viaStripe,
        url: privateUrl(env().APP_URL, application.accessToken),
      });
      enqueueMail(tx, { ...mail, to: application.email, template: `deposit-${decision}`, language: application.language, editionId: edition.id, applicationId: application.id, dedupeKey: `deposit:${application.id}` }, now);
      recordAudit(tx, {
        actor: { type: "organiser", organiserId: input.organiser.id },
        editionId: application.editionId,
        entityType: "application",
        entityId: application.id,
        action: decision === "released" ? "deposit_released" : "deposit_kept",
        detail: { amountCents, reason: checked.reason, refundId },
        at: now,
      });
      return { ok: true, decision };
    });
  } catch (error) {
    // Two decisions at the same moment: the unique index lets one in; the other was too late.
    if (error instanceof Error && /UNIQUE constraint failed: deposit_decisions/.test(error.message)) return { ok: false, problem: "already_decided" };
    throw error;
  }
}

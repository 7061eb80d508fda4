/** The audit log: who changed what, when. Written inside the transaction of the change itself. */
import { and, desc, eq } from "drizzle-orm";
import * as t from "#db/schema";
import { db, type DbOrTx } from "./db.server";

export type Actor =
  | { type: "organiser"; organiserId: number }
  | { type: "stallholder" }
  | { type: "system" }
  | { type: "stripe" };

export function recordAudit(
  conn: DbOrTx,
  entry: {
    actor: Actor;
    editionId?: number | null;
    entityType: string;
    entityId?: number | null;
    action: string;
    detail?: Record<string, unknown>;
    at?: Date;
  },
) {
  conn
    .insert(t.auditLog)
    .values({
      actorType: entry.actor.type,
      actorOrganiserId: entry.actor.type === "organiser" ? entry.actor.organiserId : null,
      editionId: entry.editionId ?? null,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      action: entry.action,
      detailJson: JSON.stringify(entry.detail ?? {}),
      ...(entry.at ? { at: entry.at } : {}),
    })
    .run();
}

export function auditTrail(entityType: string, entityId: number, conn: DbOrTx = db()) {
  return conn
    .select()
    .from(t.auditLog)
    .where(and(eq(t.auditLog.entityType, entityType), eq(t.auditLog.entityId, entityId)))
    .orderBy(desc(t.auditLog.at), desc(t.auditLog.id))
    .all();
}

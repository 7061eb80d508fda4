/** Mails every confirmed stallholder their spot, through the outbox, once per published revision. */
import { and, eq, inArray } from "drizzle-orm";
import * as t from "#db/schema";
import { publicStatus } from "~/rules/edition-status";
import { spotNoticeMail } from "~/mail/spot-notice";
import { recordAudit } from "./audit.server";
import { transaction } from "./db.server";
import { enqueueMail } from "./outbox.server";

export function sendSpotNotices(editionId: number, organiserId: number, appUrl: string, now = new Date()): { queued: number } {
  return transaction((tx) => {
    const edition = tx.select().from(t.editions).where(eq(t.editions.id, editionId)).get();
    if (!edition) return { queued: 0 };
    const rows = tx
      .select({
        applicationId: t.applications.id,
        accessToken: t.applications.accessToken,
        language: t.applications.language,
        contactName: t.applications.contactName,
        email: t.applications.email,
        stallName: t.applications.stallName,
        date: t.eventDays.date,
        code: t.spots.code,
      })
      .from(t.applications)
      .innerJoin(t.stallAssignments, eq(t.stallAssignments.applicationId, t.applications.id))
      .innerJoin(t.assignmentSpots, eq(t.assignmentSpots.assignmentId, t.stallAssignments.id))
      .innerJoin(t.spots, eq(t.spots.id, t.assignmentSpots.spotId))
      .innerJoin(t.eventDays, eq(t.eventDays.id, t.stallAssignments.eventDayId))
      .where(
        and(
          eq(t.applications.editionId, editionId),
          eq(t.applications.reviewState, "approved"),
          inArray(t.applications.paymentState, ["paid", "not_required"]),
        ),
      )
      .all();
    const byApplication = new Map<number, typeof rows>();
    for (const row of rows) byApplication.set(row.applicationId, [...(byApplication.get(row.applicationId) ?? []), row]);
    let queued = 0;
    for (const [applicationId, spots] of byApplication) {
      const first = spots[0]!;
      const days = [...new Set(spots.map((s) => s.date))].sort().map((date) => ({
        date,
        codes: spots.filter((s) => s.date === date).map((s) => s.code).sort(),
      }));
      const mail = spotNoticeMail({
        language: first.language,
        contactName: first.contactName,
        stallName: first.stallName,
        editionName: first.language === "en" ? edition.nameEn : edition.nameNl,
        days,
        privateUrl: `${appUrl}/a/${first.accessToken}`,
        status: publicStatus(edition, first.language),
      });
      const id = enqueueMail(
        tx,
        {
          ...mail,
          to: first.email,
          template: "spot-notice",
          language: first.language,
          editionId,
          applicationId,
          // One notice per stall per published state of the map: sending twice without a change sends nothing new.
          dedupeKey: `spot-notice:${applicationId}:${edition.publicRevision}`,
        },
        now,
      );
      if (id !== null) queued += 1;
    }
    recordAudit(tx, { actor: { type: "organiser", organiserId }, editionId, entityType: "edition", entityId: editionId, action: "spot_notices_sent", detail: { queued } });
    return { queued };
  });
}

// Issue 13, item 4: the decision mail always goes before the pay-link mail, whatever the queue order.
import { expect, test } from "vitest";
import * as t from "#db/schema";
import { createApplication } from "~/data/applications.server";
import { db } from "~/data/db.server";
import { deliverDueMail, enqueueMail } from "~/data/outbox.server";
import { makeEdition } from "#tests/helpers/factories";
import { eq } from "drizzle-orm";

function applyNow() {
  const { edition, days, categories } = makeEdition();
  db().update(t.editions).set({ applicationsOpenAt: new Date(Date.now() - 3600_000) }).where(eq(t.editions.id, edition.id)).run();
  const outcome = createApplication({
    editionId: edition.id,
    now: new Date(),
    appUrl: "https://zomerparade.example",
    values: {
      submissionKey: "mail-order-key-000001",
      language: "nl",
      stallName: "Wafels",
      description: "",
      categoryId: categories[0]!.id,
      contactName: "Zoë Yılmaz",
      email: "zoe@example.org",
      phone: "0612345678",
      applicantKind: "resident",
      postcode: "3812 AB",
      kvkNumber: null,
      frontageCm: 300,
      depthCm: 300,
      needsElectricity: false,
      electricityWatts: null,
      rentedStalls: 0,
      dayIds: [days[0]!.id],
      remarks: "",
    },
  });
  if (outcome.kind !== "created") throw new Error(`not created: ${outcome.kind}`);
  return { edition, applicationId: outcome.applicationId as number };
}

test("a pay link queued before the approval is sent after it", async () => {
  const { edition, applicationId } = applyNow();
  const base = { to: "zoe@example.org", language: "nl" as const, editionId: edition.id, applicationId, text: "x", html: "<p>x</p>" };
  const conn = db();
  await deliverDueMail(async () => undefined); // the confirmation of receipt goes out first
  enqueueMail(conn, { ...base, template: "payment-request", subject: "Betaal je standplaats" });
  enqueueMail(conn, { ...base, template: "review-approved", subject: "Je aanmelding is goedgekeurd" });
  const subjects: string[] = [];
  const transport = async (m: { subject: string }) => {
    subjects.push(m.subject);
  };
  await deliverDueMail(transport);
  await deliverDueMail(transport);
  expect(subjects).toEqual(["Je aanmelding is goedgekeurd", "Betaal je standplaats"]);
});

test("a failed decision mail does not hold the pay link back", async () => {
  const { edition, applicationId } = applyNow();
  const base = { to: "zoe@example.org", language: "nl" as const, editionId: edition.id, applicationId, text: "x", html: "<p>x</p>" };
  const conn = db();
  await deliverDueMail(async () => undefined);
  const decision = enqueueMail(conn, { ...base, template: "review-approved", subject: "Goedgekeurd" })!;
  conn.update(t.outbox).set({ status: "failed" }).where(eq(t.outbox.id, decision)).run();
  enqueueMail(conn, { ...base, template: "payment-request", subject: "Betaal" });
  const subjects: string[] = [];
  await deliverDueMail(async (m) => {
    subjects.push(m.subject);
  });
  expect(subjects).toEqual(["Betaal"]);
});

/**
 * Issue 13 (the status page's part): every sentence on /organiser/status and in the banner is true
 * for the case at hand. A table over the edition status × Stripe on/off × refunds all done / some
 * failed, rendered through the built server in both languages. The built server reads its
 * configuration once, so Stripe on and Stripe off each run in a file of their own
 * (status-page-truth.test.ts, status-page-truth-no-stripe.test.ts) over these cases.
 */
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  test,
} from "vitest";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { changeEditionStatus } from "~/data/edition-status.server";
import { listEventDays } from "~/data/editions.server";
import { paymentProvider, runCancellationJob } from "~/data/money.server";
import { resetEnvForTests } from "~/env.server";
import { makeApplication, makeEdition } from "#tests/helpers/factories";
import { readableText } from "#tests/helpers/page-text";
import { renderPage } from "#tests/helpers/remix";
import { signedIn } from "#tests/helpers/signed-in";
import {
  clearStripeEnv,
  mockStripePerTest,
  stripeState,
} from "#tests/mocks/stripe";

export function statusPageTruth(stripe: boolean) {
  mockStripePerTest({
    beforeAll,
    afterAll,
    beforeEach,
    afterEach,
    resetEnv: resetEnvForTests,
  });
  if (!stripe) {
    beforeEach(() => {
      clearStripeEnv();
      resetEnvForTests();
    });
  }

  const NOW = new Date("2099-05-01T10:00:00Z");
  type Status = "scheduled" | "uncertain" | "cancelled" | "postponed";
  const STATUSES: Status[] = [
    "scheduled",
    "uncertain",
    "cancelled",
    "postponed",
  ];
  const CASES = STATUSES.flatMap((status) =>
    (["all_ok", "some_failed"] as const).map((refunds) => ({
      status,
      stripe,
      refunds,
    }))
  );

  /** Four paid stalls; through Stripe unless "all ok" has to be possible without Stripe (then cash). */
  async function caseAt(
    status: Status,
    stripe: boolean,
    refunds: "all_ok" | "some_failed"
  ) {
    const made = makeEdition();
    const category = made.categories.find((c) => !c.isFree)!;
    const viaStripe = stripe || refunds === "some_failed";
    for (let i = 0; i < 4; i++) {
      const app = makeApplication(made.edition, category.id, {
        feeTotalCents: 2000,
        paymentState: "paid",
      });
      db()
        .insert(t.payments)
        .values({
          applicationId: app.id,
          method: viaStripe ? "stripe" : "cash",
          status: "succeeded",
          amountCents: 2000,
          stripePaymentIntentId: viaStripe ? `pi_truth_${app.id}` : null,
          paidAt: NOW,
          recordedBy: viaStripe ? "stripe_webhook" : "organiser",
        })
        .run();
    }
    const { organiser, cookie } = signedIn("organiser");
    const base = {
      editionId: made.edition.id,
      expectedFrom: "scheduled" as const,
      messageNl: "Bericht",
      messageEn: "Message",
      decisionExpectedOn: null,
      organiserId: organiser.id,
      appUrl: "http://localhost",
      now: NOW,
    };
    if (status === "uncertain")
      changeEditionStatus({ ...base, to: "uncertain" });
    if (status === "postponed") {
      const current = listEventDays(made.edition.id).map((d) => ({
        dayId: d.id,
        date: d.date,
        startsAt: d.startsAt,
        endsAt: d.endsAt,
      }));
      changeEditionStatus({
        ...base,
        to: "postponed",
        postponement: {
          daysBefore: current,
          daysAfter: current.map((d) => ({ ...d, date: "2099-07-10" })),
          choiceDeadline: "2099-07-01T10:00:00.000Z",
          defaultChoice: "keep",
        },
      });
    }
    if (status === "cancelled") {
      const result = changeEditionStatus({ ...base, to: "cancelled" });
      if (!result.ok || !result.jobId) throw new Error("no job");
      if (stripe && refunds === "some_failed")
        stripeState.refundFaults.push("invalid", "invalid");
      await runCancellationJob(result.jobId, paymentProvider(), NOW);
    }
    return cookie;
  }

  async function text(path: string, cookie: string) {
    const response = await renderPage(path, { headers: { Cookie: cookie } });
    expect(response.status, path).toBe(200);
    return readableText(await response.text());
  }

  describe("the status page says only what is true", () => {
    test.each(CASES)(
      "$status, Stripe $stripe, refunds $refunds",
      async ({ status, stripe, refunds }) => {
        const cookie = await caseAt(status, stripe, refunds);
        const nl = await text("/organiser/status?lang=nl", cookie);
        const en = await text("/organiser/status?lang=en", cookie);
        const preview = await text(
          "/organiser/status?lang=nl&to=cancelled",
          cookie
        );

        // The switches.
        if (status === "cancelled") {
          expect(nl).not.toContain("gewone aanmeldvenster");
          expect(nl).not.toContain("gaan gewoon door");
          expect(en).not.toContain("usual application window");
          expect(nl).toContain(
            "Aanmelden is gesloten omdat de markt is afgelast."
          );
          expect(nl).toContain(
            "Er gaan geen betaalverzoeken of herinneringen meer uit"
          );
        } else {
          expect(nl).toContain("Aanmelden volgt het gewone aanmeldvenster.");
          expect(nl).toContain(
            stripe
              ? "Betaalverzoeken en herinneringen gaan gewoon door."
              : "Online betalen staat uit: betalingen leg je zelf vast"
          );
        }

        // The cancellation preview promises Stripe refunds only when Stripe can make them.
        if (status !== "cancelled") {
          if (stripe)
            expect(preview).toMatch(
              /4 betalingen via Stripe \(€ 80,00\) worden volledig terugbetaald/
            );
          else if (refunds === "some_failed") {
            expect(preview).not.toContain("worden volledig terugbetaald");
            expect(preview).toContain("online betalen staat uit");
          } else
            expect(preview).toContain(
              "komen op de lijst voor de penningmeester"
            );
        }

        // Right after cancelling, the preview of the same status does not promise mail to everyone.
    if (status === "cancelled") {
      expect(nl).not.toContain("iedereen krijgt het nieuwe bericht");
      expect(nl).toContain("niemand krijgt een e-mail");
    }

    // The refund run's summary.
        if (status === "cancelled") {
          expect(nl).not.toMatch(/Klaar\.(?!\w)/);
          if (refunds === "some_failed") {
            expect(nl).not.toContain("Klaar");
            expect(nl).toContain(
              stripe
                ? "Gestopt: 2 van de 4 terugbetalingen zijn mislukt. Probeer ze hieronder opnieuw."
                : "Gestopt: 4 van de 4 terugbetalingen zijn mislukt, omdat online betalen uit staat."
            );
            expect(en).toContain("Stopped:");
          } else {
            expect(nl).toContain(
              stripe
                ? "Klaar: alles is terugbetaald."
                : "4 contante of bankbetalingen betaalt de penningmeester nog terug"
            );
          }
        } else {
          expect(nl).not.toContain("Terugbetalingen na afgelasten");
        }

        // The banner above the page and the current status line.
        const title = {
          scheduled: "De markt gaat door",
          uncertain: "Onzeker of de markt doorgaat",
          cancelled: "De markt is afgelast",
          postponed: "De markt is verplaatst",
        }[status];
        expect(nl).toContain(title);
        if (status !== "scheduled") expect(nl).toMatch(/Laatst gewijzigd: /);
        if (status === "postponed")
          expect(nl).toMatch(/Nieuwe datum: \S+ 10 juli 2099/);
      }
    );
  });
}

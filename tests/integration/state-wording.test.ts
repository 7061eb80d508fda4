/**
 * One truth per state: for every combination of application state, payment state and edition
 * status, the private page, the organiser's list, the application page and the money page say
 * only what is true for that combination, in both languages.
 */
import { describe, expect, test } from "vitest";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { makeApplication, makeEdition } from "#tests/helpers/factories";
import { renderPage } from "#tests/helpers/remix";
import { readableText } from "#tests/helpers/page-text";
import { signedIn } from "./organiser-fixtures";

type Review = (typeof t.REVIEW_STATES)[number];
type Payment = (typeof t.PAYMENT_STATES)[number];
type EditionStatus = "scheduled" | "uncertain" | "cancelled";
/** The private page; the application's row in the organiser's list; its application and money pages. */
type Page = "private" | "row" | "organiser";

/** Written out here, not taken from the rules under test: submitted, waitlisted or approved, in an edition not cancelled. */
const mayStillCome = (c: Combo) => c.edition !== "cancelled" && (c.review === "approved" || c.review === "submitted" || c.review === "waitlisted");

/** Sentences that are true only in some cases, per language, with the case they need. */
const CLAIMS: { name: string; nl: RegExp; en: RegExp; trueWhen: (c: Combo) => boolean; pages: Page[] }[] = [
  {
    name: "the stall is confirmed",
    nl: /kraam is bevestigd|Bevestigd: je kraam/,
    en: /Your stall is confirmed|Confirmed: your stall/,
    // Partly refunded: paid, with part given back after a lower fee; the stall still stands.
    trueWhen: (c) => c.review === "approved" && c.edition !== "cancelled" && (c.payment === "paid" || c.payment === "partially_refunded" || c.payment === "not_required"),
    pages: ["private"],
  },
  {
    name: "still to be paid",
    nl: /Nog niet betaald|Nog te betalen|Betalen met iDEAL/,
    en: /Not paid yet|Still to pay|Pay with iDEAL/,
    trueWhen: (c) => c.review === "approved" && c.payment === "pending",
    pages: ["private", "row", "organiser"],
  },
  {
    name: "paid",
    nl: /(?:^|[^e])Betaald(?!,? wordt terugbetaald| na)/m,
    en: /(?:^|\s)Paid\b(?!, being refunded)/,
    trueWhen: (c) => c.payment === "paid",
    pages: ["private", "row"],
  },
  {
    name: "a spot is coming",
    nl: /standplaats wordt hier getoond/,
    en: /spot is shown here once/,
    trueWhen: mayStillCome,
    pages: ["private"],
  },
  {
    name: "money comes back",
    nl: /Wat je betaald hebt, krijg je terug|wordt terugbetaald$/m,
    en: /Whatever you paid is refunded\.|being refunded$/m,
    trueWhen: (c) => c.payment === "paid" || c.payment === "partially_refunded" || c.payment === "refunded",
    pages: ["private"],
  },
  {
    name: "money is still owed back",
    nl: /Nog terug te betalen/,
    en: /Still to refund/,
    trueWhen: (c) => c.review !== "approved" && c.review !== "submitted" && c.review !== "waitlisted",
    pages: ["organiser"],
  },
  {
    // An edition cancelled and started afresh: its cancelled applications stay cancelled.
    name: "the market goes ahead after all, apply again",
    nl: /De markt gaat inmiddels toch door/,
    en: /The market is now going ahead after all/,
    trueWhen: (c) => c.review === "cancelled" && c.edition !== "cancelled",
    pages: ["private"],
  },
  {
    name: "the market is cancelled (said of now)",
    nl: /omdat de markt is afgelast/,
    en: /because the market has been cancelled/,
    trueWhen: (c) => c.edition === "cancelled",
    pages: ["private"],
  },
  {
    name: "the link can change the application",
    nl: /kan je aanmelding zien en wijzigen/,
    en: /can see and change your application/,
    trueWhen: mayStillCome,
    pages: ["private"],
  },
  {
    // Not for a free stall: it paid nothing.
    name: "the payment is in",
    nl: /Je betaling is binnen/,
    en: /Your payment has arrived/,
    trueWhen: (c) => c.payment === "paid" || c.payment === "partially_refunded",
    pages: ["private"],
  },
  {
    name: "a refund rule for a stall that pays nothing",
    nl: /krijg je wat je betaald hebt volledig terug/,
    en: /everything you paid is refunded in full/,
    trueWhen: (c) => c.payment !== "not_required",
    pages: ["private"],
  },
  {
    // A fee nobody will be asked for reads as a bill.
    name: "what it costs",
    nl: /Wat het kost/,
    en: /What it costs/,
    trueWhen: mayStillCome,
    pages: ["private"],
  },
  {
    name: "details can still be changed by asking",
    nl: /Moet er toch iets veranderen/,
    en: /Need a change anyway/,
    trueWhen: mayStillCome,
    pages: ["private"],
  },
];

interface Combo {
  review: Review;
  payment: Payment;
  edition: EditionStatus;
}

function combosFor(edition: EditionStatus): Combo[] {
  return t.REVIEW_STATES.flatMap((review) => t.PAYMENT_STATES.map((payment) => ({ review, payment, edition })));
}

function rowOf(html: string, stallName: string): string {
  const row = [...html.matchAll(/<tr\b[\s\S]*?<\/tr>/g)].map((m) => m[0]).find((r) => r.includes(stallName));
  if (!row) throw new Error(`no row for ${stallName}`);
  return row;
}

describe.each(["scheduled", "uncertain", "cancelled"] as const)("edition %s", (editionStatus) => {
  test("every application state × payment state says only what is true, on every page, in both languages", async () => {
    const { edition, categories, days } = makeEdition({ status: editionStatus, days: ["2099-07-03"] });
    const combos = combosFor(editionStatus).map((combo) => {
      const paid = combo.payment !== "pending" && combo.payment !== "not_required";
      const application = makeApplication(edition, categories[0]!.id, {
        stallName: `Kraam ${combo.review} ${combo.payment}`,
        reviewState: combo.review,
        paymentState: combo.payment,
        feeTotalCents: combo.payment === "not_required" ? 0 : 4000,
      });
      db().insert(t.applicationDays).values({ applicationId: application.id, eventDayId: days[0]!.id }).run();
      if (paid) {
        const payment = db()
          .insert(t.payments)
          .values({ applicationId: application.id, method: "cash", status: "succeeded", amountCents: 4000, paidAt: new Date(), recordedBy: "organiser" })
          .returning()
          .get();
        if (combo.payment !== "paid") {
          db().insert(t.refunds)
            .values({
              applicationId: application.id,
              paymentId: payment.id,
              amountCents: combo.payment === "refunded" ? 4000 : 1000,
              status: "paid_manually",
              reason: "edition_cancelled",
              idempotencyKey: `refund-${application.id}`,
              recordedBy: "organiser",
              completedAt: new Date(),
            })
            .run();
        }
      }
      return { combo, application };
    });
    const { cookie } = signedIn("admin");
    const problems: string[] = [];
    for (const language of ["nl", "en"] as const) {
      const headers = { Cookie: `${cookie}; lang=${language}` };
      const list = await (await renderPage("/organiser/applications", { headers })).text();
      for (const { combo, application } of combos) {
        const pages: Record<Page, string> = {
          private: readableText(await (await renderPage(`/a/${application.accessToken}`, { headers: { Cookie: `lang=${language}` } })).text()),
          row: readableText(rowOf(list, application.stallName)),
          organiser: [
            readableText(await (await renderPage(`/organiser/applications/${application.id}`, { headers })).text()).replace(/[\s\S]*?<h1|Geschiedenis[\s\S]*|History[\s\S]*/g, ""),
            readableText(await (await renderPage(`/organiser/payments/${application.id}`, { headers })).text()),
          ].join("\n"),
        };
        // And the way back in is said where it is true (not only never where it is false).
        if (combo.review === "cancelled" && combo.edition !== "cancelled" && !/De markt gaat inmiddels toch door|The market is now going ahead after all/.test(pages.private)) {
          problems.push(`${language} private page, ${combo.review}/${combo.payment}/${combo.edition}: does not say the market goes ahead after all`);
        }
        for (const claim of CLAIMS) {
          for (const page of claim.pages) {
            const says = claim[language].test(pages[page]);
            if (says && !claim.trueWhen(combo)) {
              problems.push(`${language} ${page} page, ${combo.review}/${combo.payment}/${combo.edition}: says "${claim.name}" — ${pages[page].match(claim[language])?.[0]}`);
            }
          }
        }
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);
});

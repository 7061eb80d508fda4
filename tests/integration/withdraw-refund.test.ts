// A paid stallholder withdrawing through the private page: inside the refund period the money
// goes back through Stripe by itself; later it does not.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from "vitest";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { paymentProvider, processDueRefunds } from "~/data/money.server";
import { resetEnvForTests } from "~/env.server";
import { action as withdrawAction } from "~/routes/a.$token_.withdraw";
import { mockStripePerTest, stripeState } from "#tests/mocks/stripe";
import { payableApplication } from "#tests/mocks/payment-fixtures";

mockStripePerTest({ beforeAll, afterAll, beforeEach, afterEach, resetEnv: resetEnvForTests });

function paidApplication(firstDay: string) {
  const made = payableApplication({ days: [firstDay], overrides: { paymentState: "paid" } });
  db().insert(t.payments).values({ applicationId: made.application.id, method: "stripe", status: "succeeded", amountCents: 2750, stripePaymentIntentId: `pi_test_w_${made.application.id}`, paidAt: new Date(), recordedBy: "stripe_webhook" }).run();
  return made;
}

async function withdraw(token: string) {
  const request = new Request(`http://localhost/a/${token}/withdraw`, { method: "POST", body: new URLSearchParams(), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  return (await withdrawAction({ request, params: { token }, context: {} })) as Response;
}

test("withdrawn well before the market: the full amount is refunded through Stripe, once", async () => {
  const { application } = paidApplication("2099-07-03");
  expect((await withdraw(application.accessToken)).status).toBe(303);
  const refunds = db().select().from(t.refunds).where(eq(t.refunds.applicationId, application.id)).all();
  expect(refunds).toMatchObject([{ amountCents: 2750, status: "pending", recordedBy: "system_withdrawal" }]);
  await processDueRefunds(paymentProvider()!, new Date());
  await processDueRefunds(paymentProvider()!, new Date());
  expect(stripeState.refunds.size).toBe(1);
  expect(db().select().from(t.applications).where(eq(t.applications.id, application.id)).get()).toMatchObject({ reviewState: "withdrawn", paymentState: "refunded" });
});

test("withdrawn inside the last days before the market: nothing comes back by itself", async () => {
  const soon = new Date(Date.now() + 3 * 24 * 3600_000).toISOString().slice(0, 10);
  const { application } = paidApplication(soon);
  expect((await withdraw(application.accessToken)).status).toBe(303);
  expect(db().select().from(t.refunds).where(eq(t.refunds.applicationId, application.id)).all()).toEqual([]);
  expect(db().select().from(t.applications).where(eq(t.applications.id, application.id)).get()!.paymentState).toBe("paid");
});

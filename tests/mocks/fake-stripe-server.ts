/**
 * A tiny Stripe-compatible HTTP server on loopback for the browser tests, where the app runs in
 * its own process and msw cannot reach it (like stripe-mock, via STRIPE_API_URL). It knows the
 * calls the app makes: Checkout Sessions (create, retrieve) and Refunds (create, retrieve), with Stripe's
 * idempotency behaviour, and serves a stand-in Checkout page at the session's URL.
 */
import { createServer, type Server } from "node:http";

export interface FakeStripe {
  url: string;
  sessions: Map<string, Record<string, unknown>>;
  refunds: Map<string, Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startFakeStripe(): Promise<FakeStripe> {
  const sessions = new Map<string, Record<string, unknown>>();
  const refunds = new Map<string, Record<string, unknown>>();
  const byKey = new Map<string, Record<string, unknown>>();
  let counter = 0;
  let base = "";
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", base);
      const send = (status: number, value: unknown, type = "application/json") => {
        res.writeHead(status, { "Content-Type": type });
        res.end(typeof value === "string" ? value : JSON.stringify(value));
      };
      const key = req.headers["idempotency-key"];
      const idempotent = (make: () => Record<string, unknown>) => {
        if (typeof key === "string" && byKey.has(key)) return byKey.get(key)!;
        const made = make();
        if (typeof key === "string") byKey.set(key, made);
        return made;
      };
      const form = new URLSearchParams(body);
      if (req.method === "POST" && url.pathname === "/v1/checkout/sessions") {
        const session = idempotent(() => {
          const id = `cs_test_fake_${++counter}`;
          let amount = 0;
          for (let i = 0; form.has(`line_items[${i}][quantity]`); i++) {
            amount += Number(form.get(`line_items[${i}][price_data][unit_amount]`)) * Number(form.get(`line_items[${i}][quantity]`));
          }
          const metadata: Record<string, string> = {};
          for (const [k, v] of form) {
            const m = /^metadata\[(\w+)\]$/.exec(k);
            if (m) metadata[m[1]!] = v;
          }
          const created = {
            id,
            object: "checkout.session",
            url: `${base}/checkout/${id}`,
            mode: "payment",
            status: "open",
            payment_status: "unpaid",
            amount_total: amount,
            currency: form.get("currency") ?? "eur",
            client_reference_id: form.get("client_reference_id"),
            customer_email: form.get("customer_email"),
            metadata,
            expires_at: Number(form.get("expires_at")),
            success_url: form.get("success_url"),
            cancel_url: form.get("cancel_url"),
            payment_intent: `pi_test_fake_${counter}`,
          };
          sessions.set(id, created);
          return created;
        });
        return send(200, session);
      }
      const sessionMatch = /^\/v1\/checkout\/sessions\/([\w-]+)$/.exec(url.pathname);
      if (req.method === "GET" && sessionMatch) {
        const session = sessions.get(sessionMatch[1]!);
        return session ? send(200, session) : send(404, { error: { type: "invalid_request_error", message: "No such session" } });
      }
      const refundMatch = /^\/v1\/refunds\/([\w-]+)$/.exec(url.pathname);
      if (req.method === "GET" && refundMatch) {
        const refund = refunds.get(refundMatch[1]!);
        return refund ? send(200, refund) : send(404, { error: { type: "invalid_request_error", message: "No such refund" } });
      }
      if (req.method === "POST" && url.pathname === "/v1/refunds") {
        const refund = idempotent(() => {
          const id = `re_test_fake_${++counter}`;
          const created = { id, object: "refund", amount: Number(form.get("amount")), currency: "eur", payment_intent: form.get("payment_intent"), status: "succeeded", metadata: {} };
          refunds.set(id, created);
          return created;
        });
        return send(200, refund);
      }
      const checkoutPage = /^\/checkout\/([\w-]+)$/.exec(url.pathname);
      if (req.method === "GET" && checkoutPage) {
        return send(200, `<!doctype html><title>Fake Stripe Checkout</title><h1 data-session="${checkoutPage[1]}">Fake Stripe Checkout</h1>`, "text/html");
      }
      send(404, { error: { type: "invalid_request_error", message: `Unknown ${req.method} ${url.pathname}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return { url: base, sessions, refunds, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

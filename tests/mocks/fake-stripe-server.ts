/**
 * The msw Stripe double (stripe.ts) on a loopback port, for the browser tests: there the app runs
 * in its own process, pointed here with STRIPE_API_URL, and msw cannot intercept its requests.
 * Every API call is answered by the same handlers the unit and integration tests use (msw's
 * getResponse), so there is one Stripe double with one idempotency behaviour. Beside the API it
 * serves a stand-in Checkout page at a session's URL, and POST /__test/pay/<session> marks a
 * session paid, as Stripe does when the stallholder pays.
 */
import { createServer, type Server } from "node:http";
import { getResponse } from "msw";
import { paySession, stripeHandlers, stripeState, STRIPE_TEST_URL } from "./stripe";

export interface FakeStripe {
  url: string;
  close(): Promise<void>;
}

export async function startFakeStripe(): Promise<FakeStripe> {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url ?? "/";
    const method = req.method ?? "GET";
    const send = (status: number, body: string, type = "application/json") => {
      res.writeHead(status, { "Content-Type": type });
      res.end(body);
    };
    const checkoutPage = /^\/checkout\/([\w-]+)$/.exec(path);
    if (method === "GET" && checkoutPage) {
      return send(200, `<!doctype html><title>Fake Stripe Checkout</title><h1 data-session="${checkoutPage[1]}">Fake Stripe Checkout</h1>`, "text/html");
    }
    const pay = /^\/__test\/pay\/([\w-]+)$/.exec(path);
    if (method === "POST" && pay) {
      try {
        return send(200, JSON.stringify(paySession(pay[1]!)));
      } catch {
        return send(404, JSON.stringify({ error: { type: "invalid_request_error", message: "No such checkout session" } }));
      }
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string" && name !== "host" && name !== "content-length") headers.set(name, value);
    }
    const request = new Request(`${STRIPE_TEST_URL}${path}`, {
      method,
      headers,
      body: method === "GET" || method === "HEAD" ? undefined : Buffer.concat(chunks),
    });
    const response = await getResponse(stripeHandlers, request);
    if (!response) return send(404, JSON.stringify({ error: { type: "invalid_request_error", message: `Unknown ${method} ${path}` } }));
    res.writeHead(response.status, { "Content-Type": response.headers.get("Content-Type") ?? "application/json" });
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  stripeState.checkoutUrlBase = `${url}/checkout`;
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

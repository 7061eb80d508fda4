// The production server: Express in front of the Remix build. Plain JavaScript so that it runs
// on Node without a compile step; everything else lives in the build (app/).
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createServer } from "node:http";
import { createRequestHandler as createWebRequestHandler, writeReadableStreamToWritable } from "@remix-run/node";
import compression from "compression";
import express from "express";

const buildPath = path.resolve("build/index.js");
const build = await import(pathToFileURL(buildPath).href);
const guards = build.entry.module;
// Every log line passes through the redaction of private links (app/services/request-guards.server.ts).
guards.installLogRedaction();

try {
  // Migrations and first-start data before the first request (app/services/boot.server.ts).
  build.entry.module.boot();
} catch (error) {
  console.error("[zomerparade] could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
}

const mode = process.env.NODE_ENV ?? "production";
const remix = createWebRequestHandler(build, mode);
const hsts = (process.env.APP_URL ?? "").startsWith("https://");
// Behind TRUST_PROXY=N reverse proxies the client's address is the N-th X-Forwarded-For entry
// from the right (app/services/request-guards.server.ts clientAddressFrom); unset, the socket's.
const trustedHops = guards.trustedHops(process.env.TRUST_PROXY);

/** A short plain-text answer (its status says what happened; the text says it to a person). */
function refuse(res, status, text) {
  if (res.headersSent) return;
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
  res.end(text);
}
const TOO_LARGE = "Het verzoek is te groot. / The request is too large.";
const LINGER_BYTES = 4 * 1024 * 1024;
const LINGER_MS = 2000;

/**
 * 413 for a body over the limit, sent at once. What the client is still sending is thrown away
 * unparsed for a moment (so it can read the answer instead of a reset connection), at most
 * LINGER_BYTES or LINGER_MS; then the connection is closed: a huge body is never read.
 */
function refuseBody(req, res) {
  refuse(res, 413, TOO_LARGE);
  let discarded = 0;
  // Half-close first, so the 413 already written reaches the client before the connection goes:
  // a reset while the client still writes would make its kernel drop the unread answer.
  const close = () => {
    req.socket.end();
    setTimeout(() => req.socket.destroy(), 1000).unref();
  };
  const timer = setTimeout(close, LINGER_MS);
  timer.unref();
  req.on("data", (chunk) => {
    discarded += chunk.length;
    if (discarded > LINGER_BYTES) {
      clearTimeout(timer);
      close();
    }
  });
  req.once("end", () => clearTimeout(timer));
  req.resume();
}

/** Headers every response gets unless its maker set them (static files, CSV, JSON, the fast path). */
function addDefaultHeaders(res) {
  const writeHead = res.writeHead;
  res.writeHead = function (statusCode, ...rest) {
    const given = rest.find((arg) => arg && typeof arg === "object" && !Array.isArray(arg)) ?? {};
    const has = (name) => res.hasHeader(name) || Object.keys(given).some((key) => key.toLowerCase() === name);
    if (!has("x-content-type-options")) res.setHeader("X-Content-Type-Options", "nosniff");
    if (hsts && !has("strict-transport-security")) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    if (statusCode === 429 && !has("retry-after")) res.setHeader("Retry-After", "60");
    return writeHead.call(this, statusCode, ...rest);
  };
}

/**
 * The request body, read here up to the route's limit (app/services/request-guards.server.ts
 * bodyLimitFor) as it streams, chunked or not: null when it is larger (then 413 has been sent
 * and nothing more is read).
 */
function readBody(req, res, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let seen = 0;
    const onData = (chunk) => {
      seen += chunk.length;
      if (seen > limit) {
        req.off("data", onData);
        req.off("end", onEnd);
        refuseBody(req, res);
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("error", reject);
  });
}

/** Express's request as the Web Request Remix takes, the body read in full and within its limit. */
async function webRequest(req, res) {
  const url = new URL(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const init = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    const body = await readBody(req, res, guards.bodyLimitFor(url.pathname));
    if (body === null) return null;
    headers.delete("transfer-encoding");
    headers.set("content-length", String(body.length));
    init.body = body;
  }
  return new Request(url.href, init);
}

async function sendResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

const app = express();
app.disable("x-powered-by");
app.use(compression());
// While the database file is missing, replaced or damaged, nothing that writes is accepted
// (app/services/storage-down.server.ts).
app.use((req, res, next) => {
  const refusal = guards.refuseWriteWhileStorageDown(req);
  if (!refusal) return next();
  res.status(refusal.status).set(refusal.headers).send(refusal.body);
});
// Cross-site form posts are refused for every route (app/services/cross-site.server.ts).
app.use((req, res, next) => {
  const crossSite = guards.isCrossSitePost({
    method: req.method,
    path: req.path,
    host: req.headers.host,
    origin: req.headers.origin,
    secFetchSite: req.headers["sec-fetch-site"],
  });
  if (crossSite) {
    res.setHeader("Connection", "close");
    refuse(res, 403, "Cross-site form posts are not accepted.");
    return;
  }
  // A page still open with the old no-referrer policy posts with `Origin: null`; Sec-Fetch-Site
  // said it is our own (or it was refused above), so Remix need not see the opaque origin.
  if (req.headers.origin === "null") delete req.headers.origin;
  next();
});
// Fingerprinted assets never change; everything else in public/ may.
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.all("*", async (req, res, next) => {
  try {
    const request = await webRequest(req, res);
    if (request) await sendResponse(res, await remix(request));
  } catch (error) {
    next(error);
  }
});
app.use((error, req, res, _next) => {
  console.error("[zomerparade] request failed:", req.method, req.originalUrl, error);
  if (res.headersSent) res.destroy();
  else refuse(res, error instanceof URIError ? 400 : 500, "Er ging iets mis. / Something went wrong.");
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";

// Public pages and the GeoJSON for anonymous visitors come from a micro-cache in front of Express
// (app/services/public-fast-path.server.ts); everything else goes through Express and Remix.
const fastPath = guards.createPublicFastPath(remix, {
  origin: () => `http://127.0.0.1:${port}`,
});
const server = createServer((req, res) => {
  addDefaultHeaders(res);
  req.headers["x-forwarded-for"] = guards.clientAddressFrom(req.headers["x-forwarded-for"], req.socket.remoteAddress, trustedHops);
  // A declared body larger than the route allows is refused before a byte of it is read.
  const declared = Number(req.headers["content-length"] ?? "0");
  if (Number.isFinite(declared) && declared > guards.bodyLimitFor(new URL(req.url ?? "/", "http://x").pathname)) {
    refuseBody(req, res);
    return;
  }
  fastPath.handle(req, res).then(
    (handled) => {
      if (!handled) app(req, res);
    },
    (error) => {
      console.error("[zomerparade] fast path failed; passing the request on", error);
      if (!res.headersSent) app(req, res);
    },
  );
});
server.listen(port, host, () => {
  const shown = host === "0.0.0.0" ? "localhost" : host;
  console.info(`[zomerparade] listening on http://${shown}:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}

// The production server: Express in front of the Remix build. Plain JavaScript so that it runs
// on Node without a compile step; everything else lives in the build (app/).
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createServer } from "node:http";
import { createRequestHandler } from "@remix-run/express";
import { createRequestHandler as createWebRequestHandler } from "@remix-run/node";
import compression from "compression";
import express from "express";

const buildPath = path.resolve("build/index.js");
const build = await import(pathToFileURL(buildPath).href);

try {
  // Migrations and first-start data before the first request (app/services/boot.server.ts).
  build.entry.module.boot();
} catch (error) {
  console.error("[zomerparade] could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
}

const app = express();
app.disable("x-powered-by");
app.use(compression());
// The client's address, for per-address limits (app/services/auth.server.ts clientAddress).
// Behind a reverse proxy set TRUST_PROXY=1 so its X-Forwarded-For is used; otherwise any
// X-Forwarded-For a client sends is replaced by the socket's address, so it cannot be forged.
const trustProxy = process.env.TRUST_PROXY === "1";
app.use((req, _res, next) => {
  if (!trustProxy) req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
  next();
});
// While the database file is missing, replaced or damaged, nothing that writes is accepted
// (app/services/storage-down.server.ts).
app.use((req, res, next) => {
  const refusal = build.entry.module.refuseWriteWhileStorageDown(req);
  if (!refusal) return next();
  res.status(refusal.status).set(refusal.headers).send(refusal.body);
});
// Cross-site form posts are refused for every route (app/services/cross-site.server.ts).
app.use((req, res, next) => {
  const crossSite = build.entry.module.isCrossSitePost({
    method: req.method,
    path: req.path,
    host: req.headers.host,
    origin: req.headers.origin,
    secFetchSite: req.headers["sec-fetch-site"],
  });
  if (crossSite) {
    res.status(403).type("text/plain").send("Cross-site form posts are not accepted.");
    return;
  }
  next();
});
// Fingerprinted assets never change; everything else in public/ may.
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV ?? "production" }));

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";

// Public pages and the GeoJSON for anonymous visitors come from a micro-cache in front of Express
// (app/services/public-fast-path.server.ts); everything else goes through Express and Remix.
const mode = process.env.NODE_ENV ?? "production";
const fastPath = build.entry.module.createPublicFastPath(createWebRequestHandler(build, mode), {
  origin: () => `http://127.0.0.1:${port}`,
});
const server = createServer((req, res) => {
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

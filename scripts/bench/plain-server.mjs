// The reference for the bench: a plain Node `http` server answering every request with the same
// recorded response (status, headers, body) from memory. Usage: node plain-server.mjs <response.json> <port>
import { readFileSync } from "node:fs";
import http from "node:http";

const [file, port] = process.argv.slice(2);
const recorded = JSON.parse(readFileSync(file, "utf8"));
const body = Buffer.from(recorded.bodyBase64, "base64");
const headers = { ...recorded.headers, "content-length": String(body.length) };
const server = http.createServer((_request, response) => {
  response.writeHead(recorded.status, headers);
  response.end(body);
});
server.keepAliveTimeout = 30_000;
server.listen(Number(port), "127.0.0.1", () => process.send?.("listening"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));

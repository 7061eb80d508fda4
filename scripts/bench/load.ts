/**
 * A small, bounded HTTP/1.1 load generator for loopback benchmarks: N keep-alive connections,
 * each sending one request at a time, until a request count or a duration is reached. Raw
 * sockets and a minimal response parser keep the client cheap, so that on a small machine the
 * server, not the client, is what gets measured.
 */
import net from "node:net";

export interface LoadOptions {
  url: string;
  /** Concurrent keep-alive connections. */
  connections: number;
  /** Stop after this many completed requests… */
  maxRequests: number;
  /** …or after this long, whichever comes first. */
  maxDurationMs: number;
  headers?: Record<string, string>;
  /** Requests before measuring starts (JIT, caches). */
  warmupRequests?: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** Status codes seen, with counts. */
  statuses: Record<number, number>;
  durationMs: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  bytesPerResponse: number;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "[::1]", "localhost"]);

export function assertLoopback(url: URL) {
  if (!LOOPBACK.has(url.hostname)) throw new Error(`The bench only sends traffic to this machine, not to ${url.host}`);
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.url);
  assertLoopback(url);
  if (options.connections < 1 || options.connections > 512) throw new Error("connections must be 1..512");
  if (options.maxRequests < 1 || options.maxDurationMs <= 0 || options.maxDurationMs > 60_000) {
    throw new Error("a load run needs a request limit and a duration of at most 60 s");
  }
  const head =
    `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: keep-alive\r\n` +
    Object.entries(options.headers ?? {})
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("") +
    "\r\n";
  const request = Buffer.from(head, "latin1");

  if (options.warmupRequests) {
    await drive(url, request, Math.min(options.connections, 8), options.warmupRequests, 10_000);
  }
  return drive(url, request, options.connections, options.maxRequests, options.maxDurationMs);
}

async function drive(url: URL, request: Buffer, connections: number, maxRequests: number, maxDurationMs: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let started = 0;
  let bytes = 0;
  const begin = performance.now();
  const deadline = begin + maxDurationMs;
  const port = Number(url.port || 80);
  const host = url.hostname.replace(/^\[|\]$/g, "");

  const connection = () =>
    new Promise<void>((resolve) => {
      const socket = net.connect({ host, port, noDelay: true });
      const parser = new ResponseParser();
      let sentAt = 0;
      const next = () => {
        if (started >= maxRequests || performance.now() >= deadline) {
          socket.end();
          resolve();
          return;
        }
        started += 1;
        sentAt = performance.now();
        socket.write(request);
      };
      socket.on("connect", next);
      socket.on("data", (chunk: Buffer) => {
        for (const response of parser.push(chunk)) {
          latencies.push(performance.now() - sentAt);
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          bytes += response.bodyBytes;
          next();
        }
      });
      socket.on("error", () => {
        errors += 1;
        resolve();
      });
      socket.on("close", () => resolve());
    });

  await Promise.all(Array.from({ length: connections }, connection));
  const durationMs = performance.now() - begin;
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    requests: latencies.length,
    errors,
    statuses,
    durationMs,
    requestsPerSecond: (latencies.length / durationMs) * 1000,
    p50Ms: pick(0.5),
    p99Ms: pick(0.99),
    bytesPerResponse: latencies.length ? bytes / latencies.length : 0,
  };
}

/** Just enough HTTP/1.1 response parsing: status, Content-Length or chunked bodies, no-body statuses. */
class ResponseParser {
  private buffer: Buffer = Buffer.alloc(0);

  *push(chunk: Buffer): Generator<{ status: number; bodyBytes: number }> {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const parsed = this.one();
      if (!parsed) return;
      yield parsed;
    }
  }

  private one(): { status: number; bodyBytes: number } | null {
    const headEnd = this.buffer.indexOf("\r\n\r\n");
    if (headEnd < 0) return null;
    const head = this.buffer.toString("latin1", 0, headEnd);
    const status = Number(head.slice(9, 12));
    const lower = head.toLowerCase();
    let offset = headEnd + 4;
    if (status === 304 || status === 204 || (status >= 100 && status < 200)) {
      this.buffer = this.buffer.subarray(offset);
      return { status, bodyBytes: 0 };
    }
    const length = /\r\ncontent-length:\s*(\d+)/.exec(lower);
    if (length) {
      const size = Number(length[1]);
      if (this.buffer.length < offset + size) return null;
      this.buffer = this.buffer.subarray(offset + size);
      return { status, bodyBytes: size };
    }
    if (/\r\ntransfer-encoding:\s*chunked/.test(lower)) {
      let body = 0;
      for (;;) {
        const lineEnd = this.buffer.indexOf("\r\n", offset);
        if (lineEnd < 0) return null;
        const size = parseInt(this.buffer.toString("latin1", offset, lineEnd), 16);
        if (Number.isNaN(size)) throw new Error("bad chunk size");
        const next = lineEnd + 2 + size + 2;
        if (this.buffer.length < next) return null;
        offset = next;
        body += size;
        if (size === 0) {
          this.buffer = this.buffer.subarray(offset);
          return { status, bodyBytes: body };
        }
      }
    }
    throw new Error(`cannot tell where a response ends (status ${status}): the bench needs Content-Length or chunked`);
  }
}

/**
 * Lighthouse 12 (pinned 12.2.3: 13 needs Node 22) in its default mobile mode, with Debian's
 * Chromium, on /, /map, /apply and a stallholder's private page of the demo: the median of three
 * runs per page for performance, accessibility, best practices and SEO, against the targets of
 * issue 11 (≥ 95, 100, 100, 100). Map tiles come from a local stub (these machines have no
 * internet), so the map is measured with tiles arriving as they would.
 *
 * Lighthouse is not a dependency of the app: it runs through `npm exec` with the pinned version
 * (fetched once into npm's cache), so `npm ci` on CI stays as light as before.
 *
 * LIGHTHOUSE_PAGES=/map,private (labels) measures only those pages; LIGHTHOUSE_KEEP=<folder> keeps the
 * JSON reports there, to read what made a page slow (its long tasks, the bootup time per script).
 *
 * The private page says `noindex` on purpose (a private link must never be found by a search
 * engine), which Lighthouse's SEO score counts against it; its SEO is reported without a target.
 */
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { seedDemo } from "~/data/demo.server";
import type { BenchContext, BenchRow } from "./context";

export const name = "lighthouse";

const LIGHTHOUSE = "lighthouse@12.2.3";
const RUNS = 3;
const TARGETS = { performance: 95, accessibility: 100, "best-practices": 100, seo: 100 } as const;
type Category = keyof typeof TARGETS;
const CATEGORIES = Object.keys(TARGETS) as Category[];

/** A 256×256 light grey PNG, as a tile server would send. */
function tilePng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(256, 0);
  header.writeUInt32BE(256, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc(256 * 257, 0xee);
  for (let y = 0; y < 256; y++) rows[y * 257] = 0; // filter byte per row
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

async function startTileStub(): Promise<{ url: string; server: Server }> {
  const png = tilePng();
  const server = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "image/png", "Cache-Control": "public, max-age=86400", "Access-Control-Allow-Origin": "*" });
    res.end(png);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("tile stub has no port");
  return { url: `http://127.0.0.1:${address.port}/{z}/{x}/{y}.png`, server };
}

function runLighthouse(url: string, outFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "npm",
      [
        "exec",
        "--yes",
        `--package=${LIGHTHOUSE}`,
        "--",
        "lighthouse",
        url,
        "--quiet",
        "--output=json",
        `--output-path=${outFile}`,
        `--only-categories=${CATEGORIES.join(",")}`,
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
      ],
      { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" }, stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`lighthouse exited ${code}: ${stderr.slice(-500)}`))));
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const tiles = await startTileStub();
  let privatePath = "";
  const app = await ctx.startApp({
    seed: async () => {
      const { privateLinks } = await seedDemo(new Date());
      const paid = privateLinks.find((link) => link.situation.includes("betaald") && !link.situation.includes("nog te betalen")) ?? privateLinks[0]!;
      privatePath = `/a/${paid.token}`;
    },
    env: { TILE_URL: tiles.url, TILE_ATTRIBUTION: "© OpenStreetMap-bijdragers" },
  });
  const folder = mkdtempSync(path.join(tmpdir(), "zomerparade-lighthouse-"));
  const rows: BenchRow[] = [];
  try {
    const pages: Array<[string, string]> = [
      ["/", "/"],
      ["/map", "/map"],
      ["/apply", "/apply"],
      ["private page", privatePath],
    ];
    const only = (process.env.LIGHTHOUSE_PAGES ?? "").split(",").filter(Boolean);
    for (const [label, pagePath] of pages.filter(([label]) => only.length === 0 || only.some((wanted) => label.startsWith(wanted)))) {
      const scores: Record<Category, number[]> = { performance: [], accessibility: [], "best-practices": [], seo: [] };
      const blocking: number[] = [];
      const failing = new Map<string, string>();
      for (let i = 0; i < RUNS; i++) {
        const outFile = path.join(folder, `${label.replace(/\W+/g, "_")}-${i}.json`);
        await runLighthouse(`${app.baseURL}${pagePath}`, outFile);
        const report = JSON.parse(readFileSync(outFile, "utf8")) as {
          categories: Record<Category, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
          audits: Record<string, { score: number | null; title: string; numericValue?: number; scoreDisplayMode: string }>;
        };
        for (const category of CATEGORIES) {
          scores[category].push(Math.round((report.categories[category].score ?? 0) * 100));
          if (category === "performance") continue;
          for (const ref of report.categories[category].auditRefs) {
            const audit = report.audits[ref.id];
            if (ref.weight > 0 && audit && audit.scoreDisplayMode === "binary" && audit.score === 0) failing.set(ref.id, audit.title);
          }
        }
        blocking.push(report.audits["total-blocking-time"]?.numericValue ?? 0);
      }
      for (const category of CATEGORIES) {
        const value = median(scores[category]);
        const exempt = label === "private page" && category === "seo";
        rows.push({
          metric: `${label}: ${category} (median of ${RUNS}: ${scores[category].join(", ")})`,
          value: String(value),
          ...(exempt ? {} : { target: `≥ ${TARGETS[category]}`, ok: value >= TARGETS[category] }),
        });
      }
      rows.push({ metric: `${label}: total blocking time (median)`, value: `${Math.round(median(blocking))} ms` });
      if (failing.size > 0) ctx.log(`${label}: failing audits: ${[...failing].map(([id, title]) => `${id} (${title})`).join("; ")}`);
    }
  } finally {
    await app.stop();
    tiles.server.close();
    if (process.env.LIGHTHOUSE_KEEP) cpSync(folder, process.env.LIGHTHOUSE_KEEP, { recursive: true });
    rmSync(folder, { recursive: true, force: true });
  }
  return rows;
}

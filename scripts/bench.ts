/**
 * npm run bench: builds (npm script), then runs every scripts/bench/*.bench.ts module in turn and
 * prints one table. Each module exports `name` and `run(ctx)` (see scripts/bench/context.ts).
 * Exits 1 when a target is missed. `npm run bench -- public-map` runs only matching modules.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createContext, type BenchModule, type BenchRow } from "./bench/context";

const filter = process.argv[2];
const folder = path.resolve("scripts/bench");
const files = readdirSync(folder)
  .filter((file) => file.endsWith(".bench.ts"))
  .filter((file) => !filter || file.includes(filter))
  .sort();

const results: { bench: string; row: BenchRow }[] = [];
const began = Date.now();
const ctx = createContext();
let failed = false;
try {
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(folder, file)).href)) as BenchModule;
    console.info(`bench ${module.name}`);
    try {
      for (const row of await module.run(ctx)) results.push({ bench: module.name, row });
    } catch (error) {
      failed = true;
      console.error(`bench ${module.name} failed:`, error);
    }
  }
} finally {
  await ctx.cleanup();
}

printTable(results);
const missed = results.filter(({ row }) => row.ok === false);
console.info(`\n${results.length} rows, ${missed.length} targets missed, ${((Date.now() - began) / 1000).toFixed(1)} s`);
process.exit(failed || missed.length > 0 ? 1 : 0);

function printTable(rows: { bench: string; row: BenchRow }[]) {
  const table = [
    ["bench", "metric", "value", "target", ""],
    ...rows.map(({ bench, row }) => [bench, row.metric, row.value, row.target ?? "", row.ok === undefined ? "" : row.ok ? "ok" : "MISSED"]),
  ];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
  const format = (line: string[]) => `| ${line.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`;
  console.info("");
  console.info(format(table[0]!));
  console.info(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const line of table.slice(1)) console.info(format(line));
}

/**
 * npm run demo: a fresh demo database (data/demo.db, never DATABASE_PATH) with a clearly marked
 * demo edition, then the server on it. Prints the demo organiser's login.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { closeDatabase, switchDatabaseFile } from "~/data/db.server";
import { DEMO_ORGANISER, seedDemo } from "~/data/demo.server";

const DEMO_DB = path.resolve("data/demo.db");

for (const suffix of ["", "-wal", "-shm"]) rmSync(`${DEMO_DB}${suffix}`, { force: true });
switchDatabaseFile(DEMO_DB);
const { applications } = await seedDemo(new Date());
closeDatabase();

const port = process.env.PORT ?? "3000";
console.info(`
  Zomerparade demo
  ----------------
  database:  data/demo.db (${applications} demo applications; your DATABASE_PATH is not touched)
  organiser: ${DEMO_ORGANISER.email}
  password:  ${DEMO_ORGANISER.password}
  open:      http://localhost:${port}
`);

const server = spawn(process.execPath, ["scripts/serve.js"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", DATABASE_PATH: DEMO_DB, PORT: port },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

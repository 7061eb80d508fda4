/**
 * npm run demo: a fresh demo database (data/demo.db, never DATABASE_PATH) with a clearly marked
 * demo edition, then the server on it. Prints a login for each role and the private links of a few
 * demo stallholders (private links are never shown in the back office, so this is the way in).
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { closeDatabase, switchDatabaseFile } from "~/data/db.server";
import { DEMO_ACCOUNTS, seedDemo } from "~/data/demo.server";

const DEMO_DB = path.resolve("data/demo.db");

for (const suffix of ["", "-wal", "-shm"]) rmSync(`${DEMO_DB}${suffix}`, { force: true });
switchDatabaseFile(DEMO_DB);
const { applications, privateLinks } = await seedDemo(new Date());
closeDatabase();

const port = process.env.PORT ?? "3000";
const base = `http://localhost:${port}`;
const roleWords = { admin: "beheerder (alles)", organiser: "organisator", volunteer: "vrijwilliger (alleen lezen, aankomst)" };
const widest = Math.max(...DEMO_ACCOUNTS.map((account) => account.email.length));
console.info(`
  Zomerparade demo
  ----------------
  database:  data/demo.db (${applications} demo applications; your DATABASE_PATH is not touched)
  open:      ${base}

  Sign in at ${base}/organiser (e-mail, password, role):
${DEMO_ACCOUNTS.map((account) => `    ${account.email.padEnd(widest)}  ${account.password}  ${roleWords[account.role]}`).join("\n")}

  Private pages of demo stallholders (the link from their confirmation mail):
${privateLinks.map((link) => `    ${link.situation.padEnd(32)} ${link.stallName}: ${base}/a/${link.token}`).join("\n")}
`);

const server = spawn(process.execPath, ["scripts/serve.js"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", DATABASE_PATH: DEMO_DB, PORT: port },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

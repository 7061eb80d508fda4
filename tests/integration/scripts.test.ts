// The command-line entry points from the contract, run as a person would run them.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, test } from "vitest";

const folder = mkdtempSync(path.join(tmpdir(), "zomerparade-scripts-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function run(script: string, args: string[], databasePath: string) {
  return spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_PATH: databasePath, NODE_ENV: "production" },
  });
}

describe("npm run organiser:create", () => {
  test("creates an account (exit 0) and refuses a weak password or an existing e-mail (exit 1, with the reason)", () => {
    const db = path.join(folder, "organisers.db");
    const ok = run("scripts/organiser-create.ts", ["--email", "Voorzitter@Example.org", "--password", "zomer-op-de-noordewierweg", "--name", "Voorzitter"], db);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("Created admin voorzitter@example.org");
    const weak = run("scripts/organiser-create.ts", ["--email", "penningmeester@example.org", "--password", "kort"], db);
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain("too short");
    const again = run("scripts/organiser-create.ts", ["--email", "voorzitter@example.org", "--password", "een-ander-lang-wachtwoord"], db);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("already exists");
    const usage = run("scripts/organiser-create.ts", ["--email", "x@example.org"], db);
    expect(usage.status).toBe(2);
    const rows = new Database(db, { readonly: true }).prepare("select email, role, password_hash from organisers").all() as { email: string; role: string; password_hash: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ email: "voorzitter@example.org", role: "admin" });
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  }, 60_000);
});

describe("npm run backup", () => {
  test("copies the database consistently while another connection writes to it", () => {
    const db = path.join(folder, "live.db");
    const live = new Database(db);
    live.pragma("journal_mode = WAL");
    live.exec("create table t (n integer)");
    const insert = live.prepare("insert into t values (?)");
    for (let i = 0; i < 5000; i++) insert.run(i);
    // An open write transaction during the backup: the copy must hold the committed state only.
    live.exec("begin; insert into t values (-1);");
    const target = path.join(folder, "copy.db");
    const result = run("scripts/backup.ts", [target], db);
    live.exec("commit");
    live.close();
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("integrity ok");
    expect(existsSync(target)).toBe(true);
    const copy = new Database(target, { readonly: true });
    expect((copy.prepare("select count(*) as n from t").get() as { n: number }).n).toBe(5000);
    copy.close();
    expect(run("scripts/backup.ts", [], db).status).toBe(2);
    expect(run("scripts/backup.ts", [db], db).status).toBe(1);
  }, 60_000);
});

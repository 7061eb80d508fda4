/** Extra organiser accounts for browser tests, written straight into the test server's database. */
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { hashPassword } from "~/services/password.server";

export async function addOrganiser(databasePath: string, email: string, role: "volunteer" | "organiser" | "admin", password = "vrijwilliger-op-pad-42") {
  const sqlite = new Database(databasePath, { fileMustExist: true });
  try {
    sqlite
      .prepare("insert into organisers (email, name, password_hash, role, created_at) values (?, ?, ?, ?, ?) on conflict(email) do nothing")
      .run(email, "Vera Vrijwilliger", await hashPassword(password), role, Date.now());
  } finally {
    sqlite.close();
  }
  return { email, password };
}

export async function signInAs(page: Page, account: { email: string; password: string }, next: string) {
  await page.goto(`/organiser/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel(/e-mail/i).fill(account.email);
  await page.getByLabel(/wachtwoord/i).fill(account.password);
  await page.getByRole("button", { name: /inloggen/i }).click();
  await page.waitForURL((url) => url.pathname === next);
}

/** Organiser accounts. */
import { eq } from "drizzle-orm";
import * as t from "#db/schema";
import {
  looksLikeEmail,
  normaliseEmail,
  passwordProblem,
  type PasswordProblem,
} from "~/rules/password-policy";
import { hashPassword } from "~/services/password.server";
import { db, type DbOrTx } from "./db.server";

export type OrganiserRole = (typeof t.ORGANISER_ROLES)[number];
export type OrganiserRow = typeof t.organisers.$inferSelect;

export type CreateOrganiserResult =
  | { ok: true; organiser: OrganiserRow }
  | { ok: false; problem: "invalid_email" | "email_taken" | PasswordProblem };

export async function createOrganiser(
  input: { email: string; password: string; name?: string; role?: OrganiserRole },
  conn: DbOrTx = db(),
): Promise<CreateOrganiserResult> {
  const email = normaliseEmail(input.email);
  if (!looksLikeEmail(email)) return { ok: false, problem: "invalid_email" };
  const problem = passwordProblem(input.password, email);
  if (problem) return { ok: false, problem };
  if (findOrganiserByEmail(email, conn)) return { ok: false, problem: "email_taken" };
  const passwordHash = await hashPassword(input.password);
  try {
    const organiser = conn
      .insert(t.organisers)
      .values({ email, passwordHash, name: input.name?.trim() ?? "", role: input.role ?? "organiser" })
      .returning()
      .get();
    return { ok: true, organiser };
  } catch (error) {
    // Lost a race with another create for the same address: the unique index decided.
    if (String(error).includes("UNIQUE")) return { ok: false, problem: "email_taken" };
    throw error;
  }
}

export function findOrganiserByEmail(email: string, conn: DbOrTx = db()): OrganiserRow | undefined {
  return conn.select().from(t.organisers).where(eq(t.organisers.email, normaliseEmail(email))).get();
}

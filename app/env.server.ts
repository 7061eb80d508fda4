/**
 * Configuration, read and validated once at start (the variables are listed in the README).
 * Every variable is optional and has a working default; a malformed value stops the server
 * with a message that names the variable, instead of failing later in a request.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as z from "zod";

const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.url().optional());

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_PATH: z.string().min(1).default("data/zomerparade.db"),
  APP_URL: optionalUrl,
  SESSION_SECRET: z.string().min(16).optional(),
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  STRIPE_API_URL: optionalUrl,
  SMTP_URL: optionalUrl,
  MAIL_FROM: z.string().default("SK Zomerparade <zomerparade@localhost>"),
  TILE_URL: z.string().default("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
  TILE_ATTRIBUTION: z
    .string()
    .default('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-bijdragers'),
  /** Background workers (mail sender, jobs) poll at this interval; 0 switches them off. */
  WORKER_INTERVAL_MS: z.coerce.number().int().min(0).default(2000),
});

export type Env = z.infer<typeof envSchema> & { APP_URL: string; SESSION_SECRET: string };

let cached: Env | undefined;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(blankToUndefined(source));
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `  ${issue.path.join(".")}: ${issue.message}`)
      .join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  const env = parsed.data;
  return {
    ...env,
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    SESSION_SECRET: env.SESSION_SECRET ?? sessionSecretBeside(env.DATABASE_PATH),
  };
}

/** The configuration of this process, read on first use. */
export function env(): Env {
  cached ??= readEnv();
  return cached;
}

/** Tests change the environment between cases; this forgets what was read. */
export function resetEnvForTests() {
  cached = undefined;
}

function blankToUndefined(source: NodeJS.ProcessEnv) {
  return Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
}

/**
 * Without SESSION_SECRET a secret is generated once and kept in a file beside the database,
 * so sessions survive restarts without anyone having to configure anything. It signs the
 * organiser session cookie (app/services/signed-cookie.server.ts).
 */
function sessionSecretBeside(databasePath: string): string {
  const file = path.join(path.dirname(path.resolve(databasePath)), ".session-secret");
  if (existsSync(file)) return readSecret(file);
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("hex");
  try {
    writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
  } catch (error) {
    // A second process starting at the same moment wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return readSecret(file);
    throw error;
  }
  return secret;
}

function readSecret(file: string): string {
  const secret = readFileSync(file, "utf8").trim();
  if (secret.length < 16) throw new Error(`Invalid session secret in ${file}: remove the file to have a new one made (every organiser then signs in again).`);
  return secret;
}

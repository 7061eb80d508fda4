/**
 * npm run organiser:create -- --email <e> --password <p> [--name <n>] [--role admin|organiser|volunteer]
 * Creates an organiser account in DATABASE_PATH (exit 0), or says why not (exit 1; 2 for usage).
 */
import { parseArgs } from "node:util";
import { closeDatabase } from "~/data/db.server";
import { createOrganiser } from "~/data/organisers.server";
import { MIN_PASSWORD_LENGTH } from "~/rules/password-policy";
import { ORGANISER_ROLES } from "#db/schema";

const USAGE =
  "usage: npm run organiser:create -- --email <e> --password <p> [--name <n>] [--role admin|organiser|volunteer]";

const REASONS: Record<string, string> = {
  invalid_email: "that is not a valid e-mail address",
  email_taken: "an organiser with that e-mail address already exists",
  too_short: `the password is too short (at least ${MIN_PASSWORD_LENGTH} characters)`,
  too_long: "the password is too long (at most 200 characters)",
  too_common: "the password is too common; choose a longer, less guessable one",
  contains_email: "the password contains the e-mail address",
};

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        email: { type: "string" },
        password: { type: "string" },
        name: { type: "string" },
        role: { type: "string", default: "admin" },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.email || !values.password) {
    console.error(`--email and --password are required\n${USAGE}`);
    return 2;
  }
  const role = values.role as (typeof ORGANISER_ROLES)[number];
  if (!ORGANISER_ROLES.includes(role)) {
    console.error(`--role must be one of ${ORGANISER_ROLES.join(", ")}\n${USAGE}`);
    return 2;
  }
  const result = await createOrganiser({ email: values.email, password: values.password, name: values.name, role });
  if (!result.ok) {
    console.error(`Not created: ${REASONS[result.problem] ?? result.problem}.`);
    return 1;
  }
  console.info(`Created ${result.organiser.role} ${result.organiser.email} (id ${result.organiser.id}).`);
  return 0;
}

const code = await main();
closeDatabase();
process.exit(code);

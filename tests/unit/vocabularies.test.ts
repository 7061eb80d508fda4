// Each fixed vocabulary is written down once (app/rules/vocabularies.ts); a second copy of a list
// drifts (issue 16). This reads the source and fails on a restated list.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { APPLICANT_KINDS, EDITION_STATUSES, ORGANISER_ROLES, PAYMENT_STATES, RECORDED_BY_VALUES, REVIEW_STATES, SPOT_KINDS } from "~/rules/vocabularies";

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const files = [...sources("app"), ...sources("db")].filter((file) => !file.endsWith(path.join("rules", "vocabularies.ts")));

test.each([
  ["applicant kinds", APPLICANT_KINDS],
  ["review states", REVIEW_STATES],
  ["who recorded money", RECORDED_BY_VALUES],
  ["payment states", PAYMENT_STATES],
  ["edition statuses", EDITION_STATUSES],
  ["spot kinds", SPOT_KINDS],
  ["organiser roles", ORGANISER_ROLES],
] as const)("the list of %s is defined only in app/rules/vocabularies.ts", (_name, values) => {
  // The list as code writes it: the quoted values one after another, on one line or several.
  const pattern = new RegExp(values.map((v) => `["']${v}["']`).join(String.raw`\s*,\s*`));
  const restated = files.filter((file) => pattern.test(readFileSync(file, "utf8")));
  expect(restated).toEqual([]);
});

// Money is one module (issue 16): app/data/money.server.ts is its public surface, its insides
// (app/data/money/*) are imported from nowhere else, and the insides never go through the surface
// (which imports every one of them). Nothing in the app but the Stripe adapter
// (app/services/stripe.server.ts) imports the `stripe` package, and nothing but the money
// module's port (app/data/money/provider.server.ts) imports the adapter. The same fences stand in
// eslint.config.js; this test keeps them when someone loosens the lint configuration. Type
// imports count too.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

const ROOT = path.resolve(".");
const APP = path.join(ROOT, "app");
const SURFACE = path.join(APP, "data", "money.server.ts");
const INSIDES = path.join(APP, "data", "money");
const ADAPTER = path.join(APP, "services", "stripe.server");
const PORT = path.join(INSIDES, "provider.server.ts");

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return name === "node_modules" || name === "artifacts" ? [] : sources(full);
    return /\.(ts|tsx|js)$/.test(name) ? [full] : [];
  });
}

/** Every module specifier a file imports or re-exports, with `import type` included. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+"([^"]+)";/gms), ...text.matchAll(/^import\s+"([^"]+)";/gm)].map((m) => m[1]!);
}

/** The file a specifier names, without its ending (`~/data/money/ledger.server` → …/app/data/money/ledger.server). */
function target(from: string, specifier: string): string | null {
  if (specifier.startsWith("~/")) return path.join(APP, specifier.slice(2));
  if (specifier.startsWith("#tests/")) return path.join(ROOT, "tests", specifier.slice(7));
  if (specifier.startsWith(".")) return path.resolve(path.dirname(from), specifier);
  return null;
}

const insideMoney = (file: string) => file.startsWith(INSIDES + path.sep);
const files = [...sources(APP), ...sources(path.join(ROOT, "tests")), ...sources(path.join(ROOT, "scripts"))];

/** Why importing `specifier` from `file` crosses money's fence, or null when it does not. */
export function breach(file: string, specifier: string): string | null {
  const name = path.relative(ROOT, file);
  const inApp = file.startsWith(APP + path.sep);
  if (inApp && specifier === "stripe" && file !== `${ADAPTER}.ts`) return `${name} imports the stripe package`;
  const to = target(file, specifier);
  if (!to) return null;
  if (inApp && to.replace(/\.ts$/, "") === ADAPTER && file !== PORT) return `${name} reaches the Stripe adapter`;
  if (!insideMoney(file) && file !== SURFACE && insideMoney(to)) return `${name} imports money's inside ${specifier}`;
  if (insideMoney(file) && to.replace(/\.ts$/, "") === SURFACE.replace(/\.ts$/, "")) return `${name} (inside money) imports the public surface`;
  return null;
}

test("nothing outside money imports its insides, and the insides never import the surface", () => {
  const breaches = files.flatMap((file) => specifiers(file).map((specifier) => breach(file, specifier))).filter((b) => b !== null);
  expect(breaches).toEqual([]);
});

test("the fence: a route may import the surface but not an inside; an inside may not import the surface", () => {
  const route = path.join(APP, "routes", "organiser.money.tsx");
  const dataModule = path.join(APP, "data", "applications.server.ts");
  const inside = path.join(INSIDES, "payments.server.ts");
  expect(breach(route, "~/data/money.server")).toBeNull();
  expect(breach(route, "~/data/money/refunds.server")).not.toBeNull();
  expect(breach(dataModule, "./money/ledger.server")).not.toBeNull();
  expect(breach(path.join(ROOT, "tests", "integration", "payments.test.ts"), "~/data/money/payments.server")).not.toBeNull();
  expect(breach(inside, "./refunds.server")).toBeNull();
  expect(breach(inside, "../money.server")).not.toBeNull();
  expect(breach(inside, "~/data/money.server")).not.toBeNull();
  expect(breach(SURFACE, "./money/payments.server")).toBeNull();
});

test("the fence around Stripe: the adapter alone imports the package, the port alone reaches the adapter", () => {
  const route = path.join(APP, "routes", "webhooks.stripe.ts");
  const inside = path.join(INSIDES, "refunds.server.ts");
  const worker = path.join(APP, "services", "payment-workers.server.ts");
  expect(breach(`${ADAPTER}.ts`, "stripe")).toBeNull();
  expect(breach(PORT, "~/services/stripe.server")).toBeNull();
  expect(breach(route, "stripe")).not.toBeNull();
  expect(breach(route, "~/services/stripe.server")).not.toBeNull();
  expect(breach(inside, "stripe")).not.toBeNull();
  expect(breach(inside, "~/services/stripe.server")).not.toBeNull();
  expect(breach(worker, "./stripe.server")).not.toBeNull();
  // The test double speaks to the real package and may build a client over it.
  expect(breach(path.join(ROOT, "tests", "mocks", "stripe.ts"), "stripe")).toBeNull();
});

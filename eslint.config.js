import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const MONEY_INSIDES = {
  group: ["~/data/money/*", "**/data/money/*", "./money/*"],
  message: "Money's insides are private: import from ~/data/money.server (its public surface).",
};
const STRIPE_ADAPTER = {
  group: ["~/services/stripe.server", "**/services/stripe.server", "./stripe.server"],
  message: "Stripe is reached through the money module (~/data/money.server), not the adapter.",
};
const STRIPE_PACKAGE = { name: "stripe", message: "Only the Stripe adapter (app/services/stripe.server.ts) imports the stripe package." };
const MONEY_SURFACE = {
  group: ["~/data/money.server", "../money.server"],
  message: "Inside money, import the file itself: the public surface imports every inside, so going through it makes a cycle.",
};

export default tseslint.config(
  { ignores: ["build/", "public/build/", "node_modules/", ".cache/", "data/", "tests/browser/artifacts/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": ["error", { allow: ["info", "warn", "error"] }],
    },
  },
  // Money is one module (app/data/money.server.ts): its insides in app/data/money/ are imported
  // from nowhere else, tests included, and never import the surface themselves. Only the Stripe
  // adapter (app/services/stripe.server.ts) imports the `stripe` package, and only the money
  // module's port (app/data/money/provider.server.ts) imports the adapter.
  // tests/unit/money-boundary.test.ts checks the same.
  {
    files: ["tests/**/*.{ts,tsx}", "scripts/**/*.{ts,js}"],
    rules: { "no-restricted-imports": ["error", { patterns: [MONEY_INSIDES] }] },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/data/money/**", "app/data/money.server.ts", "app/services/stripe.server.ts"],
    rules: { "no-restricted-imports": ["error", { paths: [STRIPE_PACKAGE], patterns: [MONEY_INSIDES, STRIPE_ADAPTER] }] },
  },
  {
    files: ["app/services/stripe.server.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [MONEY_INSIDES] }] },
  },
  {
    files: ["app/data/money/**/*.ts"],
    ignores: ["app/data/money/provider.server.ts"],
    rules: { "no-restricted-imports": ["error", { paths: [STRIPE_PACKAGE], patterns: [STRIPE_ADAPTER, MONEY_SURFACE] }] },
  },
  {
    files: ["app/data/money/provider.server.ts"],
    rules: { "no-restricted-imports": ["error", { paths: [STRIPE_PACKAGE], patterns: [MONEY_SURFACE] }] },
  },
  {
    // Rules must stay pure: no Remix, no database, no server modules.
    files: ["app/rules/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@remix-run/*", "drizzle-orm", "drizzle-orm/*", "better-sqlite3", "#db/*", "~/data/*", "~/services/*", "*.server"], message: "Rules are plain TypeScript: no Remix, database or server imports." },
          ],
        },
      ],
    },
  },
  {
    files: ["scripts/**", "tests/**"],
    rules: { "no-console": "off" },
  },
);

import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// Vitest does not read remix.config.js, so the path aliases are repeated here.
const alias = {
  "~": `${root}app`,
  "#db": `${root}db`,
  "#tests": `${root}tests`,
};

/** As Remix does on the server: `*.client` modules (Leaflet) are empty outside the browser. */
const emptyClientModules: Plugin = {
  name: "empty-client-modules",
  enforce: "pre",
  resolveId(source) {
    return /\.client(\.tsx?)?$/.test(source) ? "\0empty-client-module" : null;
  },
  load(id) {
    return id === "\0empty-client-module" ? "export default undefined;" : null;
  },
};

export default defineConfig({
  plugins: [emptyClientModules],
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.{ts,tsx}"],
          environment: "node",
          setupFiles: ["tests/helpers/i18n-all.ts"],
        },
      },
      {
        resolve: { alias },
        plugins: [emptyClientModules],
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.{ts,tsx}"],
          environment: "node",
          setupFiles: ["tests/helpers/i18n-all.ts", "tests/helpers/integration-setup.ts"],
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/browser/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

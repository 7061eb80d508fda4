/** Starts the built app once for all browser tests (see app-server.ts). `npm test` builds first. */
import type { TestProject } from "vitest/node";
import { startAppServer, type AppServer } from "./app-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    databasePath: string;
    stripeURL: string;
  }
}

let app: AppServer | undefined;

export async function setup(project: TestProject) {
  app = await startAppServer();
  project.provide("baseURL", app.baseURL);
  project.provide("databasePath", app.databasePath);
  project.provide("stripeURL", app.stripe.url);
}

export async function teardown() {
  await app?.stop();
}

/**
 * Message bundles by namespace. The public bundles (common, home, map, programme) are always
 * loaded; the others are registered by the routes that need them (`stallholder-bundles.ts`,
 * `organiser-bundles.ts`), so a visitor's phone never downloads the back office's texts; `seo`
 * (the pages' descriptions) only by the server (`seo-bundle.ts`). The
 * server registers everything (entry.server.tsx), and so do the tests.
 */
import type { Language } from "../define";
import type { apply } from "./apply";
import { common } from "./common";
import type { editor } from "./editor";
import type { history } from "./history";
import { home } from "./home";
import type { mail } from "./mail";
import { map } from "./map";
import type { organiser } from "./organiser";
import type { payments } from "./payments";
import type { permit } from "./permit";
import type { placement } from "./placement";
import type { seo } from "./seo";
import { programme } from "./programme";
import type { status } from "./status";

export interface Bundles {
  common: typeof common;
  home: typeof home;
  map: typeof map;
  programme: typeof programme;
  apply: typeof apply;
  mail: typeof mail;
  editor: typeof editor;
  organiser: typeof organiser;
  payments: typeof payments;
  permit: typeof permit;
  status: typeof status;
  history: typeof history;
  placement: typeof placement;
  seo: typeof seo;
}

export type MessageKey = {
  [N in keyof Bundles]: `${N & string}.${keyof Bundles[N]["nl"] & string}`;
}[keyof Bundles];

const registry: Partial<Bundles> = { common, home, map, programme };

export function registerBundles(more: Partial<Bundles>) {
  Object.assign(registry, more);
}

export function registeredBundles(): Partial<Bundles> {
  return registry;
}

export function lookup(language: Language, key: MessageKey): string {
  const dot = key.indexOf(".");
  const namespace = key.slice(0, dot) as keyof Bundles;
  const bundle = registry[namespace];
  if (!bundle) {
    // A route used a namespace it did not register: visible in development and tests.
    if (process.env.NODE_ENV !== "production") console.error(`i18n: bundle "${namespace}" is not registered (key ${key})`);
    return key;
  }
  return (bundle[language] as Record<string, string>)[key.slice(dot + 1)] ?? key;
}

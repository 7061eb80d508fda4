/**
 * Every message bundle, by namespace. A feature adds its own file here (one file per feature,
 * so parallel work does not collide) and registers it in `bundles`.
 */
import type { Language } from "../define";
import { apply } from "./apply";
import { mail } from "./mail";
import { common } from "./common";
import { editor } from "./editor";
import { home } from "./home";
import { map } from "./map";
import { organiser } from "./organiser";
import { payments } from "./payments";
import { programme } from "./programme";

export const bundles = { apply, mail, common, editor, home, map, programme, organiser, payments } as const;

type Bundles = typeof bundles;
export type MessageKey = {
  [N in keyof Bundles]: `${N & string}.${keyof Bundles[N]["nl"] & string}`;
}[keyof Bundles];

export function lookup(language: Language, key: MessageKey): string {
  const dot = key.indexOf(".");
  const namespace = key.slice(0, dot) as keyof Bundles;
  const name = key.slice(dot + 1);
  const bundle = bundles[namespace][language] as Record<string, string>;
  return bundle[name] ?? key;
}

// Issue 13, items 3 and 9: the bundles speak to people one way. Dutch says "je" to stallholders
// everywhere (one page said "u"), no text hedges a plural with "(s)", "(en)" or "(ken)" (the
// plural rules do that), and no English text reads "(any more)". Mail templates with their own
// text tables are read too.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import "../helpers/i18n-all";
import { registeredBundles } from "~/i18n/messages";

function allTexts(language: "nl" | "en"): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [namespace, bundle] of Object.entries(registeredBundles())) {
    for (const [key, text] of Object.entries((bundle as { nl: Record<string, string>; en: Record<string, string> })[language])) out.push([`${namespace}.${key}`, text]);
  }
  return out;
}

test("every bundle is registered for the check", () => {
  expect(Object.keys(registeredBundles()).sort()).toEqual(["apply", "common", "editor", "history", "home", "mail", "map", "organiser", "payments", "permit", "placement", "programme", "seo", "status"]);
});

test("Dutch texts say 'je', never the formal 'u' or 'uw'", () => {
  const formal = allTexts("nl").filter(([, text]) => /(^|[\s(])(u|uw|U|Uw|Bent u|heeft u)(?=[\s,.;:!?)])/.test(text));
  expect(formal).toEqual([]);
});

test("no plural is hedged with (s), (en), (ken) or (es); no '(any more)'", () => {
  const hedged = [...allTexts("nl"), ...allTexts("en")].filter(([, text]) => /\w\((s|en|ken|es|n)\)|\(any more\)|\(still\)/.test(text));
  expect(hedged).toEqual([]);
});

test("mail templates with their own text say 'je' too", () => {
  const folder = path.resolve("app/mail");
  const formal = readdirSync(folder)
    .filter((name) => name.endsWith(".ts"))
    .flatMap((name) => {
      const source = readFileSync(path.join(folder, name), "utf8");
      return [...source.matchAll(/"([^"\n]*)"/g)].map((m) => m[1]!).filter((text) => /(^|\s)(u|uw|Uw|U)(?=[\s,.;:!?])/.test(text)).map((text) => `${name}: ${text}`);
    });
  expect(formal).toEqual([]);
});

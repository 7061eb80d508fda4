/**
 * Plurals the ICU way, on `Intl.PluralRules`: a message may hold
 * `{count, plural, =0 {geen kramen} one {# kraam} other {# kramen}}`. `#` is the number, formatted
 * for the language; `{name}` placeholders inside a branch are filled in as usual afterwards.
 * Branches: `=N` (exact), then the language's category (`one`, `other`, …), then `other`.
 */
import type { Language } from "./define";

const LOCALES: Record<Language, string> = { nl: "nl-NL", en: "en-GB" };
const rulesCache = new Map<Language, Intl.PluralRules>();

function rules(language: Language): Intl.PluralRules {
  let r = rulesCache.get(language);
  if (!r) {
    r = new Intl.PluralRules(LOCALES[language]);
    rulesCache.set(language, r);
  }
  return r;
}

/** The plural category of `n` in the language ("one" or "other" for Dutch and English). */
export function pluralCategory(n: number, language: Language): Intl.LDMLPluralRule {
  return rules(language).select(n);
}

/** Index of the `}` that closes the `{` at `open`, or -1. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function parseBranches(body: string): Map<string, string> | null {
  const branches = new Map<string, string>();
  let i = 0;
  while (i < body.length) {
    while (i < body.length && /\s/.test(body[i]!)) i++;
    if (i >= body.length) break;
    const selectorMatch = /^(=\d+|[a-z]+)\s*/.exec(body.slice(i));
    if (!selectorMatch) return null;
    i += selectorMatch[0].length;
    if (body[i] !== "{") return null;
    const end = closing(body, i);
    if (end < 0) return null;
    branches.set(selectorMatch[1]!, body.slice(i + 1, end));
    i = end + 1;
  }
  return branches.has("other") ? branches : null;
}

/** Resolves every `{name, plural, …}` block in `template` with the numbers in `params`. */
export function resolvePlurals(
  template: string,
  params: Record<string, string | number> | undefined,
  language: Language,
): string {
  if (!template.includes(", plural,")) return template;
  let out = "";
  let i = 0;
  while (i < template.length) {
    const head = /^\{(\w+),\s*plural,/.exec(template.slice(i));
    if (template[i] !== "{" || !head) {
      out += template[i];
      i++;
      continue;
    }
    const end = closing(template, i);
    const name = head[1]!;
    const branches = end < 0 ? null : parseBranches(template.slice(i + head[0].length, end));
    const raw = params?.[name];
    const n = typeof raw === "number" ? raw : Number(raw);
    if (!branches || raw === undefined || Number.isNaN(n)) {
      out += template.slice(i, end < 0 ? template.length : end + 1);
      i = end < 0 ? template.length : end + 1;
      continue;
    }
    const chosen = branches.get(`=${n}`) ?? branches.get(pluralCategory(n, language)) ?? branches.get("other")!;
    const number = new Intl.NumberFormat(LOCALES[language]).format(n);
    out += resolvePlurals(chosen, params, language).replace(/#/g, number);
    i = end + 1;
  }
  return out;
}

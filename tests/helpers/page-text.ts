/**
 * What a person reads on a rendered page, and checks on it: text that looks like the machine's
 * words, and ids or labels that point at the wrong field. Works on the server's HTML (React's
 * output is well-formed enough for these patterns), so it needs no browser.
 */

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'", nbsp: " " };

function decode(text: string): string {
  return text.replace(/&(#x?[0-9a-f]+|\w+);/gi, (whole, name: string) => {
    if (ENTITIES[name] !== undefined) return ENTITIES[name]!;
    if (name.startsWith("#x")) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
    return whole;
  });
}

/** The text of the page a person sees or hears: element text plus labels in attributes. */
export function readableText(html: string): string {
  const body = html
    .replace(/<script\b[\s\S]*?<\/script>/gi, " ")
    .replace(/<style\b[\s\S]*?<\/style>/gi, " ")
    .replace(/<template\b[\s\S]*?<\/template>/gi, " ")
    // Code shown on purpose (the open-data page's example and field values for programmers) is
    // not prose: a <pre> block, or code marked translate="no".
    .replace(/<pre\b[\s\S]*?<\/pre>/gi, " ")
    .replace(/<(code|kbd|samp)\b[^>]*\stranslate="no"[^>]*>[\s\S]*?<\/\1>/gi, " ");
  const attributes = [...body.matchAll(/\s(?:aria-label|title|placeholder|alt|aria-description)="([^"]*)"/gi)].map((m) => m[1]!);
  const buttonValues = [...body.matchAll(/<input[^>]*type="(?:submit|button)"[^>]*value="([^"]*)"/gi)].map((m) => m[1]!);
  const text = body.replace(/<[^>]+>/g, " ");
  return decode([text, ...attributes, ...buttonValues].join(" \n ")).replace(/[ \t]+/g, " ");
}

interface Finding {
  kind: string;
  match: string;
  context: string;
}

const PATTERNS: { kind: string; pattern: RegExp }[] = [
  { kind: "JSON", pattern: /[{[]\s*"[\w$]+"\s*:/g },
  { kind: "snake_case code", pattern: /\b[a-z][a-z0-9]*_[a-z0-9_]+\b/g },
  { kind: "dotted event code", pattern: /\b[a-z]+(?:_[a-z]+)*\.[a-z]+_[a-z_]+\b/g },
  { kind: "camelCase field name", pattern: /\b[a-z]+(?:Cm|Cents|Id|Json|At|Nl|En|Key|Kind|State|Ms)\b/g },
  { kind: "environment variable", pattern: /\b[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]\b/g },
  { kind: "validator phrase", pattern: /Too (?:small|big): expected|Invalid input|expected (?:string|number|boolean)|received (?:undefined|null|string|number)|Invalid (?:enum value|option|type)|String must contain|^Required$/gm },
  { kind: "undefined", pattern: /\bundefined\b/g },
  { kind: "NaN", pattern: /\bNaN\b/g },
  { kind: "[object", pattern: /\[object \w+\]/g },
  { kind: "null", pattern: /(?:^|[\s:(])null(?:$|[\s,.)])/g },
];

/** Stripe's own ids are shown to organisers on purpose, to look a payment up in Stripe. */
const ALLOWED = /\b(?:cs|pi|re|ch|evt|cus|py)_[A-Za-z0-9_]+\b/g;

/** Text that looks like the machine's: JSON, codes, validator phrases, env names, undefined/NaN. */
export function machineWords(html: string): Finding[] {
  const text = readableText(html)
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, " ")
    .replace(ALLOWED, " ");
  const findings: Finding[] = [];
  for (const { kind, pattern } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const at = match.index ?? 0;
      findings.push({ kind, match: match[0].trim(), context: text.slice(Math.max(0, at - 50), at + 60).replace(/\s+/g, " ").trim() });
    }
  }
  return findings;
}

/** Ids used more than once, and labels whose `for` names no element or a duplicated id. */
export function idProblems(html: string): string[] {
  const withoutScripts = html.replace(/<script\b[\s\S]*?<\/script>/gi, " ");
  const counts = new Map<string, number>();
  for (const match of withoutScripts.matchAll(/<[a-z][\w-]*\b[^>]*?\sid="([^"]*)"/gi)) counts.set(match[1]!, (counts.get(match[1]!) ?? 0) + 1);
  const problems = [...counts].filter(([, n]) => n > 1).map(([id, n]) => `id "${id}" is used ${n} times`);
  for (const match of withoutScripts.matchAll(/<label\b[^>]*?\sfor="([^"]*)"/gi)) {
    const target = decode(match[1]!);
    if (!counts.has(target)) problems.push(`a label points at "${target}", which no element has`);
  }
  // aria-describedby / aria-labelledby must point at existing ids too.
  for (const match of withoutScripts.matchAll(/\saria-(?:describedby|labelledby|controls)="([^"]*)"/gi)) {
    for (const id of match[1]!.split(/\s+/).filter(Boolean)) {
      if (!counts.has(id)) problems.push(`aria reference "${id}" names no element`);
    }
  }
  return problems;
}

/**
 * On a phone a `.list-table` row is a card and each cell says its column through `data-label`
 * (organiser.css): a cell without one is a bare value nobody can place ("€ 40,00" of what?).
 * A cell holding only a selection box or buttons needs no name.
 */
export function phoneTableProblems(html: string): string[] {
  const problems: string[] = [];
  for (const table of html.matchAll(/<table\b[^>]*class="[^"]*\blist-table\b[^"]*"[^>]*>([\s\S]*?)<\/table>/gi)) {
    const testId = /data-testid="([^"]+)"/.exec(table[0])?.[1] ?? "a list table";
    for (const cell of table[1]!.matchAll(/<td\b([^>]*)>([\s\S]*?)<\/td>/gi)) {
      if (/\sdata-label="[^"]+"/.test(cell[1]!)) continue;
      const inner = cell[2]!;
      const onlyControls = inner.replace(/<input\b[^>]*type="(?:checkbox|hidden)"[^>]*>/gi, "").replace(/<button\b[\s\S]*?<\/button>/gi, "").replace(/<\/?(?:form|div|span|label)\b[^>]*>/gi, "").trim() === "";
      if (onlyControls) continue;
      problems.push(`${testId}: a cell without its column's name on a phone: «${inner.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim().slice(0, 60)}»`);
    }
  }
  return problems;
}

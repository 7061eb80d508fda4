/**
 * How a programme item names its place: "bij het podium", "at the stage", but "bij De Brink".
 * Landmark names are free text typed by organisers; the common ones (the default layout's, and
 * the kinds an organiser picks from) are nouns that take an article, proper names do not. Dutch
 * has two articles, so the table says which one, and how the noun is written mid-sentence
 * ("EHBO-post" keeps its capitals).
 */
export type PlacePhraseKey = "programme.at" | "programme.atDe" | "programme.atHet" | "programme.atThe";

const DUTCH_NOUNS: Record<string, { article: "de" | "het"; written: string }> = {
  podium: { article: "het", written: "podium" },
  terras: { article: "het", written: "terras" },
  plein: { article: "het", written: "plein" },
  kerkplein: { article: "het", written: "kerkplein" },
  informatiepunt: { article: "het", written: "informatiepunt" },
  informatiestand: { article: "de", written: "informatiestand" },
  afvalpunt: { article: "het", written: "afvalpunt" },
  "ehbo-post": { article: "de", written: "EHBO-post" },
  ehbo: { article: "de", written: "EHBO" },
  toiletten: { article: "de", written: "toiletten" },
  kinderdraaimolen: { article: "de", written: "kinderdraaimolen" },
  draaimolen: { article: "de", written: "draaimolen" },
  kermisattractie: { article: "de", written: "kermisattractie" },
};

const ENGLISH_NOUNS = new Set([
  "square",
  "stage",
  "terrace",
  "fair ride",
  "children's carousel",
  "first aid",
  "first aid post",
  "toilets",
  "information point",
  "information stand",
  "waste point",
]);

/** Dutch nouns that may be followed by a name ("afvalpunt Primulastraat"). */
const DUTCH_HEAD_NOUNS = new Set(["afvalpunt"]);

export function placePhrase(name: string, language: "nl" | "en"): { key: PlacePhraseKey; place: string } {
  const trimmed = name.trim();
  const lower = trimmed.toLowerCase();
  if (language === "en") {
    return ENGLISH_NOUNS.has(lower) ? { key: "programme.atThe", place: lower } : { key: "programme.at", place: trimmed };
  }
  const whole = DUTCH_NOUNS[lower];
  if (whole) return { key: whole.article === "het" ? "programme.atHet" : "programme.atDe", place: whole.written };
  const [head, ...rest] = trimmed.split(/\s+/);
  const noun = head ? DUTCH_NOUNS[head.toLowerCase()] : undefined;
  if (noun && head && DUTCH_HEAD_NOUNS.has(head.toLowerCase()) && rest.length > 0) {
    return { key: noun.article === "het" ? "programme.atHet" : "programme.atDe", place: [noun.written, ...rest].join(" ") };
  }
  return { key: "programme.at", place: trimmed };
}

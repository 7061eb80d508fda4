/**
 * Finding a stall on the public map: tolerant of case and accents ("mozaiek" finds "Mozaïek"),
 * of how a spot code is typed ("n12", "N 12" and "N-012" find N-12), and of word order. Every word
 * of the query must occur somewhere in the stall's name, description, category or spot code.
 */

/** Lower case, accents removed, anything that is not a letter or digit turned into a space. */
export function normalise(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** A spot code or code-like query as letters and a number without leading zeros: "N-012" → "n12". */
export function compactCode(text: string): string {
  return normalise(text)
    .replace(/\s+/g, "")
    .replace(/(\D)0+(?=\d)/g, "$1");
}

export interface Searchable {
  code: string;
  texts: string[];
}

/** The query's words, normalised; empty when there is nothing to search for. */
export function queryWords(query: string): string[] {
  return normalise(query.slice(0, 200)).split(" ").filter(Boolean);
}

/** One to three letters and a number, however separated: "N-12", "n 12", "Z07". */
export function looksLikeCode(query: string): boolean {
  return /^[a-z]{1,3} ?\d{1,4}$/.test(normalise(query));
}

/** Whether `item` matches every word of `query`. An empty query matches everything. */
export function matchesQuery(item: Searchable, query: string): boolean {
  const words = queryWords(query);
  if (words.length === 0) return true;
  const code = compactCode(item.code);
  // A query that looks like a spot code ("N 12", "n-12", "Z7") only ever matches that spot.
  if (looksLikeCode(query)) return compactCode(query) === code;
  const haystack = ` ${item.texts.map(normalise).join(" ")} `;
  return words.every((word) => haystack.includes(word));
}

/**
 * The stallholder's wishes for their spot (issue 14), as stored in
 * `applications.placement_wishes_json`: one canonical order and shape, so that the same wishes
 * always give the same JSON (the private page's edit compares them), and a tolerant reader that
 * drops anything it does not know instead of failing a page or a plan.
 */
import type { Wish } from "./placement-plan";

export type { Wish };

const ORDER: Record<Wish["kind"], number> = { next_to: 0, near_power: 1, near_square: 2, house_number: 3 };

/** A house number as people write it on the Noordewierweg: "12", "12a" (stored as "12a"); else null. */
export function normaliseHouseNumber(value: string): string | null {
  const match = /^([1-9]\d{0,3})\s*-?\s*([A-Za-z])?$/.exec(value.trim());
  if (!match) return null;
  return `${match[1]}${match[2] ? match[2].toLowerCase() : ""}`;
}

/**
 * The house numbers a spot stands in front of, as an organiser types them ("12, 14a" or "12 en 14"):
 * each normalised, each once, in the order typed; null when one of them is not a house number.
 */
export function parseHouseNumberList(text: string): string[] | null {
  const numbers: string[] = [];
  for (const part of text.trim().split(/\s*(?:,|;|\/|\ben\b|\band\b)\s*/i)) {
    if (!part) continue;
    const number = normaliseHouseNumber(part);
    if (!number) return null;
    if (!numbers.includes(number)) numbers.push(number);
  }
  return numbers.length > 12 ? null : numbers;
}

/** Wishes in their canonical order and shape (one of each kind; empty texts dropped). */
export function canonicalWishes(wishes: readonly Wish[]): Wish[] {
  const seen = new Set<Wish["kind"]>();
  const result: Wish[] = [];
  for (const wish of [...wishes].sort((a, b) => ORDER[a.kind] - ORDER[b.kind])) {
    if (seen.has(wish.kind)) continue;
    if (wish.kind === "next_to") {
      const stallName = wish.stallName.trim();
      if (!stallName) continue;
      result.push({ kind: "next_to", stallName });
    } else if (wish.kind === "house_number") {
      const houseNumber = wish.houseNumber.trim();
      if (!houseNumber) continue;
      result.push({ kind: "house_number", houseNumber });
    } else result.push({ kind: wish.kind });
    seen.add(wish.kind);
  }
  return result;
}

export function wishesToJson(wishes: readonly Wish[]): string {
  return JSON.stringify(canonicalWishes(wishes));
}

/** The stored wishes; whatever is malformed or unknown is left out. */
export function wishesFromJson(json: string | null | undefined): Wish[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json ?? "[]");
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const wishes: Wish[] = [];
  for (const item of raw as unknown[]) {
    if (typeof item !== "object" || item === null) continue;
    const w = item as Record<string, unknown>;
    if (w.kind === "near_power" || w.kind === "near_square") wishes.push({ kind: w.kind });
    else if (w.kind === "next_to" && typeof w.stallName === "string") wishes.push({ kind: "next_to", stallName: w.stallName });
    else if (w.kind === "house_number" && typeof w.houseNumber === "string") wishes.push({ kind: "house_number", houseNumber: w.houseNumber });
  }
  return canonicalWishes(wishes);
}

/**
 * The wishes as the audit history keeps them: a house number is part of someone's address, and the
 * history is no second copy of personal data (as with the postcode), so only that there was one.
 */
export type HistoryWish = Exclude<Wish, { kind: "house_number" }> | { kind: "house_number" };

export function wishesForHistory(wishes: readonly Wish[]): HistoryWish[] {
  return wishes.map((w) => (w.kind === "house_number" ? { kind: "house_number" } : w));
}

/** Wishes as the history stored them (unknown shapes dropped; a house number never shown). */
export function historyWishes(value: unknown): HistoryWish[] {
  if (!Array.isArray(value)) return [];
  const withNumbers = value.map((w: unknown) => (typeof w === "object" && w !== null && (w as { kind?: unknown }).kind === "house_number" ? { kind: "house_number", houseNumber: "-" } : w));
  return wishesForHistory(wishesFromJson(JSON.stringify(withNumbers)));
}

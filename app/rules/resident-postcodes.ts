/**
 * Which postcodes count for the resident rate, as the organisers write them in the settings:
 * entries separated by commas or new lines, each a 4-digit area ("3812"), a full postcode
 * ("3812 AB") or a range of areas ("3811-3812"). Pure: no Remix, no database.
 */
export type PostcodeEntry =
  | { kind: "area"; from: number; to: number }
  | { kind: "exact"; postcode: string };

export const DEFAULT_RESIDENT_POSTCODES = "3812";

export type ParsedPostcodes = { ok: true; entries: PostcodeEntry[]; text: string } | { ok: false; bad: string };

function parseEntry(raw: string): PostcodeEntry | null {
  const entry = raw.trim().toUpperCase().replace(/\s+/g, " ");
  let m = /^([1-9]\d{3})$/.exec(entry);
  if (m) return { kind: "area", from: Number(m[1]), to: Number(m[1]) };
  m = /^([1-9]\d{3}) ?- ?([1-9]\d{3})$/.exec(entry);
  if (m) {
    const from = Number(m[1]);
    const to = Number(m[2]);
    return from <= to ? { kind: "area", from, to } : null;
  }
  m = /^([1-9]\d{3}) ?([A-Z]{2})$/.exec(entry);
  if (m) return { kind: "exact", postcode: `${m[1]} ${m[2]}` };
  return null;
}

function entryText(e: PostcodeEntry): string {
  if (e.kind === "exact") return e.postcode;
  return e.from === e.to ? String(e.from) : `${e.from}-${e.to}`;
}

/** The setting as entries, or the first entry that is not a postcode, area or range. */
export function parseResidentPostcodes(text: string): ParsedPostcodes {
  const parts = text.split(/[,;\n]/).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return { ok: false, bad: "" };
  const entries: PostcodeEntry[] = [];
  for (const part of parts) {
    const entry = parseEntry(part);
    if (!entry) return { ok: false, bad: part };
    entries.push(entry);
  }
  return { ok: true, entries, text: entries.map(entryText).join(", ") };
}

/** Whether a normalised postcode ("3812 AB") counts for the resident rate. */
export function countsAsResident(postcode: string, setting: string): boolean {
  const parsed = parseResidentPostcodes(setting);
  const fallback = parseResidentPostcodes(DEFAULT_RESIDENT_POSTCODES);
  const entries = parsed.ok ? parsed.entries : fallback.ok ? fallback.entries : [];
  const m = /^(\d{4}) ?([A-Z]{2})$/.exec(postcode.trim().toUpperCase());
  if (!m) return false;
  const area = Number(m[1]);
  const full = `${m[1]} ${m[2]}`;
  return entries.some((e) => (e.kind === "exact" ? e.postcode === full : area >= e.from && area <= e.to));
}

/** The setting written the way the apply form names it ("3811-3812, 3813 AB"). */
export function residentPostcodesText(setting: string): string {
  const parsed = parseResidentPostcodes(setting);
  return parsed.ok ? parsed.text : DEFAULT_RESIDENT_POSTCODES;
}

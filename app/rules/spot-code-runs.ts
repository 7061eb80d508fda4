/**
 * Spot codes as organisers write them: single codes and runs, "N-01–N-10, Z-03". Read against the
 * edition's own codes (so a typo is reported, never stored), and written back as short runs.
 */

export type SpotCodeList = { ok: true; codes: string[] } | { ok: false; unknown: string[] };

// A run's two ends are joined by an en or em dash, "..", "t/m", "to", or a hyphen with spaces
// around it (a hyphen without spaces belongs to the code: "N-01").
const RUN_JOIN = /\s*(?:–|—|\.\.|\bt\/m\b|\bto\b|\s-\s)\s*/i;

interface CodeParts {
  prefix: string;
  number: number;
}

function partsOf(code: string): CodeParts | null {
  const match = /^(.*?)(\d+)$/.exec(code);
  return match ? { prefix: match[1]!.toUpperCase(), number: Number(match[2]) } : null;
}

/** The edition's codes in the order runs are read: by prefix, then by number. */
export function sortSpotCodes(codes: readonly string[]): string[] {
  return [...codes].sort((a, b) => {
    const pa = partsOf(a);
    const pb = partsOf(b);
    if (pa && pb && pa.prefix === pb.prefix) return pa.number - pb.number;
    return a.localeCompare(b, "nl", { numeric: true });
  });
}

/**
 * "N-01–N-04, z-7" → the known codes it names, in code order, each once. Letters may be typed in
 * either case. Every code (or run end) that is not one of `known` is reported, in the order typed.
 */
export function parseSpotCodeList(text: string, known: readonly string[]): SpotCodeList {
  const byUpper = new Map(known.map((code) => [code.toUpperCase(), code]));
  const chosen = new Set<string>();
  const unknown: string[] = [];
  for (const rawPart of text.split(/[,;\n]+/)) {
    const part = rawPart.trim();
    if (!part) continue;
    const ends = part.split(RUN_JOIN).map((s) => s.trim());
    if (ends.length === 1) {
      const code = byUpper.get(part.replace(/\s+/g, "").toUpperCase());
      if (code) chosen.add(code);
      else unknown.push(part);
      continue;
    }
    const [from, to] = ends.map((end) => byUpper.get(end.replace(/\s+/g, "").toUpperCase()));
    const fromParts = from ? partsOf(from) : null;
    const toParts = to ? partsOf(to) : null;
    if (ends.length !== 2 || !fromParts || !toParts || fromParts.prefix !== toParts.prefix) {
      unknown.push(part);
      continue;
    }
    const low = Math.min(fromParts.number, toParts.number);
    const high = Math.max(fromParts.number, toParts.number);
    for (const code of known) {
      const p = partsOf(code);
      if (p && p.prefix === fromParts.prefix && p.number >= low && p.number <= high) chosen.add(code);
    }
  }
  if (unknown.length > 0) return { ok: false, unknown };
  const order = new Map(sortSpotCodes(known).map((code, i) => [code, i]));
  return { ok: true, codes: [...chosen].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)) };
}

/** Codes written back as runs of neighbouring codes of the edition: "N-01–N-04, Z-07". */
export function formatSpotCodeRuns(codes: readonly string[], known: readonly string[]): string {
  const wanted = new Set(codes);
  const runs: string[][] = [];
  let run: string[] = [];
  for (const code of sortSpotCodes(known)) {
    const previous = run[run.length - 1];
    const continues = previous !== undefined && partsOf(previous)?.prefix === partsOf(code)?.prefix;
    if (wanted.has(code) && continues) run.push(code);
    else {
      if (run.length > 0) runs.push(run);
      run = wanted.has(code) ? [code] : [];
    }
  }
  if (run.length > 0) runs.push(run);
  // Codes no longer in the layout are still shown, so nothing silently disappears from the field.
  const gone = codes.filter((code) => !known.includes(code));
  return [...runs.map((r) => (r.length === 1 ? r[0]! : `${r[0]}–${r[r.length - 1]}`)), ...gone].join(", ");
}

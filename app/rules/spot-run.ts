/**
 * A stall on a run of spots is one stall: its spot codes read as one run ("N-08–N-09"), and a list
 * of stalls per spot becomes one entry per stall. Pure, no Remix or database.
 */

/** "N-08" for one spot, "N-08–N-09" for a run (first and last in street order). */
export function spotCodesLabel(codes: readonly string[]): string {
  if (codes.length === 0) return "";
  if (codes.length === 1) return codes[0]!;
  return `${codes[0]}–${codes[codes.length - 1]}`;
}

/** One entry per stall (by `ref`), on the first spot it stands on, in the order the spots come. */
export function oneEntryPerStall<S extends { code: string; stalls: readonly { stallRef: number }[] }>(
  spots: readonly S[],
): { spot: S; stall: S["stalls"][number] }[] {
  const seen = new Set<number>();
  const entries: { spot: S; stall: S["stalls"][number] }[] = [];
  for (const spot of spots) {
    for (const stall of spot.stalls) {
      if (seen.has(stall.stallRef)) continue;
      seen.add(stall.stallRef);
      entries.push({ spot, stall });
    }
  }
  return entries;
}

/**
 * One stall is one stall (issue 11, item 3): a stall on a run of spots is listed once, counted
 * once, and shown with all its spot codes ("N-08–N-09"). Pure: works on the public map's spots.
 */

export interface SpotWithStalls {
  code: string;
  stalls: { stall: number; date: string; stallName: string; description: string; categoryKey: string }[];
}

export interface StallOnMap {
  /** The stall's public number and the day: one entry per stall per market day. */
  key: string;
  stall: number;
  date: string;
  stallName: string;
  description: string;
  categoryKey: string;
  /** Its spot codes in street order. */
  codes: string[];
  /** The codes as people read them: "N-08", "N-08–N-09", or "N-08, N-11" when not one run. */
  codesLabel: string;
}

/**
 * The stalls standing on `spots` (in street order), one entry per stall and day, in the order of
 * their first spot.
 */
export function stallsOnMap(spots: readonly SpotWithStalls[]): StallOnMap[] {
  const entries = new Map<string, StallOnMap & { indices: number[] }>();
  spots.forEach((spot, index) => {
    for (const stall of spot.stalls) {
      const key = `${stall.stall}@${stall.date}`;
      const entry = entries.get(key);
      if (entry) {
        entry.codes.push(spot.code);
        entry.indices.push(index);
        continue;
      }
      entries.set(key, {
        key,
        stall: stall.stall,
        date: stall.date,
        stallName: stall.stallName,
        description: stall.description,
        categoryKey: stall.categoryKey,
        codes: [spot.code],
        codesLabel: "",
        indices: [index],
      });
    }
  });
  return [...entries.values()].map(({ indices, ...entry }) => ({ ...entry, codesLabel: codesLabel(entry.codes, indices) }));
}

function codesLabel(codes: string[], indices: number[]): string {
  if (codes.length === 1) return codes[0]!;
  const oneRun = indices.every((index, i) => i === 0 || index === indices[i - 1]! + 1);
  return oneRun ? `${codes[0]}–${codes[codes.length - 1]}` : codes.join(", ");
}

/** How many different stalls these entries are (a stall on two days or two spots counts once). */
export function countStalls(entries: readonly Pick<StallOnMap, "stall">[]): number {
  return new Set(entries.map((entry) => entry.stall)).size;
}

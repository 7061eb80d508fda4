/**
 * The side streets that cross the market street, read from the layout's skip stretches: a skip on
 * both sides whose reason is "Zijstraat <name>" is a crossing (the default layout writes them so;
 * an organiser's own skips keep that form). One reading for the public map, the stallholder's
 * spot description, the setup list and the permit's site plan.
 */
import type { SkipStretch } from "./layout-geometry";

export interface Crossing {
  name: string;
  /** Metres along the street line of the crossing's middle. */
  atM: number;
  /** How wide the crossing is, in metres along the street. */
  widthM: number;
}

const CROSSING = /^Zijstraat\s+(.+)$/i;

/** The name a skip's reason gives its place: "Zijstraat Anemoonstraat" is the Anemoonstraat. */
export function placeNameOf(reason: string): string {
  return reason.trim().replace(/^Zijstraat\s+/i, "").trim();
}

/** The crossings among `skips`, in order along the street. */
export function crossingsOf(skips: readonly SkipStretch[] | undefined): Crossing[] {
  return (Array.isArray(skips) ? skips : [])
    .flatMap((skip) => {
      const name = skip.side === undefined && CROSSING.test(skip.reason?.trim() ?? "") ? placeNameOf(skip.reason!) : undefined;
      return name ? [{ name, atM: (skip.fromM + skip.toM) / 2, widthM: Math.max(0, skip.toM - skip.fromM) }] : [];
    })
    .sort((a, b) => a.atM - b.atM);
}

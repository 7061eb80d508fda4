/**
 * The stallholder's own spot on their private page (issue 11, item 6): where it is on the street in
 * words and who stands next to it. Built from the public map only (public stall names, never
 * personal data), the edition's layout (its side streets) and the rules in spot-whereabouts.ts.
 */
import type { DrawnSpot } from "~/components/map/map-types";
import type { EditionRow } from "./editions.server";
import { currentLayoutParams } from "./layout.server";
import type { PublicMap } from "./public-map.server";
import { crossingsOf } from "~/rules/side-streets";
import { neighbours, placeAlongStreet, whereabouts, type Neighbour, type StreetReference, type Whereabouts } from "~/rules/spot-whereabouts";

export interface OwnSpotView {
  whereabouts: Whereabouts | null;
  neighbours: { before: Neighbour | null; after: Neighbour | null };
}

export function ownSpotView(edition: Pick<EditionRow, "id">, map: Pick<PublicMap, "spots" | "landmarks" | "streetLine">, own: { date: string; codes: string[] }): OwnSpotView {
  const codes = new Set(own.codes);
  const mine = map.spots.filter((spot) => codes.has(spot.code));
  const nextTo = neighbours(
    map.spots.map((spot) => ({
      code: spot.code,
      side: spot.side,
      alongM: spot.alongM,
      stallName: spot.stalls.find((stall) => stall.date === own.date)?.stallName ?? null,
    })),
    codes,
  );
  const line = map.streetLine;
  if (mine.length === 0 || line.length < 2) return { whereabouts: null, neighbours: nextTo };

  const { params } = currentLayoutParams(edition.id);
  const references: StreetReference[] = [];
  for (const crossing of crossingsOf(params?.skips)) references.push({ kind: "crossing", name: crossing.name, atM: crossing.atM });
  for (const landmark of map.landmarks) {
    if (landmark.geometry.type !== "Polygon") continue;
    const stretch = placeAlongStreet(line, landmark.geometry.coordinates[0] ?? []);
    references.push({ kind: "place", placeKind: landmark.kind, nameNl: landmark.nameNl, nameEn: landmark.nameEn, ...stretch });
  }
  const alongs = mine.map((spot) => spot.alongM);
  return {
    whereabouts: whereabouts({ line, side: mine[0]!.side, fromM: Math.min(...alongs), toM: Math.max(...alongs), references }),
    neighbours: nextTo,
  };
}

/**
 * The spots the private page's small map draws, and no more: every spot's shape (taken spots
 * filled, free ones open), with a stall's name only on the own spots and their neighbours, the
 * only ones it names. The public map's other fields (descriptions, categories, days, services,
 * every stall of every day) stay on the server.
 */
export function privateMapSpots(
  map: Pick<PublicMap, "spots">,
  own: { date: string; codes: string[] }[],
  ownName: string,
  neighbourCodes: readonly string[],
): DrawnSpot[] {
  const ownCodes = new Set(own.flatMap((day) => day.codes));
  const neighbours = new Set(neighbourCodes);
  const date = own[0]?.date;
  return map.spots.map(({ code, kind, polygon, centre, stalls }) => {
    const name = ownCodes.has(code)
      ? ownName
      : neighbours.has(code)
        ? (stalls.find((stall) => stall.date === date)?.stallName ?? stalls[0]?.stallName ?? "")
        : "";
    return { code, kind, polygon, centre, stalls: stalls.length > 0 || ownCodes.has(code) ? [{ stallName: name }] : [] };
  });
}

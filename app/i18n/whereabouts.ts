/** The own spot's whereabouts and neighbours as sentences in the page's language (issue 11, item 6). */
import type { Language, Translate } from "./i18n";
import type { CompassSide, Neighbour, ReferenceName, Whereabouts } from "~/rules/spot-whereabouts";

const SIDE = { north: "apply.whereNorth", east: "apply.whereEast", south: "apply.whereSouth", west: "apply.whereWest" } as const satisfies Record<CompassSide, string>;

function referenceText(t: Translate, language: Language, reference: ReferenceName): string {
  if (reference.kind === "crossing") return t("apply.whereCrossing", { name: reference.name });
  const name = language === "en" ? reference.nameEn : reference.nameNl;
  return t(reference.placeKind === "square" ? "apply.whereSquare" : "apply.wherePlace", { name });
}

/** "Noordkant, tussen de Anemoonstraat en het Plein Emmaüskerk"; null when the side is not known. */
export function whereaboutsText(t: Translate, language: Language, where: Whereabouts | null): string | null {
  if (!where || !where.side) return null;
  const side = t(SIDE[where.side]);
  switch (where.kind) {
    case "between":
      return t("apply.whereBetween", { side, first: referenceText(t, language, where.first), second: referenceText(t, language, where.second) });
    case "opposite":
      return t("apply.whereOpposite", { side, place: referenceText(t, language, where.place) });
    case "from":
      return t("apply.whereFrom", { side, metres: where.metres, place: referenceText(t, language, where.reference) });
    case "street":
      return t("apply.whereStreet", { side });
  }
}

/** "Je buren: Wafels van Wim (N-07) en Ballonnen Bart (N-10)."; null without neighbours. */
export function neighboursText(t: Translate, next: { before: Neighbour | null; after: Neighbour | null }): string | null {
  const { before, after } = next;
  if (before && after) return t("apply.neighboursTwo", { before: before.name, beforeCode: before.code, after: after.name, afterCode: after.code });
  const one = before ?? after;
  return one ? t("apply.neighboursOne", { name: one.name, code: one.code }) : null;
}

/**
 * Plain sentences for the placement proposal's coded reasons ("zelfde plek als 2026; stroom
 * nodig; naast Wafels van Wim zoals gevraagd"), in the organiser's language.
 */
import type { Translate } from "~/i18n/i18n";
import type { PlacementNote, PlacementReason, ProposedPlacement, UnmetWish, UnplacedReason, Wish } from "./placement-plan";
import type { HistoryWish } from "./placement-wishes";

const metres = (cm: number) => String(Math.round(cm / 10) / 10).replace(".", ",");

export function reasonText(reason: PlacementReason, t: Translate): string {
  switch (reason.code) {
    case "same_spot_as_last":
      return reason.year ? t("placement.reasonSameSpot", { year: reason.year }) : t("placement.reasonSameSpotNoYear");
    case "power_needed":
      return t("placement.reasonPower");
    case "wish_next_to":
      return t("placement.reasonNextTo", { name: reason.stallName });
    case "wish_near_power":
      return t("placement.reasonNearPower");
    case "wish_near_square":
      return t("placement.reasonNearSquare");
    case "wish_house_number":
      return t("placement.reasonHouse", { number: reason.houseNumber });
    case "in_zone":
      return t("placement.reasonZone");
    case "run_of_spots":
      return t("placement.reasonRun", { count: reason.count, metres: metres(reason.widthCm) });
    case "same_spot_all_days":
      return t("placement.reasonAllDays");
    case "fits":
      return t("placement.reasonFits", { metres: metres(reason.frontageCm) });
  }
}

export function noteText(note: PlacementNote, t: Translate): string {
  return note.code === "same_category_neighbour" ? t("placement.noteSameCategory", { name: note.neighbourName }) : t("placement.noteOutsideZone");
}

/** All reasons of a placement in one line, separated by semicolons. */
export function placementSentence(placement: ProposedPlacement, t: Translate): string {
  return [...placement.reasons.map((r) => reasonText(r, t)), ...placement.notes.map((n) => noteText(n, t))].join("; ");
}

export function unplacedText(reason: UnplacedReason, t: Translate): string {
  switch (reason.code) {
    case "cap_reached":
      return t("placement.unplacedCap", { cap: reason.cap });
    case "no_days":
      return t("placement.unplacedNoDays");
    case "no_spot_big_enough":
    case "no_free_spot":
      return t(reason.code === "no_free_spot" ? "placement.unplacedNoFreeSpot" : "placement.unplacedNoSpot", {
        metres: metres(reason.frontageCm),
        power: reason.needsElectricity ? t("placement.withPower") : "",
      });
  }
}

/** One wish in words (the apply bundle's, so the stallholder's pages read them too). */
export function wishText(wish: Wish | HistoryWish, t: Translate): string {
  switch (wish.kind) {
    case "next_to":
      return t("apply.wishNextTo", { name: wish.stallName });
    case "near_power":
      return t("apply.wishNearPower");
    case "near_square":
      return t("apply.wishNearSquare");
    case "house_number":
      // The history keeps only that there was a house number, not which (it is part of an address).
      return "houseNumber" in wish ? t("apply.wishHouse", { number: wish.houseNumber }) : t("apply.wishOwnHouse");
  }
}

/** "naast Wafels van Wim, dicht bij stroom en voor huisnummer 12a" (empty for no wishes). */
export function wishesList(wishes: readonly (Wish | HistoryWish)[], t: Translate): string {
  const parts = wishes.map((w) => wishText(w, t));
  if (parts.length <= 1) return parts[0] ?? "";
  return t("apply.wishesAnd", { list: parts.slice(0, -1).join(", "), last: parts[parts.length - 1]! });
}

/** The wishes as one sentence for the organisers: "Wil graag naast Wafels van Wim en dicht bij stroom staan." */
export function wishesSentence(wishes: readonly (Wish | HistoryWish)[], t: Translate): string {
  return wishes.length === 0 ? t("placement.wishesNone") : t("placement.wishesSentence", { wishes: wishesList(wishes, t) });
}

const UNMET = {
  other_stall_unknown: "placement.unmetOtherUnknown",
  other_stall_not_placed: "placement.unmetOtherNotPlaced",
  house_unknown: "placement.unmetHouseUnknown",
  square_unknown: "placement.unmetSquareUnknown",
  no_room: "placement.unmetNoRoom",
} as const;

export function unmetWishText(unmet: UnmetWish, t: Translate): string {
  return `${wishText(unmet.wish, t)}: ${t(UNMET[unmet.reason])}`;
}

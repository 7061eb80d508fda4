/**
 * Shared by the stallholder's private routes (/a/<token>…): the token lookup that answers 404
 * and nothing else, the headers and meta of a private page, and the view of an application.
 */
import { findApplicationByToken, type StallholderApplication } from "~/data/applications.server";
import { listEventDays } from "~/data/editions.server";
import { wishesFromJson } from "~/rules/placement-wishes";
import type { FormValues } from "./ApplicationForm";
import { PRIVATE_HEADERS } from "./private-page";

/** The application behind the link, or a bare 404 (the page says "not found", nothing more). */
export function applicationOr404(token: string | undefined): StallholderApplication {
  const found = token ? findApplicationByToken(token) : undefined;
  if (!found) throw new Response("Not found", { status: 404, headers: PRIVATE_HEADERS });
  return found;
}

/** The form's fields as the stored application fills them in (for the edit form). */
const yesNoOf = (answer: boolean | null) => (answer === true ? "yes" : answer === false ? "no" : "");

export function valuesOf(found: StallholderApplication): FormValues {
  const a = found.application;
  const wishes = wishesFromJson(a.placementWishesJson);
  const nextTo = wishes.find((w) => w.kind === "next_to");
  const house = wishes.find((w) => w.kind === "house_number");
  return {
    version: String(a.version),
    language: a.language,
    stallName: a.stallName,
    description: a.description,
    categoryId: String(a.categoryId),
    contactName: a.contactName,
    email: a.email,
    phone: a.phone,
    applicantKind: a.applicantKind,
    postcode: a.postcode ?? "",
    kvkNumber: a.kvkNumber ?? "",
    frontageCm: String(a.frontageCm),
    depthCm: String(a.depthCm),
    ...(a.needsElectricity ? { needsElectricity: "on" } : {}),
    electricityWatts: a.electricityWatts === null ? "" : String(a.electricityWatts),
    rentedStalls: String(a.rentedStalls),
    days: found.days.map((d) => String(d.id)),
    remarks: a.remarks,
    wishNextTo: nextTo?.kind === "next_to" ? nextTo.stallName : "",
    ...(wishes.some((w) => w.kind === "near_power") ? { wishNearPower: "on" } : {}),
    ...(wishes.some((w) => w.kind === "near_square") ? { wishNearSquare: "on" } : {}),
    wishHouseNumber: house?.kind === "house_number" ? house.houseNumber : "",
    // The cooking answers as given, so an edit shows them and a change to one does not blank the others.
    heatKind: a.heatKind ?? "",
    deepFrying: yesNoOf(a.deepFrying),
    fireExtinguisher: yesNoOf(a.fireExtinguisher),
  };
}

/** The first market day of the application's edition (the refund rule counts back from it). */
export function firstMarketDay(found: StallholderApplication): string | null {
  return listEventDays(found.edition.id)[0]?.date ?? null;
}
export { PRIVATE_HEADERS } from "./private-page";

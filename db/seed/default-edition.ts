/**
 * What a new market starts with: categories, fee table and texts. Organisers change all of it
 * per edition; these are sensible defaults for the Zomerparade.
 */
import type { APPLICANT_KINDS } from "../schema";

type ApplicantKind = (typeof APPLICANT_KINDS)[number];

export interface DefaultCategory {
  key: string;
  nameNl: string;
  nameEn: string;
  colour: string;
  applicantKind: ApplicantKind | null;
  isFree: boolean;
}

// Colours are distinct for the common kinds of colour blindness and readable with white text.
export const DEFAULT_CATEGORIES: DefaultCategory[] = [
  { key: "food", nameNl: "Eten & drinken", nameEn: "Food & drink", colour: "#c0392b", applicantKind: null, isFree: false },
  { key: "crafts", nameNl: "Ambacht & kunst", nameEn: "Crafts & art", colour: "#8e44ad", applicantKind: null, isFree: false },
  { key: "second_hand", nameNl: "Tweedehands", nameEn: "Second-hand", colour: "#2c7a7b", applicantKind: "resident", isFree: false },
  { key: "local_business", nameNl: "Lokale ondernemer", nameEn: "Local business", colour: "#1f5fa8", applicantKind: "commercial", isFree: false },
  { key: "association", nameNl: "Vereniging of maatschappelijke organisatie", nameEn: "Association or social organisation", colour: "#2e7d32", applicantKind: "non_profit", isFree: true },
  { key: "information", nameNl: "Informatiestand", nameEn: "Information stand", colour: "#5d6d7e", applicantKind: "non_profit", isFree: true },
  { key: "children", nameNl: "Activiteit voor kinderen", nameEn: "Activity for children", colour: "#d35400", applicantKind: null, isFree: true },
  { key: "market_trader", nameNl: "Marktkoopman", nameEn: "Market trader", colour: "#7d5a28", applicantKind: "commercial", isFree: false },
];

/** Prices per market day, in cents. */
export const DEFAULT_FEE_RATES: {
  applicantKind: ApplicantKind;
  firstUnitCents: number;
  extraMetreCents: number;
  electricityCents: number;
  stallRentalCents: number;
}[] = [
  { applicantKind: "resident", firstUnitCents: 1500, extraMetreCents: 500, electricityCents: 1000, stallRentalCents: 2500 },
  { applicantKind: "non_profit", firstUnitCents: 0, extraMetreCents: 0, electricityCents: 500, stallRentalCents: 2500 },
  { applicantKind: "commercial", firstUnitCents: 4000, extraMetreCents: 1000, electricityCents: 1500, stallRentalCents: 2500 },
];

export const DEFAULT_MARKET = {
  slug: "sk-zomerparade",
  name: "SK Zomerparade",
  streetName: "Noordewierweg",
  city: "Amersfoort",
};

export const DEFAULT_MARKET_RULES_NL = `Marktregels SK Zomerparade

1. Opbouwen kan vanaf 7:00 uur; om 11:30 uur staat alles klaar en zijn auto's van de straat.
2. Je staat op de standplaats die de organisatie je toewijst, binnen de afmetingen die je opgaf.
3. Brandgangen, inritten en nooduitgangen blijven altijd vrij.
4. Stroom alleen via de aansluiting van de organisatie en met goedgekeurde kabels.
5. Geen harde muziek bij je kraam; het podium staat op het plein van de Emmaüskerk.
6. Je neemt je afval mee en laat je plek schoon achter.
7. Verkoop van alcohol, vuurwerk en namaakartikelen is niet toegestaan.`;

export const DEFAULT_MARKET_RULES_EN = `Market rules SK Zomerparade

1. Set-up from 7:00; by 11:30 everything is ready and cars are off the street.
2. You stand on the spot the organisers assign to you, within the size you applied for.
3. Fire lanes, driveways and emergency exits are always kept clear.
4. Electricity only through the organisers' connection and with approved cables.
5. No loud music at your stall; the stage is on the square of the Emmaüskerk.
6. You take your waste with you and leave your spot clean.
7. Selling alcohol, fireworks and counterfeit goods is not allowed.`;

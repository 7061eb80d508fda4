/** "Your spot": sent to every confirmed stallholder when the organisers send the spot notices. */
import { formatEventDate, translator } from "~/i18n/i18n";
import { statusTitleKey, type PublicStatus } from "~/rules/edition-status";
import { renderMail } from "./layout";

const TEXT = {
  nl: {
    subject: "Je standplaats op de {edition}",
    greeting: "Beste {name},",
    intro: "Je kraam {stall} heeft een standplaats op de Noordewierweg:",
    line: "{date}: standplaats {codes}",
    setUp: "Opbouwen kan vanaf 7:00 uur. Zoek het bordje met je standplaatscode langs de stoeprand.",
    action: "Bekijk je standplaats op de kaart",
    signature: "Tot op de markt!\nDe organisatie van de SK Zomerparade",
  },
  en: {
    subject: "Your spot at the {edition}",
    greeting: "Dear {name},",
    intro: "Your stall {stall} has a spot on the Noordewierweg:",
    line: "{date}: spot {codes}",
    setUp: "Set-up starts at 7:00. Look for the sign with your spot code along the kerb.",
    action: "See your spot on the map",
    signature: "See you at the market!\nThe SK Zomerparade organisers",
  },
} as const;

export function spotNoticeMail(input: {
  language: "nl" | "en";
  contactName: string;
  stallName: string;
  editionName: string;
  days: { date: string; codes: string[] }[];
  privateUrl: string;
  status: PublicStatus;
}) {
  const text = TEXT[input.language];
  const fill = (template: string, params: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? "");
  const t = translator(input.language);
  return renderMail({
    language: input.language,
    subject: fill(text.subject, { edition: input.editionName }),
    greeting: fill(text.greeting, { name: input.contactName }),
    paragraphs: [
      fill(text.intro, { stall: input.stallName }),
      input.days.map((d) => fill(text.line, { date: formatEventDate(d.date, input.language), codes: d.codes.join(", ") })).join("\n"),
      text.setUp,
    ],
    action: { label: text.action, url: input.privateUrl },
    status: {
      ...input.status,
      title: t(statusTitleKey(input.status.status)),
    },
    signature: text.signature,
  });
}

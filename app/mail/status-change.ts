/** The mail every active applicant gets when the edition's status changes. */
import { formatEventDate, formatMoney, translator } from "~/i18n/i18n";
import type { EditionStatus, StatusChangeKind } from "~/rules/edition-status";
import { renderMail } from "./layout";

const TEXT = {
  nl: {
    subject: { scheduled: "De {edition} gaat door", uncertain: "Onzeker of de {edition} doorgaat", cancelled: "De {edition} is afgelast", reopen: "De {edition} gaat toch door: meld je opnieuw aan" },
    greeting: "Beste {name},",
    scheduled: "Goed nieuws: de markt gaat door zoals gepland. Je aanmelding voor {stall} blijft gewoon staan.",
    uncertain: "Het is op dit moment onzeker of de markt doorgaat. Je aanmelding voor {stall} blijft staan. Betalen is veilig: als de markt wordt afgelast, krijg je het volledige bedrag terug.",
    decision: "We verwachten op {date} een besluit.",
    cancelled: "Helaas gaat de markt niet door. Je aanmelding voor {stall} is daarom geannuleerd.",
    refund: "Je krijgt {amount} terug. De terugbetaling is in gang gezet; reken op 5 tot 10 werkdagen voordat het op je rekening staat.",
    noRefund: "Je hebt nog niets betaald, dus er hoeft niets terugbetaald te worden.",
    reopen: "De markt gaat toch door! Eerdere aanmeldingen zijn geannuleerd gebleven en terugbetalingen blijven staan; wil je een kraam, meld je dan opnieuw aan.",
    action: "Bekijk je aanmelding",
    reopenAction: "Opnieuw aanmelden",
    message: "Bericht van de organisatie: {message}",
    signature: "Met vriendelijke groet,\nDe organisatie van de SK Zomerparade",
  },
  en: {
    subject: { scheduled: "The {edition} goes ahead", uncertain: "Uncertain whether the {edition} goes ahead", cancelled: "The {edition} has been cancelled", reopen: "The {edition} goes ahead after all: please apply again" },
    greeting: "Dear {name},",
    scheduled: "Good news: the market goes ahead as planned. Your application for {stall} stands.",
    uncertain: "It is uncertain at the moment whether the market goes ahead. Your application for {stall} stands. Paying is safe: if the market is cancelled, you get the full amount back.",
    decision: "We expect a decision on {date}.",
    cancelled: "Unfortunately the market will not take place. Your application for {stall} has therefore been cancelled.",
    refund: "You will get {amount} back. The refund has been started; allow 5 to 10 working days before it is in your account.",
    noRefund: "You have not paid anything, so there is nothing to refund.",
    reopen: "The market goes ahead after all! Earlier applications stay cancelled and refunds stay made; if you would like a stall, please apply again.",
    action: "See your application",
    reopenAction: "Apply again",
    message: "Message from the organisers: {message}",
    signature: "Kind regards,\nThe SK Zomerparade organisers",
  },
} as const;

export function statusChangeMail(input: {
  language: "nl" | "en";
  kind: StatusChangeKind;
  status: EditionStatus;
  message: string;
  decisionExpectedOn: string | null;
  editionName: string;
  contactName: string;
  stallName: string;
  refundCents: number;
  privateUrl: string;
  applyUrl: string;
}) {
  const text = TEXT[input.language];
  const t = translator(input.language);
  const fill = (template: string, params: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? "");
  const reopen = input.kind === "reopen_fresh";
  const paragraphs: string[] = [];
  if (reopen) paragraphs.push(text.reopen);
  else if (input.status === "scheduled") paragraphs.push(fill(text.scheduled, { stall: input.stallName }));
  else if (input.status === "uncertain") {
    paragraphs.push(fill(text.uncertain, { stall: input.stallName }));
    if (input.decisionExpectedOn) paragraphs.push(fill(text.decision, { date: formatEventDate(input.decisionExpectedOn, input.language) }));
  } else {
    paragraphs.push(fill(text.cancelled, { stall: input.stallName }));
    paragraphs.push(input.refundCents > 0 ? fill(text.refund, { amount: formatMoney(input.refundCents, input.language) }) : text.noRefund);
  }
  if (input.message) paragraphs.push(fill(text.message, { message: input.message }));
  const subjectKey = reopen ? "reopen" : input.status;
  return renderMail({
    language: input.language,
    subject: fill(text.subject[subjectKey], { edition: input.editionName }),
    greeting: fill(text.greeting, { name: input.contactName }),
    paragraphs,
    action: reopen ? { label: text.reopenAction, url: input.applyUrl } : { label: text.action, url: input.privateUrl },
    status: {
      status: input.status,
      message: input.message,
      decisionExpectedOn: input.decisionExpectedOn,
      title: input.status === "uncertain" ? t("common.statusUncertain") : input.status === "cancelled" ? t("common.statusCancelled") : t("common.statusScheduled"),
    },
    signature: text.signature,
  });
}

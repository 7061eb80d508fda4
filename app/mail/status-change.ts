/** The mail every active applicant gets when the edition's status changes. */
import { formatEventDate, formatMoment, formatMoney, translator } from "~/i18n/i18n";
import { statusTitleKey, type EditionStatus, type StatusChangeKind } from "~/rules/edition-status";
import type { PostponementChoice } from "~/rules/postponement";
import { renderMail } from "./layout";

const TEXT = {
  nl: {
    subject: { scheduled: "De {edition} gaat door", uncertain: "Onzeker of de {edition} doorgaat", cancelled: "De {edition} is afgelast", postponed: "De {edition} is verplaatst", reopen: "De {edition} gaat toch door: meld je opnieuw aan", back: "De {edition} gaat toch door op de oude datum" },
    greeting: "Beste {name},",
    scheduled: "Goed nieuws: de markt gaat door zoals gepland. Je aanmelding voor {stall} blijft gewoon staan.",
    uncertain: "Het is op dit moment onzeker of de markt doorgaat. Je aanmelding voor {stall} blijft staan. Betalen is veilig: als de markt wordt afgelast, krijg je het volledige bedrag terug.",
    decision: "We verwachten op {date} een besluit.",
    cancelled: "Helaas gaat de markt niet door. Je aanmelding voor {stall} is daarom geannuleerd.",
    refund: "Je krijgt {amount} terug. De terugbetaling is in gang gezet; reken op 5 tot 10 werkdagen voordat het op je rekening staat.",
    noRefund: "Je hebt nog niets betaald, dus er hoeft niets terugbetaald te worden.",
    reopen: "De markt gaat toch door! Eerdere aanmeldingen blijven geannuleerd en wat is terugbetaald, blijft terugbetaald; wil je een kraam, meld je dan opnieuw aan.",
    postponed: "De markt is verplaatst naar {days}. Je aanmelding voor {stall} verhuist mee naar de nieuwe datum; een standplaats die je al had, blijft van jou.",
    choice: "Kies vóór {deadline} op je persoonlijke pagina: je plek (en je betaling) houden voor de nieuwe datum, of je afmelden en alles terugkrijgen. Kies je niet, dan geldt: {default}.",
    defaultKeep: "je houdt je plek",
    defaultRefund: "je wordt afgemeld en krijgt alles terug",
    back: "De markt gaat toch door op de oorspronkelijke datum: {days}. Je aanmelding voor {stall} en je standplaats gaan mee terug.",
    days: "Marktdagen: {days}.",
    confirm: "Wil je laten weten dat je dit bericht gelezen hebt? Eén klik op de link ‘Gelezen’ hieronder is genoeg; dan hoeven we je niet te bellen.",
    confirmLabel: "Gelezen",
    action: "Bekijk je aanmelding",
    reopenAction: "Opnieuw aanmelden",
    message: "Bericht van de organisatie: {message}",
    signature: "Met vriendelijke groet,\nDe organisatie van de SK Zomerparade",
    dayTimes: "{date} van {from} tot {to}",
    and: " en ",
  },
  en: {
    subject: { scheduled: "The {edition} goes ahead", uncertain: "Uncertain whether the {edition} goes ahead", cancelled: "The {edition} has been cancelled", postponed: "The {edition} has been postponed", reopen: "The {edition} goes ahead after all: please apply again", back: "The {edition} goes ahead on the original date after all" },
    greeting: "Dear {name},",
    scheduled: "Good news: the market goes ahead as planned. Your application for {stall} stands.",
    uncertain: "It is uncertain at the moment whether the market goes ahead. Your application for {stall} stands. Paying is safe: if the market is cancelled, you get the full amount back.",
    decision: "We expect a decision on {date}.",
    cancelled: "Unfortunately the market will not take place. Your application for {stall} has therefore been cancelled.",
    refund: "You will get {amount} back. The refund has been started; allow 5 to 10 working days before it is in your account.",
    noRefund: "You have not paid anything, so there is nothing to refund.",
    reopen: "The market goes ahead after all! Earlier applications stay cancelled and refunds already made stand; if you would like a stall, please apply again.",
    postponed: "The market has been moved to {days}. Your application for {stall} moves to the new date; a spot you already had stays yours.",
    choice: "Please choose before {deadline} on your private page: keep your spot (and your payment) for the new date, or withdraw and get everything back. If you do not choose: {default}.",
    defaultKeep: "you keep your spot",
    defaultRefund: "you are withdrawn and get everything back",
    back: "The market goes ahead on the original date after all: {days}. Your application for {stall} and your spot move back with it.",
    days: "Market days: {days}.",
    confirm: "Please let us know you have read this message: one click on the ‘Read’ link below is enough, and we will not need to phone you.",
    confirmLabel: "Read",
    action: "See your application",
    reopenAction: "Apply again",
    message: "Message from the organisers: {message}",
    signature: "Kind regards,\nThe SK Zomerparade organisers",
    dayTimes: "{date} from {from} to {to}",
    and: " and ",
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
  /** The one-click "Gelezen" link; null when there is nothing to confirm (a fresh start). */
  confirmUrl?: string | null;
  /** The market days as they are after the change. */
  days?: { date: string; startsAt: string; endsAt: string }[];
  /** For an approved stall on a postponement: the choice to make and its default. */
  postponement?: { choiceDeadline: string; defaultChoice: PostponementChoice } | null;
}) {
  const text = TEXT[input.language];
  const t = translator(input.language);
  const fill = (template: string, params: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? "");
  const days = (input.days ?? []).map((d) => fill(text.dayTimes, { date: formatEventDate(d.date, input.language), from: d.startsAt, to: d.endsAt })).join(text.and);
  const reopen = input.kind === "reopen_fresh";
  const back = input.kind === "back_to_old_dates";
  const paragraphs: string[] = [];
  if (reopen) paragraphs.push(text.reopen);
  else if (back) paragraphs.push(fill(text.back, { days, stall: input.stallName }));
  else if (input.status === "scheduled") paragraphs.push(fill(text.scheduled, { stall: input.stallName }));
  else if (input.status === "postponed") {
    paragraphs.push(fill(text.postponed, { days, stall: input.stallName }));
    if (input.postponement) {
      paragraphs.push(
        fill(text.choice, {
          deadline: formatMoment(new Date(input.postponement.choiceDeadline), input.language),
          default: input.postponement.defaultChoice === "keep" ? text.defaultKeep : text.defaultRefund,
        }),
      );
    }
  } else if (input.status === "uncertain") {
    paragraphs.push(fill(text.uncertain, { stall: input.stallName }));
    if (input.decisionExpectedOn) paragraphs.push(fill(text.decision, { date: formatEventDate(input.decisionExpectedOn, input.language) }));
  } else {
    paragraphs.push(fill(text.cancelled, { stall: input.stallName }));
    paragraphs.push(input.refundCents > 0 ? fill(text.refund, { amount: formatMoney(input.refundCents, input.language) }) : text.noRefund);
  }
  if (input.message) paragraphs.push(fill(text.message, { message: input.message }));
  if (input.confirmUrl) paragraphs.push(text.confirm);
  const subjectKey = reopen ? "reopen" : back ? "back" : input.status;
  return renderMail({
    language: input.language,
    subject: fill(text.subject[subjectKey], { edition: input.editionName }),
    greeting: fill(text.greeting, { name: input.contactName }),
    paragraphs,
    ...(input.confirmUrl ? { links: [{ label: text.confirmLabel, url: input.confirmUrl }] } : {}),
    action: reopen ? { label: text.reopenAction, url: input.applyUrl } : { label: text.action, url: input.privateUrl },
    status: {
      status: input.status,
      message: input.message,
      decisionExpectedOn: input.decisionExpectedOn,
      title: t(statusTitleKey(input.status)),
    },
    signature: text.signature,
  });
}

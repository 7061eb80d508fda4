/**
 * Postponing the market to new dates (issue 17): what a postponement is, which input is
 * acceptable, and what each stallholder's choice (keep the spot for the new date, or withdraw with
 * a full refund) amounts to before and after the organisers' deadline. Pure: the clock is passed in.
 */
export type PostponementChoice = "keep" | "refund";

export interface MarketDay {
  /** The event_days row that moves; its assignments move with it. */
  dayId: number;
  date: string;
  startsAt: string;
  endsAt: string;
}

export interface Postponement {
  daysBefore: MarketDay[];
  daysAfter: MarketDay[];
  /** The last moment a stallholder may choose (ISO string). */
  choiceDeadline: string;
  defaultChoice: PostponementChoice;
}

export type PostponementField = "days" | "choiceDeadline" | "defaultChoice";
export type PostponementError =
  | "date_missing"
  | "date_in_past"
  | "dates_repeat"
  | "times_wrong"
  | "deadline_missing"
  | "deadline_in_past"
  | "deadline_after_market";

export interface PostponementInput {
  current: MarketDay[];
  /** One new date and times per current day, in the same order. */
  newDays: { date: string; startsAt: string; endsAt: string }[];
  choiceDeadline: Date | null;
  defaultChoice: PostponementChoice;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;

/** The postponement, or a field error per field. `today` is the local date (YYYY-MM-DD). */
export function checkPostponement(
  input: PostponementInput,
  now: Date,
  today: string,
): { ok: true; postponement: Postponement } | { ok: false; errors: Partial<Record<PostponementField, PostponementError>> } {
  const errors: Partial<Record<PostponementField, PostponementError>> = {};
  const days = input.current.map((day, i) => ({ ...day, ...input.newDays[i] }));
  if (input.newDays.length !== input.current.length || days.some((d) => !DATE.test(d.date ?? ""))) errors.days = "date_missing";
  else if (days.some((d) => d.date <= today)) errors.days = "date_in_past";
  else if (new Set(days.map((d) => d.date)).size !== days.length) errors.days = "dates_repeat";
  else if (days.some((d) => !TIME.test(d.startsAt) || !TIME.test(d.endsAt) || d.startsAt >= d.endsAt)) errors.days = "times_wrong";
  if (!input.choiceDeadline || Number.isNaN(input.choiceDeadline.getTime())) errors.choiceDeadline = "deadline_missing";
  else if (input.choiceDeadline <= now) errors.choiceDeadline = "deadline_in_past";
  else if (!errors.days && days.length > 0 && localDateOf(input.choiceDeadline) >= [...days].sort((a, b) => a.date.localeCompare(b.date))[0]!.date) {
    errors.choiceDeadline = "deadline_after_market";
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    postponement: {
      daysBefore: input.current,
      daysAfter: [...days].sort((a, b) => a.date.localeCompare(b.date)),
      choiceDeadline: input.choiceDeadline!.toISOString(),
      defaultChoice: input.defaultChoice,
    },
  };
}

/** The local (Europe/Amsterdam) date of a moment. */
export function localDateOf(moment: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(moment);
}

export type ChoiceAnswer =
  | { kind: "chosen"; choice: PostponementChoice }
  | { kind: "already_chosen"; choice: PostponementChoice }
  | { kind: "after_deadline"; applies: PostponementChoice };

/**
 * A stallholder's choice at `now`. A choice stands once made (a refund cannot be taken back, and a
 * second click must not refund twice); after the deadline nothing changes and the default applies.
 */
export function answerChoice(
  postponement: Pick<Postponement, "choiceDeadline" | "defaultChoice">,
  existing: PostponementChoice | null,
  wanted: PostponementChoice,
  now: Date,
): ChoiceAnswer {
  if (existing) return { kind: "already_chosen", choice: existing };
  if (now.getTime() > new Date(postponement.choiceDeadline).getTime()) return { kind: "after_deadline", applies: postponement.defaultChoice };
  return { kind: "chosen", choice: wanted };
}

export function deadlinePassed(postponement: Pick<Postponement, "choiceDeadline">, now: Date): boolean {
  return now.getTime() > new Date(postponement.choiceDeadline).getTime();
}

export function parsePostponement(json: string | null): Postponement | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as Postponement;
  } catch {
    return null;
  }
}

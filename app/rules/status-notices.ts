/**
 * Who has to be phoned after a status change (issue 17): everyone told who has not confirmed
 * reading it within the change's waiting time (default 24 hours), and on the day before the market
 * (or on the day itself) everyone who has not confirmed, whatever the waiting time.
 */
export type MailState = "waiting" | "sent" | "bounced" | "failed" | "none";

export const DEFAULT_CALL_AFTER_HOURS = 24;

export function isDueForCall(input: {
  changedAt: Date;
  callAfterHours: number;
  confirmedAt: Date | null;
  /** The local date today and the first market day (YYYY-MM-DD), when there is one. */
  today: string;
  firstMarketDay: string | null;
  now: Date;
}): boolean {
  if (input.confirmedAt) return false;
  if (input.now.getTime() - input.changedAt.getTime() >= input.callAfterHours * 3600_000) return true;
  if (!input.firstMarketDay) return false;
  return input.today >= dayBefore(input.firstMarketDay);
}

export function dayBefore(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d - 1));
  return date.toISOString().slice(0, 10);
}

/**
 * The state of the mail as the call list shows it. A bounce is a mail the receiving server
 * refused for good (an SMTP 5xx answer, e.g. "550 mailbox unavailable"): it will never arrive,
 * so the call list says so instead of "failed, will retry".
 */
export function mailState(mail: { status: "pending" | "sending" | "sent" | "failed"; lastError: string | null } | null): MailState {
  if (!mail) return "none";
  if (isBounce(mail.lastError)) return "bounced";
  if (mail.status === "sent") return "sent";
  if (mail.status === "failed") return "failed";
  return "waiting";
}

export function isBounce(lastError: string | null): boolean {
  return lastError !== null && /(^|\D)5\d\d[\s-]/.test(lastError) && /\b(mailbox|recipient|user|address|unknown|unavailable|rejected|does not exist|no such)\b/i.test(lastError);
}

// Issue 17's rules: postponement input, the choice before and after its deadline, who is called, bounces, the feed.
import { describe, expect, test } from "vitest";
import { statusChangeKind } from "~/rules/edition-status";
import { answerChoice, checkPostponement } from "~/rules/postponement";
import { jobSentence, refundPreviewSentences, switchSentences } from "~/rules/status-page";
import { escapeXml, statusFeed } from "~/rules/status-feed";
import { dayBefore, isBounce, isDueForCall, mailState } from "~/rules/status-notices";

const NOW = new Date("2099-05-01T10:00:00Z");
const current = [{ dayId: 1, date: "2099-07-03", startsAt: "12:00", endsAt: "18:00" }];

describe("postponement", () => {
  const input = (date: string, deadline: string | null = "2099-06-30T10:00:00Z") => ({ current, newDays: [{ date, startsAt: "11:00", endsAt: "17:00" }], choiceDeadline: deadline ? new Date(deadline) : null, defaultChoice: "keep" as const });
  test("a date in the past (or today) is refused on the days field; a deadline after the new market day on its own field", () => {
    expect(checkPostponement(input("2099-04-30"), NOW, "2099-05-01")).toEqual({ ok: false, errors: { days: "date_in_past" } });
    expect(checkPostponement(input("2099-05-01"), NOW, "2099-05-01")).toEqual({ ok: false, errors: { days: "date_in_past" } });
    expect(checkPostponement(input("2099-07-10", "2099-07-10T09:00:00Z"), NOW, "2099-05-01")).toEqual({ ok: false, errors: { choiceDeadline: "deadline_after_market" } });
    expect(checkPostponement(input("2099-07-10", "2099-04-01T09:00:00Z"), NOW, "2099-05-01")).toEqual({ ok: false, errors: { choiceDeadline: "deadline_in_past" } });
    expect(checkPostponement(input("", null), NOW, "2099-05-01")).toEqual({ ok: false, errors: { days: "date_missing", choiceDeadline: "deadline_missing" } });
  });
  test("a good postponement keeps the days before and after", () => {
    const result = checkPostponement(input("2099-07-10"), NOW, "2099-05-01");
    expect(result).toEqual({ ok: true, postponement: { daysBefore: current, daysAfter: [{ dayId: 1, date: "2099-07-10", startsAt: "11:00", endsAt: "17:00" }], choiceDeadline: "2099-06-30T10:00:00.000Z", defaultChoice: "keep" } });
  });
  test("a choice stands once made; after the deadline nothing changes and the default applies", () => {
    const p = { choiceDeadline: "2099-06-30T10:00:00.000Z", defaultChoice: "refund" as const };
    expect(answerChoice(p, null, "keep", NOW)).toEqual({ kind: "chosen", choice: "keep" });
    expect(answerChoice(p, "keep", "refund", NOW)).toEqual({ kind: "already_chosen", choice: "keep" });
    expect(answerChoice(p, null, "keep", new Date("2099-06-30T10:00:01Z"))).toEqual({ kind: "after_deadline", applies: "refund" });
  });
  test("status change kinds: postponing, moving back, never from cancelled", () => {
    expect(statusChangeKind("scheduled", "postponed")).toBe("postpone");
    expect(statusChangeKind("postponed", "postponed")).toBe("postpone");
    expect(statusChangeKind("postponed", "scheduled")).toBe("back_to_old_dates");
    expect(statusChangeKind("cancelled", "postponed")).toBe("not_allowed");
    expect(statusChangeKind("postponed", "cancelled")).toBe("cancel");
  });
});

describe("the call list", () => {
  const base = { changedAt: NOW, callAfterHours: 24, confirmedAt: null, firstMarketDay: "2099-07-03" };
  test("after the waiting time, or from the day before the market; never once confirmed", () => {
    expect(isDueForCall({ ...base, now: new Date(NOW.getTime() + 23 * 3600_000), today: "2099-05-02" })).toBe(false);
    expect(isDueForCall({ ...base, now: new Date(NOW.getTime() + 24 * 3600_000), today: "2099-05-02" })).toBe(true);
    expect(isDueForCall({ ...base, now: new Date(NOW.getTime() + 3600_000), today: "2099-07-02" })).toBe(true);
    expect(isDueForCall({ ...base, confirmedAt: NOW, now: new Date(NOW.getTime() + 48 * 3600_000), today: "2099-07-02" })).toBe(false);
    expect(dayBefore("2099-03-01")).toBe("2099-02-28");
  });
  test("a bounce is a permanent refusal of the address, not a server that is away", () => {
    expect(isBounce("Can't send mail - all recipients were rejected: 550 5.1.1 <a@b>: Recipient address rejected: User unknown")).toBe(true);
    expect(isBounce("421 4.7.0 Try again later")).toBe(false);
    expect(isBounce("connect ECONNREFUSED 127.0.0.1:25")).toBe(false);
    expect(mailState({ status: "failed", lastError: "550 mailbox unavailable" })).toBe("bounced");
    expect(mailState({ status: "sent", lastError: null })).toBe("sent");
    expect(mailState({ status: "pending", lastError: "421 busy" })).toBe("waiting");
    expect(mailState(null)).toBe("none");
  });
});

describe("status page sentences", () => {
  const facts = { stripeConfigured: true, applicationsClosedManually: false, paymentsPaused: false };
  test("after cancelling, no 'usual window' and no 'payment requests go on'", () => {
    expect(switchSentences({ ...facts, status: "cancelled" })).toEqual({ applications: { key: "applicationsClosedCancelled" }, payments: { key: "paymentsNoneCancelled" }, switchesApply: false });
    expect(switchSentences({ ...facts, status: "uncertain", stripeConfigured: false }).payments).toEqual({ key: "paymentsActiveManual" });
  });
  test("no Stripe refund promised without Stripe; a run with failures is not 'done'", () => {
    const preview = { kind: "cancel" as const, applicantsMailed: 25, applicationsCancelled: 25, paymentsRefunded: 18, refundCents: 76000, manualRefunds: 0, manualRefundCents: 0 };
    expect(refundPreviewSentences(preview, false)).toEqual([{ key: "previewRefundsNoStripe", params: { count: 18, amountCents: 76000 } }]);
    expect(refundPreviewSentences(preview, true)[0]!.key).toBe("previewRefunds");
    expect(jobSentence({ status: "succeeded", total: 25, done: 7, failed: 18, manualOpen: 0 }, true)).toEqual({ key: "jobDoneFailed", params: { failed: 18, total: 25 } });
    expect(jobSentence({ status: "succeeded", total: 25, done: 25, failed: 0, manualOpen: 0 }, true)).toEqual({ key: "jobDone" });
    expect(jobSentence({ status: "running", total: 25, done: 5, failed: 0, manualOpen: 0 }, true)).toEqual({ key: "jobRunning" });
  });
});

describe("the status feed", () => {
  test("RSS 2.0 with one item per change, escaped", () => {
    const xml = statusFeed({ title: "SK <Zomerparade>", link: "https://example.org", description: "Status", language: "nl", items: [{ id: 7, title: "Verplaatst & meer", description: "Nieuwe datum", changedAt: NOW }] });
    expect(xml).toContain('<rss version="2.0"');
    expect(xml).toContain("<title>SK &lt;Zomerparade&gt;</title>");
    expect(xml).toContain("<guid isPermaLink=\"false\">zomerparade-status-7</guid>");
    expect(xml).toContain(`<pubDate>${NOW.toUTCString()}</pubDate>`);
    expect(escapeXml(`"'`)).toBe("&quot;&apos;");
  });
});

import { describe, expect, test } from "vitest";
import { formatDayMonth, formatEventDate, formatMoney, negotiateLanguage, translator } from "~/i18n/i18n";
import { registeredBundles } from "~/i18n/messages";
import { addDays, amsterdamMoment, isCalendarDate, localDate, localTime, nextDefaultMarketDay } from "~/rules/calendar";
import { applicationWindow, publicStatus } from "~/rules/edition-status";

describe("calendar in Europe/Amsterdam", () => {
  test("local date and time follow summer and winter time", () => {
    expect(localDate(new Date("2027-07-01T22:30:00Z"))).toBe("2027-07-02"); // 00:30 CEST
    expect(localTime(new Date("2027-07-01T22:30:00Z"))).toBe("00:30");
    expect(localDate(new Date("2027-01-01T22:30:00Z"))).toBe("2027-01-01"); // 23:30 CET
    expect(amsterdamMoment("2027-07-02", "12:00").toISOString()).toBe("2027-07-02T10:00:00.000Z");
    expect(amsterdamMoment("2027-01-15", "12:00").toISOString()).toBe("2027-01-15T11:00:00.000Z");
    expect(amsterdamMoment("2027-03-28", "03:30").toISOString()).toBe("2027-03-28T01:30:00.000Z"); // after the spring change
  });

  test("the next default market day is the first Friday of July still ahead", () => {
    expect(nextDefaultMarketDay("2026-11-27")).toBe("2027-07-02");
    expect(nextDefaultMarketDay("2027-06-30")).toBe("2027-07-02");
    expect(nextDefaultMarketDay("2027-07-01")).toBe("2028-07-07");
    expect(nextDefaultMarketDay("2023-01-10")).toBe("2023-07-07"); // the real 2023 edition's day
    expect(addDays("2027-07-02", -35)).toBe("2027-05-28");
  });
});

describe("formatting", () => {
  test("money is integer cents shown as € 12,50 in Dutch and €12.50 in English", () => {
    expect(formatMoney(1250, "nl")).toBe("€ 12,50");
    expect(formatMoney(123456, "nl")).toBe("€ 1.234,56");
    expect(formatMoney(1250, "en")).toBe("€12.50");
    expect(() => formatMoney(12.5, "nl")).toThrow(/integer cents/);
  });

  test("market days are written out in the visitor's language", () => {
    expect(formatEventDate("2027-07-02", "nl")).toBe("vrijdag 2 juli 2027");
    expect(formatEventDate("2027-07-02", "en")).toBe("Friday, 2 July 2027");
  });

  test("placeholders are filled in", () => {
    expect(translator("nl")("home.dayLine", { date: "vrijdag", from: "12:00", to: "18:00" })).toBe("vrijdag, 12:00–18:00 uur");
  });

  test("every bundle is registered somewhere, with the same keys in both languages, none empty", () => {
    const bundles = registeredBundles();
    expect(Object.keys(bundles).sort()).toEqual(["apply", "common", "editor", "history", "home", "mail", "map", "organiser", "payments", "permit", "placement", "programme", "seo", "status"]);
    for (const [name, bundle] of Object.entries(bundles) as [string, { nl: Record<string, string>; en: Record<string, string> }][]) {
      expect(Object.keys(bundle.en).sort(), name).toEqual(Object.keys(bundle.nl).sort());
      for (const value of [...Object.values(bundle.nl), ...Object.values(bundle.en)]) expect(String(value).trim(), name).not.toBe("");
    }
  });
});

describe("language negotiation", () => {
  test("?lang wins and is remembered; an unknown value falls back to Dutch", () => {
    expect(negotiateLanguage({ queryLang: "en", cookieLang: "nl", acceptLanguage: null })).toEqual({ language: "en", remember: true });
    expect(negotiateLanguage({ queryLang: "fr", cookieLang: "en", acceptLanguage: "en" })).toEqual({ language: "nl", remember: true });
  });
  test("then the cookie, then the browser's preference, then Dutch", () => {
    expect(negotiateLanguage({ queryLang: null, cookieLang: "en", acceptLanguage: "nl" })).toEqual({ language: "en", remember: false });
    expect(negotiateLanguage({ queryLang: null, cookieLang: null, acceptLanguage: "de-DE,en;q=0.8,nl;q=0.5" }).language).toBe("en");
    expect(negotiateLanguage({ queryLang: null, cookieLang: "xx", acceptLanguage: "de-DE" }).language).toBe("nl");
    expect(negotiateLanguage({ queryLang: null, cookieLang: null, acceptLanguage: null }).language).toBe("nl");
  });
});

describe("edition status and application window", () => {
  const base = { status: "scheduled" as const, applicationsOpenAt: new Date("2027-01-01T00:00:00Z"), applicationsCloseAt: new Date("2027-05-01T00:00:00Z"), applicationsClosedManually: false };
  test("open between opening and closing, not before, closed after, by hand, or when cancelled", () => {
    expect(applicationWindow(base, new Date("2026-12-31T23:59:59Z"))).toEqual({ state: "not_open_yet", opensAt: base.applicationsOpenAt });
    expect(applicationWindow(base, new Date("2027-01-01T00:00:00Z"))).toEqual({ state: "open", closesAt: base.applicationsCloseAt });
    expect(applicationWindow(base, new Date("2027-05-01T00:00:00Z"))).toEqual({ state: "closed", reason: "past_deadline" });
    expect(applicationWindow({ ...base, applicationsClosedManually: true }, new Date("2027-02-01T00:00:00Z"))).toEqual({ state: "closed", reason: "closed_by_organisers" });
    expect(applicationWindow({ ...base, status: "cancelled" }, new Date("2027-02-01T00:00:00Z"))).toEqual({ state: "closed", reason: "cancelled" });
    expect(applicationWindow({ ...base, status: "uncertain" }, new Date("2027-02-01T00:00:00Z")).state).toBe("open");
    expect(applicationWindow({ ...base, applicationsOpenAt: null }, new Date("2027-02-01T00:00:00Z")).state).toBe("not_open_yet");
  });
  test("the public message is in the visitor's language, falling back to the other", () => {
    const facts = { status: "uncertain" as const, statusMessageNl: "Misschien", statusMessageEn: "", decisionExpectedOn: "2027-06-01" };
    expect(publicStatus(facts, "en")).toEqual({ status: "uncertain", message: "Misschien", decisionExpectedOn: "2027-06-01" });
    expect(publicStatus({ ...facts, status: "scheduled" }, "nl").decisionExpectedOn).toBeNull();
  });
});

describe("a date that exists", () => {
  test("real dates only, written YYYY-MM-DD", () => {
    expect(isCalendarDate("2027-05-15")).toBe(true);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2027-02-29")).toBe(false);
    expect(isCalendarDate("2027-04-31")).toBe(false);
    expect(isCalendarDate("2027-13-01")).toBe(false);
    expect(isCalendarDate("15-05-2027")).toBe(false);
    expect(isCalendarDate("")).toBe(false);
  });
  test("a date this season reads as day and month", () => {
    expect(formatDayMonth("2027-05-15", "nl")).toBe("15 mei");
    expect(formatDayMonth("2027-05-15", "en")).toBe("15 May");
  });
});

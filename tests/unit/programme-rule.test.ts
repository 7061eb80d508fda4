import { describe, expect, test } from "vitest";
import { programmeItemSchema, programmeFieldErrors } from "~/forms/programme-item";
import { amsterdamMoment } from "~/rules/calendar";
import { endOf, isMarketDay, nowAndNext, sortProgramme, startOf } from "~/rules/programme";

const DAY = "2099-07-03";
const item = (id: number, startsAt: string, endsAt: string | null, date = DAY) => ({ id, date, startsAt, endsAt });
const ITEMS = [
  item(3, "13:30", "14:15"),
  item(1, "12:00", "12:15"),
  item(2, "12:30", "13:15"),
  item(4, "13:00", "16:00"),
  item(5, "16:00", null),
];
const at = (time: string, date = DAY) => amsterdamMoment(date, time);
const ids = (list: { id: number }[]) => list.map((i) => i.id);

describe("nowAndNext (Europe/Amsterdam)", () => {
  test("before the market: nothing now, the first items next", () => {
    const result = nowAndNext(ITEMS, at("10:00"));
    expect(ids(result.now)).toEqual([]);
    expect(ids(result.next)).toEqual([1, 2, 4]);
    expect(result.over).toBe(false);
  });

  test("during an item, it is now; the start is included, the end is not", () => {
    expect(ids(nowAndNext(ITEMS, at("12:00")).now)).toEqual([1]);
    expect(ids(nowAndNext(ITEMS, at("12:14")).now)).toEqual([1]);
    expect(ids(nowAndNext(ITEMS, at("12:15")).now)).toEqual([]);
    expect(ids(nowAndNext(ITEMS, at("12:15")).next)).toEqual([2, 4, 3]);
  });

  test("overlapping items are all now, in start order", () => {
    const result = nowAndNext(ITEMS, at("13:45"));
    expect(ids(result.now)).toEqual([4, 3]);
    expect(ids(result.next)).toEqual([5]);
  });

  test("an item without an end lasts 30 minutes", () => {
    expect(ids(nowAndNext(ITEMS, at("16:29")).now)).toEqual([5]);
    expect(ids(nowAndNext(ITEMS, at("16:30")).now)).toEqual([]);
    expect(nowAndNext(ITEMS, at("16:30")).over).toBe(true);
  });

  test("uses Amsterdam time whatever the moment's zone: 12:05 in July is 10:05 UTC", () => {
    expect(ids(nowAndNext(ITEMS, new Date(`${DAY}T10:05:00Z`)).now)).toEqual([1]);
    expect(startOf(ITEMS[1]!).toISOString()).toBe(`${DAY}T10:00:00.000Z`);
    expect(endOf(ITEMS[4]!).toISOString()).toBe(`${DAY}T14:30:00.000Z`);
    // Winter time: one hour ahead of UTC.
    expect(startOf(item(9, "12:00", null, "2099-12-03")).toISOString()).toBe("2099-12-03T11:00:00.000Z");
  });

  test("a two-day programme: the next day's items are next after the first day ends", () => {
    const twoDays = [...ITEMS, item(6, "11:00", "12:00", "2099-07-04")];
    const result = nowAndNext(twoDays, at("20:00"));
    expect(ids(result.next)).toEqual([6]);
    expect(result.over).toBe(false);
    expect(ids(sortProgramme(twoDays))).toEqual([1, 2, 4, 3, 5, 6]);
  });

  test("no items: nothing now, nothing next, not over", () => {
    expect(nowAndNext([], at("12:00"))).toEqual({ now: [], next: [], over: false });
  });
});

describe("isMarketDay", () => {
  const items = [{ date: "2099-07-03", startsAt: "12:00", endsAt: "12:30" }];
  test("true on a day of the programme in Amsterdam, false months before or the day after", () => {
    expect(isMarketDay(items, new Date("2099-07-03T20:00:00Z"))).toBe(true);
    expect(isMarketDay(items, new Date("2099-07-02T22:30:00Z"))).toBe(true); // 00:30 on the 3rd in Amsterdam
    expect(isMarketDay(items, new Date("2098-12-02T12:00:00Z"))).toBe(false);
    expect(isMarketDay(items, new Date("2099-07-03T22:30:00Z"))).toBe(false);
  });
});

describe("programmeItemSchema", () => {
  const valid = { eventDayId: "3", startsAt: "14:30", endsAt: "15:00", titleNl: " Koor ", titleEn: "", textNl: "", textEn: "", landmarkId: "", spotId: "" };

  test("accepts form input and fills the English title from the Dutch one", () => {
    const parsed = programmeItemSchema.parse(valid);
    expect(parsed).toEqual({ eventDayId: 3, startsAt: "14:30", endsAt: "15:00", titleNl: "Koor", titleEn: "Koor", textNl: "", textEn: "", landmarkId: null, spotId: null });
    expect(programmeItemSchema.parse({ ...valid, endsAt: "" }).endsAt).toBeNull();
  });

  test("refuses bad times, an end before the start, a missing title and two places", () => {
    const errors = (input: object) => {
      const result = programmeItemSchema.safeParse({ ...valid, ...input });
      return result.success ? {} : programmeFieldErrors(result.error);
    };
    expect(errors({ startsAt: "25:00" })).toEqual({ startsAt: "errTime" });
    expect(errors({ startsAt: "2pm" })).toEqual({ startsAt: "errTime" });
    expect(errors({ endsAt: "14:30" })).toEqual({ endsAt: "errEndBeforeStart" });
    expect(errors({ titleNl: "   " })).toEqual({ titleNl: "errTitle" });
    expect(errors({ titleNl: "x".repeat(121) })).toEqual({ titleNl: "errTooLong" });
    expect(errors({ landmarkId: "2", spotId: "5" })).toEqual({ landmarkId: "errOnePlace" });
    expect(errors({ eventDayId: "" })).toHaveProperty("eventDayId");
  });
});

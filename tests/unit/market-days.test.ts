import { expect, test } from "vitest";
import { daysBetween, shiftedMarketDays } from "~/rules/calendar";

test("a new edition keeps the days' pattern and times from its new first date", () => {
  const last = [
    { date: "2026-06-13", startsAt: "11:00", endsAt: "17:00" }, // Saturday
    { date: "2026-06-14", startsAt: "12:00", endsAt: "16:00" }, // Sunday
  ];
  expect(shiftedMarketDays(last, "2027-06-12")).toEqual([
    { date: "2027-06-12", startsAt: "11:00", endsAt: "17:00" },
    { date: "2027-06-13", startsAt: "12:00", endsAt: "16:00" },
  ]);
});

test("a gap between days stays a gap, across a month end and the change to summer time", () => {
  const last = [
    { date: "2026-03-28", startsAt: "12:00", endsAt: "18:00" },
    { date: "2026-04-04", startsAt: "12:00", endsAt: "18:00" },
  ];
  expect(shiftedMarketDays(last, "2027-03-27").map((d) => d.date)).toEqual(["2027-03-27", "2027-04-03"]);
  expect(daysBetween("2026-03-28", "2026-04-04")).toBe(7);
  expect(daysBetween("2026-04-04", "2026-03-28")).toBe(-7);
});

test("with no days to copy, one day on the first date from 12:00 to 18:00", () => {
  expect(shiftedMarketDays([], "2027-07-03")).toEqual([{ date: "2027-07-03", startsAt: "12:00", endsAt: "18:00" }]);
});

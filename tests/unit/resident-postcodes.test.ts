import { describe, expect, it } from "vitest";
import { countsAsResident, parseResidentPostcodes, residentPostcodesText } from "~/rules/resident-postcodes";

describe("resident postcodes", () => {
  it("accepts areas, full postcodes and ranges", () => {
    const parsed = parseResidentPostcodes("3812, 3813 ab\n3814-3815");
    expect(parsed.ok).toBe(true);
    expect(residentPostcodesText("3812, 3813 ab\n3814-3815")).toBe("3812, 3813 AB, 3814-3815");
  });
  it("refuses what is not a postcode, area or range", () => {
    expect(parseResidentPostcodes("3812, Utrecht")).toEqual({ ok: false, bad: "Utrecht" });
    expect(parseResidentPostcodes("3815-3811")).toEqual({ ok: false, bad: "3815-3811" });
    expect(parseResidentPostcodes("  ")).toEqual({ ok: false, bad: "" });
  });
  it("decides which postcodes count", () => {
    expect(countsAsResident("3812 XY", "3812")).toBe(true);
    expect(countsAsResident("1012 AB", "3812")).toBe(false);
    expect(countsAsResident("3811 AA", "3811-3812")).toBe(true);
    expect(countsAsResident("3813 AB", "3812, 3813 AB")).toBe(true);
    expect(countsAsResident("3813 AC", "3812, 3813 AB")).toBe(false);
  });
});

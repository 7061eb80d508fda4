import { describe, expect, test } from "vitest";
import { mapCredit } from "~/rules/map-credit";

const DUTCH = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-bijdragers';

describe("the map credit in the page's language", () => {
  test("English pages say 'OpenStreetMap contributors', Dutch pages 'OpenStreetMap-bijdragers'", () => {
    expect(mapCredit(DUTCH, "en")).toBe('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors');
    expect(mapCredit(DUTCH, "nl")).toBe(DUTCH);
    expect(mapCredit(mapCredit(DUTCH, "en"), "nl")).toBe(DUTCH);
  });
  test("another credit is left as configured", () => {
    expect(mapCredit("© Kadaster", "en")).toBe("© Kadaster");
  });
});

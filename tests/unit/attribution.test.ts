import { expect, test } from "vitest";
import { attributionFor } from "~/rules/attribution";

const dutch = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-bijdragers';

test("the map credit reads in the page's language", () => {
  expect(attributionFor(dutch, "en")).toBe('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors');
  expect(attributionFor(dutch, "nl")).toBe(dutch);
  expect(attributionFor(attributionFor(dutch, "en"), "nl")).toBe(dutch);
  expect(attributionFor("Kaart: gemeente", "en")).toBe("Kaart: gemeente");
});

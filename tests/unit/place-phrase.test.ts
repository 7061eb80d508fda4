import { expect, test } from "vitest";
import { translator } from "~/i18n/i18n";
import { placePhrase } from "~/rules/place-phrase";

const say = (name: string, language: "nl" | "en") => {
  const p = placePhrase(name, language);
  return translator(language)(p.key, { place: p.place });
};

test("English reads 'at the stage', not 'at Stage'; a proper name stays as it is", () => {
  expect(say("Stage", "en")).toBe("at the stage");
  expect(say("Toilets", "en")).toBe("at the toilets");
  expect(say("Children's carousel", "en")).toBe("at the children's carousel");
  expect(say("De Brink", "en")).toBe("at De Brink");
});

test("Dutch takes the right article for the common landmarks, and none for a proper name", () => {
  expect(say("Podium", "nl")).toBe("bij het podium");
  expect(say("Terras", "nl")).toBe("bij het terras");
  expect(say("EHBO-post", "nl")).toBe("bij de EHBO-post");
  expect(say("Toiletten", "nl")).toBe("bij de toiletten");
  expect(say("Kinderdraaimolen", "nl")).toBe("bij de kinderdraaimolen");
  expect(say("Informatiepunt", "nl")).toBe("bij het informatiepunt");
  expect(say("Afvalpunt Primulastraat", "nl")).toBe("bij het afvalpunt Primulastraat");
  expect(say("De Brink", "nl")).toBe("bij De Brink");
  expect(say("Plein Emmaüskerk", "nl")).toBe("bij Plein Emmaüskerk");
});

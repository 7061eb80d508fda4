import { expect, test } from "vitest";
import { placePhrase } from "~/components/map/NowNext";
import { translator } from "~/i18n/i18n";

test("English reads 'at the stage', not 'at Stage'; a proper name stays as it is", () => {
  const en = translator("en");
  const say = (name: string, language: "nl" | "en") => {
    const p = placePhrase(name, language);
    return (language === "en" ? en : translator("nl"))(p.key, { place: p.place });
  };
  expect(say("Stage", "en")).toBe("at the stage");
  expect(say("Toilets", "en")).toBe("at the toilets");
  expect(say("De Brink", "en")).toBe("at De Brink");
  expect(say("Podium", "nl")).toBe("bij Podium");
});

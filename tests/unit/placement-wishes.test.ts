// The apply form's optional "Wensen voor je plek" (issue 14): one schema for browser and server,
// stored in one canonical shape, read back tolerantly, and told as sentences in both languages.
import { describe, expect, test } from "vitest";
import { historySentence } from "~/components/organiser/history";
import { HOUSE_NUMBER_MAX, LIMITS, parseChangedApplication, parseNewApplication } from "~/forms/application-form";
import { formatMoment, formatMoney, translator, type Language } from "~/i18n/i18n";
import { wishesSentence } from "~/rules/placement-text";
import { historyWishes, normaliseHouseNumber, parseHouseNumberList, wishesForHistory, wishesFromJson, wishesToJson } from "~/rules/placement-wishes";

const context = { stallUnitCm: 300, dayIds: [11, 12], categoryIds: [1, 2] };
const valid = {
  submissionKey: "abcdefghijklmnop1234",
  language: "nl",
  stallName: "Koffie van Karin",
  description: "",
  categoryId: "1",
  contactName: "Karin Jansen",
  email: "karin@example.org",
  phone: "06 12345678",
  applicantKind: "resident",
  postcode: "3812 AB",
  kvkNumber: "",
  frontageCm: "300",
  depthCm: "300",
  rentedStalls: "0",
  days: ["11"],
  remarks: "",
  consent: "on",
};

function parse(overrides: Record<string, unknown>) {
  return parseNewApplication({ ...valid, ...overrides }, context);
}
function errorsFor(overrides: Record<string, unknown>) {
  const result = parse(overrides);
  if (result.ok) throw new Error(`expected errors for ${JSON.stringify(overrides)}`);
  return result.errors;
}

describe("the wishes in the apply form schema", () => {
  test("no wishes: the values carry none (the field is optional)", () => {
    const result = parse({ wishNextTo: "  ", wishHouseNumber: "" });
    expect(result.ok && result.values.wishes).toBe(undefined);
  });

  test("every wish, trimmed and in one order; a house number written as 12a", () => {
    const result = parse({ wishNextTo: "  Wafels   van\tWim ", wishNearPower: "on", wishNearSquare: "on", wishHouseNumber: " 12 A " });
    expect(result).toMatchObject({
      ok: true,
      values: {
        wishes: [
          { kind: "next_to", stallName: "Wafels van Wim" },
          { kind: "near_power" },
          { kind: "near_square" },
          { kind: "house_number", houseNumber: "12a" },
        ],
      },
    });
  });

  test("the stall name has the limit of a stall name; control characters are refused", () => {
    expect(LIMITS.wishNextTo).toBe(LIMITS.stallName);
    expect(parse({ wishNextTo: "x".repeat(LIMITS.wishNextTo) }).ok).toBe(true);
    expect(errorsFor({ wishNextTo: "x".repeat(LIMITS.wishNextTo + 1) }).wishNextTo).toEqual({ key: "errTooLong", params: { max: LIMITS.wishNextTo } });
    expect(errorsFor({ wishNextTo: "Wafels\u202evan Wim" }).wishNextTo).toEqual({ key: "errCharacters" });
    expect(errorsFor({ wishNextTo: ["a", "b"] }).wishNextTo).toEqual({ key: "errInvalid" });
    expect(errorsFor({ wishNearPower: "maybe" }).wishNearPower).toEqual({ key: "errInvalid" });
  });

  test("next to another stall means another one: their own stall's name is refused on that field", () => {
    expect(errorsFor({ wishNextTo: " koffie  VAN karin " })).toEqual({ wishNextTo: { key: "errWishOwnStall" } });
    expect(errorsFor({ wishNextTo: "Koffie van Karin", email: "nope" })).toMatchObject({ email: { key: "errEmail" }, wishNextTo: { key: "errWishOwnStall" } });
    expect(parse({ wishNextTo: "Koffie van Kees" }).ok).toBe(true);
  });

  test("a house number looks like 12 or 12a", () => {
    for (const ok of ["1", "12", "12a", "12 B", "112-c", "1234"]) expect(parse({ wishHouseNumber: ok }).ok, ok).toBe(true);
    for (const bad of ["0", "twaalf", "12ab", "12/2", "12345", "a12", "-3"]) expect(errorsFor({ wishHouseNumber: bad }).wishHouseNumber, bad).toEqual({ key: "errHouseNumber" });
    expect(errorsFor({ wishHouseNumber: "1".repeat(HOUSE_NUMBER_MAX + 1) }).wishHouseNumber).toEqual({ key: "errTooLong", params: { max: HOUSE_NUMBER_MAX } });
    expect(normaliseHouseNumber(" 7 d ")).toBe("7d");
    expect(normaliseHouseNumber("07")).toBe(null);
  });

  test("only residents may wish for their own house number: other kinds get a field error on it", () => {
    const errors = errorsFor({ applicantKind: "commercial", kvkNumber: "12345678", postcode: "", wishHouseNumber: "12" });
    expect(errors).toEqual({ wishHouseNumber: { key: "errHouseNumberResidentOnly" } });
    expect(errorsFor({ applicantKind: "non_profit", postcode: "", wishHouseNumber: "12" }).wishHouseNumber).toEqual({ key: "errHouseNumberResidentOnly" });
    // Shown together with the errors of other fields, so one round trip shows them all.
    const many = errorsFor({ applicantKind: "non_profit", postcode: "", stallName: "", wishHouseNumber: "12" });
    expect(many).toMatchObject({ stallName: { key: "errRequired" }, wishHouseNumber: { key: "errHouseNumberResidentOnly" } });
    // The other wishes are for everyone.
    expect(parse({ applicantKind: "non_profit", postcode: "", wishNextTo: "Wafels van Wim", wishNearPower: "on" })).toMatchObject({
      ok: true,
      values: { wishes: [{ kind: "next_to", stallName: "Wafels van Wim" }, { kind: "near_power" }] },
    });
  });

  test("the change form (private page) uses the same checks", () => {
    const { consent: _c, submissionKey: _s, ...rest } = valid;
    const result = parseChangedApplication({ ...rest, version: "3", applicantKind: "commercial", kvkNumber: "12345678", postcode: "", wishHouseNumber: "12" }, context);
    expect(result).toEqual({ ok: false, errors: { wishHouseNumber: { key: "errHouseNumberResidentOnly" } } });
    const ok = parseChangedApplication({ ...rest, version: "3", wishNearSquare: "on" }, context);
    expect(ok.ok && ok.values.wishes).toEqual([{ kind: "near_square" }]);
  });
});

describe("stored wishes", () => {
  test("one canonical JSON for the same wishes, and a tolerant reader", () => {
    const json = wishesToJson([{ kind: "near_power" }, { kind: "next_to", stallName: " Wafels van Wim " }, { kind: "near_power" }]);
    expect(json).toBe('[{"kind":"next_to","stallName":"Wafels van Wim"},{"kind":"near_power"}]');
    expect(wishesFromJson(json)).toEqual([{ kind: "next_to", stallName: "Wafels van Wim" }, { kind: "near_power" }]);
    expect(wishesFromJson("[]")).toEqual([]);
    expect(wishesFromJson("not json")).toEqual([]);
    expect(wishesFromJson('{"kind":"near_power"}')).toEqual([]);
    expect(wishesFromJson('[{"kind":"fly"},{"kind":"next_to"},{"kind":"near_square"},null]')).toEqual([{ kind: "near_square" }]);
  });

  test("the history keeps no house number", () => {
    expect(wishesForHistory([{ kind: "house_number", houseNumber: "12a" }, { kind: "near_power" }])).toEqual([{ kind: "house_number" }, { kind: "near_power" }]);
    expect(historyWishes([{ kind: "house_number" }, { kind: "bogus" }])).toEqual([{ kind: "house_number" }]);
    expect(historyWishes("nope")).toEqual([]);
  });
});

describe("the wishes as sentences", () => {
  const nl = translator("nl");
  const en = translator("en");
  test("for the organisers, in both languages", () => {
    const wishes = [{ kind: "next_to", stallName: "Wafels van Wim" }, { kind: "near_power" }] as const;
    expect(wishesSentence([...wishes], nl)).toBe("Wil graag naast Wafels van Wim en dicht bij stroom staan.");
    expect(wishesSentence([...wishes], en)).toBe("Would like to stand next to Wafels van Wim and close to power.");
    expect(wishesSentence([...wishes, { kind: "near_square" }, { kind: "house_number", houseNumber: "12a" }], nl)).toBe(
      "Wil graag naast Wafels van Wim, dicht bij stroom, dicht bij het kerkplein en voor huisnummer 12a staan.",
    );
    expect(wishesSentence([], nl)).toBe("geen");
  });

  test("a stallholder's change of wishes reads as a sentence in the history", () => {
    const speaker = (language: Language) => ({ t: translator(language), money: (c: number) => formatMoney(c, language), moment: (at: Date | string) => formatMoment(new Date(at), language) });
    const entry = {
      action: "application.changed_by_stallholder",
      actor: "Karin Jansen",
      detail: { fields: ["wishes"], changes: { wishes: { from: [], to: [{ kind: "next_to", stallName: "Wafels van Wim" }, { kind: "house_number" }] } }, feeTotalCentsBefore: 1500, feeTotalCents: 1500 },
    };
    expect(historySentence(entry, speaker("nl"))).toBe("Karin Jansen wijzigde de wensen voor de plek van “geen” naar “naast Wafels van Wim en voor het eigen huis”.");
    expect(historySentence(entry, speaker("en"))).toBe("Karin Jansen changed the wishes for the spot from “none” to “next to Wafels van Wim and in front of their own house”.");
  });
});

describe("house numbers on a spot", () => {
  test("typed as people write them: commas, 'en', '/', letters in any case; each once, normalised", () => {
    expect(parseHouseNumberList("12, 14A")).toEqual(["12", "14a"]);
    expect(parseHouseNumberList("12 en 14 / 16-b; 12")).toEqual(["12", "14", "16b"]);
    expect(parseHouseNumberList("  ")).toEqual([]);
  });

  test("anything that is not a house number refuses the whole list", () => {
    expect(parseHouseNumberList("twaalf")).toBeNull();
    expect(parseHouseNumberList("12 14")).toBeNull();
    expect(parseHouseNumberList("0")).toBeNull();
    expect(parseHouseNumberList(Array.from({ length: 13 }, (_, i) => String(i + 1)).join(","))).toBeNull();
  });
});

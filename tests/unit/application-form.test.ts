import { describe, expect, test } from "vitest";
import {
  LIMITS,
  feeFor,
  formInput,
  isPhoneNumber,
  normaliseKvk,
  normalisePostcode,
  parseChangedApplication,
  parseLostLink,
  parseNewApplication,
  quoteFee,
  type FeeContext,
} from "~/forms/application-form";
import { apply } from "~/i18n/messages/apply";

const context = { stallUnitCm: 300, dayIds: [11, 12], categoryIds: [1, 2] };
const feeContext: FeeContext = {
  stallUnitCm: 300,
  rates: [
    { applicantKind: "resident", firstUnitCents: 1500, extraMetreCents: 500, electricityCents: 1000, stallRentalCents: 2500 },
    { applicantKind: "non_profit", firstUnitCents: 0, extraMetreCents: 0, electricityCents: 500, stallRentalCents: 2500 },
    { applicantKind: "commercial", firstUnitCents: 4000, extraMetreCents: 1000, electricityCents: 1500, stallRentalCents: 2500 },
  ],
  categories: [
    { id: 1, isFree: false },
    { id: 2, isFree: true },
  ],
};

const valid = {
  submissionKey: "abcdefghijklmnop1234",
  language: "nl",
  stallName: "Wafels van Wim",
  description: "Verse wafels.\nMet slagroom.",
  categoryId: "1",
  contactName: "Wim Jansen",
  email: "wim@example.org",
  phone: "06 12345678",
  applicantKind: "resident",
  postcode: "3812 AB",
  kvkNumber: "",
  frontageCm: "600",
  depthCm: "300",
  needsElectricity: "on",
  electricityWatts: "2000",
  rentedStalls: "1",
  days: ["11"],
  remarks: "",
  consent: "on",
};

function errorsFor(overrides: Record<string, unknown>) {
  const result = parseNewApplication({ ...valid, ...overrides }, context);
  if (result.ok) throw new Error(`expected errors for ${JSON.stringify(overrides)}`);
  return result.errors;
}

describe("the application form schema", () => {
  test("accepts a complete form and cleans it into typed values", () => {
    const result = parseNewApplication({ ...valid, email: "  Wim@Example.ORG ", postcode: "3812ab", stallName: "  Wafels   van\tWim ", days: ["12", "11", "11"] }, context);
    expect(result).toEqual({
      ok: true,
      values: {
        submissionKey: "abcdefghijklmnop1234",
        language: "nl",
        stallName: "Wafels van Wim",
        description: "Verse wafels.\nMet slagroom.",
        categoryId: 1,
        contactName: "Wim Jansen",
        email: "wim@example.org",
        phone: "06 12345678",
        applicantKind: "resident",
        postcode: "3812 AB",
        kvkNumber: null,
        frontageCm: 600,
        depthCm: 300,
        needsElectricity: true,
        electricityWatts: 2000,
        rentedStalls: 1,
        dayIds: [11, 12],
        remarks: "",
      },
    });
  });

  test("an empty form: every required field says so, each on its own field", () => {
    const result = parseNewApplication({}, context);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      stallName: { key: "errRequired" },
      contactName: { key: "errRequired" },
      email: { key: "errRequired" },
      phone: { key: "errRequired" },
      categoryId: { key: "errChoice" },
      applicantKind: { key: "errChoice" },
      depthCm: { key: "errChoice" },
      frontageCm: { key: "errChoice" },
      days: { key: "errDays" },
      consent: { key: "errConsent" },
      _form: { key: "errFormExpired" },
    });
    // Optional texts are optional.
    expect(result.errors.description).toBeUndefined();
    expect(result.errors.remarks).toBeUndefined();
  });

  test("whitespace only is empty", () => {
    expect(errorsFor({ stallName: "   \n\t " }).stallName).toEqual({ key: "errRequired" });
    expect(errorsFor({ stallName: "W" }).stallName).toEqual({ key: "errTooShort", params: { min: 2 } });
    expect(errorsFor({ stallName: "    " }).stallName).toEqual({ key: "errRequired" });
    expect(errorsFor({ contactName: " " }).contactName).toEqual({ key: "errRequired" });
  });

  test.each(Object.entries(LIMITS).filter(([name]) => !["postcode", "kvkNumber"].includes(name)))("%s has a limit of %i characters", (name, max) => {
    const atLimit = name === "email" ? `${"a".repeat(max - 12)}@example.org` : name === "phone" ? null : "x".repeat(max);
    if (atLimit) expect(parseNewApplication({ ...valid, [name]: atLimit }, context).ok).toBe(true);
    const over = name === "email" ? `${"a".repeat(max)}@example.org` : "x".repeat(max + 1);
    expect(errorsFor({ [name]: over })[name as "stallName"]).toEqual({ key: "errTooLong", params: { max } });
  });

  test("postcode and KvK number have limits too", () => {
    expect(errorsFor({ postcode: "3".repeat(LIMITS.postcode + 1) }).postcode).toEqual({ key: "errTooLong", params: { max: LIMITS.postcode } });
    expect(errorsFor({ applicantKind: "commercial", kvkNumber: "1".repeat(LIMITS.kvkNumber + 1) }).kvkNumber).toEqual({ key: "errTooLong", params: { max: LIMITS.kvkNumber } });
  });

  test("wrong types are refused, never coerced into something else", () => {
    expect(errorsFor({ stallName: 42 }).stallName).toEqual({ key: "errInvalid" });
    expect(errorsFor({ stallName: ["a", "b"] }).stallName).toEqual({ key: "errInvalid" });
    expect(errorsFor({ email: { $ne: null } }).email).toEqual({ key: "errInvalid" });
    expect(errorsFor({ frontageCm: "6 meter" }).frontageCm).toEqual({ key: "errNumber" });
    expect(errorsFor({ frontageCm: [] }).frontageCm).toEqual({ key: "errInvalid" });
    expect(errorsFor({ frontageCm: "1e3" }).frontageCm).toEqual({ key: "errNumber" });
    expect(errorsFor({ frontageCm: "-300" }).frontageCm).toEqual({ key: "errNumber" });
    expect(errorsFor({ rentedStalls: "0.5" }).rentedStalls).toEqual({ key: "errNumber" });
    expect(errorsFor({ needsElectricity: "yes please" }).needsElectricity).toEqual({ key: "errInvalid" });
    expect(errorsFor({ consent: "maybe" }).consent).toEqual({ key: "errInvalid" });
    expect(errorsFor({ applicantKind: "admin" }).applicantKind).toEqual({ key: "errChoice" });
    expect(errorsFor({ language: "de" }).language).toEqual({ key: "errChoice" });
    expect(errorsFor({ days: "abc" }).days).toEqual({ key: "errNumber" });
    expect(parseNewApplication(null, context).ok).toBe(false);
    expect(parseNewApplication("stallName=x", context).ok).toBe(false);
  });

  test("only the edition's own choices: categories, days, frontage in stall units, offered depths", () => {
    expect(errorsFor({ categoryId: "3" }).categoryId).toEqual({ key: "errChoice" });
    expect(errorsFor({ days: ["13"] }).days).toEqual({ key: "errDays" });
    expect(errorsFor({ days: [] }).days).toEqual({ key: "errDays" });
    expect(errorsFor({ frontageCm: "450" }).frontageCm).toEqual({ key: "errFrontage" });
    expect(errorsFor({ frontageCm: "0" }).frontageCm).toEqual({ key: "errFrontage" });
    expect(errorsFor({ frontageCm: "1800" }).frontageCm).toEqual({ key: "errFrontage" });
    expect(parseNewApplication({ ...valid, frontageCm: "1500" }, context).ok).toBe(true);
    expect(errorsFor({ depthCm: "275" }).depthCm).toEqual({ key: "errChoice" });
    expect(errorsFor({ rentedStalls: "3", frontageCm: "600" }).rentedStalls).toEqual({ key: "errRentedStalls" });
  });

  test("an unticked checkbox is absent from a posted form: that is 'no', not an error", () => {
    const { needsElectricity: _power, electricityWatts: _watts, ...withoutPower } = valid;
    const result = parseNewApplication(withoutPower, context);
    expect(result.ok && [result.values.needsElectricity, result.values.electricityWatts]).toEqual([false, null]);
    const { consent: _consent, ...withoutConsent } = valid;
    expect(parseNewApplication(withoutConsent, context)).toEqual({ ok: false, errors: { consent: { key: "errConsent" } } });
  });

  test("electricity needs a power within one connection; without electricity the watts are ignored", () => {
    expect(errorsFor({ electricityWatts: "" }).electricityWatts).toEqual({ key: "errRequired" });
    expect(errorsFor({ electricityWatts: "4000" }).electricityWatts).toEqual({ key: "errWatts" });
    expect(errorsFor({ electricityWatts: "veel" }).electricityWatts).toEqual({ key: "errWatts" });
    const none = parseNewApplication({ ...valid, needsElectricity: undefined, electricityWatts: "veel" }, context);
    expect(none.ok && none.values.electricityWatts).toBe(null);
  });

  test("e-mail addresses: real ones pass, look-alikes and injections do not", () => {
    for (const ok of ["a@b.nl", "jan.de-vries+markt@sub.example.co.uk", "O'Brien@example.ie"]) {
      expect(parseNewApplication({ ...valid, email: ok }, context).ok).toBe(true);
    }
    for (const bad of [
      "wim@exаmple.org", // Cyrillic а
      "wim@example", // no top-level domain
      "wim@@example.org",
      "wim example@org.nl",
      "<script>@example.org",
      "wim@example.org\r\nBcc: all@example.org",
      "wim@example.org'; DROP TABLE applications; --",
      "😀@example.org",
    ]) {
      expect(errorsFor({ email: bad }).email, bad).toEqual({ key: "errEmail" });
    }
  });

  test("phone numbers: Dutch and international forms pass, the rest does not", () => {
    for (const ok of ["0612345678", "06-12345678", "06 1234 5678", "033 123 4567", "(033) 1234567", "+31 6 12345678", "+31612345678", "0031 6 12345678", "+32 470 12 34 56", "+1 (555) 010-9999"]) {
      expect(isPhoneNumber(ok), ok).toBe(true);
    }
    for (const bad of ["12345", "061234567", "06123456789", "+0 6 12345678", "phone", "０６１２３４５６７８", "06 1234 567x", "+31 6 1234 5678 9012 345", "<script>"]) {
      expect(isPhoneNumber(bad), bad).toBe(false);
      expect(errorsFor({ phone: bad }).phone, bad).toBeDefined();
    }
  });

  test("postcodes (residents) and KvK numbers (businesses) are required for them and checked", () => {
    expect(normalisePostcode("3812ab")).toBe("3812 AB");
    expect(normalisePostcode(" 3813 XZ ")).toBe("3813 XZ");
    for (const bad of ["0812 AB", "3812 SS", "3812 SA", "3812 SD", "381 AB", "3812 A", "3812 ÁB", "B-1000"]) expect(normalisePostcode(bad), bad).toBe(null);
    expect(errorsFor({ postcode: "" }).postcode).toEqual({ key: "errRequired" });
    expect(errorsFor({ postcode: "12345" }).postcode).toEqual({ key: "errPostcode" });
    // Not a resident: no postcode asked, none kept.
    const shop = parseNewApplication({ ...valid, applicantKind: "commercial", kvkNumber: "12.34.56.78", postcode: "whatever" }, context);
    expect(shop.ok && [shop.values.kvkNumber, shop.values.postcode]).toEqual(["12345678", null]);
    expect(normaliseKvk("1234567")).toBe(null);
    expect(errorsFor({ applicantKind: "commercial", kvkNumber: "" }).kvkNumber).toEqual({ key: "errRequired" });
    expect(errorsFor({ applicantKind: "commercial", kvkNumber: "ABCDEFGH" }).kvkNumber).toEqual({ key: "errKvk" });
  });

  test("hostile text is kept as text: script tags and SQL are just characters; control and direction characters are refused", () => {
    const hostile = {
      stallName: "<script>alert(1)</script>",
      description: "'; DROP TABLE applications; -- <img src=x onerror=alert(1)>",
      contactName: "Robert'); DELETE FROM outbox;--",
      remarks: "{{constructor.constructor('alert(1)')()}} ${process.exit()}",
    };
    const result = parseNewApplication({ ...valid, ...hostile }, context);
    expect(result.ok && { stallName: result.values.stallName, description: result.values.description, contactName: result.values.contactName, remarks: result.values.remarks }).toEqual(hostile);
    expect(errorsFor({ stallName: "Wafels\u0000" }).stallName).toEqual({ key: "errCharacters" });
    expect(errorsFor({ stallName: "Wafels \u202Egnp.exe" }).stallName).toEqual({ key: "errCharacters" });
    expect(errorsFor({ contactName: "Wim\u0007" }).contactName).toEqual({ key: "errCharacters" });
    expect(errorsFor({ description: "Goed\u001b[31m" }).description).toEqual({ key: "errCharacters" });
  });

  test("emoji and non-Latin scripts are welcome; text is stored in one Unicode form", () => {
    const result = parseNewApplication({ ...valid, stallName: "🧇 Wafels 👨‍👩‍👧", contactName: "Zoë Yılmaz", description: "Ελληνικά · 日本語 · عربى" }, context);
    expect(result.ok && result.values.stallName).toBe("🧇 Wafels 👨‍👩‍👧");
    // "e" + combining diaeresis becomes one "ë".
    const decomposed = parseNewApplication({ ...valid, contactName: "Zoe\u0308" }, context);
    expect(decomposed.ok && decomposed.values.contactName).toBe("Zoë");
    // Full-width digits (look-alikes) are not a phone number.
    expect(errorsFor({ phone: "０６ １２３４５６７８" }).phone).toEqual({ key: "errPhone" });
  });

  test("the hidden fields: a missing or forged submission key or version is reported above the form", () => {
    expect(errorsFor({ submissionKey: "short" })._form).toEqual({ key: "errFormExpired" });
    expect(errorsFor({ submissionKey: "a".repeat(16) + "<>" })._form).toEqual({ key: "errFormExpired" });
    const { submissionKey: _key, consent: _consent, ...change } = valid;
    expect(parseChangedApplication({ ...change, version: "3" }, context)).toMatchObject({ ok: true, values: { version: 3 } });
    const noVersion = parseChangedApplication(change, context);
    expect(!noVersion.ok && noVersion.errors._form).toEqual({ key: "errFormExpired" });
  });

  test("every error points at a message that exists in Dutch and English", () => {
    const keys = new Set<string>();
    for (const input of [{}, { ...valid, stallName: "x".repeat(100), email: "x", phone: "1", postcode: "x", frontageCm: "1", depthCm: "1", days: ["99"], electricityWatts: "99999", consent: "x" }]) {
      const result = parseNewApplication(input, context);
      if (!result.ok) for (const error of Object.values(result.errors)) keys.add(error!.key);
    }
    expect(keys.size).toBeGreaterThan(8);
    for (const key of keys) {
      expect(apply.nl[key as keyof typeof apply.nl], key).toBeTruthy();
      expect(apply.en[key as keyof typeof apply.en], key).toBeTruthy();
    }
  });

  test("formInput reads repeated days and ignores files", () => {
    const form = new FormData();
    form.append("days", "11");
    form.append("days", "12");
    form.append("stallName", "A");
    form.append("stallName", "B");
    form.append("description", new Blob(["x"]));
    expect(formInput(form)).toEqual({ days: ["11", "12"], stallName: "A" });
  });

  test("lost link: just a valid address", () => {
    expect(parseLostLink({ email: " A@B.nl " })).toEqual({ ok: true, values: { email: "a@b.nl" } });
    expect(parseLostLink({ email: "a@b" })).toEqual({ ok: false, errors: { email: { key: "errEmail" } } });
    expect(parseLostLink({})).toEqual({ ok: false, errors: { email: { key: "errRequired" } } });
  });
});

describe("the quote", () => {
  test("is the same function as the saved fee", () => {
    const parsed = parseNewApplication({ ...valid, days: ["11", "12"] }, context);
    if (!parsed.ok) throw new Error("valid form refused");
    expect(quoteFee({ ...valid, days: ["11", "12"] }, feeContext)).toEqual(feeFor(parsed.values, feeContext));
    expect(feeFor(parsed.values, feeContext).totalCents).toBe((1500 + 1500 + 1000 + 2500) * 2);
  });

  test("prices a half-filled form once the kind of applicant is known", () => {
    expect(quoteFee({}, feeContext)).toBe(null);
    expect(quoteFee({ applicantKind: "resident" }, feeContext)?.totalCents).toBe(1500);
    expect(quoteFee({ applicantKind: "commercial", frontageCm: "garbage" }, feeContext)?.totalCents).toBe(4000);
    expect(quoteFee({ applicantKind: "commercial", categoryId: "2", needsElectricity: "on" }, feeContext)).toMatchObject({ free: true, totalCents: 0 });
    expect(quoteFee({ applicantKind: "resident", days: ["11", "11"] }, feeContext)?.dayCount).toBe(1);
  });
});

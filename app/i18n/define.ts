/**
 * Message bundles: Dutch is the source, English must have exactly the same keys (the type
 * checker refuses a missing or extra key). Placeholders are written `{name}`.
 */
export type Language = "nl" | "en";
export const LANGUAGES: readonly Language[] = ["nl", "en"];
export const DEFAULT_LANGUAGE: Language = "nl";

export function defineMessages<const T extends Record<string, string>>(
  nl: T,
  en: { [K in keyof T]: string },
): { nl: T; en: { [K in keyof T]: string } } {
  return { nl, en };
}

export function isLanguage(value: unknown): value is Language {
  return value === "nl" || value === "en";
}

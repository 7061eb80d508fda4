/**
 * Translation and formatting for both server and browser. Dutch first (nl-NL), complete English.
 * Money as `€ 12,50`, dates and times in Europe/Amsterdam whatever the machine's zone.
 */
import { DEFAULT_LANGUAGE, isLanguage, type Language } from "./define";
import { lookup, type MessageKey } from "./messages";
import { resolvePlurals } from "./plural";

export { DEFAULT_LANGUAGE, isLanguage, type Language, type MessageKey };

export const TIME_ZONE = "Europe/Amsterdam";
const LOCALES: Record<Language, string> = { nl: "nl-NL", en: "en-GB" };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(language: Language): Translate {
  return (key, params) => interpolate(resolvePlurals(lookup(language, key), params, language), params);
}

function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Integer cents to `€ 12,50` (nl) or `€12.50` (en). */
export function formatMoney(cents: number, language: Language): string {
  if (!Number.isInteger(cents)) throw new Error(`Money must be integer cents, got ${cents}`);
  return new Intl.NumberFormat(LOCALES[language], { style: "currency", currency: "EUR" })
    .format(cents / 100)
    .replace(/\u00a0/g, " ");
}

/** A market day (`YYYY-MM-DD`, a local date) as "vrijdag 2 juli 2027". */
export function formatEventDate(isoDate: string, language: Language): string {
  // Noon UTC is the same calendar day in Amsterdam, whatever the season.
  const date = new Date(`${isoDate}T12:00:00Z`);
  return new Intl.DateTimeFormat(LOCALES[language], {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: TIME_ZONE,
  }).format(date);
}

/** A local date (`YYYY-MM-DD`) as "15 mei" / "15 May": a date this season, no weekday or year. */
export function formatDayMonth(isoDate: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { day: "numeric", month: "long", timeZone: TIME_ZONE }).format(new Date(`${isoDate}T12:00:00Z`));
}

/** A moment as "2 juli 2027 om 14:30" in Amsterdam time. */
export function formatMoment(moment: Date, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: TIME_ZONE,
  }).format(moment);
}

export function formatDateOnly(moment: Date, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: TIME_ZONE,
  }).format(moment);
}

/** The language asked for by `?lang=`, the cookie, then the browser; Dutch when nothing fits. */
export function negotiateLanguage(input: {
  queryLang: string | null;
  cookieLang: string | null;
  acceptLanguage: string | null;
}): { language: Language; remember: boolean } {
  if (input.queryLang !== null) {
    // An unknown value falls back to Dutch (and is remembered as such).
    return { language: isLanguage(input.queryLang) ? input.queryLang : DEFAULT_LANGUAGE, remember: true };
  }
  if (isLanguage(input.cookieLang)) return { language: input.cookieLang, remember: false };
  return { language: fromAcceptLanguage(input.acceptLanguage), remember: false };
}

function fromAcceptLanguage(header: string | null): Language {
  if (!header) return DEFAULT_LANGUAGE;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...rest] = part.trim().split(";");
      const q = rest.find((p) => p.trim().startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (isLanguage(base)) return base;
  }
  return DEFAULT_LANGUAGE;
}

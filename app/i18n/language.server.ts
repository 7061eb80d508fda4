/** The visitor's language: `?lang=` switches it and a cookie remembers it for a year. */
import { readCookie } from "~/services/http.server";
import { negotiateLanguage, type Language } from "./i18n";

const COOKIE = "lang";
const ONE_YEAR_S = 365 * 24 * 3600;

export function languageOf(request: Request): Language {
  return resolve(request).language;
}

/** The Set-Cookie value to send when the request switches language, else null. */
export function languageCookieFor(request: Request): string | null {
  const { language, remember } = resolve(request);
  return remember ? `${COOKIE}=${language}; Path=/; Max-Age=${ONE_YEAR_S}; SameSite=Lax` : null;
}

function resolve(request: Request) {
  const url = new URL(request.url);
  return negotiateLanguage({
    queryLang: url.searchParams.get("lang"),
    cookieLang: readCookie(request.headers.get("Cookie"), COOKIE),
    acceptLanguage: request.headers.get("Accept-Language"),
  });
}

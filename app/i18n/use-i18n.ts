/** React access to the current language and its messages (from the root loader's data). */
import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import {
  DEFAULT_LANGUAGE,
  formatDateOnly,
  formatDayMonth,
  formatEventDate,
  formatMoment,
  formatMoney,
  translator,
  type Language,
} from "./i18n";

export function useLanguage(): Language {
  const data = useRouteLoaderData<{ language: Language }>("root");
  return data?.language ?? DEFAULT_LANGUAGE;
}

export function useI18n() {
  const language = useLanguage();
  return useMemo(
    () => ({
      language,
      t: translator(language),
      money: (cents: number) => formatMoney(cents, language),
      eventDate: (isoDate: string) => formatEventDate(isoDate, language),
      dayMonth: (isoDate: string) => formatDayMonth(isoDate, language),
      moment: (value: Date | string) => formatMoment(new Date(value), language),
      dateOnly: (value: Date | string) => formatDateOnly(new Date(value), language),
    }),
    [language],
  );
}

/**
 * The map credit in the page's language: the default credit is written in Dutch
 * ("OpenStreetMap-bijdragers"); an English page says "OpenStreetMap contributors". A credit
 * configured otherwise is shown as configured.
 */
export function attributionFor(attribution: string, language: "nl" | "en"): string {
  if (language === "en") return attribution.replace(/-bijdragers\b/g, " contributors");
  return attribution.replace(/ contributors\b/g, "-bijdragers");
}

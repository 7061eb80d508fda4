/**
 * The map credit (the tiles' attribution) in the page's language (issue 11, item 5). The
 * configured credit is HTML from TILE_ATTRIBUTION; the OpenStreetMap wording it usually holds is
 * put in the visitor's language, anything else is shown as configured.
 */
const CONTRIBUTORS = { nl: "-bijdragers", en: " contributors" } as const;

export function mapCredit(configured: string, language: "nl" | "en"): string {
  const other = language === "en" ? CONTRIBUTORS.nl : CONTRIBUTORS.en;
  return configured.replace(new RegExp(`(OpenStreetMap(?:</a>)?)${other}`, "g"), `$1${CONTRIBUTORS[language]}`);
}

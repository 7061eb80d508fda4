/**
 * Amounts typed by organisers in euros ("12,50", "12.50", "€ 12", "-5") to integer cents.
 * Exact: the text is split into whole euros and cents, never passed through a float.
 */
export function parseEuros(input: string): number | null {
  const text = input.replace(/[€\s]/g, "").replace(/^(-?)\+/, "$1");
  const match = /^(-)?(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const [, minus, euros = "0", cents = ""] = match;
  const value = Number(euros) * 100 + Number(cents.padEnd(2, "0") || "0");
  return minus ? -value : value;
}

/** Cents back to the form's text, with the page language's decimal mark: 1250 → "12,50" (nl), "12.50" (en). Both are read back. */
export function eurosForInput(cents: number, language: "nl" | "en" = "nl"): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}${language === "en" ? "." : ","}${String(abs % 100).padStart(2, "0")}`;
}

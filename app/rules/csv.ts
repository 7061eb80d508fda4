/**
 * CSV that opens correctly in Excel with Dutch settings: UTF-8 with a byte-order mark (so Excel
 * reads the accents), `;` between cells (the Dutch list separator, because `,` is the decimal
 * sign), CRLF between rows. A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is prefixed with `'` so a spreadsheet never runs it as a formula (OWASP: CSV injection).
 */
export const CSV_BOM = "\uFEFF";
export const CSV_SEPARATOR = ";";
export const CSV_NEWLINE = "\r\n";

export type CsvValue = string | number | boolean | null | undefined;

const DANGEROUS_START = /^[=+\-@\t\r]/;

/** One cell, neutralised and quoted when it needs to be. */
export function csvCell(value: CsvValue): string {
  let text = value === null || value === undefined ? "" : typeof value === "boolean" ? (value ? "ja" : "nee") : String(value);
  if (DANGEROUS_START.test(text)) text = `'${text}`;
  if (/[";\r\n]/.test(text) || text !== text.trim()) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

/** A whole file: header row first. Numbers are written as text (a spreadsheet still reads them). */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(CSV_SEPARATOR));
  return CSV_BOM + lines.join(CSV_NEWLINE) + CSV_NEWLINE;
}

/** Cents as a Dutch decimal number for a spreadsheet cell: 1250 → "12,50", -500 → "-5,00". */
export function csvEuros(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, "0")}`;
}

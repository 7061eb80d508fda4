import { describe, expect, test } from "vitest";
import { csvCell, csvEuros, toCsv } from "~/rules/csv";

describe("CSV for Excel with Dutch settings", () => {
  test("UTF-8 BOM, `;` between cells, CRLF after every row", () => {
    const csv = toCsv(["a", "b"], [["één", "twee"], [1, null]]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toBe("\uFEFFa;b\r\néén;twee\r\n1;\r\n");
  });

  test.each([
    ["=HYPERLINK(\"http://x\")", `"'=HYPERLINK(""http://x"")"`],
    ["+31 6 12345678", "'+31 6 12345678"],
    ["-5", "'-5"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", `'\tcmd`],
    ["\rcmd", `"'\rcmd"`],
  ])("a cell starting with a formula character is neutralised: %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  test("ordinary text and numbers are left alone; separators, quotes and line breaks are quoted", () => {
    expect(csvCell("Wafels van Wim")).toBe("Wafels van Wim");
    expect(csvCell(42)).toBe("42");
    expect(csvCell("a;b")).toBe('"a;b"');
    expect(csvCell('zeg "hoi"')).toBe('"zeg ""hoi"""');
    expect(csvCell("regel 1\nregel 2")).toBe('"regel 1\nregel 2"');
    expect(csvCell("a=b")).toBe("a=b");
  });

  test("a negative amount is written as a Dutch decimal, and a formula-looking one is still neutralised as a cell", () => {
    expect(csvEuros(1250)).toBe("12,50");
    expect(csvEuros(5)).toBe("0,05");
    expect(csvEuros(-500)).toBe("-5,00");
    expect(csvCell(csvEuros(-500))).toBe("'-5,00");
  });
});

import { describe, expect, test } from "vitest";
import { renderApplicationChanged } from "~/mail/application-changed";
import { renderApplicationReceived, type ApplicationMailInput } from "~/mail/application-received";
import { renderApplicationWithdrawn } from "~/mail/application-withdrawn";
import { renderLostLink } from "~/mail/lost-link";
import { computeFee } from "~/rules/fees";

const edition = {
  nameNl: "SK Zomerparade 2099",
  nameEn: "SK Zomerparade 2099 (en)",
  status: "scheduled" as const,
  statusMessageNl: "",
  statusMessageEn: "",
  decisionExpectedOn: null,
  stallUnitCm: 300,
};
const fee = computeFee(
  { applicantKind: "resident", frontageCm: 600, needsElectricity: true, rentedStalls: 1, dayCount: 2, stallUnitCm: 300, categoryIsFree: false },
  [{ applicantKind: "resident", firstUnitCents: 1500, extraMetreCents: 500, electricityCents: 1000, stallRentalCents: 2500 }],
);
const input: ApplicationMailInput = {
  language: "nl",
  contactName: "Tineke <img src=x onerror=alert(1)>",
  stallName: "Taart & \"Koffie\"",
  edition,
  days: ["2099-07-03", "2099-07-04"],
  fee,
  feeTotalCents: fee.totalCents,
  url: "https://zomerparade.example/a/abc_DEF-123",
};

describe("stallholder mails", () => {
  test("received: Dutch text and HTML from the same parts, with the fee lines and the private link", () => {
    const mail = renderApplicationReceived(input);
    expect(mail.subject).toBe('Aanmelding ontvangen: Taart & "Koffie"');
    expect(mail.text).toContain("Beste Tineke <img src=x onerror=alert(1)>,");
    expect(mail.text).toContain("Standplaats (eerste 3 m) (€ 15,00 × 2 dagen): € 30,00");
    expect(mail.text).toContain("3 meter extra (€ 15,00 × 2 dagen): € 30,00");
    expect(mail.text).toContain("Totaal: € 130,00");
    expect(mail.text).toContain("vrijdag 3 juli 2099, zaterdag 4 juli 2099");
    expect(mail.text).toContain("Bekijk je aanmelding: https://zomerparade.example/a/abc_DEF-123");
    // In HTML everything typed is escaped.
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain("Tineke &lt;img src=x onerror=alert(1)&gt;");
    expect(mail.html).toContain("Taart &amp; &quot;Koffie&quot;");
    expect(mail.html).toContain('<html lang="nl">');
  });

  test("received in English", () => {
    const mail = renderApplicationReceived({ ...input, language: "en" });
    expect(mail.subject).toBe('Application received: Taart & "Koffie"');
    expect(mail.text).toContain("Thank you for applying for SK Zomerparade 2099 (en).");
    expect(mail.text).toContain("Total: €130.00");
    expect(mail.html).toContain('<html lang="en">');
  });

  test("an uncertain edition heads the mail with its status and message", () => {
    const mail = renderApplicationReceived({ ...input, edition: { ...edition, status: "uncertain", statusMessageNl: "Besluit na overleg met de gemeente." } });
    expect(mail.text.split("\n")[0]).toBe("Let op: het is onzeker of de markt doorgaat");
    expect(mail.text).toContain("Besluit na overleg met de gemeente.");
  });

  test("a free stall says free", () => {
    const free = { lines: [], dayCount: 1, free: true, totalCents: 0 };
    expect(renderApplicationReceived({ ...input, fee: free, feeTotalCents: 0 }).text).toContain("Totaal: Gratis");
  });

  test("changed and withdrawn", () => {
    expect(renderApplicationChanged(input).subject).toBe('Aanmelding gewijzigd: Taart & "Koffie"');
    const withdrawn = renderApplicationWithdrawn({ ...input, language: "en" });
    expect(withdrawn.subject).toBe('Application withdrawn: Taart & "Koffie"');
    expect(withdrawn.text).toContain("https://zomerparade.example/a/abc_DEF-123");
  });

  test("lost link: every link, as anchors in HTML", () => {
    const mail = renderLostLink({
      language: "nl",
      links: [
        { stallName: "Eerste <kraam>", editionName: "SK Zomerparade 2099", url: "https://z.example/a/one" },
        { stallName: "Tweede", editionName: "SK Zomerparade 2098", url: "https://z.example/a/two" },
      ],
    });
    expect(mail.text).toContain("Eerste <kraam> (SK Zomerparade 2099): https://z.example/a/one?lang=nl");
    expect(mail.text).toContain("Tweede (SK Zomerparade 2098): https://z.example/a/two?lang=nl");
    expect(mail.html).toContain('<a href="https://z.example/a/one?lang=nl">Eerste &lt;kraam&gt; (SK Zomerparade 2099)</a>');
    expect(mail.text.startsWith("Hallo,")).toBe(true);
  });
});

// Whole pages rendered by the built server bundle, as a visitor's browser receives them.
import { describe, expect, test } from "vitest";
import { assign, makeApplication, makeEdition } from "#tests/helpers/factories";
import { renderPage } from "#tests/helpers/remix";

describe("/map HTML", () => {
  test("shows the published stalls and never a person's name, e-mail, phone or private link", async () => {
    const { edition, days, categories, spots } = makeEdition({ published: true });
    const applications = [0, 1, 2].map((i) => {
      const application = makeApplication(edition, categories[i]!.id, { stallName: `Publieke Kraam ${i}` });
      assign(application.id, days[0]!.id, [spots[i]!.id]);
      return application;
    });
    const response = await renderPage("/map");
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const application of applications) {
      expect(html).toContain(application.stallName);
      expect(html).not.toContain(application.email);
      expect(html).not.toContain(application.phone);
      expect(html).not.toContain(application.contactName);
      expect(html).not.toContain(application.accessToken);
    }
    // Leaflet's stylesheet is linked on the map page only.
    expect(html).toMatch(/<link rel="stylesheet" href="\/build\/_assets\/leaflet-[\w-]+\.css"/);
    const home = await (await renderPage("/")).text();
    expect(home).not.toMatch(/leaflet-[\w-]+\.css/);
  });

  test("?lang=en renders English and sets the remembering cookie; an unknown value falls back to Dutch", async () => {
    makeEdition({ published: true });
    const english = await renderPage("/map?lang=en");
    expect(english.headers.get("Set-Cookie")).toMatch(/^lang=en; Path=\/; Max-Age=\d+; SameSite=Lax/);
    const html = await english.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Find a stall");
    const remembered = await renderPage("/", { headers: { Cookie: "lang=en" } });
    expect(await remembered.text()).toContain("See the map");
    const unknown = await renderPage("/?lang=xx", { headers: { Cookie: "lang=en" } });
    expect(unknown.headers.get("Set-Cookie")).toMatch(/^lang=nl;/);
    expect(await unknown.text()).toContain('<html lang="nl">');
  });

  test("an unknown address is a friendly 404 page, and the status banner shows on every public page", async () => {
    makeEdition({ status: "cancelled" });
    const response = await renderPage("/nergens");
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Pagina niet gevonden");
    for (const path of ["/", "/map"]) {
      const html = await (await renderPage(path)).text();
      expect(html).toContain('data-status="cancelled"');
      expect(html).toContain("De markt is afgelast");
    }
  });
});

describe("public pages' meta description", () => {
  const PAGES = ["/", "/map", "/apply", "/programme", "/market-rules", "/privacy", "/open-data", "/lost-link"];
  const decode = (text: string) =>
    text.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const headOf = (html: string) => {
    const descriptions = [...html.matchAll(/<meta name="description" content="([^"]*)"\/?>/g)].map((m) => decode(m[1]!));
    const title = decode(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "");
    return { descriptions, title };
  };

  test("every public page has one non-empty description in the page's language, different from its title", async () => {
    makeEdition({ published: true });
    const seen = new Map<string, string>();
    for (const path of PAGES) {
      const byLanguage: Record<string, string> = {};
      for (const lang of ["nl", "en"]) {
        const response = await renderPage(`${path}?lang=${lang}`);
        expect(response.status, `${path} ${lang}`).toBe(200);
        const html = await response.text();
        expect(html, `${path} ${lang}`).toContain(`<html lang="${lang}">`);
        const { descriptions, title } = headOf(html);
        expect(descriptions, `${path} ${lang}`).toHaveLength(1);
        const description = descriptions[0]!;
        expect(description.trim().length, `${path} ${lang}`).toBeGreaterThan(50);
        expect(title.trim(), `${path} ${lang}`).not.toBe("");
        expect(description, `${path} ${lang}`).not.toBe(title);
        // One page, one description: no two pages share theirs.
        expect(seen.get(description), `${path} ${lang} repeats the description of ${seen.get(description)}`).toBeUndefined();
        seen.set(description, `${path} ${lang}`);
        byLanguage[lang] = description;
      }
      // In the page's language: the English description is not the Dutch one.
      expect(byLanguage.en, path).not.toBe(byLanguage.nl);
    }
    // The Dutch address of the form sends people to /apply, which has its description.
    const aanmelden = await renderPage("/aanmelden");
    expect(aanmelden.status).toBe(301);
    expect(aanmelden.headers.get("Location")).toBe("/apply");
  });

  test("a client-side navigation gets the description in the loader data, in the asked language", async () => {
    makeEdition({ published: true });
    const dutch = (await (await renderPage("/map?_data=routes%2Fmap", { headers: { Cookie: "lang=nl" } })).json()) as { description?: string };
    const english = (await (await renderPage("/map?_data=routes%2Fmap", { headers: { Cookie: "lang=en" } })).json()) as { description?: string };
    expect(dutch.description).toMatch(/^Plattegrond van de Noordewierweg/);
    expect(english.description).toMatch(/^Map of the Noordewierweg/);
  });
});

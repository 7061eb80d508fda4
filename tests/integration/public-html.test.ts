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

// The event-day map: caching (ETag/304, precompressed open data), deep links, the programme's
// "now and next" at fixed clock times, and that none of it ever shows personal data.
import { gunzipSync, brotliDecompressSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, test, vi } from "vitest";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { createProgrammeItem, deleteProgrammeItem, listProgramme, updateProgrammeItem } from "~/data/programme.server";
import { loader as geojsonLoader } from "~/routes/api.editions.current.stalls[.]geojson";
import { loader as mapLoader } from "~/routes/map";
import { loader as homeLoader } from "~/routes/_index";
import { countStalls, stallsOnMap } from "~/rules/public-stalls";
import { assign, makeApplication, makeEdition } from "#tests/helpers/factories";
import { asResponse, loaderArgs, renderPage } from "#tests/helpers/remix";

const GEOJSON = "/api/editions/current/stalls.geojson";

function publishedWithStalls(days = ["2099-07-03"]) {
  const made = makeEdition({ published: true, days });
  const food = made.categories.find((c) => c.key === "food")!;
  const crafts = made.categories.find((c) => c.key === "crafts")!;
  const waffles = makeApplication(made.edition, food.id, { stallName: "Wafels van Wim", description: "Verse Luikse wafels" });
  const pottery = makeApplication(made.edition, crafts.id, { stallName: "Mozaïek Mila", description: "Mozaïektegels en workshops" });
  assign(waffles.id, made.days[0]!.id, [made.spots[0]!.id]);
  assign(pottery.id, made.days[0]!.id, [made.spots[1]!.id]);
  return { ...made, applications: [waffles, pottery] };
}

const geojson = (headers: Record<string, string> = {}) => geojsonLoader(loaderArgs(GEOJSON, { headers }));

afterEach(() => {
  vi.useRealTimers();
});

describe("GeoJSON caching", () => {
  test("sends precompressed bodies that decode to the same collection, with one ETag for all encodings", async () => {
    publishedWithStalls();
    const plain = geojson();
    const gzip = geojson({ "Accept-Encoding": "gzip, deflate" });
    const br = geojson({ "Accept-Encoding": "gzip, deflate, br" });
    expect(plain.headers.get("Content-Encoding")).toBeNull();
    expect(gzip.headers.get("Content-Encoding")).toBe("gzip");
    expect(br.headers.get("Content-Encoding")).toBe("br");
    expect(gzip.headers.get("Vary")).toContain("Accept-Encoding");
    const text = await plain.text();
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString("utf8")).toBe(text);
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString("utf8")).toBe(text);
    expect(new Set([plain, gzip, br].map((r) => r.headers.get("ETag"))).size).toBe(1);
    expect(JSON.parse(text).features.some((f: { properties: { stalls?: { name: string }[] } }) => f.properties.stalls?.[0]?.name === "Wafels van Wim")).toBe(true);
  });

  test("304 for a matching If-None-Match; a new assignment changes the ETag even without a revision bump", async () => {
    const { edition, days, spots, categories } = publishedWithStalls();
    const first = geojson();
    const etag = first.headers.get("ETag")!;
    const again = geojson({ "If-None-Match": etag, "Accept-Encoding": "gzip" });
    expect(again.status).toBe(304);
    expect(again.headers.get("ETag")).toBe(etag);
    expect(again.headers.get("Cache-Control")).toMatch(/^public, max-age=\d+/);
    expect(await again.text()).toBe("");
    const revision = db().select().from(t.editions).where(eq(t.editions.id, edition.id)).get()!.publicRevision;

    const late = makeApplication(edition, categories[2]!.id, { stallName: "Laatkomer" });
    assign(late.id, days[0]!.id, [spots[4]!.id]);
    expect(db().select().from(t.editions).where(eq(t.editions.id, edition.id)).get()!.publicRevision).toBe(revision);
    const changed = geojson({ "If-None-Match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).not.toBe(etag);
    expect(await changed.text()).toContain("Laatkomer");
  });

  test("an unpublished map is an empty collection, also right after it was published and withdrawn", async () => {
    const { edition, applications } = publishedWithStalls();
    expect((await geojson().json()).features.length).toBeGreaterThan(0);
    db().update(t.editions).set({ mapPublishedAt: null }).where(eq(t.editions.id, edition.id)).run();
    const body = await geojson().json();
    expect(body.features).toEqual([]);
    expect(body.edition.published).toBe(false);
    expect(JSON.stringify(body)).not.toContain(applications[0]!.stallName);
  });
});

describe("/map page", () => {
  test("sends ETag, Cache-Control and Vary, and answers a matching If-None-Match with a bodiless 304", async () => {
    publishedWithStalls();
    const first = await renderPage("/map");
    expect(first.status).toBe(200);
    const etag = first.headers.get("ETag");
    expect(etag).toMatch(/^"p-[\w-]+"$/);
    expect(first.headers.get("Cache-Control")).toBe("public, max-age=30, s-maxage=60, stale-while-revalidate=300");
    expect(first.headers.get("Vary")).toContain("Accept-Language");
    expect(await first.text()).toContain("Wafels van Wim");

    const again = await renderPage("/map", { headers: { "If-None-Match": etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    // Another language is another page.
    const english = await renderPage("/map", { headers: { "If-None-Match": etag!, "Accept-Language": "en" } });
    expect(english.status).toBe(200);
    expect(english.headers.get("ETag")).not.toBe(etag);
  });

  test("a change to the map or the status gives a new ETag; a visitor with a session cookie is never shared-cached", async () => {
    const { edition } = publishedWithStalls();
    const etag = (await renderPage("/map")).headers.get("ETag")!;
    db().update(t.editions).set({ status: "cancelled", statusMessageNl: "Afgelast wegens storm" }).where(eq(t.editions.id, edition.id)).run();
    const changed = await renderPage("/map", { headers: { "If-None-Match": etag } });
    expect(changed.status).toBe(200);
    const html = await changed.text();
    expect(html).toContain("Afgelast wegens storm");
    // The status comes before the map page's own content.
    expect(html.indexOf('data-status="cancelled"')).toBeLessThan(html.indexOf("<h1"));
    const signedIn = await renderPage("/map", { headers: { Cookie: "lang=nl; __session=abc" } });
    expect(signedIn.headers.get("Cache-Control")).toBe("private, no-cache");
    const switching = await renderPage("/map?lang=en");
    expect(switching.headers.get("Cache-Control")).toBe("private, no-cache");
  });

  test("?stall= opens a known spot however it is typed; an unknown or hostile value gives a gentle note", async () => {
    const { spots } = publishedWithStalls();
    const code = spots[1]!.code;
    const data = async (query: string) => (await asResponse(mapLoader(loaderArgs(`/map?stall=${encodeURIComponent(query)}`)))).json();
    expect((await data(code)).deepLink).toEqual({ code, unknown: false });
    expect((await data(code.toLowerCase().replace("-", " "))).deepLink).toEqual({ code, unknown: false });
    expect((await data("X-99")).deepLink).toEqual({ code: null, unknown: true });
    expect((await data("<script>alert(1)</script>")).deepLink).toEqual({ code: null, unknown: true });
    const hostile = "\"><img src=x onerror=alert(1)>";
    const html = await (await renderPage(`/map?stall=${encodeURIComponent(hostile)}`)).text();
    expect(html).toContain('data-testid="deep-link-note"');
    expect(html).not.toContain("onerror=alert");
  });

  test("never shows personal data, whatever the query", async () => {
    const { applications } = publishedWithStalls();
    for (const path of ["/map", "/map?view=list", `/map?stall=${encodeURIComponent(applications[0]!.email)}`, "/programme", "/open-data", GEOJSON]) {
      const text = await (await renderPage(path)).text();
      for (const application of applications) {
        for (const secret of [application.email, application.phone, application.contactName, application.accessToken]) {
          expect(text, `${path} shows ${secret}`).not.toContain(secret);
        }
      }
    }
  });
});

describe("programme: now and next at fixed clock times", () => {
  function withProgramme() {
    const made = publishedWithStalls();
    const landmarks = db().select().from(t.landmarks).where(eq(t.landmarks.editionId, made.edition.id)).all();
    const stage = landmarks.find((l) => l.kind === "stage")!;
    const add = (startsAt: string, endsAt: string, titleNl: string, titleEn: string) => {
      const result = createProgrammeItem(made.edition.id, { eventDayId: made.days[0]!.id, startsAt, endsAt, titleNl, titleEn, landmarkId: stage.id });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      return result.item;
    };
    add("12:00", "12:30", "Opening", "Opening (en)");
    add("13:00", "14:00", "Harmonie speelt", "Harmonie plays");
    add("14:30", "15:00", "Buurtkoor", "Neighbourhood choir");
    return made;
  }

  const nowNextHtml = (html: string) => {
    const start = html.indexOf('data-testid="now-next"');
    expect(start, "the now-and-next block is on the page").toBeGreaterThan(-1);
    return html.slice(start, html.indexOf("</section>", start));
  };
  const nowTitles = (block: string) => [...block.matchAll(/data-testid="programme-now">(.*?)<\/dd>/g)].map((m) => m[1]!);
  const nextTitles = (block: string) => [...block.matchAll(/data-testid="programme-next">(.*?)<\/dd>/g)].map((m) => m[1]!);

  test("at 13:20 Amsterdam time the Harmonie is on now and the choir is next, on / and on /map", async () => {
    withProgramme();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2099-07-03T11:20:00Z")); // 13:20 in Amsterdam (summer time)
    for (const path of ["/", "/map"]) {
      const block = nowNextHtml(await (await renderPage(path)).text());
      expect(nowTitles(block).join(), path).toContain("Harmonie speelt");
      expect(nowTitles(block).join(), path).not.toContain("Opening");
      expect(nextTitles(block).join(), path).toContain("Buurtkoor");
      expect(block).toContain("bij het podium");
    }
    const english = nowNextHtml(await (await renderPage("/", { headers: { "Accept-Language": "en" } })).text());
    expect(nowTitles(english).join()).toContain("Harmonie plays");
    expect(english).toContain("at the stage");
  });

  test("at 12:45 nothing is on; before the market the opening is next; after the last item the programme is over", async () => {
    withProgramme();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2099-07-03T10:45:00Z")); // 12:45
    let block = nowNextHtml(await (await renderPage("/")).text());
    expect(nowTitles(block).join()).toBe("");
    expect(block).toContain("Op dit moment staat er niets op het programma.");
    expect(nextTitles(block)[0]).toContain("Harmonie speelt");

    vi.setSystemTime(new Date("2099-07-03T08:00:00Z")); // 10:00
    block = nowNextHtml(await (await renderPage("/")).text());
    expect(nextTitles(block)[0]).toContain("Opening");

    vi.setSystemTime(new Date("2099-07-03T13:30:00Z")); // 15:30
    block = nowNextHtml(await (await renderPage("/")).text());
    expect(block).toContain("Het programma van vandaag is afgelopen.");
  });

  test("'now and next' shows on market days only: months before the market, / and /map leave it out", async () => {
    withProgramme();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2098-12-02T11:00:00Z"));
    for (const path of ["/", "/map"]) {
      const html = await (await renderPage(path)).text();
      expect(html, path).not.toContain('data-testid="now-next"');
      expect(html, path).not.toContain("Op dit moment staat er niets op het programma.");
      // The programme can still be found, before the market day too.
      expect(html, path).toMatch(/data-testid="programme-link"><a[^>]*href="\/programme"[^>]*>Het hele programma<\/a>/);
    }
  });

  test("on / the market's dates and times come first before the market day; on the day 'now and next' comes first", async () => {
    withProgramme();
    vi.useFakeTimers({ toFake: ["Date"] });
    const firstAfterHeading = (html: string) => {
      const main = html.slice(html.indexOf("</h1>") + 5);
      const positions = { days: main.indexOf('data-testid="market-days"'), nowNext: main.indexOf('data-testid="now-next"'), intro: main.indexOf('class="lead"'), programme: main.indexOf('data-testid="programme-link"') };
      return Object.entries(positions).filter(([, at]) => at >= 0).sort((a, b) => a[1] - b[1]).map(([name]) => name);
    };
    vi.setSystemTime(new Date("2098-12-02T11:00:00Z")); // months before
    expect(firstAfterHeading(await (await renderPage("/")).text())).toEqual(["days", "intro", "programme"]);
    vi.setSystemTime(new Date("2099-07-03T11:20:00Z")); // on the market day
    expect(firstAfterHeading(await (await renderPage("/")).text())).toEqual(["nowNext", "days", "intro"]);
  });

  test("the home loader gives the programme and the server's moment", async () => {
    withProgramme();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2099-07-03T11:20:00Z"));
    const data = await (await asResponse(homeLoader(loaderArgs("/")))).json();
    expect(data.edition.serverNow).toBe("2099-07-03T11:20:00.000Z");
    expect(data.edition.programme.map((i: { titleNl: string }) => i.titleNl)).toEqual(["Opening", "Harmonie speelt", "Buurtkoor"]);
  });
});

describe("map texts in the page's language", () => {
  test("the map credit reads 'OpenStreetMap contributors' in English and 'OpenStreetMap-bijdragers' in Dutch", async () => {
    publishedWithStalls();
    const credit = async (lang: string) => (await (await asResponse(mapLoader(loaderArgs(`/map?lang=${lang}`)))).json()).tiles.attribution as string;
    expect(await credit("en")).toContain("OpenStreetMap</a> contributors");
    expect(await credit("en")).not.toContain("bijdragers");
    expect(await credit("nl")).toContain("OpenStreetMap</a>-bijdragers");
  });
});

describe("one stall is one stall (issue 11, item 3)", () => {
  test("a stall on two spots is listed once with both codes and counted once; / and /map give the same count", async () => {
    const made = publishedWithStalls();
    const books = makeApplication(made.edition, made.categories[2]!.id, { stallName: "Boekenkraam Bas" });
    const [left, right] = [made.spots[2]!, made.spots[3]!];
    assign(books.id, made.days[0]!.id, [left.id, right.id]);

    const data = await (await asResponse(mapLoader(loaderArgs("/map")))).json();
    const entries = stallsOnMap(data.map.spots);
    expect(entries.filter((e) => e.stallName === "Boekenkraam Bas").map((e) => e.codesLabel)).toEqual([`${left.code}–${right.code}`]);
    expect(countStalls(entries)).toBe(3);

    const list = await (await renderPage("/map?view=list")).text();
    const items = [...list.matchAll(/<li[^>]*data-spots="([^"]*)"/g)].map((m) => m[1]);
    expect(items.length).toBe(3);
    expect(items.filter((codes) => codes === `${left.code} ${right.code}`).length).toBe(1);
    expect(list).toContain(`Standplaats ${left.code}–${right.code}`);
    expect(list).toMatch(/data-testid="result-count"[^>]*>3 kramen</);

    const home = await (await asResponse(homeLoader(loaderArgs("/")))).json();
    expect(home.edition.stallCount).toBe(3);
    expect(await (await renderPage("/")).text()).toContain("3 kramen op de plattegrond");
  });
});

describe("programme data module", () => {
  test("create, update and delete check the day and place belong to the edition and bump the public revision", () => {
    const { edition, days, spots } = makeEdition({ published: true });
    const other = makeEdition({ days: ["2098-07-04"], year: 2098 });
    const revision = () => db().select().from(t.editions).where(eq(t.editions.id, edition.id)).get()!.publicRevision;
    const before = revision();

    expect(createProgrammeItem(edition.id, { eventDayId: other.days[0]!.id, startsAt: "12:00", titleNl: "X" })).toEqual({ ok: false, errors: { eventDayId: "errDay" } });
    expect(createProgrammeItem(edition.id, { eventDayId: days[0]!.id, startsAt: "12:00", titleNl: "X", spotId: other.spots[0]!.id })).toEqual({ ok: false, errors: { spotId: "errPlace" } });
    expect(createProgrammeItem(edition.id, { eventDayId: days[0]!.id, startsAt: "1200", titleNl: "X" })).toEqual({ ok: false, errors: { startsAt: "errTime" } });
    expect(listProgramme(edition.id)).toEqual([]);
    expect(revision()).toBe(before);

    const form = new FormData();
    for (const [k, v] of Object.entries({ eventDayId: String(days[0]!.id), startsAt: "15:00", endsAt: "", titleNl: "Kinderdisco", titleEn: "", spotId: String(spots[3]!.id), landmarkId: "" })) form.set(k, v);
    const created = createProgrammeItem(edition.id, form);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.item).toMatchObject({ date: days[0]!.date, startsAt: "15:00", endsAt: null, titleEn: "Kinderdisco", place: { type: "spot", code: spots[3]!.code } });
    expect(revision()).toBe(before + 1);

    const updated = updateProgrammeItem(edition.id, created.item.id, { eventDayId: days[0]!.id, startsAt: "15:30", endsAt: "16:00", titleNl: "Kinderdisco!", titleEn: "Kids' disco" });
    expect(updated.ok && updated.item).toMatchObject({ startsAt: "15:30", endsAt: "16:00", titleEn: "Kids' disco", place: null });
    expect(updateProgrammeItem(other.edition.id, created.item.id, { eventDayId: other.days[0]!.id, startsAt: "10:00", titleNl: "Y" })).toEqual({ ok: false, errors: { _form: "errNotFound" } });
    expect(deleteProgrammeItem(other.edition.id, created.item.id)).toBe(false);
    expect(deleteProgrammeItem(edition.id, created.item.id)).toBe(true);
    expect(listProgramme(edition.id)).toEqual([]);
    expect(revision()).toBe(before + 3);
  });
});

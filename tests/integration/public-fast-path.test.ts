// The micro-cache in front of the app: anonymous public requests only, invalidated by any write.
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { createPublicFastPath } from "~/services/public-fast-path.server";
import { makeEdition } from "#tests/helpers/factories";

function fakeExchange(url: string, headers: Record<string, string> = {}) {
  const req = { method: "GET", url, headers } as never;
  const sent: { status?: number; headers?: Record<string, string>; body?: Buffer } = {};
  const res = {
    writeHead(status: number, h: Record<string, string>) {
      sent.status = status;
      sent.headers = h;
    },
    end(body?: Buffer) {
      sent.body = body;
    },
  } as never;
  return { req, res, sent };
}

/** A fixed clock in the middle of a minute, so a run that crosses a minute boundary answers the same. */
function setup(clock = { now: Date.UTC(2027, 5, 12, 10, 30, 20) }) {
  const rendered: string[] = [];
  const fast = createPublicFastPath(
    async (request) => {
      rendered.push(`${new URL(request.url).pathname} ${request.headers.get("accept-language") ?? ""}`);
      const body = `page ${rendered.length} for ${new URL(request.url).pathname}`;
      return new Response(body, { headers: { "Content-Type": "text/html", ETag: `"v${rendered.length}"`, "Cache-Control": "public, max-age=60" } });
    },
    { origin: () => "http://127.0.0.1:1", now: () => clock.now },
  );
  return { fast, rendered, clock };
}

describe("the public micro-cache", () => {
  test("renders once, then serves from memory, compressed as the client accepts, with 304 on a matching ETag", async () => {
    makeEdition({ published: true });
    const { fast, rendered } = setup();
    const first = fakeExchange("/map", { "accept-encoding": "gzip, br" });
    expect(await fast.handle(first.req, first.res)).toBe(true);
    expect(first.sent.headers?.["content-encoding"]).toBe("br");
    const second = fakeExchange("/map");
    expect(await fast.handle(second.req, second.res)).toBe(true);
    expect(second.sent.body?.toString()).toBe("page 1 for /map");
    expect(rendered).toHaveLength(1);
    const conditional = fakeExchange("/map", { "if-none-match": '"v1"' });
    await fast.handle(conditional.req, conditional.res);
    expect(conditional.sent.status).toBe(304);
  });

  test("a language is a separate entry; a write to the database makes the next request render afresh", async () => {
    const { edition } = makeEdition({ published: true });
    const { fast, rendered } = setup();
    for (const lang of ["nl", "en", "nl"]) {
      const x = fakeExchange("/map", { "accept-language": lang });
      await fast.handle(x.req, x.res);
    }
    expect(rendered).toEqual(["/map nl", "/map en"]);
    db().update(t.editions).set({ statusMessageNl: "Nieuw bericht" }).where(eq(t.editions.id, edition.id)).run();
    const after = fakeExchange("/map", { "accept-language": "nl" });
    await fast.handle(after.req, after.res);
    expect(rendered).toHaveLength(3);
    expect(after.sent.body?.toString()).toBe("page 3 for /map");
  });

  test("never answers for a signed-in visitor, another path, a query or a post", async () => {
    makeEdition({ published: true });
    const { fast, rendered } = setup();
    const cases = [
      fakeExchange("/map", { cookie: "zp_organiser=abc" }),
      fakeExchange("/organiser"),
      fakeExchange("/a/some-token"),
      fakeExchange("/map?stall=N-01"),
    ];
    for (const x of cases) expect(await fast.handle(x.req, x.res)).toBe(false);
    const post = fakeExchange("/map");
    (post.req as { method: string }).method = "POST";
    expect(await fast.handle(post.req, post.res)).toBe(false);
    expect(rendered).toEqual([]);
    const languageOnly = fakeExchange("/map", { cookie: "lang=en" });
    expect(await fast.handle(languageOnly.req, languageOnly.res)).toBe(true);
  });

  test("pages that show 'now and next' render afresh when the minute changes; the GeoJSON waits for a data change", async () => {
    makeEdition({ published: true });
    const { fast, rendered, clock } = setup();
    const ask = async (path: string) => {
      const x = fakeExchange(path, { "accept-language": "nl" });
      await fast.handle(x.req, x.res);
    };
    await ask("/map");
    await ask("/api/editions/current/stalls.geojson");
    clock.now += 30_000; // 10:30:50, same minute
    await ask("/map");
    expect(rendered).toEqual(["/map nl", "/api/editions/current/stalls.geojson nl"]);
    clock.now += 20_000; // 10:31:10, a new minute
    await ask("/map");
    await ask("/api/editions/current/stalls.geojson");
    expect(rendered).toEqual(["/map nl", "/api/editions/current/stalls.geojson nl", "/map nl"]);
  });
});

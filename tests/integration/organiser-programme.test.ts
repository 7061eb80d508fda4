import { describe, expect, test } from "vitest";
import { listProgramme } from "~/data/programme.server";
import { loader as homeLoader } from "~/routes/_index";
import { action, loader } from "~/routes/organiser.programme";
import { makeEdition } from "#tests/helpers/factories";
import { asResponse, loaderArgs } from "#tests/helpers/remix";
import { formRequest, signedIn } from "#tests/helpers/signed-in";

async function post(fields: Record<string, string | number>, cookie?: string) {
  try {
    return (await action(formRequest("/organiser/programme", fields, cookie))) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("the programme in the back office", () => {
  test("anonymous visitors and volunteers cannot change it", async () => {
    const { days } = makeEdition();
    const item = { intent: "create", eventDayId: days[0]!.id, startsAt: "14:00", titleNl: "Optreden" };
    expect((await post(item)).status).toBe(401);
    expect((await post(item, signedIn("volunteer").cookie)).status).toBe(403);
    expect(() => loader(loaderArgs("/organiser/programme"))).toThrow();
  });

  test("an organiser adds, corrects and deletes items; bad input gets field errors and keeps what was typed", async () => {
    const { edition, days } = makeEdition();
    const { cookie } = signedIn("organiser");
    const bad = await post({ intent: "create", eventDayId: days[0]!.id, startsAt: "25:00", endsAt: "13:00", titleNl: "", textNl: "<script>x</script>" }, cookie);
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.errors).toMatchObject({ startsAt: "errTime", titleNl: "errTitle" });
    expect(body.values).toMatchObject({ startsAt: "25:00", textNl: "<script>x</script>" });
    expect(listProgramme(edition.id)).toEqual([]);

    const added = await post({ intent: "create", eventDayId: days[0]!.id, startsAt: "14:00", endsAt: "15:00", titleNl: "Fanfare", titleEn: "", textNl: "Op het plein" }, cookie);
    expect(added.status).toBe(200);
    const [item] = listProgramme(edition.id);
    expect(item).toMatchObject({ startsAt: "14:00", endsAt: "15:00", titleNl: "Fanfare", titleEn: "Fanfare" });
    expect((await post({ intent: "update", id: item!.id, eventDayId: days[0]!.id, startsAt: "14:30", titleNl: "Fanfare Harmonie" }, cookie)).status).toBe(200);
    expect(listProgramme(edition.id)[0]).toMatchObject({ startsAt: "14:30", titleNl: "Fanfare Harmonie" });
    const home = await (await asResponse(homeLoader(loaderArgs("/")))).json();
    expect(JSON.stringify(home)).toContain("Fanfare Harmonie");
    expect((await post({ intent: "delete", id: item!.id }, cookie)).status).toBe(200);
    expect(listProgramme(edition.id)).toEqual([]);
  });
});

import { describe, expect, test } from "vitest";
import { addedPlaces, capacitySlotKey, capacitySlotOf, fitsPlace, nextToOffer, offerExpiresAt, offerLapsed, queueOrder, queuePosition, waitlistStalled, type FreePlace, type Waiting } from "~/rules/waitlist";

// Five waiting stalls, applied on the 1st, 2nd … of May at noon. Days: 1 = Saturday, 2 = Sunday.
function waiting(id: number, day: number, categoryKey: string, more: Partial<Waiting> = {}): Waiting {
  return {
    id,
    categoryKey,
    appliedAt: new Date(`2026-05-0${day}T12:00:00Z`),
    frontageCm: 300,
    depthCm: 300,
    needsElectricity: false,
    electricityWatts: null,
    dayIds: [1],
    ...more,
  };
}
const anna = waiting(1, 3, "food"); // applied 3 May
const bram = waiting(2, 1, "crafts"); // 1 May: first of all
const cees = waiting(3, 2, "food"); // 2 May
const dirk = waiting(4, 4, "crafts", { frontageCm: 600 }); // 4 May, 6 m wide
const eva = waiting(5, 5, "food", { needsElectricity: true, electricityWatts: 2000 }); // 5 May, 2000 W
const all = [anna, bram, cees, dirk, eva];

// A 3 m × 3 m place on Saturday with 3000 W power.
const place: FreePlace = { categoryKey: "food", frontageCm: 300, depthCm: 300, needsElectricity: true, electricityWatts: 3000, dayIds: [1] };

describe("queue order", () => {
  test("earliest application first: Bram (1 May), Cees (2), Anna (3), Dirk (4), Eva (5)", () => {
    expect(queueOrder(all).map((w) => w.id)).toEqual([2, 3, 1, 4, 5]);
  });

  test("the same moment: the lower id first", () => {
    const twin = waiting(9, 1, "crafts");
    expect(queueOrder([twin, bram]).map((w) => w.id)).toEqual([2, 9]);
  });

  test("without caps the place counts over the whole list: Anna is 3rd", () => {
    expect(queuePosition(all, 1, {})).toEqual({ position: 3, perCategory: false });
  });

  test("with a cap on food Anna is 2nd among food (after Cees); crafts has none, Dirk stays 4th overall", () => {
    expect(queuePosition(all, 1, { food: 10 })).toEqual({ position: 2, perCategory: true });
    expect(queuePosition(all, 4, { food: 10 })).toEqual({ position: 4, perCategory: false });
  });

  test("someone not waiting has no place", () => {
    expect(queuePosition(all, 99, {})).toBeNull();
  });
});

describe("who fits a free place", () => {
  test("a 3 m stall on Saturday fits a 3 m Saturday place", () => {
    expect(fitsPlace(anna, place)).toBe(true);
  });

  test("6 m does not fit a 3 m place; a deeper stall neither", () => {
    expect(fitsPlace(dirk, place)).toBe(false);
    expect(fitsPlace({ ...anna, depthCm: 400 }, place)).toBe(false);
  });

  test("a stall that also wants Sunday does not fit a Saturday-only place", () => {
    expect(fitsPlace({ ...anna, dayIds: [1, 2] }, place)).toBe(false);
    expect(fitsPlace(anna, { ...place, dayIds: [1, 2] })).toBe(true);
  });

  test("power: 2000 W fits 3000 W, not 1000 W, and not a place without power", () => {
    expect(fitsPlace(eva, place)).toBe(true);
    expect(fitsPlace(eva, { ...place, electricityWatts: 1000 })).toBe(false);
    expect(fitsPlace(eva, { ...place, needsElectricity: false, electricityWatts: null })).toBe(false);
  });

  test("a place the organisers added fits anyone", () => {
    expect(fitsPlace(dirk, null)).toBe(true);
  });
});

describe("the next to offer", () => {
  const none = new Set<number>();

  test("no caps: the first in the queue who fits is Bram", () => {
    expect(nextToOffer({ waiting: all, place, caps: {}, taken: {}, skipped: none })?.id).toBe(2);
  });

  test("crafts full (2 of 2 taken): Bram is passed over, Cees is next", () => {
    expect(nextToOffer({ waiting: all, place, caps: { crafts: 2 }, taken: { crafts: 2 }, skipped: none })?.id).toBe(3);
  });

  test("crafts at 1 of 2: Bram still gets it", () => {
    expect(nextToOffer({ waiting: all, place, caps: { crafts: 2 }, taken: { crafts: 1 }, skipped: none })?.id).toBe(2);
  });

  test("Bram and Cees skipped (one holds an offer, one said no): Anna", () => {
    expect(nextToOffer({ waiting: all, place, caps: {}, taken: {}, skipped: new Set([2, 3]) })?.id).toBe(1);
  });

  test("a 6 m place on Saturday without power: Dirk fits, Eva (needs power) does not", () => {
    const wide: FreePlace = { categoryKey: null, frontageCm: 600, depthCm: 300, needsElectricity: false, electricityWatts: null, dayIds: [1] };
    expect(nextToOffer({ waiting: all, place: wide, caps: {}, taken: {}, skipped: new Set([1, 2, 3]) })?.id).toBe(4);
    expect(nextToOffer({ waiting: all, place: wide, caps: {}, taken: {}, skipped: new Set([1, 2, 3, 4]) })).toBeNull();
  });

  test("an empty list: nobody", () => {
    expect(nextToOffer({ waiting: [], place, caps: {}, taken: {}, skipped: none })).toBeNull();
  });
});

describe("offer expiry", () => {
  const made = new Date("2026-06-01T10:00:00Z");

  test("48 hours by default: made Monday 10:00, lapses Wednesday 10:00", () => {
    expect(offerExpiresAt(made).toISOString()).toBe("2026-06-03T10:00:00.000Z");
  });

  test("a setting of 24 hours: Tuesday 10:00", () => {
    expect(offerExpiresAt(made, 24).toISOString()).toBe("2026-06-02T10:00:00.000Z");
  });

  test("open one minute before, lapsed at the moment itself", () => {
    const expires = offerExpiresAt(made);
    expect(offerLapsed(expires, new Date("2026-06-03T09:59:00Z"))).toBe(false);
    expect(offerLapsed(expires, new Date("2026-06-03T10:00:00Z"))).toBe(true);
  });
});

describe("places added by a change of the category caps", () => {
  const places = (input: Parameters<typeof addedPlaces>[0]) => addedPlaces(input).map(capacitySlotKey);

  test("raising a full cap from 12 to 14 adds the 13th and the 14th place", () => {
    expect(places({ before: { food: 12 }, after: { food: 14 }, taken: { food: 12 }, waiting: { food: 5 } })).toEqual(["capacity:food:13", "capacity:food:14"]);
  });
  test("never more than the new cap allows: with 13 taken (an open offer counts) one new place", () => {
    expect(places({ before: { food: 12 }, after: { food: 14 }, taken: { food: 13 }, waiting: { food: 5 } })).toEqual(["capacity:food:14"]);
    expect(places({ before: { food: 12 }, after: { food: 14 }, taken: { food: 14 }, waiting: { food: 5 } })).toEqual([]);
  });
  test("a raise adds only the places the organiser added, not those already free under the old cap", () => {
    expect(places({ before: { food: 12 }, after: { food: 13 }, taken: { food: 9 }, waiting: { food: 5 } })).toEqual(["capacity:food:13"]);
  });
  test("saving the same caps again, lowering a cap, or capping a category that had none adds nothing", () => {
    expect(places({ before: { food: 14 }, after: { food: 14 }, taken: { food: 12 }, waiting: { food: 5 } })).toEqual([]);
    expect(places({ before: { food: 14 }, after: { food: 10 }, taken: { food: 12 }, waiting: { food: 5 } })).toEqual([]);
    expect(places({ before: {}, after: { food: 20 }, taken: { food: 12 }, waiting: { food: 5 } })).toEqual([]);
  });
  test("removing a full cap lets in every one of that category who waits; removing a cap with room lets nobody in", () => {
    expect(places({ before: { food: 12, crafts: 3 }, after: { crafts: 3 }, taken: { food: 12, crafts: 3 }, waiting: { food: 2, crafts: 4 } })).toEqual(["capacity:food:13", "capacity:food:14"]);
    expect(places({ before: { food: 12 }, after: {}, taken: { food: 10 }, waiting: { food: 2 } })).toEqual([]);
    expect(places({ before: { food: 12 }, after: {}, taken: { food: 12 }, waiting: {} })).toEqual([]);
  });
  test("a slot key names its category and number, and reads back", () => {
    expect(capacitySlotOf(capacitySlotKey({ categoryKey: "food-drinks", number: 13 }))).toEqual({ categoryKey: "food-drinks", number: 13 });
    expect(capacitySlotOf("application:12")).toBeNull();
  });
});

describe("a waiting list that needs explaining", () => {
  test("people waiting, nothing on offer, offers not paused: stalled; otherwise not", () => {
    expect(waitlistStalled({ waiting: 3, openOffers: 0, paused: false })).toBe(true);
    expect(waitlistStalled({ waiting: 3, openOffers: 1, paused: false })).toBe(false);
    expect(waitlistStalled({ waiting: 3, openOffers: 0, paused: true })).toBe(false);
    expect(waitlistStalled({ waiting: 0, openOffers: 0, paused: false })).toBe(false);
  });
});

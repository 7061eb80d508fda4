/**
 * The site plan is true to scale: distances on paper, measured against turf's haversine metres,
 * match the printed scale; the scale bar's length is its metres at that scale. Plus the permit
 * facts: power per nearest point, capacity warnings, cooking facts missing, rental by size.
 */
import distance from "@turf/distance";
import { describe, expect, test } from "vitest";
import { createLocalProjection, generateSpots, type LngLat } from "~/rules/layout-geometry";
import { permitFacts, rentedStallSizeM, type DayStall } from "~/rules/permit-facts";
import { layoutSitePlan, POINTS_PER_MM, type PlanSpot } from "~/rules/site-plan";

const plane = createLocalProjection([5.3725, 52.1588]);
const path = (...points: [number, number][]): LngLat[] => points.map(([x, y]) => plane.toLngLat({ x, y }));
// A bent street running south-east, like the Noordewierweg.
const line = path([0, 0], [100, -50], [180, -120]);
const generated = generateSpots(line, { spotWidthM: 3, spotDepthM: 3, gapM: 0.5, offsetM: 2, sides: [{ side: "left", codePrefix: "N" }, { side: "right", codePrefix: "Z" }], skips: [] });
const spots: PlanSpot[] = generated.map((s) => ({ code: s.code, polygon: s.polygon, widthCm: 300, depthCm: 300, hasElectricity: false, blocked: false, stallName: null, colour: null, heat: null, deepFrying: false }));

describe("site plan geometry", () => {
  for (const sheet of ["A3", "A4"] as const) {
    test(`${sheet}: paper distances are the map's metres at the printed scale (within 2 %), and the scale bar too`, () => {
      const plan = layoutSitePlan({ sheet, line, spots, landmarks: [], powerPoints: [], sideStreets: [] });
      const ptPerMetre = (1000 / plan.scaleDenominator) * POINTS_PER_MM;
      expect(plan.pointsPerMetre).toBeCloseTo(ptPerMetre, 9);
      // Far-apart pairs: the two ends of the street, two spot corners.
      const pairs: [LngLat, LngLat][] = [
        [line[0]!, line[2]!],
        [generated[0]!.polygon.coordinates[0]![0]!, generated.at(-1)!.polygon.coordinates[0]![2]!],
      ];
      for (const [a, b] of pairs) {
        const metres = distance(a, b, { units: "meters" });
        const [ax, ay] = plan.toPage(a);
        const [bx, by] = plan.toPage(b);
        const onPaper = Math.hypot(bx - ax, by - ay) / ptPerMetre;
        expect(Math.abs(onPaper - metres) / metres).toBeLessThan(0.02);
      }
      // A 3 m spot edge is 3 m on paper.
      const ring = plan.spots[0]!.ring;
      expect(Math.hypot(ring[1]![0] - ring[0]![0], ring[1]![1] - ring[0]![1]) / ptPerMetre).toBeCloseTo(3, 1);
      expect(plan.scaleBar.lengthPt).toBeCloseTo(plan.scaleBar.metres * ptPerMetre, 6);
      // Everything fits in the frame, and the street runs across the sheet.
      for (const s of plan.spots) for (const [x, y] of s.ring) {
        expect(x).toBeGreaterThanOrEqual(plan.frame.x);
        expect(x).toBeLessThanOrEqual(plan.frame.x + plan.frame.width);
        expect(y).toBeGreaterThanOrEqual(plan.frame.y);
        expect(y).toBeLessThanOrEqual(plan.frame.y + plan.frame.height);
      }
      const [sx, sy] = plan.toPage(line[0]!);
      const [ex, ey] = plan.toPage(line[2]!);
      expect(Math.abs(ey - sy)).toBeLessThan(1e-6);
      expect(ex).toBeGreaterThan(sx);
    });
  }

  test("the north arrow points to where north is on the rotated sheet", () => {
    const plan = layoutSitePlan({ sheet: "A3", line, spots, landmarks: [], powerPoints: [], sideStreets: [] });
    const origin = line[0]!;
    const north: LngLat = [origin[0], origin[1] + 0.001];
    const [ax, ay] = plan.toPage(origin);
    const [bx, by] = plan.toPage(north);
    const expected = (Math.atan2(bx - ax, -(by - ay)) * 180) / Math.PI; // clockwise from page-up
    expect(plan.northAngle).toBeCloseTo(expected, 6);
  });

  test("labels hold code, size and stall name", () => {
    const named = spots.map((s, i) => (i === 0 ? { ...s, stallName: "Wafels van Wim", widthCm: 450 } : s));
    const plan = layoutSitePlan({ sheet: "A3", line, spots: named, landmarks: [], powerPoints: [], sideStreets: [] });
    expect(plan.spots[0]!.label.text).toBe("N-01  4,5×3 m  Wafels van Wim");
  });
});

const stall = (over: Partial<DayStall>): DayStall => ({
  applicationId: 1, stallName: "Kraam", categoryName: "Eten", cooks: false, frontageCm: 300, needsElectricity: false, electricityWatts: null, heatKind: null,
  deepFrying: null, fireExtinguisher: null, rentedStalls: 0, spotCodes: ["N-01"], position: plane.toLngLat({ x: 0, y: 0 }), alongM: 0, side: "left", ...over,
});

describe("permit facts", () => {
  test("power goes to the nearest point; above capacity is flagged; no capacity stays null", () => {
    const facts = permitFacts(
      [
        stall({ stallName: "A", needsElectricity: true, electricityWatts: 2000, position: plane.toLngLat({ x: 1, y: 0 }) }),
        stall({ stallName: "B", needsElectricity: true, electricityWatts: 1500, position: plane.toLngLat({ x: 5, y: 0 }), alongM: 5 }),
        stall({ stallName: "C", needsElectricity: true, electricityWatts: 1000, position: plane.toLngLat({ x: 95, y: 0 }), alongM: 95 }),
        stall({ stallName: "D", needsElectricity: true, electricityWatts: null, position: plane.toLngLat({ x: 99, y: 0 }), alongM: 99 }),
      ],
      [
        { code: "P1", capacityWatts: 3000, position: plane.toLngLat({ x: 0, y: 5 }) },
        { code: "P2", capacityWatts: null, position: plane.toLngLat({ x: 100, y: 5 }) },
      ],
    );
    expect(facts.power.points.map((p) => [p.code, p.demandWatts, p.over, p.stalls.map((s) => s.stallName)])).toEqual([
      ["P1", 3500, true, ["A", "B"]],
      ["P2", 1000, false, ["C", "D"]],
    ]);
    expect(facts.power.stallsWithoutWatts).toEqual(["D"]);
    expect(facts.power.totalWatts).toBe(4500);
  });

  test("without power points all demand is unassigned, not guessed", () => {
    const facts = permitFacts([stall({ needsElectricity: true, electricityWatts: 2000 })], []);
    expect(facts.power.points).toEqual([]);
    expect(facts.power.unassigned).toHaveLength(1);
  });

  test("cooking stalls list what they did not say; gas outside a cooking category still counts", () => {
    const facts = permitFacts([stall({ stallName: "Pan", cooks: true, heatKind: "gas", deepFrying: true }), stall({ stallName: "Gasbrander", heatKind: "gas", deepFrying: false, fireExtinguisher: true, alongM: 3 }), stall({ stallName: "Boeken", alongM: 6 })], []);
    expect(facts.cooking.map((c) => [c.stallName, c.missing])).toEqual([
      ["Pan", ["fireExtinguisher"]],
      ["Gasbrander", []],
    ]);
  });

  test("rental stalls by size in walking order", () => {
    expect(rentedStallSizeM(600, 2)).toBe(3);
    expect(rentedStallSizeM(400, 1)).toBe(4);
    const facts = permitFacts([stall({ stallName: "Ver", alongM: 50, rentedStalls: 1, frontageCm: 400 }), stall({ stallName: "Dichtbij", alongM: 5, rentedStalls: 2, frontageCm: 600 }), stall({ stallName: "Eigen", alongM: 9 })], []);
    expect(facts.rental.lines.map((l) => l.stallName)).toEqual(["Dichtbij", "Ver"]);
    expect(facts.rental.sizes).toEqual([
      { sizeM: 3, count: 2 },
      { sizeM: 4, count: 1 },
    ]);
    expect(facts.rental.total).toBe(3);
  });
});

/**
 * Where map labels go and which of them fit: plain geometry, no Leaflet (unit-tested in
 * tests/unit/map-label-layout.test.ts). Shared by the public map, the stallholder's spot view and
 * the organisers' editor through spot-labels.client.ts.
 *
 * A label is a box in screen pixels hung on an anchor point. Labels are tried in order (the most
 * important first); one that would overlap a label already shown is hidden at that zoom.
 */

type LngLat = [number, number];

/** Longer names are shortened on the map; the card, the tooltip and the lists show them whole. */
export const LABEL_NAME_MAX = 16;
export function shortName(name: string, max = LABEL_NAME_MAX): string {
  const chars = [...name.trim()];
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("").trimEnd()}…`;
}

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export interface LabelPlacement {
  /** Just outside the spot, on the side away from the street. */
  anchor: LngLat;
  /** Screen angle of the outward direction, degrees clockwise from east. */
  angleDeg: number;
}

const round = (n: number) => Math.round(n * 1e7) / 1e7;

/** Just outside the spot's outer edge, pointing away from the nearest part of the street line. */
export function labelPlacement(spot: { centre: LngLat; polygon: { coordinates: LngLat[][] } }, line: LngLat[], marginM = 0.6): LabelPlacement {
  const [lon0, lat0] = spot.centre;
  const kx = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const ky = 110_540;
  const toXY = ([lon, lat]: LngLat) => [(lon - lon0) * kx, (lat - lat0) * ky] as const;
  let best: readonly [number, number] | null = null;
  let bestDistance = Infinity;
  for (let i = 0; i + 1 < line.length; i++) {
    const [ax, ay] = toXY(line[i]!);
    const [bx, by] = toXY(line[i + 1]!);
    const dx = bx - ax;
    const dy = by - ay;
    const lengthSq = dx * dx + dy * dy;
    const along = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSq));
    const px = ax + along * dx;
    const py = ay + along * dy;
    const distance = Math.hypot(px, py);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = [px, py];
    }
  }
  // Outward: from the street towards the spot's centre (north when there is no line).
  let ux = 0;
  let uy = 1;
  if (best && bestDistance > 0.01) {
    ux = -best[0] / bestDistance;
    uy = -best[1] / bestDistance;
  }
  const extent = Math.max(
    0,
    ...(spot.polygon.coordinates[0] ?? []).map((p) => {
      const [x, y] = toXY(p);
      return x * ux + y * uy;
    }),
  );
  const reach = extent + marginM;
  return { anchor: [round(lon0 + (ux * reach) / kx), round(lat0 + (uy * reach) / ky)], angleDeg: (Math.atan2(-uy, ux) * 180) / Math.PI };
}

/**
 * How a label hangs on its anchor:
 * - `along`: the text turned to run outwards from the street (the editor: every spot labelled,
 *   neighbours' labels side by side);
 * - `level`: level text beside the anchor, on the outward side (the public map: easy to read on a
 *   phone; on a street that runs diagonally it stays clear of the row of spots);
 * - `centre`: centred on the anchor (landmark symbols, a square's name);
 * - `line`: centred on the anchor and turned to the angle, never upside down (a street's name
 *   beside it).
 */
export type LabelHang = "along" | "level" | "centre" | "line";

/** An angle turned by half a turn when it would put text upside down (−90° < result ≤ 90°). */
const upright = (angleDeg: number) => (angleDeg > 90 ? angleDeg - 180 : angleDeg <= -90 ? angleDeg + 180 : angleDeg);

/** An oriented box in screen pixels: its centre, the unit vector along its width, half sizes. */
export interface LabelBox {
  cx: number;
  cy: number;
  ux: number;
  uy: number;
  halfW: number;
  halfH: number;
}

interface Point {
  x: number;
  y: number;
}

/** Outward mostly up or down (|cos| below this): level text is centred above or below the anchor. */
const STEEP = 0.35;

/** The CSS transform that puts a label's element (top left at the anchor) where `labelBox` says. */
export function labelTransform(hang: LabelHang, angleDeg: number): string {
  if (hang === "centre") return "translate(-50%, -50%)";
  if (hang === "line") return `rotate(${upright(angleDeg).toFixed(1)}deg) translate(-50%, -50%)`;
  const rad = (angleDeg * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  if (hang === "level") {
    if (Math.abs(cos) < STEEP) return sin > 0 ? "translate(-50%, 0)" : "translate(-50%, -100%)";
    return cos > 0 ? "translate(0, -50%)" : "translate(-100%, -50%)";
  }
  // Text is never upside down: pointing left, it is turned round and ends at the anchor instead.
  const flip = angleDeg > 90 || angleDeg < -90;
  return flip ? `rotate(${(angleDeg + 180).toFixed(1)}deg) translate(-100%, -50%)` : `rotate(${angleDeg.toFixed(1)}deg) translateY(-50%)`;
}

/** The box a label of `width`×`height` pixels covers when hung on `anchor` (see labelTransform). */
export function labelBox(anchor: Point, hang: LabelHang, angleDeg: number, width: number, height: number): LabelBox {
  const halfW = width / 2;
  const halfH = height / 2;
  if (hang === "centre") return { cx: anchor.x, cy: anchor.y, ux: 1, uy: 0, halfW, halfH };
  if (hang === "line") {
    const turned = (upright(angleDeg) * Math.PI) / 180;
    return { cx: anchor.x, cy: anchor.y, ux: Math.cos(turned), uy: Math.sin(turned), halfW, halfH };
  }
  const rad = (angleDeg * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  if (hang === "level") {
    if (Math.abs(cos) < STEEP) return { cx: anchor.x, cy: anchor.y + Math.sign(sin || 1) * halfH, ux: 1, uy: 0, halfW, halfH };
    return { cx: anchor.x + Math.sign(cos) * halfW, cy: anchor.y, ux: 1, uy: 0, halfW, halfH };
  }
  // Turned along the outward direction (flipped text covers the same box).
  return { cx: anchor.x + cos * halfW, cy: anchor.y + sin * halfW, ux: cos, uy: sin, halfW, halfH };
}

/** Whether two oriented boxes overlap (separating axis test), with `gap` pixels kept between them. */
export function boxesOverlap(a: LabelBox, b: LabelBox, gap = 0): boolean {
  const axes: Point[] = [
    { x: a.ux, y: a.uy },
    { x: -a.uy, y: a.ux },
    { x: b.ux, y: b.uy },
    { x: -b.uy, y: b.ux },
  ];
  const dx = b.cx - a.cx;
  const dy = b.cy - a.cy;
  for (const axis of axes) {
    const reach = (box: LabelBox) =>
      box.halfW * Math.abs(box.ux * axis.x + box.uy * axis.y) + box.halfH * Math.abs(-box.uy * axis.x + box.ux * axis.y);
    if (Math.abs(dx * axis.x + dy * axis.y) >= reach(a) + reach(b) + gap) return false;
  }
  return true;
}

/** Whether the whole box lies within a map of `width`×`height` pixels. */
export function boxInside(box: LabelBox, width: number, height: number): boolean {
  const reachX = box.halfW * Math.abs(box.ux) + box.halfH * Math.abs(box.uy);
  const reachY = box.halfW * Math.abs(box.uy) + box.halfH * Math.abs(box.ux);
  return box.cx - reachX >= 0 && box.cx + reachX <= width && box.cy - reachY >= 0 && box.cy + reachY <= height;
}

export interface ChoiceRules {
  /** Labels that are one of a set of places for the same name: only the first that fits is shown. */
  groups?: (string | undefined)[];
  /** Labels shown only when they fit wholly inside the map (a street name cut by the edge is not read). */
  keepInside?: boolean[];
  /** The map's size in pixels, for keepInside. */
  size?: { width: number; height: number };
  /** What lies over the map (its buttons, the credit): a keepInside label never goes under them. */
  obstacles?: LabelBox[];
}

/**
 * Tries the boxes in order: a box is shown unless it overlaps one already shown, another of its
 * group is already shown, or it must stay inside the map and does not (null: hidden).
 */
export function chooseVisible(boxes: (LabelBox | null)[], gap = 1, rules: ChoiceRules = {}): boolean[] {
  const shown: LabelBox[] = [];
  const groupsShown = new Set<string>();
  return boxes.map((box, i) => {
    if (!box) return false;
    const group = rules.groups?.[i];
    if (group !== undefined && groupsShown.has(group)) return false;
    if (rules.keepInside?.[i] && rules.size && !boxInside(box, rules.size.width, rules.size.height)) return false;
    if (rules.keepInside?.[i] && rules.obstacles?.some((obstacle) => boxesOverlap(obstacle, box, gap))) return false;
    if (shown.some((other) => boxesOverlap(other, box, gap))) return false;
    shown.push(box);
    if (group !== undefined) groupsShown.add(group);
    return true;
  });
}

/** The box of an element lying over the map, in the map's pixels (`map` is the map's own box). */
export function rectBox(rect: { left: number; top: number; width: number; height: number }, map: { left: number; top: number }): LabelBox {
  return { cx: rect.left - map.left + rect.width / 2, cy: rect.top - map.top + rect.height / 2, ux: 1, uy: 0, halfW: rect.width / 2, halfH: rect.height / 2 };
}

/**
 * The boxes of what lies over a map: Leaflet's controls, and anything near the map marked
 * `data-covers-map` (the drawing's buttons and credit, the "where am I" button).
 */
export function coveringBoxes(container: HTMLElement): LabelBox[] {
  const map = container.getBoundingClientRect();
  const near = container.parentElement ?? container;
  return [...near.querySelectorAll<HTMLElement>(".leaflet-control, [data-covers-map]")]
    .map((element) => element.getBoundingClientRect())
    .filter((rect) => rect.width > 0 && rect.height > 0)
    .map((rect) => rectBox(rect, map));
}

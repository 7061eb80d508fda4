/**
 * PDFs of the permit pack: the site plan with the permit facts, and the stall rental order list.
 * Written with pdfkit and its built-in standard fonts (Helvetica: no font files to download, the
 * text stays selectable and searchable). Geometry comes from app/rules/site-plan; this module only
 * draws it. See docs/decisions/005-pdf-library.md.
 */
import PDFDocument from "pdfkit";
import { formatEventDate, formatMoment, translator, type Language } from "~/i18n/i18n";
import type { PassageReport } from "~/rules/passage-width";
import type { PermitFacts } from "~/rules/permit-facts";
import { layoutSitePlan, type PagePoint, type PlanInput, type SheetSize, type SitePlan } from "~/rules/site-plan";

export interface PdfContext {
  language: Language;
  marketName: string;
  editionName: string;
  street: string;
  city: string;
  date: string;
  now: Date;
  /** Tests read the drawing operators; production compresses. */
  compress?: boolean;
}

type Doc = PDFKit.PDFDocument;

function finish(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.end();
  });
}

const INK = "#111111";
const COOK = { gas: "#c81e1e", open_fire: "#c81e1e", frying: "#c81e1e", other: "#e07b00" };
const LANDMARK_LETTER: Record<string, string> = { stage: "P", first_aid: "+", toilets: "WC", information: "i", waste: "A", square: "", terrace: "T", ride: "A" };

function polygon(doc: Doc, ring: PagePoint[]) {
  if (ring.length < 2) return doc;
  doc.moveTo(ring[0]![0], ring[0]![1]);
  for (const p of ring.slice(1)) doc.lineTo(p[0], p[1]);
  return doc.closePath();
}

function metres(n: number, language: Language) {
  return new Intl.NumberFormat(language === "en" ? "en-GB" : "nl-NL", { maximumFractionDigits: 1 }).format(n);
}

function cookSymbol(doc: Doc, kind: "gas" | "open_fire" | "frying" | "other", x: number, y: number, r: number) {
  doc.save().lineWidth(0.3).strokeColor(INK).fillColor(COOK[kind]);
  if (kind === "open_fire") polygon(doc, [[x, y - r * 1.2], [x + r * 1.1, y + r * 0.8], [x - r * 1.1, y + r * 0.8]]).fillAndStroke();
  else if (kind === "frying") doc.rect(x - r, y - r, 2 * r, 2 * r).fillAndStroke();
  else doc.circle(x, y, r).fillAndStroke();
  doc.restore();
}

function drawPlan(doc: Doc, plan: SitePlan, ctx: PdfContext, sheet: SheetSize) {
  const tr = translator(ctx.language);
  const { frame } = plan;
  doc.lineWidth(0.8).strokeColor(INK).rect(frame.x, frame.y, frame.width, frame.height).stroke();
  doc.save();
  doc.rect(frame.x, frame.y, frame.width, frame.height).clip();
  // Side streets and the street itself, in pale grey.
  for (const s of plan.sideStreets) polygon(doc, s.band).fillColor("#e5e7eb").fill();
  if (plan.street.length >= 2) {
    doc.save().lineWidth(Math.max(plan.streetWidthPt * 2.2, 6)).lineCap("butt").lineJoin("round").strokeColor("#e5e7eb");
    doc.moveTo(plan.street[0]![0], plan.street[0]![1]);
    for (const p of plan.street.slice(1)) doc.lineTo(p[0], p[1]);
    doc.stroke().restore();
    doc.save().lineWidth(0.4).dash(4, { space: 3 }).strokeColor("#9ca3af");
    doc.moveTo(plan.street[0]![0], plan.street[0]![1]);
    for (const p of plan.street.slice(1)) doc.lineTo(p[0], p[1]);
    doc.stroke().undash().restore();
  }
  doc.font("Helvetica-Oblique").fontSize(7).fillColor("#4b5563");
  for (const s of plan.sideStreets) {
    doc.save().rotate(s.angle, { origin: s.labelAt });
    doc.text(s.name, s.labelAt[0] - doc.widthOfString(s.name) / 2, s.labelAt[1] - 3.5, { lineBreak: false });
    doc.restore();
  }
  // Landmarks with an area (the church square, a terrace).
  for (const l of plan.landmarks) {
    if (l.ring) polygon(doc, l.ring).lineWidth(0.5).fillColor("#ecfdf5").strokeColor("#047857").fillAndStroke();
  }
  // Spots.
  const r = Math.max(1.6, Math.min(3, plan.pointsPerMetre * 0.7));
  for (const { spot, ring, centre } of plan.spots) {
    const fill = spot.blocked ? "#9ca3af" : (spot.colour ?? "#ffffff");
    doc.save().fillOpacity(spot.colour ? 0.6 : 1);
    polygon(doc, ring).fillColor(fill).fill();
    doc.restore();
    polygon(doc, ring).lineWidth(0.4).strokeColor(INK).stroke();
    if (spot.hasElectricity) {
      const corner = ring[0]!;
      doc.save().lineWidth(0.25).fillColor("#facc15").strokeColor(INK);
      doc.circle(corner[0] + (centre[0] - corner[0]) * 0.45, corner[1] + (centre[1] - corner[1]) * 0.45, r * 0.6).fillAndStroke();
      doc.restore();
    }
    if (spot.heat) cookSymbol(doc, spot.heat === "gas" ? "gas" : spot.heat === "open_fire" ? "open_fire" : spot.deepFrying ? "frying" : "other", centre[0], centre[1], r);
  }
  // Labels: code, size, stall name, pointing away from the street.
  doc.font("Helvetica").fontSize(5.5).fillColor(INK);
  for (const { label } of plan.spots) {
    const width = doc.widthOfString(label.text);
    doc.save().rotate(label.angle, { origin: label.at });
    doc.text(label.text, label.align === "left" ? label.at[0] : label.at[0] - width, label.at[1] - 2.2, { lineBreak: false });
    doc.restore();
  }
  // Point landmarks and power points.
  for (const l of plan.landmarks) {
    if (l.ring) {
      doc.font("Helvetica-Oblique").fontSize(7).fillColor("#047857").text(l.name, l.at[0] - doc.widthOfString(l.name) / 2, l.at[1] - 3.5, { lineBreak: false });
      continue;
    }
    doc.save().lineWidth(0.5).fillColor("#ffffff").strokeColor("#047857").circle(l.at[0], l.at[1], 5).fillAndStroke().restore();
    const letter = LANDMARK_LETTER[l.kind] ?? "";
    doc.font("Helvetica-Bold").fontSize(5).fillColor("#047857").text(letter, l.at[0] - doc.widthOfString(letter) / 2, l.at[1] - 2, { lineBreak: false });
    doc.font("Helvetica").fontSize(6).text(l.name, l.at[0] + 7, l.at[1] - 2.5, { lineBreak: false });
  }
  for (const p of plan.powerPoints) {
    doc.save().lineWidth(0.6).fillColor("#facc15").strokeColor(INK).rect(p.at[0] - 3.5, p.at[1] - 3.5, 7, 7).fillAndStroke().restore();
    doc.font("Helvetica-Bold").fontSize(6).fillColor(INK).text(p.code, p.at[0] + 5, p.at[1] - 3, { lineBreak: false });
  }
  doc.restore();

  // Footer: title block, legend, scale bar, north arrow.
  const top = frame.y + frame.height + 10;
  doc.fillColor(INK).font("Helvetica-Bold").fontSize(13).text(tr("permit.planTitle", { market: ctx.marketName }), frame.x, top, { lineBreak: false });
  doc.font("Helvetica").fontSize(9);
  doc.text(tr("permit.planSubtitle", { edition: ctx.editionName, date: formatEventDate(ctx.date, ctx.language), street: ctx.street, city: ctx.city }), frame.x, top + 18, { lineBreak: false });
  doc.text(tr("permit.scale", { scale: plan.scaleDenominator, sheet }), frame.x, top + 32, { lineBreak: false });
  doc.text(tr("permit.printedAt", { moment: formatMoment(ctx.now, ctx.language) }), frame.x, top + 46, { lineBreak: false });

  // Scale bar: alternating segments, labels under the ticks.
  const bar = plan.scaleBar;
  const segmentPt = bar.lengthPt / bar.segments;
  for (let i = 0; i < bar.segments; i++) {
    doc.lineWidth(0.5).strokeColor(INK).fillColor(i % 2 === 0 ? INK : "#ffffff").rect(bar.x + i * segmentPt, bar.y, segmentPt, 4).fillAndStroke();
  }
  doc.font("Helvetica").fontSize(7).fillColor(INK);
  for (let i = 0; i <= bar.segments; i++) {
    const value = String(Math.round((bar.metres / bar.segments) * i * 10) / 10);
    const text = i === bar.segments ? `${value} m` : value;
    const w = doc.widthOfString(i === bar.segments ? value : text);
    doc.text(text, bar.x + i * segmentPt - w / 2, bar.y + 7, { lineBreak: false });
  }

  // North arrow.
  const nx = frame.x + frame.width - 24;
  const ny = top + 30;
  doc.save().rotate(plan.northAngle, { origin: [nx, ny] });
  polygon(doc, [[nx, ny - 18], [nx + 6, ny + 10], [nx, ny + 5], [nx - 6, ny + 10]]).lineWidth(0.6).fillColor(INK).strokeColor(INK).fillAndStroke();
  doc.font("Helvetica-Bold").fontSize(9).fillColor(INK).text(tr("permit.north"), nx - 3, ny - 30, { lineBreak: false });
  doc.restore();

  // Legend in two columns.
  const lx = frame.x + 330;
  doc.font("Helvetica-Bold").fontSize(8).fillColor(INK).text(tr("permit.legend"), lx, top, { lineBreak: false });
  const items: [string, (x: number, y: number) => void][] = [
    [tr("permit.legendFree"), (x, y) => doc.lineWidth(0.4).fillColor("#ffffff").strokeColor(INK).rect(x, y, 9, 6).fillAndStroke()],
    [tr("permit.legendBlocked"), (x, y) => doc.lineWidth(0.4).fillColor("#9ca3af").strokeColor(INK).rect(x, y, 9, 6).fillAndStroke()],
    [tr("permit.legendPower"), (x, y) => doc.lineWidth(0.25).fillColor("#facc15").strokeColor(INK).circle(x + 4.5, y + 3, 2).fillAndStroke()],
    [tr("permit.legendPowerPoint"), (x, y) => doc.lineWidth(0.6).fillColor("#facc15").strokeColor(INK).rect(x + 1, y - 0.5, 7, 7).fillAndStroke()],
    [tr("permit.legendCooking"), (x, y) => cookSymbol(doc, "other", x + 4.5, y + 3, 2.6)],
    [tr("permit.legendGas"), (x, y) => cookSymbol(doc, "gas", x + 4.5, y + 3, 2.6)],
    [tr("permit.legendFire"), (x, y) => cookSymbol(doc, "open_fire", x + 4.5, y + 3, 2.6)],
    [tr("permit.legendFrying"), (x, y) => cookSymbol(doc, "frying", x + 4.5, y + 3, 2.6)],
    [tr("permit.legendLandmark"), (x, y) => doc.lineWidth(0.5).fillColor("#ffffff").strokeColor("#047857").circle(x + 4.5, y + 3, 3.5).fillAndStroke()],
  ];
  items.forEach(([text, symbol], i) => {
    const x = lx + Math.floor(i / 5) * 150;
    const y = top + 14 + (i % 5) * 12;
    symbol(x, y);
    doc.font("Helvetica").fontSize(7.5).fillColor(INK).text(text, x + 14, y, { lineBreak: false });
  });
}

/** A plain table that continues on a new page when it runs out of room. */
function table(doc: Doc, x: number, y: number, columns: { title: string; width: number }[], rows: string[][], opts: { bottom: number; top: number }): number {
  const rowHeight = 13;
  const header = () => {
    doc.font("Helvetica-Bold").fontSize(8).fillColor(INK);
    let cx = x;
    for (const c of columns) {
      doc.text(c.title, cx, y, { width: c.width - 4, lineBreak: false, ellipsis: true });
      cx += c.width;
    }
    y += rowHeight;
    doc.lineWidth(0.4).strokeColor(INK).moveTo(x, y - 3).lineTo(x + columns.reduce((s, c) => s + c.width, 0), y - 3).stroke();
  };
  header();
  for (const row of rows) {
    if (y + rowHeight > opts.bottom) {
      doc.addPage();
      y = opts.top;
      header();
    }
    doc.font("Helvetica").fontSize(8).fillColor(row[0]?.startsWith("!") ? "#b91c1c" : INK);
    let cx = x;
    row.forEach((cell, i) => {
      const text = i === 0 ? cell.replace(/^!/, "") : cell;
      doc.text(text, cx, y, { width: columns[i]!.width - 4, height: rowHeight, lineBreak: false, ellipsis: true });
      cx += columns[i]!.width;
    });
    y += rowHeight;
  }
  return y + 8;
}

function heading(doc: Doc, text: string, x: number, y: number, bottom: number, top: number): number {
  if (y + 40 > bottom) {
    doc.addPage();
    y = top;
  }
  doc.font("Helvetica-Bold").fontSize(11).fillColor(INK).text(text, x, y, { lineBreak: false });
  return y + 18;
}

/** Lines of warning for the permit page and the PDF: passage, power and missing cooking facts. */
export function permitWarnings(facts: PermitFacts, passage: PassageReport, language: Language): string[] {
  const tr = translator(language);
  const out: string[] = [];
  const m = (n: number) => metres(n, language);
  if (passage.stretches.length > 0) {
    out.push(tr("permit.passageNarrow", { min: m(passage.minimumM), count: passage.stretches.length }));
    for (const s of passage.stretches) out.push(tr("permit.passageStretch", { from: m(s.fromM), to: m(s.toM), width: m(s.narrowestM), codes: s.codes.join(", ") }));
  }
  if (facts.power.points.length === 0) out.push(tr("permit.powerNoPoints"));
  for (const p of facts.power.points) {
    if (p.capacityWatts === null) out.push(tr("permit.powerCapacityMissing", { code: p.code }));
    else if (p.over) out.push(tr("permit.powerOver", { code: p.code, demand: p.demandWatts, capacity: p.capacityWatts }));
  }
  if (facts.power.stallsWithoutWatts.length > 0) out.push(tr("permit.powerWattsMissing", { names: facts.power.stallsWithoutWatts.join(", ") }));
  for (const c of facts.cooking) if (c.missing.length > 0) out.push(tr("permit.cookingMissing", { name: c.stallName, facts: c.missing.map((f) => tr(`permit.fact_${f}`)).join(", ") }));
  return out;
}

export function passageSummary(passage: PassageReport, language: Language): string {
  const tr = translator(language);
  if (!passage.narrowest) return tr("permit.passageNone");
  const values = { width: metres(passage.narrowest.widthM, language), codes: passage.narrowest.codes.join(" / "), min: metres(passage.minimumM, language) };
  return tr(passage.stretches.length ? "permit.passageNarrowest" : "permit.passageOk", values);
}

function drawFacts(doc: Doc, facts: PermitFacts, passage: PassageReport, ctx: PdfContext) {
  const tr = translator(ctx.language);
  const L = ctx.language;
  const x = 40;
  const top = 40;
  const bottom = doc.page.height - 40;
  const yesNo = (v: boolean | null) => (v === null ? tr("permit.missing") : v ? tr("permit.yes") : tr("permit.no"));
  let y = top;
  doc.font("Helvetica-Bold").fontSize(14).fillColor(INK).text(tr("permit.factsTitle"), x, y, { lineBreak: false });
  doc.font("Helvetica").fontSize(9).text(`${ctx.editionName} · ${formatEventDate(ctx.date, L)} · ${tr("permit.printedAt", { moment: formatMoment(ctx.now, L) })}`, x, y + 18, { lineBreak: false });
  y += 40;

  const warnings = permitWarnings(facts, passage, L);
  if (warnings.length > 0) {
    y = heading(doc, tr("permit.warningsTitle"), x, y, bottom, top);
    doc.font("Helvetica").fontSize(8.5).fillColor("#b91c1c");
    for (const w of warnings) {
      doc.text(`• ${w}`, x, y, { width: doc.page.width - 2 * x });
      y = doc.y + 2;
      if (y > bottom) {
        doc.addPage();
        y = top;
      }
    }
    y += 8;
  }

  y = heading(doc, tr("permit.stallsPerCategory"), x, y, bottom, top);
  y = table(
    doc,
    x,
    y,
    [{ title: tr("permit.category"), width: 220 }, { title: tr("permit.stalls"), width: 70 }, { title: tr("permit.frontage"), width: 90 }],
    [...facts.perCategory.map((c) => [c.categoryName, String(c.stalls), metres(c.frontageCm / 100, L)]), [tr("permit.total"), String(facts.stallCount), metres(facts.totalFrontageCm / 100, L)]],
    { bottom, top },
  );
  doc.font("Helvetica").fontSize(9).fillColor(INK).text(tr("permit.totalFrontage", { metres: metres(facts.totalFrontageCm / 100, L), count: facts.stallCount }), x, y, { lineBreak: false });
  y += 22;

  y = heading(doc, tr("permit.passageTitle"), x, y, bottom, top);
  doc.font("Helvetica").fontSize(9).fillColor(INK).text(passageSummary(passage, L), x, y, { width: doc.page.width - 2 * x });
  y = doc.y + 4;
  doc.text(tr("permit.passageMin", { min: metres(passage.minimumM, L) }), x, y, { lineBreak: false });
  y += 22;

  y = heading(doc, tr("permit.powerTitle"), x, y, bottom, top);
  const powerRows: string[][] = [];
  for (const p of facts.power.points) {
    const flag = p.over ? "!" : "";
    powerRows.push([`${flag}${p.code}`, String(p.demandWatts), p.capacityWatts === null ? tr("permit.notSet") : String(p.capacityWatts), p.over ? tr("permit.overCapacity") : "", p.stalls.map((s) => `${s.spotCodes.join("+")} ${s.stallName} (${s.watts ?? "?"} W)`).join("; ")]);
  }
  if (facts.power.unassigned.length > 0) {
    for (const s of facts.power.unassigned) powerRows.push([tr("permit.noPoint"), String(s.watts ?? "?"), "", "", `${s.spotCodes.join("+")} ${s.stallName}`]);
  }
  powerRows.push([tr("permit.total"), String(facts.power.totalWatts), "", "", ""]);
  y = table(doc, x, y, [{ title: tr("permit.powerPoint"), width: 90 }, { title: tr("permit.demand"), width: 70 }, { title: tr("permit.capacity"), width: 80 }, { title: "", width: 90 }, { title: tr("permit.stalls"), width: doc.page.width - 2 * x - 330 }], powerRows, { bottom, top });

  y = heading(doc, tr("permit.cookingTitle"), x, y, bottom, top);
  if (facts.cooking.length === 0) {
    doc.font("Helvetica").fontSize(9).text(tr("permit.noCooking"), x, y, { lineBreak: false });
    y += 20;
  } else {
    y = table(
      doc,
      x,
      y,
      [{ title: tr("permit.spots"), width: 80 }, { title: tr("permit.stall"), width: 200 }, { title: tr("permit.category"), width: 130 }, { title: tr("permit.heat"), width: 90 }, { title: tr("permit.frying"), width: 70 }, { title: tr("permit.extinguisher"), width: 80 }],
      facts.cooking.map((c) => [`${c.missing.length ? "!" : ""}${c.spotCodes.join("+")}`, c.stallName, c.categoryName, c.heatKind ? tr(`permit.heat_${c.heatKind}`) : tr("permit.missing"), yesNo(c.deepFrying), yesNo(c.fireExtinguisher)]),
      { bottom, top },
    );
  }
}

/** The site plan (page 1) and the permit facts (page 2 and on). */
export function renderSitePlanPdf(input: { plan: Omit<PlanInput, "sheet">; facts: PermitFacts; passage: PassageReport }, sheet: SheetSize, ctx: PdfContext): Promise<Buffer> {
  const doc = new PDFDocument({ size: sheet, layout: "landscape", margin: 0, compress: ctx.compress ?? true, info: { Title: translator(ctx.language)("permit.planTitle", { market: ctx.marketName }), Author: ctx.marketName, CreationDate: ctx.now } });
  const plan = layoutSitePlan({ ...input.plan, sheet });
  drawPlan(doc, plan, ctx, sheet);
  doc.addPage({ size: sheet, layout: "landscape", margin: 0 });
  drawFacts(doc, input.facts, input.passage, ctx);
  return finish(doc);
}

/** The rental order list (A4 portrait): how many stalls of which size, and where they go in walking order. */
export function renderRentalPdf(facts: PermitFacts, ctx: PdfContext): Promise<Buffer> {
  const tr = translator(ctx.language);
  const L = ctx.language;
  const doc = new PDFDocument({ size: "A4", margin: 0, compress: ctx.compress ?? true, info: { Title: tr("permit.rentalTitle"), Author: ctx.marketName, CreationDate: ctx.now } });
  const x = 40;
  const top = 40;
  const bottom = doc.page.height - 40;
  let y = top;
  doc.font("Helvetica-Bold").fontSize(15).fillColor(INK).text(tr("permit.rentalTitle"), x, y, { lineBreak: false });
  doc.font("Helvetica").fontSize(9).text(`${tr("permit.rentalSubtitle", { edition: ctx.editionName, date: formatEventDate(ctx.date, L) })} · ${tr("permit.printedAt", { moment: formatMoment(ctx.now, L) })}`, x, y + 20, { lineBreak: false });
  y += 44;
  if (facts.rental.total === 0) {
    doc.fontSize(11).text(tr("permit.rentalNone"), x, y, { lineBreak: false });
    return finish(doc);
  }
  y = heading(doc, tr("permit.rentalSizes"), x, y, bottom, top);
  y = table(doc, x, y, [{ title: tr("permit.rentalSize"), width: 100 }, { title: tr("permit.rentalCount"), width: 80 }], facts.rental.sizes.map((s) => [`${s.sizeM} m`, String(s.count)]), { bottom, top });
  doc.font("Helvetica-Bold").fontSize(10).text(tr("permit.rentalTotal", { count: facts.rental.total }), x, y, { lineBreak: false });
  y += 26;
  y = heading(doc, tr("permit.rentalPositions"), x, y, bottom, top);
  table(
    doc,
    x,
    y,
    [{ title: tr("permit.position"), width: 35 }, { title: tr("permit.spots"), width: 80 }, { title: tr("permit.side"), width: 75 }, { title: tr("permit.alongM"), width: 50 }, { title: tr("permit.rentalCount"), width: 50 }, { title: tr("permit.rentalSize"), width: 45 }, { title: tr("permit.stall"), width: 180 }],
    facts.rental.lines.map((l, i) => [String(i + 1), l.spotCodes.join("+"), l.side === "left" ? tr("permit.sideLeft") : l.side === "right" ? tr("permit.sideRight") : "", String(Math.round(l.alongM)), String(l.count), `${l.sizeM} m`, l.stallName]),
    { bottom, top },
  );
  return finish(doc);
}

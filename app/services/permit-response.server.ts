/** Shared by the permit's PDF and CSV routes: the day asked for, or a sentence instead of an empty file. */
import { loadPermitDay, marketOf } from "~/data/permit.server";
import { languageOf } from "~/i18n/language.server";
import { translator } from "~/i18n/i18n";
import { organiserEdition, requireOrganiser } from "./auth.server";
import type { PdfContext } from "./pdf.server";

export function permitRequest(request: Request) {
  requireOrganiser(request, "read");
  const edition = organiserEdition(request);
  const language = languageOf(request);
  const url = new URL(request.url);
  const dayId = Number(url.searchParams.get("day")) || null;
  const data = loadPermitDay(edition, dayId, language);
  if (!data.ok) {
    const tr = translator(language);
    const sentence = tr(data.reason === "no_day" ? "permit.noDay" : data.reason === "not_published" ? "permit.notPublished" : "permit.noSpots");
    const html = `<!doctype html><html lang="${language}"><meta charset="utf-8"><title>${tr("permit.title")}</title><body style="font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem"><p>${sentence}</p><p><a href="/organiser/permit">${tr("permit.title")}</a></p></body></html>`;
    throw new Response(html, { status: 409, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
  }
  const market = marketOf(edition);
  const ctx: PdfContext = {
    language,
    marketName: market?.name ?? "",
    editionName: language === "en" ? edition.nameEn : edition.nameNl,
    street: market?.streetName ?? "",
    city: market?.city ?? "",
    date: data.day.date,
    now: new Date(),
  };
  return { data, ctx, language, sheet: url.searchParams.get("sheet") === "A4" ? ("A4" as const) : ("A3" as const) };
}

export function fileResponse(body: Buffer | string, type: string, filename: string): Response {
  return new Response(typeof body === "string" ? body : new Uint8Array(body), { headers: { "Content-Type": type, "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" } });
}

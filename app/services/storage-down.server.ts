/**
 * While the database file is missing, replaced or damaged (app/data/health.server.ts), every
 * request that could write is answered 503 before it reaches a route: nothing is acknowledged
 * into a file that is gone. People get a short page in their language; Stripe's webhook gets a
 * 503, so Stripe sends the event again later. Reading pages stays possible.
 */
import { databaseProblem } from "~/data/health.server";
import { translator } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";
import { escapeHtml } from "~/mail/layout";

export interface StorageDownRefusal {
  status: 503;
  headers: Record<string, string>;
  body: string;
}

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

export function refuseWriteWhileStorageDown(request: {
  method: string;
  url: string;
  headers: { cookie?: string; "accept-language"?: string };
}): StorageDownRefusal | null {
  if (READS.has(request.method.toUpperCase())) return null;
  if (!databaseProblem()) return null;
  const headers = { "Cache-Control": "no-store", "Retry-After": "60" };
  if (request.url.startsWith("/webhooks/")) {
    return { status: 503, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" }, body: "Service unavailable: the database cannot be written.\n" };
  }
  const language = languageOf(
    new Request(new URL(request.url, "http://localhost"), {
      headers: { cookie: request.headers.cookie ?? "", "accept-language": request.headers["accept-language"] ?? "" },
    }),
  );
  const t = translator(language);
  const body = `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t("common.storageDownTitle"))} · ${escapeHtml(t("common.siteName"))}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}h1{font-size:1.5rem}</style>
</head><body><main><h1>${escapeHtml(t("common.storageDownTitle"))}</h1><p>${escapeHtml(t("common.storageDownText"))}</p>
<p><a href="/">${escapeHtml(t("common.backHome"))}</a></p></main></body></html>
`;
  return { status: 503, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" }, body };
}

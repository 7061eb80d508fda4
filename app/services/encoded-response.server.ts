/**
 * A cached body answered as cheaply as possible: 304 when the client already has it, otherwise
 * the precompressed bytes the client accepts (brotli, gzip) or the plain text. The compression
 * middleware leaves a response alone once it has a Content-Encoding.
 */
import { createHash } from "node:crypto";
import type { EncodedBody } from "~/data/public-map.server";
import { acceptedEncoding, hasOnlyLanguageCookie, isNotModified } from "./http.server";

export function preferredEncoding(request: Request): "br" | "gzip" | null {
  return acceptedEncoding(request.headers.get("Accept-Encoding"));
}

export function encodedResponse(request: Request, body: EncodedBody, headers: Record<string, string>): Response {
  const base = { ...headers, ETag: body.etag, Vary: "Accept-Encoding" };
  if (isNotModified(request, body.etag)) return new Response(null, { status: 304, headers: base });
  if (request.method === "HEAD") return new Response(null, { status: 200, headers: base });
  const encoding = preferredEncoding(request);
  if (!encoding) return new Response(body.body, { status: 200, headers: base });
  const bytes = body.encoded(encoding);
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: { ...base, "Content-Encoding": encoding, "Content-Length": String(bytes.length) },
  });
}

/** Changes with every server start, so a new build never answers 304 to a page of the old one. */
const BOOT_ID = Date.now().toString(36);

/**
 * Conditional GET and shared caching for a public page built only from public data. The ETag
 * covers that data (`fingerprint`), the language, the address and the visitor's cookies; only a
 * visitor without cookies besides the language choice may be served by a shared cache.
 */
export function publicPageCaching(request: Request, fingerprint: string, language: string) {
  const url = new URL(request.url);
  const cookie = request.headers.get("Cookie") ?? "";
  const shareable = hasOnlyLanguageCookie(cookie) && !url.searchParams.has("lang");
  const variant = createHash("sha1")
    .update(`${BOOT_ID}|${language}|${url.pathname}?${url.searchParams.toString()}|${cookie}`)
    .digest("base64url")
    .slice(0, 12);
  const etag = `"p-${fingerprint}-${variant}"`;
  const headers = {
    ETag: etag,
    "Cache-Control": shareable ? "public, max-age=30, s-maxage=60, stale-while-revalidate=300" : "private, no-cache",
    Vary: "Accept-Language, Cookie",
  };
  // A ?lang= request sets the language cookie, so it is always answered in full.
  const notModified = !url.searchParams.has("lang") && isNotModified(request, etag);
  return { headers, notModified };
}

/**
 * The HTTP header parsing the app needs, written once: cookies, conditional GET (ETags) and
 * Accept-Encoding. Used by routes through Remix's Request and by the micro-cache in front of
 * Express through Node's raw headers, so the functions take header values, not requests.
 */

type HeaderValue = string | string[] | null | undefined;

function joined(header: HeaderValue): string {
  return Array.isArray(header) ? header.join(",") : (header ?? "");
}

/** The value of one cookie in a Cookie header, URL-decoded; null when absent or empty. */
export function readCookie(header: HeaderValue, name: string): string | null {
  for (const part of joined(header).split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key !== name) continue;
    const value = rest.join("=");
    if (!value) return null;
    try {
      return decodeURIComponent(value);
    } catch {
      return value; // a stray % is kept as it came, never a crash
    }
  }
  return null;
}

/** True when the request carries no cookie besides the language choice (it may be served from a shared cache). */
export function hasOnlyLanguageCookie(header: HeaderValue): boolean {
  return joined(header)
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean)
    .every((part) => part.startsWith("lang="));
}

/** True when an If-None-Match header names `etag` (weak or strong) or `*`: answer 304. */
export function etagMatches(ifNoneMatch: HeaderValue, etag: string): boolean {
  const header = joined(ifNoneMatch);
  if (!header) return false;
  return header
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === etag || tag === "*");
}

/** True when the request's If-None-Match already names `etag` (then answer 304). */
export function isNotModified(request: Request, etag: string): boolean {
  return etagMatches(request.headers.get("If-None-Match"), etag);
}

/** The encoding to send: brotli, then gzip, when the client accepts it (q=0 refuses it). */
export function acceptedEncoding(acceptEncoding: HeaderValue): "br" | "gzip" | null {
  const header = joined(acceptEncoding).toLowerCase();
  if (!header) return null;
  const accepts = (name: string) =>
    header.split(",").some((part) => {
      const [token, ...params] = part.trim().split(";");
      if (token?.trim() !== name) return false;
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return !q || Number(q.slice(2)) > 0;
    });
  if (accepts("br")) return "br";
  if (accepts("gzip")) return "gzip";
  return null;
}

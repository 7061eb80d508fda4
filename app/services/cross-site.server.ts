/**
 * Protection against cross-site form posts, for every route at once (scripts/serve.js calls it
 * before Remix): a state-changing request must come from our own origin. Browsers send `Origin`
 * on every POST and `Sec-Fetch-Site` on every request; a request with neither is not from a
 * browser (a script, a test) and cannot carry a victim's cookies by accident.
 * Session cookies are SameSite=Lax as a second line. The Stripe webhook is exempt: it is
 * authenticated by its signature instead.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const EXEMPT_PATHS = new Set(["/webhooks/stripe"]);

export function isCrossSitePost(input: {
  method: string;
  path: string;
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
}): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return false;
  if (EXEMPT_PATHS.has(input.path)) return false;
  if (input.origin && input.origin !== "null") {
    try {
      return new URL(input.origin).host !== input.host;
    } catch {
      return true;
    }
  }
  // A page sent with Referrer-Policy: no-referrer (the private pages before they moved to
  // same-origin, a sandboxed frame) makes browsers post with `Origin: null`; Sec-Fetch-Site still
  // tells where the post came from (scripts/serve.js then drops the opaque Origin for Remix).
  if (input.secFetchSite) return input.secFetchSite === "cross-site" || input.secFetchSite === "same-site";
  return input.origin === "null";
}

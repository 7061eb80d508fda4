/** Headers and meta of the stallholder's private pages (/a/<token>…); safe for the browser bundle. */

/** Never cached by anyone in between; the browser keeps it out of its cache too. */
export const PRIVATE_HEADERS = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow" };

/** Meta for every private page: not indexed, and the link is never sent on as a Referer. */
export function privateMeta(title: string) {
  return [{ title }, { name: "robots", content: "noindex, nofollow" }, { name: "referrer", content: "no-referrer" }];
}

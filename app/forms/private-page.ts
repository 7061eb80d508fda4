/** Headers and meta of the stallholder's private pages (/a/<token>…); safe for the browser bundle. */

/** Never cached by anyone in between; the browser keeps it out of its cache too. */
export const PRIVATE_HEADERS = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": "same-origin" };

/**
 * Meta for every private page: not indexed, and the link is never sent on as a Referer to another
 * site. `same-origin`, not `no-referrer`: with no-referrer browsers post our own forms with
 * `Origin: null`, which fails without JavaScript.
 */
export function privateMeta(title: string) {
  return [{ title }, { name: "robots", content: "noindex, nofollow" }, { name: "referrer", content: "same-origin" }];
}

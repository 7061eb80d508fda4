/** HTTP helpers shared by routes: conditional GET with strong ETags. */
import { createHash } from "node:crypto";

export function etagOf(body: string): string {
  return `"${createHash("sha1").update(body).digest("base64url")}"`;
}

/** True when the request's If-None-Match already names `etag` (then answer 304). */
export function isNotModified(request: Request, etag: string): boolean {
  const header = request.headers.get("If-None-Match");
  if (!header) return false;
  return header
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === etag || tag === "*");
}

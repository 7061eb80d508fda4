/**
 * Server entry: streams the HTML, and adds what every response needs (language cookie, security
 * headers). `boot` is called once by the server before it listens.
 */
import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
// The server renders every page and writes every mail: it has all the texts.
import "~/i18n/messages/organiser-bundles";
import "~/i18n/messages/stallholder-bundles";
import { languageCookieFor } from "~/i18n/language.server";
import { applySecurityHeaders } from "~/services/security-headers.server";

export { boot } from "~/services/boot.server";
export { isCrossSitePost } from "~/services/cross-site.server";
export { createPublicFastPath } from "~/services/public-fast-path.server";
export { refuseWriteWhileStorageDown } from "~/services/storage-down.server";

const ABORT_DELAY = 5_000;

export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  const cookie = languageCookieFor(request);
  if (cookie) response.headers.append("Set-Cookie", cookie);
  return response;
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const cookie = languageCookieFor(request);
  if (cookie) responseHeaders.append("Set-Cookie", cookie);
  applySecurityHeaders(responseHeaders);
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />,
      {
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors while streaming after the shell are logged here; before it, by Remix.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

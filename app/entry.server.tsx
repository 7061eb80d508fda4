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
import "~/i18n/messages/seo-bundle";
import { languageCookieFor } from "~/i18n/language.server";
import { NonceProvider } from "~/nonce-provider";
import { applyBaseHeaders, applyPrivateHeaders, applySecurityHeaders, createNonce } from "~/services/security-headers.server";

export { boot } from "~/services/boot.server";
export { isCrossSitePost } from "~/services/cross-site.server";
export { createPublicFastPath } from "~/services/public-fast-path.server";
export { bodyLimitFor, clientAddressFrom, installLogRedaction, trustedHops } from "~/services/request-guards.server";
export { refuseWriteWhileStorageDown } from "~/services/storage-down.server";

const ABORT_DELAY = 5_000;

export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  const cookie = languageCookieFor(request);
  if (cookie) response.headers.append("Set-Cookie", cookie);
  applyBaseHeaders(response.headers);
  applyPrivateHeaders(request, response.headers);
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
  // A nonce per response for Remix's inline scripts (app/root.tsx), named in the page's CSP.
  const nonce = createNonce();
  applySecurityHeaders(responseHeaders, nonce);
  applyPrivateHeaders(request, responseHeaders);
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
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

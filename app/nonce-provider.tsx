/**
 * The Content-Security-Policy nonce of the response being rendered (app/entry.server.tsx makes
 * one per response), for Remix's inline scripts in app/root.tsx. In the browser it is empty:
 * the scripts have run by then and browsers hide a nonce from the page anyway.
 */
import { createContext, useContext } from "react";

const NonceContext = createContext<string>("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}

/**
 * Registers the service worker (public/sw.js) that keeps the public pages, the map data and the
 * tiles already seen working offline. Then tells it which files this page used, so a first visit
 * is enough: the worker was not yet in control while they loaded.
 */
import { useEffect } from "react";

export function useServiceWorker() {
  useEffect(() => {
    if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
    const register = () => {
      navigator.serviceWorker
        .register("/sw.js")
        .then(() => navigator.serviceWorker.ready)
        .then((registration) => {
          const urls = [
            location.pathname + location.search,
            ...performance.getEntriesByType("resource").map((entry) => entry.name),
          ];
          // The build's version names the route manifest requests of client-side navigations.
          const manifestVersion = (window as unknown as { __remixManifest?: { version?: string } }).__remixManifest?.version ?? null;
          registration.active?.postMessage({ type: "cache-urls", urls, manifestVersion });
        })
        .catch(() => {
          // No offline support; the site works as before.
        });
    };
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register, { once: true });
  }, []);
}

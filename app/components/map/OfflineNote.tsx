/** "Shown offline, last updated at …": when the phone is offline, or the page is older than a few minutes. */
import { useEffect, useState } from "react";
import { useI18n } from "~/i18n/use-i18n";

const STALE_AFTER_MS = 10 * 60_000;
const PROBE_TIMEOUT_MS = 4000;

/**
 * navigator.onLine alone is not enough: a phone on a street with one bar, or behind a captive
 * portal, says it is online while nothing comes through, and the service worker then serves the
 * page from its cache. So we also ask the server (no cache, the service worker leaves /healthz
 * alone); any answer, even an error status, means the network works.
 */
async function reachesServer(): Promise<boolean> {
  if (!navigator.onLine) return false;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), PROBE_TIMEOUT_MS);
  try {
    await fetch("/healthz", { cache: "no-store", signal: controller.signal });
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function OfflineNote({ builtAt }: { builtAt: string }) {
  const { t, moment } = useI18n();
  const [state, setState] = useState<{ online: boolean; stale: boolean }>({ online: true, stale: false });
  useEffect(() => {
    let alive = true;
    const update = async () => {
      const online = await reachesServer();
      if (alive) setState({ online, stale: Date.now() - new Date(builtAt).getTime() > STALE_AFTER_MS });
    };
    void update();
    const timer = setInterval(() => void update(), 60_000);
    const onChange = () => void update();
    window.addEventListener("online", onChange);
    window.addEventListener("offline", onChange);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener("online", onChange);
      window.removeEventListener("offline", onChange);
    };
  }, [builtAt]);
  if (state.online && !state.stale) return null;
  return (
    <p className="offline-note" role="status" data-testid="offline-note">
      {state.online ? t("map.staleNote", { time: moment(builtAt) }) : t("map.offlineNote", { time: moment(builtAt) })}
    </p>
  );
}

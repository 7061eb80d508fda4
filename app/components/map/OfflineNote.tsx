/** "Shown offline, last updated at …": when the phone is offline, or the page is older than a few minutes. */
import { useEffect, useState } from "react";
import { useI18n } from "~/i18n/use-i18n";

const STALE_AFTER_MS = 10 * 60_000;

export function OfflineNote({ builtAt }: { builtAt: string }) {
  const { t, moment } = useI18n();
  const [state, setState] = useState<{ online: boolean; stale: boolean }>({ online: true, stale: false });
  useEffect(() => {
    const update = () =>
      setState({ online: navigator.onLine, stale: Date.now() - new Date(builtAt).getTime() > STALE_AFTER_MS });
    update();
    const timer = setInterval(update, 60_000);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      clearInterval(timer);
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, [builtAt]);
  if (state.online && !state.stale) return null;
  return (
    <p className="offline-note" role="status" data-testid="offline-note">
      {state.online ? t("map.staleNote", { time: moment(builtAt) }) : t("map.offlineNote", { time: moment(builtAt) })}
    </p>
  );
}

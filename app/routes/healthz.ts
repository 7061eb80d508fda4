import { json } from "@remix-run/node";
import { checkHealth } from "~/data/health.server";

export function loader() {
  const health = checkHealth();
  if (!health.ok) {
    console.error(`[zomerparade] /healthz: database does not answer: ${health.reason}`);
    return json({ ok: false }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
  return json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}

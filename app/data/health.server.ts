/** Health of the things this process depends on, for GET /healthz. */
import { sqlite } from "./db.server";

export type Health = { ok: true } | { ok: false; reason: string };

export function checkHealth(): Health {
  try {
    // Reading a real table touches the schema and data pages: a corrupt or missing file fails here.
    sqlite().prepare("select count(*) as n from editions").get();
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

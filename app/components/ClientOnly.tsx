import { useEffect, useState, type ReactNode } from "react";

/** True once React has hydrated in the browser; false on the server and in the first render. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** Renders `children()` only in the browser after hydration, `fallback` before (and on the server). */
export function ClientOnly({ children, fallback }: { children: () => ReactNode; fallback: ReactNode }) {
  return useHydrated() ? <>{children()}</> : <>{fallback}</>;
}

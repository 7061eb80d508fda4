/**
 * The street map as the pages use it: Leaflet and the map code come in a chunk of their own (a
 * dynamic import), asked for only in the browser once the page has hydrated. Until it has
 * arrived the placeholder holds the map's place (same class, same size), so the first paint and
 * hydration never wait for Leaflet and nothing moves when the map appears.
 */
import { lazy, Suspense, type ComponentType, type ReactNode } from "react";
import { ClientOnly } from "~/components/ClientOnly";
import type { DrawnSpot, MapSpot } from "./map-types";
import type { StallMapProps } from "./StallMap.client";

const StallMap = lazy(() => import("./StallMap.client"));

export function LazyStallMap<S extends DrawnSpot = MapSpot>({ placeholder, ...props }: StallMapProps<S> & { placeholder: string }) {
  const fallback: ReactNode = <div className="stall-map map-placeholder">{placeholder}</div>;
  // lazy() keeps the props of the constraint; the map is generic over the spots it is given.
  const Map = StallMap as unknown as ComponentType<StallMapProps<S>>;
  return (
    <ClientOnly fallback={fallback}>
      {() => (
        <Suspense fallback={fallback}>
          <Map {...props} />
        </Suspense>
      )}
    </ClientOnly>
  );
}

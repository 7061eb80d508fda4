/**
 * The street map as the pages use it. It opens as a drawing (StreetSketch: the same view, tiles,
 * spots and names, no Leaflet); Leaflet and the map code come in a chunk of their own (a dynamic
 * import), asked for only when the visitor starts to use the map (a touch, the wheel, a zoom
 * button) or when the page moves the map (a stall chosen in the list, search results to show,
 * the visitor's own position). The drawing stays over the Leaflet map until that has drawn, so
 * nothing moves or flashes. Before hydration the placeholder holds the map's place (same class,
 * same size).
 */
import { lazy, Suspense, useCallback, useEffect, useState, type ComponentType, type ReactNode } from "react";
import { ClientOnly } from "~/components/ClientOnly";
import type { DrawnSpot, MapSpot } from "./map-types";
import type { StallMapProps } from "./StallMap.client";
import { StreetSketch } from "./StreetSketch";

const StallMap = lazy(() => import("./StallMap.client"));

export function LazyStallMap<S extends DrawnSpot = MapSpot>({ placeholder, ...props }: StallMapProps<S> & { placeholder: string }) {
  const fallback: ReactNode = <div className="stall-map map-placeholder">{placeholder}</div>;
  // lazy() keeps the props of the constraint; the map is generic over the spots it is given.
  const Map = StallMap as unknown as ComponentType<StallMapProps<S>>;
  const [woken, setWoken] = useState<{ zoomBy: number } | null>(null);
  const [ready, setReady] = useState(false);
  // What moves the map needs Leaflet: a later focus (the first one is the opening view, which the
  // drawing shows), search results to bring into view, the visitor's own position.
  const moves = (props.focus?.seq ?? 0) > 0 || (props.highlightCodes?.size ?? 0) > 0 || Boolean(props.me);
  useEffect(() => {
    if (moves) setWoken((previous) => previous ?? { zoomBy: 0 });
  }, [moves]);
  const onReady = useCallback(() => setReady(true), []);
  return (
    <ClientOnly fallback={fallback}>
      {() => (
        <>
          {woken ? (
            <Suspense fallback={<div className="stall-map" />}>
              <Map {...props} zoomBy={woken.zoomBy} onReady={onReady} />
            </Suspense>
          ) : null}
          {ready ? null : <StreetSketch {...props} covering={woken !== null} onWake={(zoomBy) => setWoken((previous) => previous ?? { zoomBy })} />}
        </>
      )}
    </ClientOnly>
  );
}

/**
 * The street map as a plain drawing, shown until the visitor starts to use the map: the same view,
 * tiles, street, side streets, spots, symbols and names the Leaflet map opens with, drawn by React
 * as SVG and a few positioned elements. Leaflet (about a third of the map page's JavaScript, and
 * on a slow phone the longest piece of work while the page opens) is loaded only once the visitor
 * touches the map, turns the wheel on it or presses a zoom button; LazyStallMap then swaps this
 * drawing for the Leaflet map, which opens on exactly this view (web-mercator.ts follows Leaflet's
 * sums), so nothing moves.
 *
 * Tapping a spot here opens its card at once; the drawing never needs Leaflet for that.
 */
import { useLayoutEffect, useMemo, useRef, useState } from "react";
import { useI18n } from "~/i18n/use-i18n";
import { chooseVisible, coveringBoxes, labelBox } from "./label-layout";
import { labelInnerHtml, labelInZoom, mapLabels } from "./map-label-list";
import { CLOSEST_ZOOM, FOCUS_ZOOM, LANDMARK_AREA_STYLE, MAP_OPTIONS, OPENING_PAD, SMALL_ZOOM, STREET_LINE_STYLE, STREET_ZOOM, spotDrawing, tileZoomLimits, type ShapeStyle } from "./map-style";
import type { DrawnSpot } from "./map-types";
import type { StallMapProps } from "./StallMap.client";
import { fitView, tileUrl, tilesInView, toScreen, viewAt, type MapView, type Point } from "./web-mercator";

type LngLat = [number, number];

export interface StreetSketchProps<S extends DrawnSpot> extends StallMapProps<S> {
  /** The visitor starts to use the map: load Leaflet (and zoom by this much once it is there). */
  onWake: (zoomBy: number) => void;
  /** Drawn over the Leaflet map while that gets ready (a tap on a spot still opens its card). */
  covering: boolean;
}


export function StreetSketch<S extends DrawnSpot>(props: StreetSketchProps<S>) {
  const { t } = useI18n();
  const { spots, streetLine, focus, covering, onWake } = props;
  const root = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<Point | null>(null);
  const [retina, setRetina] = useState(false);
  // Leaflet measures its container's inner size; so does this, again whenever it changes (a
  // phone turned, the list view closed, the page printed).
  useLayoutEffect(() => {
    const element = root.current!;
    const measure = () => {
      const next = { x: element.clientWidth, y: element.clientHeight };
      setSize((previous) => (previous && previous.x === next.x && previous.y === next.y ? previous : next));
    };
    measure();
    setRetina(window.devicePixelRatio > 1);
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const focusPoint = focus?.point ?? null;
  const view = useMemo<MapView | null>(() => {
    if (!size || size.x === 0 || size.y === 0) return null;
    const fitted = fitView(spots.length > 0 ? spots.map((spot) => spot.centre) : streetLine, size, { ...MAP_OPTIONS, pad: OPENING_PAD });
    return focusPoint ? viewAt(focusPoint, Math.max(fitted.zoom, FOCUS_ZOOM), size) : fitted;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the focus point's value, not its array
  }, [size, spots, streetLine, focusPoint?.[0], focusPoint?.[1]]);

  // The first wish counts (a zoom button's press is not also a touch on the map).
  const wake = (zoomBy: number) => onWake(zoomBy);
  return (
    <div
      ref={root}
      className={`stall-map street-sketch${covering ? " street-sketch-covering" : ""}${view && view.zoom >= (props.codeZoom ?? CLOSEST_ZOOM) ? " labels-close" : ""}`}
      data-zoom={view?.zoom}
      data-testid="street-sketch"
      aria-label={props.label}
      role="group"
      onPointerDown={(event) => {
        if (!(event.target as Element).closest(".sketch-zoom")) wake(0);
      }}
      onWheel={() => wake(0)}
    >
      {view ? <SketchDrawing {...props} view={view} retina={retina} /> : null}
      <div className="sketch-zoom" aria-hidden={covering || undefined} data-covers-map>
        <button type="button" onClick={() => wake(1)} aria-label={t("map.zoomIn")} title={t("map.zoomIn")} data-testid="sketch-zoom-in" tabIndex={covering ? -1 : undefined}>
          +
        </button>
        <button type="button" onClick={() => wake(-1)} aria-label={t("map.zoomOut")} title={t("map.zoomOut")} data-testid="sketch-zoom-out" tabIndex={covering ? -1 : undefined}>
          −
        </button>
      </div>
      <div
        data-covers-map
        className={`sketch-attribution sketch-attribution-${(props.attributionPosition ?? "bottomright").includes("top") ? "top" : "bottom"}`}
        // The credit is the tile server's, set by the organisers' configuration (as Leaflet shows it).
        dangerouslySetInnerHTML={{ __html: props.tiles.attribution }}
      />
    </div>
  );
}

function SketchDrawing<S extends DrawnSpot>(props: StreetSketchProps<S> & { view: MapView; retina: boolean }) {
  const { view, retina, spots, visibleCodes, colourOf, selectedCode, highlightCodes, ownCodes, onSelect, onTilesFailed } = props;
  const at = (point: LngLat) => toScreen(view, point);
  const pathOf = (ring: LngLat[], close: boolean) =>
    ring.map((point, i) => {
      const p = at(point);
      return `${i === 0 ? "M" : "L"}${p.x.toFixed(1)} ${p.y.toFixed(1)}`;
    }).join("") + (close ? "z" : "");
  const small = view.zoom < SMALL_ZOOM;
  const shown = visibleCodes ? spots.filter((spot) => visibleCodes.has(spot.code)) : spots;
  const tiles = tilesInView(view, { retina, maxNativeZoom: tileZoomLimits(retina).maxNativeZoom });
  const drawing = spotDrawing(shown, { colourOf, selectedCode, highlightCodes, ownCodes, small, runOf: props.runOf });
  return (
    <>
      <div className="sketch-tiles" aria-hidden="true">
        {tiles.map((tile) => (
          <img
            key={`${tile.z}/${tile.x}/${tile.y}`}
            className="sketch-tile"
            src={tileUrl(props.tiles.url, tile, retina)}
            alt=""
            width={Math.round(tile.size)}
            height={Math.round(tile.size)}
            style={{ left: tile.left, top: tile.top, width: tile.size, height: tile.size }}
            onLoad={(event) => event.currentTarget.classList.add("loaded")}
            onError={onTilesFailed}
            decoding="async"
          />
        ))}
      </div>
      <svg className="sketch-shapes" width={view.size.x} height={view.size.y} aria-hidden="true">
        {(props.streets?.sideStreets ?? []).map((side) => (
          <path key={side.name} className="side-street" d={pathOf(side.line, false)} {...svgStyle(STREET_LINE_STYLE)} fill="none" />
        ))}
        {props.streetLine.length > 1 ? <path className="street-line" d={pathOf(props.streetLine, false)} {...svgStyle(STREET_LINE_STYLE)} fill="none" /> : null}
        {props.landmarks.map((landmark, i) =>
          landmark.geometry.type === "Polygon" ? (
            <path key={i} className={`landmark-area landmark-area-${landmark.kind}`} d={pathOf(landmark.geometry.coordinates[0] ?? [], true)} {...svgStyle(LANDMARK_AREA_STYLE)} />
          ) : null,
        )}
        {drawing.runs.map(({ run, style, className }) => (
          <path key={`run ${run.codes.join(" ")}`} className={`${className} sketch-spot`} d={pathOf(run.ring, true)} {...svgStyle(style)} onClick={() => onSelect(run.codes[0]!)} />
        ))}
        {drawing.spots.map(({ spot, style, className }) => (
          <path key={spot.code} className={`${className} sketch-spot`} d={pathOf(spot.polygon.coordinates[0] ?? [], true)} {...svgStyle(style)} onClick={() => onSelect(spot.code)} />
        ))}
      </svg>
      <SketchLabels {...props} spots={shown} />
    </>
  );
}

/** A shape's style as the SVG attributes Leaflet writes for it. */
function svgStyle(style: ShapeStyle) {
  return {
    stroke: style.color,
    strokeOpacity: style.opacity ?? 1,
    strokeWidth: style.weight,
    strokeLinecap: "round" as const,
    strokeLinejoin: "round" as const,
    strokeDasharray: style.dashArray,
    fill: style.fillColor ?? style.color,
    fillOpacity: style.fillOpacity ?? 0.2,
    fillRule: "evenodd" as const,
  };
}

/** The labels the Leaflet map hangs at this zoom, kept from covering each other in the same way. */
function SketchLabels<S extends DrawnSpot>(props: StreetSketchProps<S> & { view: MapView }) {
  const { view, spots, landmarks, streetLine: street, streets, landmarkName, labelOnly, ownCodes, highlightCodes, selectedCode, runOf } = props;
  const labelZoom = props.labelZoom ?? STREET_ZOOM;
  const codeZoom = props.codeZoom ?? CLOSEST_ZOOM;
  const labels = useMemo(
    () => mapLabels({ spots, landmarks, street, streets, landmarkName, labelOnly, ownCodes, highlightCodes, selectedCode, labelZoom, codeZoom, runOf }).filter((label) => labelInZoom(label, view.zoom)),
    [spots, landmarks, street, streets, landmarkName, labelOnly, ownCodes, highlightCodes, selectedCode, labelZoom, codeZoom, runOf, view.zoom],
  );
  const layer = useRef<HTMLDivElement>(null);
  // As on the Leaflet map: all are drawn, measured at once, and the ones that would cover a label
  // before them are hidden.
  useLayoutEffect(() => {
    const elements = [...(layer.current?.children ?? [])] as HTMLElement[];
    for (const element of elements) element.style.display = "";
    const boxes = elements.map((element, i) => {
      const inner = element.firstElementChild as HTMLElement | null;
      const label = labels[i];
      if (!inner || !label) return null;
      return labelBox(toScreen(view, label.anchor), label.hang, label.angleDeg ?? 0, inner.offsetWidth, inner.offsetHeight);
    });
    const container = layer.current?.parentElement;
    const visible = chooseVisible(boxes, 1, {
      groups: labels.map((label) => label.group),
      keepInside: labels.map((label) => label.keepInside ?? false),
      size: { width: view.size.x, height: view.size.y },
      obstacles: container ? coveringBoxes(container) : [],
    });
    elements.forEach((element, i) => {
      if (!visible[i]) element.style.display = "none";
    });
  }, [labels, view]);
  return (
    <div ref={layer} className="sketch-labels">
      {labels.map((label, i) => {
        const p = toScreen(view, label.anchor);
        return <div key={i} className={label.className} style={{ left: p.x, top: p.y }} dangerouslySetInnerHTML={{ __html: labelInnerHtml(label) }} />;
      })}
    </div>
  );
}

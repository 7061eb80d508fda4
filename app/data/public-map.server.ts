/**
 * The ONE place that produces public map data. The public map page, the GeoJSON endpoint and
 * the stallholder's spot view all use it, so personal data cannot leak through one route
 * forgetting a field: only the columns named below are ever read.
 */
import { createHash } from "node:crypto";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";
import { and, asc, eq, inArray } from "drizzle-orm";
import * as t from "#db/schema";
import { localDate } from "~/rules/calendar";
import type { LngLat, PolygonGeometry, SkipStretch } from "~/rules/layout-geometry";
import { crossingsOf } from "~/rules/side-streets";
import { streetDrawing, type StreetDrawing } from "~/rules/street-drawing";
import type { EditionStatus } from "~/rules/edition-status";
import { db, sqlite, type DbOrTx } from "./db.server";
import { findCurrentEdition, latestStatusChange, listCategories, listEventDays, type EditionRow } from "./editions.server";
import { listProgramme } from "./programme.server";

export interface PublicCategory {
  key: string;
  nameNl: string;
  nameEn: string;
  colour: string;
}

export interface PublicStallOnSpot {
  /** Which stall this is (the same number on every spot of a run and on every day); not an id anywhere else. */
  stall: number;
  date: string;
  stallName: string;
  description: string;
  categoryKey: string;
}

export interface PublicSpot {
  code: string;
  kind: (typeof t.SPOT_KINDS)[number];
  polygon: PolygonGeometry;
  centre: LngLat;
  alongM: number;
  /** Side of the street line (left/right in the line's direction); null for a spot off the street. */
  side: "left" | "right" | null;
  hasElectricity: boolean;
  hasWater: boolean;
  stalls: PublicStallOnSpot[];
}

export interface PublicLandmark {
  kind: (typeof t.LANDMARK_KINDS)[number];
  nameNl: string;
  nameEn: string;
  geometry: { type: "Point"; coordinates: LngLat } | PolygonGeometry;
}

export interface PublicMap {
  edition: {
    id: number;
    year: number;
    nameNl: string;
    nameEn: string;
    isDemo: boolean;
    status: EditionStatus;
    statusMessageNl: string;
    statusMessageEn: string;
    decisionExpectedOn: string | null;
    /** When the status or its message last changed (issue 17); null when it never did. */
    statusChangedAt: string | null;
    days: { date: string; startsAt: string; endsAt: string }[];
    published: boolean;
    publishedAt: string | null;
    revision: number;
  };
  categories: PublicCategory[];
  streetLine: LngLat[];
  /** The side streets (from the layout) and the street's name, drawn so the map reads without tiles. */
  streets: StreetDrawing;
  spots: PublicSpot[];
  landmarks: PublicLandmark[];
}

/** Applications whose stall is shown on the public map once assigned. */
const SHOWN_REVIEW_STATES = ["approved"] as const;

export function loadPublicMap(edition: EditionRow, conn: DbOrTx = db()): PublicMap {
  const days = listEventDays(edition.id, conn);
  const categories = listCategories(edition.id, conn);
  const published = edition.mapPublishedAt !== null;
  const base: PublicMap = {
    edition: {
      id: edition.id,
      year: edition.year,
      nameNl: edition.nameNl,
      nameEn: edition.nameEn,
      isDemo: edition.isDemo,
      status: edition.status,
      statusMessageNl: edition.statusMessageNl,
      statusMessageEn: edition.statusMessageEn,
      decisionExpectedOn: edition.decisionExpectedOn,
      statusChangedAt: latestStatusChange(edition.id, conn)?.changedAt.toISOString() ?? null,
      days: days.map(({ date, startsAt, endsAt }) => ({ date, startsAt, endsAt })),
      published,
      publishedAt: edition.mapPublishedAt?.toISOString() ?? null,
      revision: edition.publicRevision,
    },
    categories: categories.map(({ key, nameNl, nameEn, colour }) => ({ key, nameNl, nameEn, colour })),
    streetLine: parseJson<LngLat[]>(edition.streetLineJson, []),
    streets: { sideStreets: [], streetNames: [] },
    spots: [],
    landmarks: [],
  };
  const drawStreets = (spotAlongM: number[]) =>
    streetDrawing({
      line: base.streetLine,
      crossings: crossingsOf(parseJson<{ skips?: SkipStretch[] }>(edition.layoutParamsJson, {}).skips),
      streetName: conn.select({ streetName: t.markets.streetName }).from(t.markets).where(eq(t.markets.id, edition.marketId)).get()?.streetName ?? "",
      spotAlongM,
    });
  if (!published) {
    base.streets = drawStreets([]);
    return base;
  }

  const spotRows = conn
    .select({
      id: t.spots.id,
      code: t.spots.code,
      kind: t.spots.kind,
      polygonJson: t.spots.polygonJson,
      centreLat: t.spots.centreLat,
      centreLon: t.spots.centreLon,
      alongM: t.spots.alongM,
      side: t.spots.side,
      hasElectricity: t.spots.hasElectricity,
      hasWater: t.spots.hasWater,
    })
    .from(t.spots)
    .where(eq(t.spots.editionId, edition.id))
    .orderBy(asc(t.spots.side), asc(t.spots.alongM), asc(t.spots.code))
    .all();

  // Public fields only: stall name, description, category. Never contact name, e-mail, phone.
  const stallRows = conn
    .select({
      spotId: t.assignmentSpots.spotId,
      applicationId: t.stallAssignments.applicationId,
      date: t.eventDays.date,
      stallName: t.applications.stallName,
      description: t.applications.description,
      categoryKey: t.categories.key,
    })
    .from(t.assignmentSpots)
    .innerJoin(t.stallAssignments, eq(t.stallAssignments.id, t.assignmentSpots.assignmentId))
    .innerJoin(t.applications, eq(t.applications.id, t.stallAssignments.applicationId))
    .innerJoin(t.categories, eq(t.categories.id, t.applications.categoryId))
    .innerJoin(t.eventDays, eq(t.eventDays.id, t.assignmentSpots.eventDayId))
    .where(
      and(
        eq(t.applications.editionId, edition.id),
        inArray(t.applications.reviewState, [...SHOWN_REVIEW_STATES]),
      ),
    )
    .orderBy(asc(t.eventDays.date))
    .all();

  // Stalls are numbered in order of appearance, so the public data never carries an application's id.
  const stallNumbers = new Map<number, number>();
  const stallsBySpot = new Map<number, PublicStallOnSpot[]>();
  for (const row of stallRows) {
    const list = stallsBySpot.get(row.spotId) ?? [];
    if (!stallNumbers.has(row.applicationId)) stallNumbers.set(row.applicationId, stallNumbers.size + 1);
    list.push({
      stall: stallNumbers.get(row.applicationId)!,
      date: row.date,
      stallName: row.stallName,
      description: row.description,
      categoryKey: row.categoryKey,
    });
    stallsBySpot.set(row.spotId, list);
  }

  // Seven decimals (about 1 cm) is more than the map needs; full doubles would double the page.
  const round = (n: number) => Math.round(n * 1e7) / 1e7;
  base.spots = spotRows.map((row) => {
    const polygon = parseJson<PolygonGeometry>(row.polygonJson, { type: "Polygon", coordinates: [] });
    return {
      code: row.code,
      kind: row.kind,
      polygon: { type: "Polygon", coordinates: polygon.coordinates.map((ring) => ring.map(([lon, lat]) => [round(lon), round(lat)] as LngLat)) },
      centre: [round(row.centreLon), round(row.centreLat)],
      alongM: row.alongM,
      side: row.side,
      hasElectricity: row.hasElectricity,
      hasWater: row.hasWater,
      stalls: stallsBySpot.get(row.id) ?? [],
    };
  });

  base.streets = drawStreets(base.spots.filter((spot) => spot.side !== null).map((spot) => spot.alongM));
  base.landmarks = conn
    .select({
      kind: t.landmarks.kind,
      nameNl: t.landmarks.nameNl,
      nameEn: t.landmarks.nameEn,
      geometryJson: t.landmarks.geometryJson,
    })
    .from(t.landmarks)
    .where(eq(t.landmarks.editionId, edition.id))
    .orderBy(asc(t.landmarks.id))
    .all()
    .map(({ geometryJson, ...rest }) => ({
      ...rest,
      geometry: parseJson<PublicLandmark["geometry"]>(geometryJson, {
        type: "Point",
        coordinates: [0, 0],
      }),
    }));
  return base;
}

/** The published map as a GeoJSON FeatureCollection: one feature per spot and per landmark. */
export function toGeoJson(map: PublicMap) {
  const round = (n: number) => Math.round(n * 1e7) / 1e7;
  const roundRing = (ring: LngLat[]) => ring.map(([lon, lat]) => [round(lon), round(lat)]);
  const categoryByKey = new Map(map.categories.map((c) => [c.key, c]));
  return {
    type: "FeatureCollection" as const,
    // Foreign members (RFC 7946 §6.1): what the collection is about, and whether it goes ahead.
    edition: {
      year: map.edition.year,
      name: { nl: map.edition.nameNl, en: map.edition.nameEn },
      status: map.edition.status,
      statusMessage: { nl: map.edition.statusMessageNl, en: map.edition.statusMessageEn },
      decisionExpectedOn: map.edition.decisionExpectedOn,
      statusChangedAt: map.edition.statusChangedAt,
      days: map.edition.days,
      published: map.edition.published,
      publishedAt: map.edition.publishedAt,
    },
    categories: map.categories,
    features: [
      ...map.spots.map((spot) => ({
        type: "Feature" as const,
        id: spot.code,
        geometry: {
          type: "Polygon" as const,
          coordinates: spot.polygon.coordinates.map(roundRing),
        },
        properties: {
          feature: "spot",
          code: spot.code,
          kind: spot.kind,
          electricity: spot.hasElectricity,
          water: spot.hasWater,
          stalls: spot.stalls.map((stall) => ({
            date: stall.date,
            name: stall.stallName,
            description: stall.description,
            category: stall.categoryKey,
            colour: categoryByKey.get(stall.categoryKey)?.colour ?? null,
          })),
        },
      })),
      ...map.landmarks.map((landmark) => ({
        type: "Feature" as const,
        geometry:
          landmark.geometry.type === "Point"
            ? { type: "Point" as const, coordinates: landmark.geometry.coordinates.map(round) }
            : { type: "Polygon" as const, coordinates: landmark.geometry.coordinates.map(roundRing) },
        properties: {
          feature: "landmark",
          kind: landmark.kind,
          name: { nl: landmark.nameNl, en: landmark.nameEn },
        },
      })),
    ],
  };
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

// ---------------------------------------------------------------------------------------------
// The public snapshot: everything public pages and the open data show, built once per change.

export interface PublicProgrammeItem {
  id: number;
  date: string;
  startsAt: string;
  endsAt: string | null;
  titleNl: string;
  titleEn: string;
  textNl: string;
  textEn: string;
  place:
    | { type: "landmark"; kind: PublicLandmark["kind"]; nameNl: string; nameEn: string }
    | { type: "spot"; code: string }
    | null;
}

/** The programme of an edition, public fields only. */
export function loadPublicProgramme(editionId: number, conn: DbOrTx = db()): PublicProgrammeItem[] {
  return listProgramme(editionId, conn).map(({ id, date, startsAt, endsAt, titleNl, titleEn, textNl, textEn, place }) => ({
    id,
    date,
    startsAt,
    endsAt,
    titleNl,
    titleEn,
    textNl,
    textEn,
    place,
  }));
}

export interface EncodedBody {
  body: string;
  /** Strong ETag of the uncompressed body. */
  etag: string;
  /** The body compressed, made on first use and kept with the snapshot. */
  encoded(encoding: "gzip" | "br"): Buffer;
}

export interface PublicSnapshot {
  /** The current edition's public map; null when there is no edition at all. */
  map: PublicMap | null;
  programme: PublicProgrammeItem[];
  geojson: EncodedBody;
  /** A short fingerprint of everything above, for pages' ETags. */
  fingerprint: string;
  /** When this snapshot was built (ISO): "last updated at" for pages shown offline. */
  builtAt: string;
}

interface CachedSnapshot {
  key: string;
  snapshot: PublicSnapshot;
}

// One cached snapshot per database connection (tests and scripts switch files).
const snapshots = new WeakMap<object, CachedSnapshot>();

/**
 * The public snapshot for `moment`, rebuilt only when the database changed since it was made.
 * "Changed" is SQLite's own bookkeeping, so no writer anywhere has to remember to invalidate:
 * `total_changes()` counts every row this connection (this process) wrote, and
 * `PRAGMA data_version` moves when another process (a script, a backup restore) commits. Both
 * are cheap, so every public request can ask; a write elsewhere in the app only costs a rebuild.
 */
export function publicSnapshot(moment = new Date()): PublicSnapshot {
  const connection = sqlite();
  const key = publicDataKey(moment);
  const cached = snapshots.get(connection);
  if (cached && cached.key === key) return cached.snapshot;
  const snapshot = buildSnapshot(localDate(moment), moment);
  snapshots.set(connection, { key, snapshot });
  return snapshot;
}

/** Changes whenever public data may have changed (see publicSnapshot); cheap enough for every request. */
export function publicDataKey(moment = new Date()): string {
  const connection = sqlite();
  return `${localDate(moment)}|${dataVersion(connection)}|${totalChanges(connection)}`;
}

const dataVersionStatements = new WeakMap<object, { get(): unknown }>();
function dataVersion(connection: ReturnType<typeof sqlite>): number {
  let statement = dataVersionStatements.get(connection);
  if (!statement) {
    statement = connection.prepare("pragma data_version").pluck();
    dataVersionStatements.set(connection, statement);
  }
  return Number(statement.get());
}

const totalChangesStatements = new WeakMap<object, { pluck(): { get(): unknown } }>();
function totalChanges(connection: ReturnType<typeof sqlite>): number {
  let statement = totalChangesStatements.get(connection);
  if (!statement) {
    statement = connection.prepare("select total_changes()");
    totalChangesStatements.set(connection, statement);
  }
  return Number(statement.pluck().get());
}

function buildSnapshot(today: string, moment: Date): PublicSnapshot {
  const edition = findCurrentEdition(today);
  const map = edition ? loadPublicMap(edition) : null;
  const programme = edition ? loadPublicProgramme(edition.id) : [];
  const collection = map
    ? toGeoJson(map)
    : { type: "FeatureCollection" as const, edition: null, categories: [], features: [] };
  const geojson = encodedBody(JSON.stringify(collection));
  const fingerprint = createHash("sha1")
    .update(geojson.etag)
    .update(JSON.stringify(programme))
    .update(JSON.stringify(map?.edition ?? null))
    .digest("base64url")
    .slice(0, 16);
  return { map, programme, geojson, fingerprint, builtAt: moment.toISOString() };
}

function encodedBody(body: string): EncodedBody {
  const encodings: Partial<Record<"gzip" | "br", Buffer>> = {};
  return {
    body,
    etag: `"${createHash("sha1").update(body).digest("base64url")}"`,
    encoded(encoding) {
      encodings[encoding] ??=
        encoding === "gzip"
          ? gzipSync(body, { level: 9 })
          : brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 } });
      return encodings[encoding];
    },
  };
}

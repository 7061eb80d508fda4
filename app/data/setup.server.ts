/**
 * First start: an empty database gets the market and its next edition, with the default
 * Noordewierweg layout and categories, and no people. Also used by the demo and by tests.
 */
import * as t from "#db/schema";
import { buildDefaultLayout } from "#db/seed/default-layout";
import {
  DEFAULT_CATEGORIES,
  DEFAULT_FEE_RATES,
  DEFAULT_MARKET,
  DEFAULT_MARKET_RULES_EN,
  DEFAULT_MARKET_RULES_NL,
} from "#db/seed/default-edition";
import { localDate, nextDefaultMarketDay } from "~/rules/calendar";
import { transaction, type DbOrTx } from "./db.server";
import { countEditions } from "./editions.server";
import { generatedSpotColumns } from "./layout.server";

export interface NewEditionInput {
  marketId: number;
  year: number;
  nameNl: string;
  nameEn: string;
  isDemo?: boolean;
  days: { date: string; startsAt: string; endsAt: string }[];
  applicationsOpenAt?: Date | null;
  applicationsCloseAt?: Date | null;
  paymentDeadline?: Date | null;
}

/** Power points along the street: every third spot of the default layout has one. */
const ELECTRICITY_EVERY_NTH_SPOT = 3;

export function createEditionWithDefaults(conn: DbOrTx, input: NewEditionInput) {
  const layout = buildDefaultLayout();
  const edition = conn
    .insert(t.editions)
    .values({
      marketId: input.marketId,
      year: input.year,
      nameNl: input.nameNl,
      nameEn: input.nameEn,
      isDemo: input.isDemo ?? false,
      status: "scheduled",
      applicationsOpenAt: input.applicationsOpenAt ?? null,
      applicationsCloseAt: input.applicationsCloseAt ?? null,
      paymentDeadline: input.paymentDeadline ?? null,
      marketRulesNl: DEFAULT_MARKET_RULES_NL,
      marketRulesEn: DEFAULT_MARKET_RULES_EN,
      streetLineJson: JSON.stringify(layout.streetLine),
      layoutParamsJson: JSON.stringify(layout.params),
    })
    .returning()
    .get();

  const days = input.days.map((day) =>
    conn.insert(t.eventDays).values({ editionId: edition.id, ...day }).returning().get(),
  );

  const categories = DEFAULT_CATEGORIES.map((category, index) =>
    conn
      .insert(t.categories)
      .values({ editionId: edition.id, ...category, sortOrder: index })
      .returning()
      .get(),
  );

  conn
    .insert(t.feeRates)
    .values(DEFAULT_FEE_RATES.map((rate) => ({ editionId: edition.id, ...rate })))
    .run();

  const spots = layout.spots.map((spot) =>
    conn
      .insert(t.spots)
      .values({
        editionId: edition.id,
        ...generatedSpotColumns(spot),
        hasElectricity: spot.sequence % ELECTRICITY_EVERY_NTH_SPOT === 0,
        kind: "stall",
      })
      .returning()
      .get(),
  );

  if (layout.landmarks.length > 0) {
    conn
      .insert(t.landmarks)
      .values(
        layout.landmarks.map((landmark) => ({
          editionId: edition.id,
          kind: landmark.kind,
          nameNl: landmark.nameNl,
          nameEn: landmark.nameEn,
          geometryJson: JSON.stringify(landmark.geometry),
        })),
      )
      .run();
  }

  conn.insert(t.editionStatusHistory).values({ editionId: edition.id, status: "scheduled" }).run();
  return { edition, days, categories, spots };
}

export function ensureMarket(conn: DbOrTx) {
  const existing = conn.select().from(t.markets).get();
  return existing ?? conn.insert(t.markets).values(DEFAULT_MARKET).returning().get();
}

/**
 * `npm start` on an empty database: the market and its next edition (one Friday in early July,
 * 12:00–18:00, applications not yet open). Does nothing when an edition exists.
 */
export function ensureFirstStart(now: Date): { created: boolean } {
  return transaction((tx) => {
    if (countEditions(tx) > 0) return { created: false };
    const market = ensureMarket(tx);
    const marketDay = nextDefaultMarketDay(localDate(now));
    const year = Number(marketDay.slice(0, 4));
    createEditionWithDefaults(tx, {
      marketId: market.id,
      year,
      nameNl: `SK Zomerparade ${year}`,
      nameEn: `SK Zomerparade ${year}`,
      days: [{ date: marketDay, startsAt: "12:00", endsAt: "18:00" }],
    });
    return { created: true };
  });
}

/**
 * The whole data model of Zomerparade, in one file so it reads as the domain.
 *
 * Conventions
 * - Money is integer cents in EUR (`*_cents`). Lengths are integer centimetres (`*_cm`).
 * - Moments are integer milliseconds since the epoch (`timestamp_ms`); calendar days of the
 *   market are local Europe/Amsterdam dates as `YYYY-MM-DD`, times of day as `HH:MM`.
 * - Enumerations are text columns with a CHECK constraint, so a typo cannot be stored.
 * - Where two rows must never collide, a UNIQUE index says so; code checks are only for
 *   friendly messages.
 * - Rows that people edit concurrently carry a `version` for optimistic locking.
 */
import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

// ---------------------------------------------------------------------------------------------
// Enumerations: defined once in app/rules/vocabularies.ts (rules may not import this file);
// re-exported so the data layer reads them as t.REVIEW_STATES and so on.
import {
  EDITION_STATUSES,
  POSTPONEMENT_CHOICES,
  APPLICANT_KINDS,
  SPOT_KINDS,
  LANDMARK_KINDS,
  REVIEW_STATES,
  PAYMENT_STATES,
  ARRIVAL_STATES,
  LANGUAGES,
  ORGANISER_ROLES,
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
  REFUND_STATUSES,
  MAIL_STATUSES,
  JOB_STATUSES,
  HEAT_KINDS,
  DEPOSIT_DECISIONS,
  OFFER_STATES,
  OFFER_CAUSES,
  RECORDED_BY_VALUES,
  CHOICE_BY,
  JOB_KINDS,
} from "../app/rules/vocabularies";

export * from "../app/rules/vocabularies";

const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(", ")})`);

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

const updatedAt = () =>
  integer("updated_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

const flag = (name: string) => integer(name, { mode: "boolean" }).notNull().default(false);

// ---------------------------------------------------------------------------------------------
// Market and editions

export const markets = sqliteTable("markets", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  streetName: text("street_name").notNull(),
  city: text("city").notNull(),
  createdAt: createdAt(),
});

export const editions = sqliteTable(
  "editions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    marketId: integer("market_id")
      .notNull()
      .references(() => markets.id),
    year: integer("year").notNull(),
    nameNl: text("name_nl").notNull(),
    nameEn: text("name_en").notNull(),
    /** A demo edition is clearly marked on every page; it only exists in the demo database. */
    isDemo: flag("is_demo"),
    status: text("status", { enum: EDITION_STATUSES }).notNull().default("scheduled"),
    statusMessageNl: text("status_message_nl").notNull().default(""),
    statusMessageEn: text("status_message_en").notNull().default(""),
    /** For `uncertain`: when a decision is expected (YYYY-MM-DD), shown to everyone. */
    decisionExpectedOn: text("decision_expected_on"),
    applicationsOpenAt: integer("applications_open_at", { mode: "timestamp_ms" }),
    applicationsCloseAt: integer("applications_close_at", { mode: "timestamp_ms" }),
    /** Organisers may close applications by hand, e.g. while the edition is uncertain. */
    applicationsClosedManually: flag("applications_closed_manually"),
    paymentDeadline: integer("payment_deadline", { mode: "timestamp_ms" }),
    /** Payment requests and reminders are paused, e.g. while the edition is uncertain. */
    paymentsPaused: flag("payments_paused"),
    /** A withdrawal up to this many days before the first market day is refunded in full. */
    refundPeriodDays: integer("refund_period_days").notNull().default(14),
    /**
     * Personal data of the edition's applications is anonymised this many months after its last
     * market day (the privacy statement shows it; app/rules/retention.ts).
     */
    retentionMonths: integer("retention_months").notNull().default(12),
    /** The frontage unit applicants choose in (a market stall is 300 cm wide). */
    stallUnitCm: integer("stall_unit_cm").notNull().default(300),
    /** Which postcodes count for the resident rate: "3812", "3812 AB" or "3811-3812", comma-separated. */
    residentPostcodes: text("resident_postcodes").notNull().default("3812"),
    marketRulesNl: text("market_rules_nl").notNull().default(""),
    marketRulesEn: text("market_rules_en").notNull().default(""),
    /** The street centre line (GeoJSON LineString coordinates) the layout was generated from. */
    streetLineJson: text("street_line_json").notNull().default("[]"),
    /** The parameters the spots were last generated with (see app/rules/layout-geometry). */
    layoutParamsJson: text("layout_params_json").notNull().default("{}"),
    mapPublishedAt: integer("map_published_at", { mode: "timestamp_ms" }),
    /** The narrowest free passage between stalls on opposite sides the organisers accept (permit). */
    minPassageCm: integer("min_passage_cm").notNull().default(350),
    /** Deposit (borg) per application in cents, collected with the fee; 0 = this edition asks none. */
    depositCents: integer("deposit_cents").notNull().default(0),
    /** Bumped on every change that public caches must see (spots, assignments, status). */
    publicRevision: integer("public_revision").notNull().default(1),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("editions_market_year_demo").on(t.marketId, t.year, t.isDemo),
    check("editions_status", inList("status", EDITION_STATUSES)),
    check("editions_stall_unit", sql`stall_unit_cm > 0`),
    check("editions_refund_period", sql`refund_period_days >= 0`),
  ],
);

export const eventDays = sqliteTable(
  "event_days",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    editionId: integer("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    date: text("date").notNull(),
    startsAt: text("starts_at").notNull(),
    endsAt: text("ends_at").notNull(),
  },
  (t) => [
    uniqueIndex("event_days_edition_date").on(t.editionId, t.date),
    check("event_days_date", sql`date glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`),
    check("event_days_times", sql`starts_at < ends_at`),
  ],
);

export const editionStatusHistory = sqliteTable(
  "edition_status_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    editionId: integer("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    status: text("status", { enum: EDITION_STATUSES }).notNull(),
    messageNl: text("message_nl").notNull().default(""),
    messageEn: text("message_en").notNull().default(""),
    decisionExpectedOn: text("decision_expected_on"),
    /**
     * For `postponed` (issue 17): JSON of app/rules/postponement Postponement — the days before and
     * after the move, the deadline of the stallholders' choice and the default after it.
     */
    postponementJson: text("postponement_json"),
    /** Who has not confirmed reading this change this many hours after it is on the call list. */
    callAfterHours: integer("call_after_hours").notNull().default(24),
    changedByOrganiserId: integer("changed_by_organiser_id").references(() => organisers.id),
    changedAt: createdAt(),
  },
  (t) => [
    index("edition_status_history_edition").on(t.editionId),
    check("edition_status_history_status", inList("status", EDITION_STATUSES)),
  ],
);

/**
 * One row per stallholder told of a status change (issue 17): whether they confirmed reading it,
 * whether a volunteer phoned them, and on a postponement what they chose. Written in the status
 * change's transaction with the mail it belongs to.
 */
export const statusNotices = sqliteTable(
  "status_notices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    historyId: integer("history_id")
      .notNull()
      .references(() => editionStatusHistory.id, { onDelete: "cascade" }),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    outboxId: integer("outbox_id").references(() => outbox.id, { onDelete: "set null" }),
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
    calledAt: integer("called_at", { mode: "timestamp_ms" }),
    calledByOrganiserId: integer("called_by_organiser_id").references(() => organisers.id),
    callNote: text("call_note").notNull().default(""),
    choice: text("choice", { enum: POSTPONEMENT_CHOICES }),
    chosenAt: integer("chosen_at", { mode: "timestamp_ms" }),
    /** `stallholder`, or `default` when the deadline passed without a choice. */
    choiceBy: text("choice_by", { enum: CHOICE_BY }),
  },
  (t) => [
    uniqueIndex("status_notices_history_application").on(t.historyId, t.applicationId),
    index("status_notices_application").on(t.applicationId),
    check("status_notices_choice", inList("choice", POSTPONEMENT_CHOICES)),
    check("status_notices_choice_by", inList("choice_by", CHOICE_BY)),
  ],
);

export const categories = sqliteTable(
  "categories",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    editionId: integer("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    nameNl: text("name_nl").notNull(),
    nameEn: text("name_en").notNull(),
    /** `#rrggbb`, used on the maps and in the legend. */
    colour: text("colour").notNull(),
    /** The kind of applicant this category is usually for; null = any. */
    applicantKind: text("applicant_kind", { enum: APPLICANT_KINDS }),
    /** Stalls in a free category pay nothing, whatever the fee table says. */
    isFree: flag("is_free"),
    /** Stalls in this category cook: the apply form asks how they heat (permit, fire brigade). */
    cooks: flag("cooks"),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [
    uniqueIndex("categories_edition_key").on(t.editionId, t.key),
    check("categories_colour", sql`colour glob '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]'`),
  ],
);

/** One row per kind of applicant: the edition's fee table. All prices are per market day. */
export const feeRates = sqliteTable(
  "fee_rates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    editionId: integer("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    applicantKind: text("applicant_kind", { enum: APPLICANT_KINDS }).notNull(),
    /** Price of the first stall unit (e.g. 3 m of frontage). */
    firstUnitCents: integer("first_unit_cents").notNull(),
    /** Price per started metre of frontage beyond the first unit. */
    extraMetreCents: integer("extra_metre_cents").notNull(),
    electricityCents: integer("electricity_cents").notNull(),
    /** Rental of one market stall (marktkraam) from the organisers. */
    stallRentalCents: integer("stall_rental_cents").notNull(),
  },
  (t) => [
    uniqueIndex("fee_rates_edition_kind").on(t.editionId, t.applicantKind),
    check(
      "fee_rates_non_negative",
      sql`first_unit_cents >= 0 and extra_metre_cents >= 0 and electricity_cents >= 0 and stall_rental_cents >= 0`,
    ),
  ],
);

// ---------------------------------------------------------------------------------------------
// The street: spots and landmarks

export const spots = sqliteTable(
  "spots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    editionId: integer("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    /** `left`/`right` of the street line, null for a spot placed off the street. */
    side: text("side", { enum: ["left", "right"] }),
    /** Position along the street line in metres: the walking order. */
    alongM: real("along_m").notNull().default(0),
    /** GeoJSON Polygon geometry (lon/lat). */
    polygonJson: text("polygon_json").notNull(),
    centreLat: real("centre_lat").notNull(),
    centreLon: real("centre_lon").notNull(),
    bearingDeg: real("bearing_deg").notNull().default(0),
    widthCm: integer("width_cm").notNull(),
    depthCm: integer("depth_cm").notNull(),
    hasElectricity: flag("has_electricity"),
    hasWater: flag("has_water"),
    kind: text("kind", { enum: SPOT_KINDS }).notNull().default("stall"),
    note: text("note").notNull().default(""),
    /** The house numbers this spot stands in front of, "12, 14" (for a resident's wish to stand before their house). */
    houseNumbers: text("house_numbers").notNull().default(""),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("spots_edition_code").on(t.editionId, t.code),
    check("spots_kind", inList("kind", SPOT_KINDS)),
    check("spots_size", sql`width_cm > 0 and depth_cm > 0`),
  ],
);

/** Power connection points (stroomkasten); a spot with power is fed by the nearest one. */
export const powerPoints = sqliteTable(
  "power_points",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    editionId: integer("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    /** What the point can deliver in watts; null = not set (the permit report says so). */
    capacityWatts: integer("capacity_watts"),
    lon: real("lon").notNull(),
    lat: real("lat").notNull(),
  },
  (t) => [uniqueIndex("power_points_edition_code").on(t.editionId, t.code), check("power_points_capacity", sql`capacity_watts is null or capacity_watts > 0`)],
);

export const landmarks = sqliteTable(
  "landmarks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    editionId: integer("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: LANDMARK_KINDS }).notNull(),
    nameNl: text("name_nl").notNull(),
    nameEn: text("name_en").notNull(),
    /** GeoJSON Point or Polygon geometry. */
    geometryJson: text("geometry_json").notNull(),
  },
  () => [check("landmarks_kind", inList("kind", LANDMARK_KINDS))],
);

/** Programme items on the day: performances on the stage, activities for children, … */
export const programmeItems = sqliteTable("programme_items", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  editionId: integer("edition_id")
    .notNull()
    .references(() => editions.id, { onDelete: "cascade" }),
  eventDayId: integer("event_day_id")
    .notNull()
    .references(() => eventDays.id, { onDelete: "cascade" }),
  startsAt: text("starts_at").notNull(),
  endsAt: text("ends_at"),
  titleNl: text("title_nl").notNull(),
  titleEn: text("title_en").notNull(),
  textNl: text("text_nl").notNull().default(""),
  textEn: text("text_en").notNull().default(""),
  landmarkId: integer("landmark_id").references(() => landmarks.id, { onDelete: "set null" }),
  spotId: integer("spot_id").references(() => spots.id, { onDelete: "set null" }),
});

// ---------------------------------------------------------------------------------------------
// Applications

export const applications = sqliteTable(
  "applications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    editionId: integer("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    /** The unguessable secret in the stallholder's private link (/a/<token>). */
    accessToken: text("access_token").notNull().unique(),
    /**
     * A key the apply form sends along once per filled-in form, so a double click or a resend
     * after a network error finds the application already made instead of making a second one.
     */
    submissionKey: text("submission_key"),
    language: text("language", { enum: LANGUAGES }).notNull().default("nl"),
    // Public (shown on the map once published)
    stallName: text("stall_name").notNull(),
    description: text("description").notNull().default(""),
    categoryId: integer("category_id")
      .notNull()
      .references(() => categories.id),
    // Personal (never on a public page)
    contactName: text("contact_name").notNull(),
    email: text("email").notNull(),
    phone: text("phone").notNull(),
    postcode: text("postcode"),
    applicantKind: text("applicant_kind", { enum: APPLICANT_KINDS }).notNull(),
    kvkNumber: text("kvk_number"),
    // What the stall needs
    frontageCm: integer("frontage_cm").notNull(),
    depthCm: integer("depth_cm").notNull(),
    needsElectricity: flag("needs_electricity"),
    electricityWatts: integer("electricity_watts"),
    rentedStalls: integer("rented_stalls").notNull().default(0),
    /** Cooking stalls only (optional): how they heat, deep frying, a fire extinguisher at hand. */
    heatKind: text("heat_kind", { enum: HEAT_KINDS }),
    deepFrying: integer("deep_frying", { mode: "boolean" }),
    fireExtinguisher: integer("fire_extinguisher", { mode: "boolean" }),
    remarks: text("remarks").notNull().default(""),
    /** Placement wishes (issue 14; JSON array of app/rules/placement-plan Wish), optional. */
    placementWishesJson: text("placement_wishes_json").notNull().default("[]"),
    consentedAt: integer("consented_at", { mode: "timestamp_ms" }).notNull(),
    // Review and money
    reviewState: text("review_state", { enum: REVIEW_STATES }).notNull().default("submitted"),
    reviewReason: text("review_reason").notNull().default(""),
    paymentState: text("payment_state", { enum: PAYMENT_STATES }).notNull().default("pending"),
    /** The fee as computed from the fee table (JSON of app/rules/fees FeeBreakdown). */
    feeBreakdownJson: text("fee_breakdown_json").notNull(),
    /** Computed total plus the organisers' adjustment: what the stallholder owes. */
    feeTotalCents: integer("fee_total_cents").notNull(),
    feeAdjustmentCents: integer("fee_adjustment_cents").notNull().default(0),
    feeAdjustmentReason: text("fee_adjustment_reason").notNull().default(""),
    paymentDueAt: integer("payment_due_at", { mode: "timestamp_ms" }),
    lastReminderAt: integer("last_reminder_at", { mode: "timestamp_ms" }),
    internalNotes: text("internal_notes").notNull().default(""),
    // The day itself
    arrivalState: text("arrival_state", { enum: ARRIVAL_STATES }).notNull().default("expected"),
    arrivalMarkedAt: integer("arrival_marked_at", { mode: "timestamp_ms" }),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("applications_edition_submission_key").on(t.editionId, t.submissionKey),
    index("applications_edition_state").on(t.editionId, t.reviewState),
    index("applications_email").on(t.email),
    check("applications_review_state", inList("review_state", REVIEW_STATES)),
    check("applications_payment_state", inList("payment_state", PAYMENT_STATES)),
    check("applications_applicant_kind", inList("applicant_kind", APPLICANT_KINDS)),
    check("applications_language", inList("language", LANGUAGES)),
    check("applications_arrival_state", inList("arrival_state", ARRIVAL_STATES)),
    check("applications_heat_kind", inList("heat_kind", HEAT_KINDS)),
    check("applications_sizes", sql`frontage_cm > 0 and depth_cm > 0 and rented_stalls >= 0`),
    check("applications_fee", sql`fee_total_cents >= 0`),
  ],
);

/** The market days an application is for. */
export const applicationDays = sqliteTable(
  "application_days",
  {
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    eventDayId: integer("event_day_id")
      .notNull()
      .references(() => eventDays.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.eventDayId] })],
);

// ---------------------------------------------------------------------------------------------
// Assignments: a stall on a day stands on one spot, or on a run of adjacent spots when wider.

export const stallAssignments = sqliteTable(
  "stall_assignments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    eventDayId: integer("event_day_id")
      .notNull()
      .references(() => eventDays.id, { onDelete: "cascade" }),
    /** Warnings the organiser accepted (JSON array of warning codes) and why. */
    acceptedWarningsJson: text("accepted_warnings_json").notNull().default("[]"),
    acceptReason: text("accept_reason").notNull().default(""),
    assignedByOrganiserId: integer("assigned_by_organiser_id").references(() => organisers.id),
    assignedAt: createdAt(),
    /** Locked by an organiser: a placement proposal never moves it (issue 14). */
    locked: flag("locked"),
    /** The accepted placement proposal that made it, so "undo" removes exactly that batch. */
    proposalBatchId: integer("proposal_batch_id"),
  },
  (t) => [
    // One assignment per application per day.
    uniqueIndex("stall_assignments_application_day").on(t.applicationId, t.eventDayId),
    // Target of the composite key below, so a spot row cannot name another day than its assignment.
    uniqueIndex("stall_assignments_id_day").on(t.id, t.eventDayId),
  ],
);

export const assignmentSpots = sqliteTable(
  "assignment_spots",
  {
    assignmentId: integer("assignment_id").notNull(),
    eventDayId: integer("event_day_id").notNull(),
    spotId: integer("spot_id")
      .notNull()
      .references(() => spots.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.assignmentId, t.spotId] }),
    // Never two stalls on one spot on one day.
    uniqueIndex("assignment_spots_spot_day").on(t.spotId, t.eventDayId),
    foreignKey({
      columns: [t.assignmentId, t.eventDayId],
      foreignColumns: [stallAssignments.id, stallAssignments.eventDayId],
      name: "assignment_spots_assignment_fk",
    }).onDelete("cascade"),
  ],
);

// ---------------------------------------------------------------------------------------------
// Money: payments and refunds mirror Stripe (keyed by Stripe ids) or record manual money.

export const payments = sqliteTable(
  "payments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    method: text("method", { enum: PAYMENT_METHODS }).notNull(),
    status: text("status", { enum: PAYMENT_STATUSES }).notNull(),
    amountCents: integer("amount_cents").notNull(),
    currency: text("currency").notNull().default("eur"),
    stripeCheckoutSessionId: text("stripe_checkout_session_id").unique(),
    stripePaymentIntentId: text("stripe_payment_intent_id").unique(),
    checkoutUrl: text("checkout_url"),
    checkoutExpiresAt: integer("checkout_expires_at", { mode: "timestamp_ms" }),
    paidAt: integer("paid_at", { mode: "timestamp_ms" }),
    note: text("note").notNull().default(""),
    /** Who recorded it: an organiser, or null when Stripe's webhook did. */
    recordedByOrganiserId: integer("recorded_by_organiser_id").references(() => organisers.id),
    recordedBy: text("recorded_by", { enum: RECORDED_BY_VALUES }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("payments_application").on(t.applicationId),
    check("payments_recorded_by", inList("recorded_by", RECORDED_BY_VALUES)),
    check("payments_method", inList("method", PAYMENT_METHODS)),
    check("payments_status", inList("status", PAYMENT_STATUSES)),
    check("payments_amount", sql`amount_cents >= 0`),
  ],
);

export const refunds = sqliteTable(
  "refunds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    paymentId: integer("payment_id")
      .notNull()
      .references(() => payments.id),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    amountCents: integer("amount_cents").notNull(),
    status: text("status", { enum: REFUND_STATUSES }).notNull(),
    reason: text("reason").notNull().default(""),
    /** Sent to Stripe as Idempotency-Key: a retry of the same refund can never pay out twice. */
    idempotencyKey: text("idempotency_key").notNull().unique(),
    stripeRefundId: text("stripe_refund_id").unique(),
    failureReason: text("failure_reason"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }),
    jobId: integer("job_id").references(() => jobs.id),
    recordedByOrganiserId: integer("recorded_by_organiser_id").references(() => organisers.id),
    recordedBy: text("recorded_by", { enum: RECORDED_BY_VALUES }).notNull(),
    completedAt: integer("completed_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("refunds_payment").on(t.paymentId),
    check("refunds_status", inList("status", REFUND_STATUSES)),
    check("refunds_amount", sql`amount_cents > 0`),
    check("refunds_recorded_by", inList("recorded_by", RECORDED_BY_VALUES)),
  ],
);


/**
 * After the market: one decision per application about its deposit (unique), so two volunteers
 * tapping at once decide it once. `released` → a refund of the deposit (refund_id) through the
 * refund machinery; `kept` → the organisers keep it, with the reason the stallholder is mailed.
 */
export const depositDecisions = sqliteTable(
  "deposit_decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    applicationId: integer("application_id")
      .notNull()
      .unique()
      .references(() => applications.id),
    decision: text("decision", { enum: DEPOSIT_DECISIONS }).notNull(),
    amountCents: integer("amount_cents").notNull(),
    reason: text("reason").notNull().default(""),
    refundId: integer("refund_id").references(() => refunds.id),
    decidedByOrganiserId: integer("decided_by_organiser_id").references(() => organisers.id),
    createdAt: createdAt(),
  },
  () => [check("deposit_decisions_decision", inList("decision", DEPOSIT_DECISIONS)), check("deposit_decisions_amount", sql`amount_cents >= 0`)],
);

/** Each Stripe event is processed once; the row is written in the transaction of its effect. */
export const processedWebhookEvents = sqliteTable("processed_webhook_events", {
  eventId: text("event_id").primaryKey(),
  type: text("type").notNull(),
  processedAt: createdAt(),
});

// ---------------------------------------------------------------------------------------------
// Organisers

export const organisers = sqliteTable(
  "organisers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Stored lower-case, so uniqueness is case-insensitive. */
    email: text("email").notNull().unique(),
    name: text("name").notNull().default(""),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ORGANISER_ROLES }).notNull().default("organiser"),
    disabledAt: integer("disabled_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  () => [
    check("organisers_role", inList("role", ORGANISER_ROLES)),
    check("organisers_email_lower", sql`email = lower(email)`),
  ],
);

/** Server-side sessions, so a sign-out or an admin can revoke them. The id is a hash of the cookie value. */
export const organiserSessions = sqliteTable(
  "organiser_sessions",
  {
    idHash: text("id_hash").primaryKey(),
    organiserId: integer("organiser_id")
      .notNull()
      .references(() => organisers.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    userAgent: text("user_agent").notNull().default(""),
  },
  (t) => [index("organiser_sessions_organiser").on(t.organiserId)],
);

export const passwordResets = sqliteTable("password_resets", {
  tokenHash: text("token_hash").primaryKey(),
  organiserId: integer("organiser_id")
    .notNull()
    .references(() => organisers.id, { onDelete: "cascade" }),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  usedAt: integer("used_at", { mode: "timestamp_ms" }),
  createdAt: createdAt(),
});

/** Counters for slowing down repeated failures (sign-in per account and per address, forms per address). */
export const rateLimits = sqliteTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: integer("window_start", { mode: "timestamp_ms" }).notNull(),
    count: integer("count").notNull().default(0),
    blockedUntil: integer("blocked_until", { mode: "timestamp_ms" }),
  },
  (t) => [primaryKey({ columns: [t.key] })],
);

// ---------------------------------------------------------------------------------------------
// Mail, jobs and the audit log

/** Outgoing mail, written in the same transaction as the change that causes it. */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    editionId: integer("edition_id").references(() => editions.id, { onDelete: "cascade" }),
    applicationId: integer("application_id").references(() => applications.id, {
      onDelete: "cascade",
    }),
    /** Makes "each applicant once per change" a database fact. */
    dedupeKey: text("dedupe_key").unique(),
    template: text("template").notNull(),
    language: text("language", { enum: LANGUAGES }).notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    status: text("status", { enum: MAIL_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("outbox_status_next").on(t.status, t.nextAttemptAt),
    index("outbox_application").on(t.applicationId),
    check("outbox_status", inList("status", MAIL_STATUSES)),
  ],
);

/** Durable background jobs (refund runs, reminder runs); resumable after a crash. */
export const jobs = sqliteTable(
  "jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: JOB_KINDS }).notNull(),
    /** One job per cause: confirming a cancellation twice finds the same job. */
    dedupeKey: text("dedupe_key").notNull().unique(),
    editionId: integer("edition_id").references(() => editions.id, { onDelete: "cascade" }),
    payloadJson: text("payload_json").notNull().default("{}"),
    status: text("status", { enum: JOB_STATUSES }).notNull().default("queued"),
    total: integer("total").notNull().default(0),
    done: integer("done").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    attempts: integer("attempts").notNull().default(0),
    runAfter: integer("run_after", { mode: "timestamp_ms" }),
    lockedAt: integer("locked_at", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  () => [check("jobs_status", inList("status", JOB_STATUSES)), check("jobs_kind", inList("kind", JOB_KINDS))],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: createdAt(),
    actorType: text("actor_type", {
      enum: ["organiser", "stallholder", "system", "stripe"],
    }).notNull(),
    actorOrganiserId: integer("actor_organiser_id").references(() => organisers.id),
    editionId: integer("edition_id").references(() => editions.id, { onDelete: "cascade" }),
    entityType: text("entity_type").notNull(),
    entityId: integer("entity_id"),
    action: text("action").notNull(),
    detailJson: text("detail_json").notNull().default("{}"),
  },
  (t) => [index("audit_log_entity").on(t.entityType, t.entityId)],
);

// ---------------------------------------------------------------------------------------------
// Placement proposal and waitlist offers (issue 14)

/** Per edition: the planner's goal weights, caps and zones, and the waitlist's offer settings. */
export const placementSettings = sqliteTable("placement_settings", {
  editionId: integer("edition_id")
    .primaryKey()
    .references(() => editions.id, { onDelete: "cascade" }),
  /** Partial app/rules/placement-plan PlanWeights; missing keys take the defaults. */
  weightsJson: text("weights_json").notNull().default("{}"),
  /** Category key → at most this many stalls (also the waitlist's capacity per category). */
  capsJson: text("caps_json").notNull().default("{}"),
  /** Category zones: [{ categoryKey, spotCodes }]. */
  zonesJson: text("zones_json").notNull().default("[]"),
  /** How long an offer from the waitlist stays open. */
  offerHours: integer("offer_hours").notNull().default(48),
  /** Automatic offers are paused; organisers can still make one by hand. */
  offersPaused: flag("offers_paused"),
  /** Extra places beyond the approved ones (organisers add capacity). */
  extraPlaces: integer("extra_places").notNull().default(0),
  /** The date (YYYY-MM-DD) by which the organisers expect to decide on the waitlist, or null. */
  waitlistDecisionDate: text("waitlist_decision_date"),
  updatedAt: updatedAt(),
});

/** One accepted placement proposal: what it replaced, so undo can put that back. */
export const placementBatches = sqliteTable("placement_batches", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  editionId: integer("edition_id")
    .notNull()
    .references(() => editions.id, { onDelete: "cascade" }),
  organiserId: integer("organiser_id").references(() => organisers.id),
  /** The assignments the batch replaced (re-plan mode): [{ applicationId, dayId, spotIds, locked }]. */
  replacedJson: text("replaced_json").notNull().default("[]"),
  undoneAt: integer("undone_at", { mode: "timestamp_ms" }),
  createdAt: createdAt(),
});


/**
 * A free place offered to a waitlisted applicant. `slot_key` names the free place (the freed
 * application, or an added place); the partial unique indexes make "one open offer per place"
 * and "one open offer per applicant" database facts, so two organisers or two withdrawals at
 * the same moment can never offer one place twice.
 */
export const waitlistOffers = sqliteTable(
  "waitlist_offers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    editionId: integer("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    slotKey: text("slot_key").notNull(),
    /** The category whose cap the place counts against, or null. */
    categoryKey: text("category_key"),
    /** Why a place came free: withdrawn, rejected, capacity, manual. */
    cause: text("cause", { enum: OFFER_CAUSES }).notNull(),
    state: text("state", { enum: OFFER_STATES }).notNull().default("open"),
    /** SHA-256 of the token in the accept link. */
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    madeByOrganiserId: integer("made_by_organiser_id").references(() => organisers.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("waitlist_offers_open_slot").on(t.editionId, t.slotKey).where(sql`state = 'open'`),
    uniqueIndex("waitlist_offers_open_application").on(t.applicationId).where(sql`state = 'open'`),
    index("waitlist_offers_edition_state").on(t.editionId, t.state),
    check("waitlist_offers_state", inList("state", OFFER_STATES)),
    check("waitlist_offers_cause", inList("cause", OFFER_CAUSES)),
  ],
);

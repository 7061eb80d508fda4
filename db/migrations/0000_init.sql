CREATE TABLE `application_days` (
	`application_id` integer NOT NULL,
	`event_day_id` integer NOT NULL,
	PRIMARY KEY(`application_id`, `event_day_id`),
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_day_id`) REFERENCES `event_days`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`edition_id` integer NOT NULL,
	`access_token` text NOT NULL,
	`submission_key` text,
	`language` text DEFAULT 'nl' NOT NULL,
	`stall_name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`category_id` integer NOT NULL,
	`contact_name` text NOT NULL,
	`email` text NOT NULL,
	`phone` text NOT NULL,
	`postcode` text,
	`applicant_kind` text NOT NULL,
	`kvk_number` text,
	`frontage_cm` integer NOT NULL,
	`depth_cm` integer NOT NULL,
	`needs_electricity` integer DEFAULT false NOT NULL,
	`electricity_watts` integer,
	`rented_stalls` integer DEFAULT 0 NOT NULL,
	`remarks` text DEFAULT '' NOT NULL,
	`consented_at` integer NOT NULL,
	`review_state` text DEFAULT 'submitted' NOT NULL,
	`review_reason` text DEFAULT '' NOT NULL,
	`payment_state` text DEFAULT 'pending' NOT NULL,
	`fee_breakdown_json` text NOT NULL,
	`fee_total_cents` integer NOT NULL,
	`fee_adjustment_cents` integer DEFAULT 0 NOT NULL,
	`fee_adjustment_reason` text DEFAULT '' NOT NULL,
	`payment_due_at` integer,
	`last_reminder_at` integer,
	`internal_notes` text DEFAULT '' NOT NULL,
	`arrival_state` text DEFAULT 'expected' NOT NULL,
	`arrival_marked_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "applications_review_state" CHECK(review_state in ('submitted', 'approved', 'waitlisted', 'rejected', 'withdrawn', 'cancelled')),
	CONSTRAINT "applications_payment_state" CHECK(payment_state in ('not_required', 'pending', 'paid', 'partially_refunded', 'refunded')),
	CONSTRAINT "applications_applicant_kind" CHECK(applicant_kind in ('resident', 'non_profit', 'commercial')),
	CONSTRAINT "applications_language" CHECK(language in ('nl', 'en')),
	CONSTRAINT "applications_sizes" CHECK(frontage_cm > 0 and depth_cm > 0 and rented_stalls >= 0),
	CONSTRAINT "applications_fee" CHECK(fee_total_cents >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `applications_access_token_unique` ON `applications` (`access_token`);--> statement-breakpoint
CREATE UNIQUE INDEX `applications_edition_submission_key` ON `applications` (`edition_id`,`submission_key`);--> statement-breakpoint
CREATE INDEX `applications_edition_state` ON `applications` (`edition_id`,`review_state`);--> statement-breakpoint
CREATE INDEX `applications_email` ON `applications` (`email`);--> statement-breakpoint
CREATE TABLE `assignment_spots` (
	`assignment_id` integer NOT NULL,
	`event_day_id` integer NOT NULL,
	`spot_id` integer NOT NULL,
	PRIMARY KEY(`assignment_id`, `spot_id`),
	FOREIGN KEY (`spot_id`) REFERENCES `spots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assignment_id`,`event_day_id`) REFERENCES `stall_assignments`(`id`,`event_day_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assignment_spots_spot_day` ON `assignment_spots` (`spot_id`,`event_day_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`actor_type` text NOT NULL,
	`actor_organiser_id` integer,
	`edition_id` integer,
	`entity_type` text NOT NULL,
	`entity_id` integer,
	`action` text NOT NULL,
	`detail_json` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`actor_organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity` ON `audit_log` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE TABLE `categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`edition_id` integer NOT NULL,
	`key` text NOT NULL,
	`name_nl` text NOT NULL,
	`name_en` text NOT NULL,
	`colour` text NOT NULL,
	`applicant_kind` text,
	`is_free` integer DEFAULT false NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "categories_colour" CHECK(colour glob '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `categories_edition_key` ON `categories` (`edition_id`,`key`);--> statement-breakpoint
CREATE TABLE `edition_status_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`edition_id` integer NOT NULL,
	`status` text NOT NULL,
	`message_nl` text DEFAULT '' NOT NULL,
	`message_en` text DEFAULT '' NOT NULL,
	`decision_expected_on` text,
	`changed_by_organiser_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by_organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "edition_status_history_status" CHECK(status in ('scheduled', 'uncertain', 'cancelled'))
);
--> statement-breakpoint
CREATE INDEX `edition_status_history_edition` ON `edition_status_history` (`edition_id`);--> statement-breakpoint
CREATE TABLE `editions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`market_id` integer NOT NULL,
	`year` integer NOT NULL,
	`name_nl` text NOT NULL,
	`name_en` text NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`status_message_nl` text DEFAULT '' NOT NULL,
	`status_message_en` text DEFAULT '' NOT NULL,
	`decision_expected_on` text,
	`applications_open_at` integer,
	`applications_close_at` integer,
	`applications_closed_manually` integer DEFAULT false NOT NULL,
	`payment_deadline` integer,
	`payments_paused` integer DEFAULT false NOT NULL,
	`refund_period_days` integer DEFAULT 14 NOT NULL,
	`stall_unit_cm` integer DEFAULT 300 NOT NULL,
	`market_rules_nl` text DEFAULT '' NOT NULL,
	`market_rules_en` text DEFAULT '' NOT NULL,
	`street_line_json` text DEFAULT '[]' NOT NULL,
	`layout_params_json` text DEFAULT '{}' NOT NULL,
	`map_published_at` integer,
	`public_revision` integer DEFAULT 1 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`market_id`) REFERENCES `markets`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "editions_status" CHECK(status in ('scheduled', 'uncertain', 'cancelled')),
	CONSTRAINT "editions_stall_unit" CHECK(stall_unit_cm > 0),
	CONSTRAINT "editions_refund_period" CHECK(refund_period_days >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `editions_market_year_demo` ON `editions` (`market_id`,`year`,`is_demo`);--> statement-breakpoint
CREATE TABLE `event_days` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`edition_id` integer NOT NULL,
	`date` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "event_days_date" CHECK(date glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	CONSTRAINT "event_days_times" CHECK(starts_at < ends_at)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `event_days_edition_date` ON `event_days` (`edition_id`,`date`);--> statement-breakpoint
CREATE TABLE `fee_rates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`edition_id` integer NOT NULL,
	`applicant_kind` text NOT NULL,
	`first_unit_cents` integer NOT NULL,
	`extra_metre_cents` integer NOT NULL,
	`electricity_cents` integer NOT NULL,
	`stall_rental_cents` integer NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "fee_rates_non_negative" CHECK(first_unit_cents >= 0 and extra_metre_cents >= 0 and electricity_cents >= 0 and stall_rental_cents >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fee_rates_edition_kind` ON `fee_rates` (`edition_id`,`applicant_kind`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`edition_id` integer,
	`payload_json` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`run_after` integer,
	`locked_at` integer,
	`last_error` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "jobs_status" CHECK(status in ('queued', 'running', 'succeeded', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_dedupe_key_unique` ON `jobs` (`dedupe_key`);--> statement-breakpoint
CREATE TABLE `landmarks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`edition_id` integer NOT NULL,
	`kind` text NOT NULL,
	`name_nl` text NOT NULL,
	`name_en` text NOT NULL,
	`geometry_json` text NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "landmarks_kind" CHECK(kind in ('square', 'stage', 'terrace', 'ride', 'first_aid', 'toilets', 'information', 'waste'))
);
--> statement-breakpoint
CREATE TABLE `markets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`street_name` text NOT NULL,
	`city` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `markets_slug_unique` ON `markets` (`slug`);--> statement-breakpoint
CREATE TABLE `organiser_sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`organiser_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`user_agent` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `organiser_sessions_organiser` ON `organiser_sessions` (`organiser_id`);--> statement-breakpoint
CREATE TABLE `organisers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`password_hash` text NOT NULL,
	`role` text DEFAULT 'organiser' NOT NULL,
	`disabled_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	CONSTRAINT "organisers_role" CHECK(role in ('admin', 'organiser', 'volunteer')),
	CONSTRAINT "organisers_email_lower" CHECK(email = lower(email))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisers_email_unique` ON `organisers` (`email`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`edition_id` integer,
	`application_id` integer,
	`dedupe_key` text,
	`template` text NOT NULL,
	`language` text NOT NULL,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`text_body` text NOT NULL,
	`html_body` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_error` text,
	`sent_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "outbox_status" CHECK(status in ('pending', 'sending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_status_next` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_application` ON `outbox` (`application_id`);--> statement-breakpoint
CREATE TABLE `password_resets` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`organiser_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`application_id` integer NOT NULL,
	`method` text NOT NULL,
	`status` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`currency` text DEFAULT 'eur' NOT NULL,
	`stripe_checkout_session_id` text,
	`stripe_payment_intent_id` text,
	`checkout_url` text,
	`checkout_expires_at` integer,
	`paid_at` integer,
	`note` text DEFAULT '' NOT NULL,
	`recorded_by_organiser_id` integer,
	`recorded_by` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payments_method" CHECK(method in ('stripe', 'cash', 'bank_transfer')),
	CONSTRAINT "payments_status" CHECK(status in ('open', 'succeeded', 'failed', 'expired', 'mismatch')),
	CONSTRAINT "payments_amount" CHECK(amount_cents >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_stripe_checkout_session_id_unique` ON `payments` (`stripe_checkout_session_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_stripe_payment_intent_id_unique` ON `payments` (`stripe_payment_intent_id`);--> statement-breakpoint
CREATE INDEX `payments_application` ON `payments` (`application_id`);--> statement-breakpoint
CREATE TABLE `processed_webhook_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `programme_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`edition_id` integer NOT NULL,
	`event_day_id` integer NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text,
	`title_nl` text NOT NULL,
	`title_en` text NOT NULL,
	`text_nl` text DEFAULT '' NOT NULL,
	`text_en` text DEFAULT '' NOT NULL,
	`landmark_id` integer,
	`spot_id` integer,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_day_id`) REFERENCES `event_days`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`landmark_id`) REFERENCES `landmarks`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`spot_id`) REFERENCES `spots`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	`blocked_until` integer
);
--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`payment_id` integer NOT NULL,
	`application_id` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`status` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`idempotency_key` text NOT NULL,
	`stripe_refund_id` text,
	`failure_reason` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`job_id` integer,
	`recorded_by_organiser_id` integer,
	`recorded_by` text NOT NULL,
	`completed_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "refunds_status" CHECK(status in ('pending', 'succeeded', 'failed', 'to_pay_manually', 'paid_manually')),
	CONSTRAINT "refunds_amount" CHECK(amount_cents > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_idempotency_key_unique` ON `refunds` (`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_stripe_refund_id_unique` ON `refunds` (`stripe_refund_id`);--> statement-breakpoint
CREATE INDEX `refunds_payment` ON `refunds` (`payment_id`);--> statement-breakpoint
CREATE TABLE `spots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`edition_id` integer NOT NULL,
	`code` text NOT NULL,
	`side` text,
	`along_m` real DEFAULT 0 NOT NULL,
	`polygon_json` text NOT NULL,
	`centre_lat` real NOT NULL,
	`centre_lon` real NOT NULL,
	`bearing_deg` real DEFAULT 0 NOT NULL,
	`width_cm` integer NOT NULL,
	`depth_cm` integer NOT NULL,
	`has_electricity` integer DEFAULT false NOT NULL,
	`has_water` integer DEFAULT false NOT NULL,
	`kind` text DEFAULT 'stall' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "spots_kind" CHECK(kind in ('stall', 'food_truck', 'activity', 'blocked')),
	CONSTRAINT "spots_size" CHECK(width_cm > 0 and depth_cm > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `spots_edition_code` ON `spots` (`edition_id`,`code`);--> statement-breakpoint
CREATE TABLE `stall_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`application_id` integer NOT NULL,
	`event_day_id` integer NOT NULL,
	`accepted_warnings_json` text DEFAULT '[]' NOT NULL,
	`accept_reason` text DEFAULT '' NOT NULL,
	`assigned_by_organiser_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_day_id`) REFERENCES `event_days`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assigned_by_organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stall_assignments_application_day` ON `stall_assignments` (`application_id`,`event_day_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `stall_assignments_id_day` ON `stall_assignments` (`id`,`event_day_id`);
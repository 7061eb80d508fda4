PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_status_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`history_id` integer NOT NULL,
	`application_id` integer NOT NULL,
	`outbox_id` integer,
	`confirmed_at` integer,
	`called_at` integer,
	`called_by_organiser_id` integer,
	`call_note` text DEFAULT '' NOT NULL,
	`choice` text,
	`chosen_at` integer,
	`choice_by` text,
	FOREIGN KEY (`history_id`) REFERENCES `edition_status_history`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`outbox_id`) REFERENCES `outbox`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`called_by_organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "status_notices_choice" CHECK(choice in ('keep', 'refund')),
	CONSTRAINT "status_notices_choice_by" CHECK(choice_by in ('stallholder', 'default'))
);
--> statement-breakpoint
INSERT INTO `__new_status_notices`("id", "history_id", "application_id", "outbox_id", "confirmed_at", "called_at", "called_by_organiser_id", "call_note", "choice", "chosen_at", "choice_by") SELECT "id", "history_id", "application_id", "outbox_id", "confirmed_at", "called_at", "called_by_organiser_id", "call_note", "choice", "chosen_at", "choice_by" FROM `status_notices`;--> statement-breakpoint
DROP TABLE `status_notices`;--> statement-breakpoint
ALTER TABLE `__new_status_notices` RENAME TO `status_notices`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `status_notices_history_application` ON `status_notices` (`history_id`,`application_id`);--> statement-breakpoint
CREATE INDEX `status_notices_application` ON `status_notices` (`application_id`);--> statement-breakpoint
CREATE TABLE `__new_applications` (
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
	`heat_kind` text,
	`deep_frying` integer,
	`fire_extinguisher` integer,
	`remarks` text DEFAULT '' NOT NULL,
	`placement_wishes_json` text DEFAULT '[]' NOT NULL,
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
	CONSTRAINT "applications_arrival_state" CHECK(arrival_state in ('expected', 'arrived', 'absent')),
	CONSTRAINT "applications_heat_kind" CHECK(heat_kind in ('electric', 'gas', 'open_fire', 'none')),
	CONSTRAINT "applications_sizes" CHECK(frontage_cm > 0 and depth_cm > 0 and rented_stalls >= 0),
	CONSTRAINT "applications_fee" CHECK(fee_total_cents >= 0)
);
--> statement-breakpoint
INSERT INTO `__new_applications`("id", "edition_id", "access_token", "submission_key", "language", "stall_name", "description", "category_id", "contact_name", "email", "phone", "postcode", "applicant_kind", "kvk_number", "frontage_cm", "depth_cm", "needs_electricity", "electricity_watts", "rented_stalls", "heat_kind", "deep_frying", "fire_extinguisher", "remarks", "placement_wishes_json", "consented_at", "review_state", "review_reason", "payment_state", "fee_breakdown_json", "fee_total_cents", "fee_adjustment_cents", "fee_adjustment_reason", "payment_due_at", "last_reminder_at", "internal_notes", "arrival_state", "arrival_marked_at", "version", "created_at", "updated_at") SELECT "id", "edition_id", "access_token", "submission_key", "language", "stall_name", "description", "category_id", "contact_name", "email", "phone", "postcode", "applicant_kind", "kvk_number", "frontage_cm", "depth_cm", "needs_electricity", "electricity_watts", "rented_stalls", "heat_kind", "deep_frying", "fire_extinguisher", "remarks", "placement_wishes_json", "consented_at", "review_state", "review_reason", "payment_state", "fee_breakdown_json", "fee_total_cents", "fee_adjustment_cents", "fee_adjustment_reason", "payment_due_at", "last_reminder_at", "internal_notes", "arrival_state", "arrival_marked_at", "version", "created_at", "updated_at" FROM `applications`;--> statement-breakpoint
DROP TABLE `applications`;--> statement-breakpoint
ALTER TABLE `__new_applications` RENAME TO `applications`;--> statement-breakpoint
CREATE UNIQUE INDEX `applications_access_token_unique` ON `applications` (`access_token`);--> statement-breakpoint
CREATE UNIQUE INDEX `applications_edition_submission_key` ON `applications` (`edition_id`,`submission_key`);--> statement-breakpoint
CREATE INDEX `applications_edition_state` ON `applications` (`edition_id`,`review_state`);--> statement-breakpoint
CREATE INDEX `applications_email` ON `applications` (`email`);--> statement-breakpoint
CREATE TABLE `__new_jobs` (
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
	CONSTRAINT "jobs_status" CHECK(status in ('queued', 'running', 'succeeded', 'failed')),
	CONSTRAINT "jobs_kind" CHECK(kind in ('cancellation_refunds'))
);
--> statement-breakpoint
INSERT INTO `__new_jobs`("id", "kind", "dedupe_key", "edition_id", "payload_json", "status", "total", "done", "failed", "attempts", "run_after", "locked_at", "last_error", "created_at", "updated_at") SELECT "id", "kind", "dedupe_key", "edition_id", "payload_json", "status", "total", "done", "failed", "attempts", "run_after", "locked_at", "last_error", "created_at", "updated_at" FROM `jobs`;--> statement-breakpoint
DROP TABLE `jobs`;--> statement-breakpoint
ALTER TABLE `__new_jobs` RENAME TO `jobs`;--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_dedupe_key_unique` ON `jobs` (`dedupe_key`);--> statement-breakpoint
CREATE TABLE `__new_payments` (
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
	CONSTRAINT "payments_recorded_by" CHECK(recorded_by in ('stallholder_checkout', 'stripe_webhook', 'organiser', 'system_withdrawal', 'system_cancellation', 'system_not_active', 'system_duplicate', 'stripe_dashboard')),
	CONSTRAINT "payments_method" CHECK(method in ('stripe', 'cash', 'bank_transfer')),
	CONSTRAINT "payments_status" CHECK(status in ('open', 'succeeded', 'failed', 'expired', 'mismatch')),
	CONSTRAINT "payments_amount" CHECK(amount_cents >= 0)
);
--> statement-breakpoint
INSERT INTO `__new_payments`("id", "application_id", "method", "status", "amount_cents", "currency", "stripe_checkout_session_id", "stripe_payment_intent_id", "checkout_url", "checkout_expires_at", "paid_at", "note", "recorded_by_organiser_id", "recorded_by", "created_at", "updated_at") SELECT "id", "application_id", "method", "status", "amount_cents", "currency", "stripe_checkout_session_id", "stripe_payment_intent_id", "checkout_url", "checkout_expires_at", "paid_at", "note", "recorded_by_organiser_id", "recorded_by", "created_at", "updated_at" FROM `payments`;--> statement-breakpoint
DROP TABLE `payments`;--> statement-breakpoint
ALTER TABLE `__new_payments` RENAME TO `payments`;--> statement-breakpoint
CREATE UNIQUE INDEX `payments_stripe_checkout_session_id_unique` ON `payments` (`stripe_checkout_session_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_stripe_payment_intent_id_unique` ON `payments` (`stripe_payment_intent_id`);--> statement-breakpoint
CREATE INDEX `payments_application` ON `payments` (`application_id`);--> statement-breakpoint
CREATE TABLE `__new_refunds` (
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
	CONSTRAINT "refunds_amount" CHECK(amount_cents > 0),
	CONSTRAINT "refunds_recorded_by" CHECK(recorded_by in ('stallholder_checkout', 'stripe_webhook', 'organiser', 'system_withdrawal', 'system_cancellation', 'system_not_active', 'system_duplicate', 'stripe_dashboard'))
);
--> statement-breakpoint
INSERT INTO `__new_refunds`("id", "payment_id", "application_id", "amount_cents", "status", "reason", "idempotency_key", "stripe_refund_id", "failure_reason", "attempts", "next_attempt_at", "job_id", "recorded_by_organiser_id", "recorded_by", "completed_at", "created_at") SELECT "id", "payment_id", "application_id", "amount_cents", "status", "reason", "idempotency_key", "stripe_refund_id", "failure_reason", "attempts", "next_attempt_at", "job_id", "recorded_by_organiser_id", "recorded_by", "completed_at", "created_at" FROM `refunds`;--> statement-breakpoint
DROP TABLE `refunds`;--> statement-breakpoint
ALTER TABLE `__new_refunds` RENAME TO `refunds`;--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_idempotency_key_unique` ON `refunds` (`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_stripe_refund_id_unique` ON `refunds` (`stripe_refund_id`);--> statement-breakpoint
CREATE INDEX `refunds_payment` ON `refunds` (`payment_id`);
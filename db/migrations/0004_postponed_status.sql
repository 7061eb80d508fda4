PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_edition_status_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`edition_id` integer NOT NULL,
	`status` text NOT NULL,
	`message_nl` text DEFAULT '' NOT NULL,
	`message_en` text DEFAULT '' NOT NULL,
	`decision_expected_on` text,
	`postponement_json` text,
	`call_after_hours` integer DEFAULT 24 NOT NULL,
	`changed_by_organiser_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by_organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "edition_status_history_status" CHECK(status in ('scheduled', 'uncertain', 'cancelled', 'postponed'))
);
--> statement-breakpoint
INSERT INTO `__new_edition_status_history`("id", "edition_id", "status", "message_nl", "message_en", "decision_expected_on", "postponement_json", "call_after_hours", "changed_by_organiser_id", "created_at") SELECT "id", "edition_id", "status", "message_nl", "message_en", "decision_expected_on", "postponement_json", "call_after_hours", "changed_by_organiser_id", "created_at" FROM `edition_status_history`;--> statement-breakpoint
DROP TABLE `edition_status_history`;--> statement-breakpoint
ALTER TABLE `__new_edition_status_history` RENAME TO `edition_status_history`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `edition_status_history_edition` ON `edition_status_history` (`edition_id`);--> statement-breakpoint
CREATE TABLE `__new_editions` (
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
	`retention_months` integer DEFAULT 12 NOT NULL,
	`stall_unit_cm` integer DEFAULT 300 NOT NULL,
	`market_rules_nl` text DEFAULT '' NOT NULL,
	`market_rules_en` text DEFAULT '' NOT NULL,
	`street_line_json` text DEFAULT '[]' NOT NULL,
	`layout_params_json` text DEFAULT '{}' NOT NULL,
	`map_published_at` integer,
	`min_passage_cm` integer DEFAULT 350 NOT NULL,
	`public_revision` integer DEFAULT 1 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`market_id`) REFERENCES `markets`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "editions_status" CHECK(status in ('scheduled', 'uncertain', 'cancelled', 'postponed')),
	CONSTRAINT "editions_stall_unit" CHECK(stall_unit_cm > 0),
	CONSTRAINT "editions_refund_period" CHECK(refund_period_days >= 0)
);
--> statement-breakpoint
INSERT INTO `__new_editions`("id", "market_id", "year", "name_nl", "name_en", "is_demo", "status", "status_message_nl", "status_message_en", "decision_expected_on", "applications_open_at", "applications_close_at", "applications_closed_manually", "payment_deadline", "payments_paused", "refund_period_days", "retention_months", "stall_unit_cm", "market_rules_nl", "market_rules_en", "street_line_json", "layout_params_json", "map_published_at", "min_passage_cm", "public_revision", "version", "created_at", "updated_at") SELECT "id", "market_id", "year", "name_nl", "name_en", "is_demo", "status", "status_message_nl", "status_message_en", "decision_expected_on", "applications_open_at", "applications_close_at", "applications_closed_manually", "payment_deadline", "payments_paused", "refund_period_days", "retention_months", "stall_unit_cm", "market_rules_nl", "market_rules_en", "street_line_json", "layout_params_json", "map_published_at", "min_passage_cm", "public_revision", "version", "created_at", "updated_at" FROM `editions`;--> statement-breakpoint
DROP TABLE `editions`;--> statement-breakpoint
ALTER TABLE `__new_editions` RENAME TO `editions`;--> statement-breakpoint
CREATE UNIQUE INDEX `editions_market_year_demo` ON `editions` (`market_id`,`year`,`is_demo`);
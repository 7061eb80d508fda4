CREATE TABLE `placement_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`edition_id` integer NOT NULL,
	`organiser_id` integer,
	`replaced_json` text DEFAULT '[]' NOT NULL,
	`undone_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `placement_settings` (
	`edition_id` integer PRIMARY KEY NOT NULL,
	`weights_json` text DEFAULT '{}' NOT NULL,
	`caps_json` text DEFAULT '{}' NOT NULL,
	`zones_json` text DEFAULT '[]' NOT NULL,
	`offer_hours` integer DEFAULT 48 NOT NULL,
	`offers_paused` integer DEFAULT false NOT NULL,
	`extra_places` integer DEFAULT 0 NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `waitlist_offers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`edition_id` integer NOT NULL,
	`application_id` integer NOT NULL,
	`slot_key` text NOT NULL,
	`category_key` text,
	`cause` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`decided_at` integer,
	`made_by_organiser_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`made_by_organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "waitlist_offers_state" CHECK(state in ('open', 'accepted', 'declined', 'expired', 'withdrawn'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `waitlist_offers_token_hash_unique` ON `waitlist_offers` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `waitlist_offers_open_slot` ON `waitlist_offers` (`edition_id`,`slot_key`) WHERE state = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX `waitlist_offers_open_application` ON `waitlist_offers` (`application_id`) WHERE state = 'open';--> statement-breakpoint
CREATE INDEX `waitlist_offers_edition_state` ON `waitlist_offers` (`edition_id`,`state`);--> statement-breakpoint
ALTER TABLE `applications` ADD `placement_wishes_json` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `stall_assignments` ADD `locked` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `stall_assignments` ADD `proposal_batch_id` integer;
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_waitlist_offers` (
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
	CONSTRAINT "waitlist_offers_state" CHECK(state in ('open', 'accepted', 'declined', 'expired', 'withdrawn')),
	CONSTRAINT "waitlist_offers_cause" CHECK(cause in ('withdrawn', 'rejected', 'capacity', 'manual'))
);
--> statement-breakpoint
INSERT INTO `__new_waitlist_offers`("id", "edition_id", "application_id", "slot_key", "category_key", "cause", "state", "token_hash", "expires_at", "decided_at", "made_by_organiser_id", "created_at") SELECT "id", "edition_id", "application_id", "slot_key", "category_key", "cause", "state", "token_hash", "expires_at", "decided_at", "made_by_organiser_id", "created_at" FROM `waitlist_offers`;--> statement-breakpoint
DROP TABLE `waitlist_offers`;--> statement-breakpoint
ALTER TABLE `__new_waitlist_offers` RENAME TO `waitlist_offers`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `waitlist_offers_token_hash_unique` ON `waitlist_offers` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `waitlist_offers_open_slot` ON `waitlist_offers` (`edition_id`,`slot_key`) WHERE state = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX `waitlist_offers_open_application` ON `waitlist_offers` (`application_id`) WHERE state = 'open';--> statement-breakpoint
CREATE INDEX `waitlist_offers_edition_state` ON `waitlist_offers` (`edition_id`,`state`);
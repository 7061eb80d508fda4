CREATE TABLE `power_points` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`edition_id` integer NOT NULL,
	`code` text NOT NULL,
	`capacity_watts` integer,
	`lon` real NOT NULL,
	`lat` real NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "power_points_capacity" CHECK(capacity_watts is null or capacity_watts > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `power_points_edition_code` ON `power_points` (`edition_id`,`code`);--> statement-breakpoint
ALTER TABLE `applications` ADD `heat_kind` text;--> statement-breakpoint
ALTER TABLE `applications` ADD `deep_frying` integer;--> statement-breakpoint
ALTER TABLE `applications` ADD `fire_extinguisher` integer;--> statement-breakpoint
ALTER TABLE `categories` ADD `cooks` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `editions` ADD `retention_months` integer DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE `editions` ADD `min_passage_cm` integer DEFAULT 350 NOT NULL;
CREATE TABLE `status_notices` (
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
	CONSTRAINT "status_notices_choice" CHECK(choice is null or choice in ('keep', 'refund'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `status_notices_history_application` ON `status_notices` (`history_id`,`application_id`);--> statement-breakpoint
CREATE INDEX `status_notices_application` ON `status_notices` (`application_id`);--> statement-breakpoint
ALTER TABLE `edition_status_history` ADD `postponement_json` text;--> statement-breakpoint
ALTER TABLE `edition_status_history` ADD `call_after_hours` integer DEFAULT 24 NOT NULL;
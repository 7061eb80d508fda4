CREATE TABLE `deposit_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`application_id` integer NOT NULL,
	`decision` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`refund_id` integer,
	`decided_by_organiser_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`refund_id`) REFERENCES `refunds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "deposit_decisions_decision" CHECK(decision in ('released', 'kept')),
	CONSTRAINT "deposit_decisions_amount" CHECK(amount_cents >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deposit_decisions_application_id_unique` ON `deposit_decisions` (`application_id`);--> statement-breakpoint
ALTER TABLE `editions` ADD `deposit_cents` integer DEFAULT 0 NOT NULL;
CREATE TABLE `appointment_proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`position` integer NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appointment_proposals_request_position_unique` ON `appointment_proposals` (`request_id`,`position`);--> statement-breakpoint
CREATE TABLE `calendar_feeds` (
	`hash` text PRIMARY KEY NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `manage_tokens` (
	`hash` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `manage_tokens_request_idx` ON `manage_tokens` (`request_id`);--> statement-breakpoint
ALTER TABLE `notifications` ADD `topic` text DEFAULT 'request' NOT NULL;--> statement-breakpoint
ALTER TABLE `notifications` ADD `due_at` integer;--> statement-breakpoint
ALTER TABLE `notifications` ADD `appointment_sequence` integer;--> statement-breakpoint
CREATE INDEX `notifications_due_idx` ON `notifications` (`status`,`due_at`);--> statement-breakpoint
ALTER TABLE `requests` ADD `appointment_state` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `cancelled_by` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `appointment_reason` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `appointment_sequence` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `requests_appointment_state_idx` ON `requests` (`appointment_state`,`created_at`);
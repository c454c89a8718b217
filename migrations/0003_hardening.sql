CREATE TABLE `acknowledgement_log` (
	`key` text PRIMARY KEY NOT NULL,
	`notification_id` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `acknowledgement_log_created_idx` ON `acknowledgement_log` (`created_at`);--> statement-breakpoint
CREATE TABLE `inbox_searches` (
	`id` text PRIMARY KEY NOT NULL,
	`filter` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `inbox_searches_expires_idx` ON `inbox_searches` (`expires_at`);--> statement-breakpoint
ALTER TABLE `admin_sessions` ADD `credential_fingerprint` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `notifications` ADD `generation` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `requests` ADD `search_key` text;
CREATE TABLE `practice_settings` (
	`section` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`revision` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`section` text NOT NULL,
	`revision` integer NOT NULL,
	`before` text NOT NULL,
	`after` text NOT NULL,
	`actor` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `settings_changes_section_revision_unique` ON `settings_changes` (`section`,`revision`);--> statement-breakpoint
CREATE INDEX `settings_changes_created_idx` ON `settings_changes` (`created_at`);--> statement-breakpoint
ALTER TABLE `requests` ADD `service_name` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `service_duration_minutes` integer;--> statement-breakpoint
ALTER TABLE `requests` ADD `service_price_cents` integer;
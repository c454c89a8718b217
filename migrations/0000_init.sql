CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`channel` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`provider_message_id` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer,
	`sent_at` integer,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_status_created_idx` ON `notifications` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_request_idx` ON `notifications` (`request_id`);--> statement-breakpoint
CREATE TABLE `preferred_times` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`position` integer NOT NULL,
	`date` text NOT NULL,
	`period` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `preferred_times_request_position_unique` ON `preferred_times` (`request_id`,`position`);--> statement-breakpoint
CREATE TABLE `requests` (
	`id` text PRIMARY KEY NOT NULL,
	`reference` text NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`phone` text,
	`preferred_contact` text,
	`message` text,
	`service_id` text,
	`pain_type` text,
	`patient_status` text,
	`notes` text,
	`dedupe_key` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `requests_reference_unique` ON `requests` (`reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `requests_dedupe_key_unique` ON `requests` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `requests_created_at_idx` ON `requests` (`created_at`);--> statement-breakpoint
CREATE INDEX `requests_email_idx` ON `requests` (`email`);
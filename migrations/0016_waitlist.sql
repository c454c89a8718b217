CREATE TABLE `waitlist_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`service_id` text NOT NULL,
	`service_name` text NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`phone` text,
	`patient_status` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`days` text NOT NULL,
	`parts` text NOT NULL,
	`known_free` text NOT NULL,
	`joined_notification_id` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`expires_at` integer NOT NULL,
	`ended_at` integer,
	`ended_reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `waitlist_entries_token_hash_unique` ON `waitlist_entries` (`token_hash`);--> statement-breakpoint
CREATE INDEX `waitlist_entries_active_idx` ON `waitlist_entries` (`ended_at`,`expires_at`);--> statement-breakpoint
CREATE INDEX `waitlist_entries_joined_notification_idx` ON `waitlist_entries` (`joined_notification_id`);--> statement-breakpoint
CREATE TABLE `waitlist_offers` (
	`id` text PRIMARY KEY NOT NULL,
	`entry_id` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`first_seen_at` integer NOT NULL,
	`send_after` integer NOT NULL,
	`by_hand` integer DEFAULT false NOT NULL,
	`sent_at` integer,
	`notification_id` text,
	`outcome` text,
	FOREIGN KEY (`entry_id`) REFERENCES `waitlist_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `waitlist_offers_entry_start_unique` ON `waitlist_offers` (`entry_id`,`start`);--> statement-breakpoint
CREATE INDEX `waitlist_offers_notification_idx` ON `waitlist_offers` (`notification_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text,
	`channel` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`provider_message_id` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer,
	`sent_at` integer,
	`claimed_until` integer,
	`generation` integer DEFAULT 0 NOT NULL,
	`topic` text DEFAULT 'request' NOT NULL,
	`due_at` integer,
	`appointment_sequence` integer,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_notifications`("id", "request_id", "channel", "status", "attempts", "last_error", "provider_message_id", "created_at", "updated_at", "sent_at", "claimed_until", "generation", "topic", "due_at", "appointment_sequence") SELECT "id", "request_id", "channel", "status", "attempts", "last_error", "provider_message_id", "created_at", "updated_at", "sent_at", "claimed_until", "generation", "topic", "due_at", "appointment_sequence" FROM `notifications`;--> statement-breakpoint
DROP TABLE `notifications`;--> statement-breakpoint
ALTER TABLE `__new_notifications` RENAME TO `notifications`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `notifications_due_idx` ON `notifications` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `notifications_status_created_idx` ON `notifications` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_request_idx` ON `notifications` (`request_id`);
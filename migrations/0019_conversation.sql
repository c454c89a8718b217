CREATE TABLE `thread_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`author` text NOT NULL,
	`body` text NOT NULL,
	`notification_id` text,
	`attachments` integer DEFAULT 0 NOT NULL,
	`message_id` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `thread_messages_request_created_idx` ON `thread_messages` (`request_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `thread_messages_request_message_unique` ON `thread_messages` (`request_id`,`message_id`);
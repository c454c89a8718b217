CREATE TABLE `busy_blocks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `busy_blocks_start_idx` ON `busy_blocks` (`start`);--> statement-breakpoint
CREATE TABLE `busy_calendar_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`feed_hash` text,
	`etag` text,
	`last_modified` text,
	`last_good_read_at` integer,
	`blocks_count` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`last_attempt_at` integer
);

CREATE TABLE `daily_salts` (
	`day` text PRIMARY KEY NOT NULL,
	`salt` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `page_views` (
	`day` text NOT NULL,
	`path` text NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	`readers` integer DEFAULT 0 NOT NULL,
	`form_opens` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `path`)
);
--> statement-breakpoint
CREATE TABLE `reader_marks` (
	`day` text NOT NULL,
	`path` text NOT NULL,
	`hash` text NOT NULL,
	PRIMARY KEY(`day`, `path`, `hash`)
);
--> statement-breakpoint
CREATE TABLE `referrers` (
	`day` text NOT NULL,
	`host` text NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `host`)
);
--> statement-breakpoint
ALTER TABLE `requests` ADD `source_article` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `heard_from` text;
ALTER TABLE `preferred_times` ADD `start` integer;--> statement-breakpoint
ALTER TABLE `requests` ADD `booked_via` text DEFAULT 'request' NOT NULL;
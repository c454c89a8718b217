ALTER TABLE `requests` ADD `appointment_revision` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `requests` ADD `asked_at_revision` integer;
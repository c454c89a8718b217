ALTER TABLE `requests` ADD `client_key` text;--> statement-breakpoint
CREATE INDEX `requests_client_key_idx` ON `requests` (`client_key`);
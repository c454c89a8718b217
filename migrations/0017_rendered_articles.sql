ALTER TABLE `articles` ADD `rendered_html` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `renderer_version` integer;
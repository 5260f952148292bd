CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`blob_hash` text NOT NULL,
	`uploader_id` integer NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`uploaded_bytes` integer NOT NULL,
	`post_id` integer,
	`module_id` integer,
	`kb_entry_id` integer,
	`position` integer DEFAULT 0 NOT NULL,
	`attached_at` integer,
	`removed_at` integer,
	`removed_by_id` integer,
	`removed_reason` text,
	`purge_after` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`blob_hash`) REFERENCES `file_blobs`(`hash`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploader_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`module_id`) REFERENCES `course_modules`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`kb_entry_id`) REFERENCES `kb_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`removed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_post_idx` ON `attachments` (`post_id`);--> statement-breakpoint
CREATE INDEX `attachments_module_idx` ON `attachments` (`module_id`);--> statement-breakpoint
CREATE INDEX `attachments_kb_entry_idx` ON `attachments` (`kb_entry_id`);--> statement-breakpoint
CREATE INDEX `attachments_uploader_idx` ON `attachments` (`uploader_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `attachments_blob_idx` ON `attachments` (`blob_hash`);--> statement-breakpoint
CREATE INDEX `attachments_purge_idx` ON `attachments` (`purge_after`);--> statement-breakpoint
CREATE TABLE `file_blobs` (
	`hash` text PRIMARY KEY NOT NULL,
	`storage_key` text NOT NULL,
	`format` text NOT NULL,
	`mime` text NOT NULL,
	`byte_size` integer NOT NULL,
	`width` integer,
	`height` integer,
	`pages` integer,
	`preview_widths` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);

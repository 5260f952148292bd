CREATE TABLE `course_invites` (
	`course_id` integer NOT NULL,
	`email` text NOT NULL,
	`invited_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`course_id`, `email`),
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invited_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `course_invites_email_idx` ON `course_invites` (`email`);--> statement-breakpoint
ALTER TABLE `announcements` ADD `last_reminded_at` integer;--> statement-breakpoint
ALTER TABLE `announcements` ADD `withdrawn_at` integer;--> statement-breakpoint
CREATE INDEX `announcements_course_idx` ON `announcements` (`course_id`,`published_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `digest_last_sent_at` integer;--> statement-breakpoint
CREATE INDEX `course_enrolments_user_idx` ON `course_enrolments` (`user_id`);--> statement-breakpoint
CREATE INDEX `memberships_mentors_idx` ON `memberships` (`network_id`) WHERE is_mentor = 1;--> statement-breakpoint
CREATE INDEX `memberships_moderators_idx` ON `memberships` (`network_id`) WHERE is_moderator = 1;
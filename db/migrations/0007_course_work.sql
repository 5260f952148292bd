CREATE TABLE `course_group_curators` (
	`group_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`group_id`, `user_id`),
	FOREIGN KEY (`group_id`) REFERENCES `course_groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `course_group_curators_user_idx` ON `course_group_curators` (`user_id`);--> statement-breakpoint
CREATE TABLE `course_groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_id` integer NOT NULL,
	`name` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `course_groups_course_idx` ON `course_groups` (`course_id`,`position`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version_id` integer NOT NULL,
	`reviewer_id` integer,
	`verdict` text NOT NULL,
	`comment` text NOT NULL,
	`comment_html` text NOT NULL,
	`criteria` text DEFAULT '[]' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`reply` text,
	`reply_html` text,
	`replied_at` integer,
	FOREIGN KEY (`version_id`) REFERENCES `work_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_version_unique` ON `reviews` (`version_id`);--> statement-breakpoint
CREATE INDEX `reviews_reviewer_idx` ON `reviews` (`reviewer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `task_variants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`position` integer NOT NULL,
	`body` text NOT NULL,
	`body_html` text NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `task_variants_task_position_unique` ON `task_variants` (`task_id`,`position`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`module_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`title` text NOT NULL,
	`instructions` text DEFAULT '' NOT NULL,
	`instructions_html` text DEFAULT '' NOT NULL,
	`expects` text DEFAULT 'text' NOT NULL,
	`due_at` integer,
	`late_allowed` integer DEFAULT true NOT NULL,
	`required` integer DEFAULT true NOT NULL,
	`criteria` text DEFAULT '[]' NOT NULL,
	`created_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`module_id`) REFERENCES `course_modules`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `tasks_module_idx` ON `tasks` (`module_id`,`position`);--> statement-breakpoint
CREATE TABLE `work_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`work_id` integer NOT NULL,
	`number` integer NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`body_html` text DEFAULT '' NOT NULL,
	`submitted_at` integer,
	`late` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`work_id`) REFERENCES `works`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `work_versions_work_number_unique` ON `work_versions` (`work_id`,`number`);--> statement-breakpoint
CREATE TABLE `works` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`variant_id` integer,
	`status` text DEFAULT 'new' NOT NULL,
	`submitted_at` integer,
	`review_due_at` integer,
	`review_warned_at` integer,
	`escalated_at` integer,
	`accepted_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`variant_id`) REFERENCES `task_variants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `works_task_user_unique` ON `works` (`task_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `works_user_idx` ON `works` (`user_id`);--> statement-breakpoint
CREATE INDEX `works_status_idx` ON `works` (`task_id`,`status`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `works_review_due_idx` ON `works` (`status`,`review_due_at`);--> statement-breakpoint
ALTER TABLE `attachments` ADD `work_version_id` integer REFERENCES work_versions(id) ON DELETE cascade;--> statement-breakpoint
CREATE INDEX `attachments_work_version_idx` ON `attachments` (`work_version_id`);--> statement-breakpoint
ALTER TABLE `course_enrolments` ADD `group_id` integer REFERENCES course_groups(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `course_enrolments` ADD `last_visit_at` integer;--> statement-breakpoint
ALTER TABLE `course_enrolments` ADD `reminded_at` integer;--> statement-breakpoint
CREATE INDEX `course_enrolments_group_idx` ON `course_enrolments` (`group_id`);--> statement-breakpoint
ALTER TABLE `courses` ADD `review_days` integer DEFAULT 2 NOT NULL;
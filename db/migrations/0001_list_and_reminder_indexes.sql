CREATE INDEX `notifications_thread_kind_idx` ON `notifications` (`thread_id`,`kind`);--> statement-breakpoint
CREATE INDEX `threads_activity_idx` ON `threads` (`last_activity_at`);
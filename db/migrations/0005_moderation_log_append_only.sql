-- The audit log is append-only as a rule of the database, not only a habit of the code
-- (docs/decisions/010): whatever path a change takes, an entry can be added, never altered
-- or removed. Hand-written (drizzle-kit does not model triggers); libSQL runs it too.
CREATE TRIGGER `moderation_log_no_update` BEFORE UPDATE ON `moderation_log`
BEGIN
  SELECT RAISE(ABORT, 'moderation_log is append-only: an entry is never changed');
END;
--> statement-breakpoint
CREATE TRIGGER `moderation_log_no_delete` BEFORE DELETE ON `moderation_log`
BEGIN
  SELECT RAISE(ABORT, 'moderation_log is append-only: an entry is never deleted');
END;

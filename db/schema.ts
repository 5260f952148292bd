/**
 * The whole Kollegi domain (docs/architecture.md, "The data"). Later issues fill in behaviour;
 * the tables are here from the start so migrations stay a straight line.
 *
 * Conventions: integer ids; times are UTC, stored as integer milliseconds
 * (drizzle's timestamp_ms) except Lucia's session expiry, which Lucia keeps
 * in seconds. Only types and constraints that libSQL also runs.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

// ── People ──────────────────────────────────────────────────────────────

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Stored lower-cased and trimmed; the unique index is the duplicate check. */
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    school: text("school").notNull().default(""),
    subjects: text("subjects").notNull().default(""),
    homeNetworkId: integer("home_network_id").references(() => networks.id, {
      onDelete: "set null",
    }),
    locale: text("locale", { enum: ["ru", "en"] }),
    isAdmin: integer("is_admin", { mode: "boolean" }).notNull().default(false),
    /** Site-wide suspension by an admin (moderation issue). */
    suspendedUntil: integer("suspended_until", { mode: "timestamp_ms" }),
    suspendedReason: text("suspended_reason"),
    digest: text("digest", { enum: ["off", "daily", "weekly"] })
      .notNull()
      .default("off"),
    /** When the last digest went out; the digest job claims a user by moving it forward. */
    digestLastSentAt: integer("digest_last_sent_at", { mode: "timestamp_ms" }),
    /** Accounts made by the importer stand for a whole source site. */
    isImported: integer("is_imported", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

/** Lucia v3 sessions; expires_at in seconds, as Lucia's adapter writes it. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Failed-login counters, one row per account and per IP (see app/auth/throttle.server.ts). */
export const loginThrottle = sqliteTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
  lastFailureAt: integer("last_failure_at", { mode: "timestamp_ms" }).notNull(),
});

// ── Networks ────────────────────────────────────────────────────────────

export const networks = sqliteTable(
  "networks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    region: text("region").notNull(),
    /** IANA zone; Russia spans eleven, deadlines and dates use it. */
    timeZone: text("time_zone").notNull(),
    description: text("description").notNull().default(""),
    visibility: text("visibility", { enum: ["public", "members"] })
      .notNull()
      .default("public"),
    firstResponseHours: integer("first_response_hours").notNull().default(24),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("networks_slug_unique").on(t.slug)],
);

export const memberships = sqliteTable(
  "memberships",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    networkId: integer("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    isMentor: integer("is_mentor", { mode: "boolean" }).notNull().default(false),
    isModerator: integer("is_moderator", { mode: "boolean" }).notNull().default(false),
    silencedUntil: integer("silenced_until", { mode: "timestamp_ms" }),
    silencedReason: text("silenced_reason"),
    joinedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.networkId] }),
    index("memberships_network_idx").on(t.networkId),
    // Staff lookups run on every page of a network; these stay tiny.
    index("memberships_mentors_idx")
      .on(t.networkId)
      .where(sql`is_mentor = 1`),
    index("memberships_moderators_idx")
      .on(t.networkId)
      .where(sql`is_moderator = 1`),
  ],
);

// ── Threads and posts ───────────────────────────────────────────────────

export const threads = sqliteTable(
  "threads",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    networkId: integer("network_id")
      .notNull()
      .references(() => networks.id),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: ["question", "discussion"] }).notNull(),
    title: text("title").notNull(),
    slug: text("slug").notNull(),
    moduleId: integer("module_id").references(() => courseModules.id, {
      onDelete: "set null",
    }),
    acceptedPostId: integer("accepted_post_id"),
    acceptedById: integer("accepted_by_id").references(() => users.id),
    acceptedComment: text("accepted_comment"),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
    answerCount: integer("answer_count").notNull().default(0),
    score: integer("score").notNull().default(0),
    meTooCount: integer("me_too_count").notNull().default(0),
    lockedAt: integer("locked_at", { mode: "timestamp_ms" }),
    lockReason: text("lock_reason"),
    pinnedAt: integer("pinned_at", { mode: "timestamp_ms" }),
    duplicateOfId: integer("duplicate_of_id"),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    /** Imported threads keep their source link and licence (CC BY-SA). */
    sourceUrl: text("source_url"),
    sourceLicence: text("source_licence"),
    lastActivityAt: integer("last_activity_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("threads_network_activity_idx").on(t.networkId, t.lastActivityAt),
    index("threads_activity_idx").on(t.lastActivityAt),
    index("threads_author_idx").on(t.authorId),
    index("threads_module_idx").on(t.moduleId),
    // A network's live threads in activity order, carrying what the list views filter on: the
    // page and every view's count read only this index (13,000 threads: 20-390 ms -> about 1 ms).
    index("threads_network_live_idx")
      .on(t.networkId, t.lastActivityAt, t.kind, t.acceptedPostId, t.answerCount, t.pinnedAt)
      .where(sql`deleted_at IS NULL`),
    uniqueIndex("threads_source_unique").on(t.sourceUrl),
  ],
);

export const posts = sqliteTable(
  "posts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    /** The question (or discussion opener) is the thread's first post. */
    isOpening: integer("is_opening", { mode: "boolean" }).notNull().default(false),
    bodySource: text("body_source").notNull(),
    /** "Cooked" HTML, rendered once on write by app/markdown. */
    bodyHtml: text("body_html").notNull(),
    score: integer("score").notNull().default(0),
    hiddenAt: integer("hidden_at", { mode: "timestamp_ms" }),
    hiddenReason: text("hidden_reason"),
    /** A new account's link-heavy first post waits for a moderator. */
    pendingReview: integer("pending_review", { mode: "boolean" }).notNull().default(false),
    editedAt: integer("edited_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("posts_thread_idx").on(t.threadId, t.createdAt), index("posts_author_idx").on(t.authorId)],
);

export const postRevisions = sqliteTable(
  "post_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    editorId: integer("editor_id")
      .notNull()
      .references(() => users.id),
    /** The version before this edit. */
    bodySource: text("body_source").notNull(),
    title: text("title"),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (t) => [index("post_revisions_post_idx").on(t.postId)],
);

export const tags = sqliteTable(
  "tags",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    networkId: integer("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("tags_network_name_unique").on(t.networkId, t.name)],
);

export const threadTags = sqliteTable(
  "thread_tags",
  {
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.tagId] }), index("thread_tags_tag_idx").on(t.tagId)],
);

export const votes = sqliteTable(
  "votes",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    value: integer("value").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.postId] }), check("votes_value_check", sql`${t.value} in (-1, 1)`)],
);

/** "I have this question too" and plain following; both get told about an accepted answer. */
export const threadFollowers = sqliteTable(
  "thread_followers",
  {
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    meToo: integer("me_too", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.userId] })],
);

// ── Mentoring ───────────────────────────────────────────────────────────

export const mentorProfiles = sqliteTable(
  "mentor_profiles",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    networkId: integer("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    capacity: integer("capacity").notNull().default(5),
    awayUntil: integer("away_until", { mode: "timestamp_ms" }),
    lastAssignedAt: integer("last_assigned_at", { mode: "timestamp_ms" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.networkId] })],
);

export const mentorTags = sqliteTable(
  "mentor_tags",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    networkId: integer("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.networkId, t.tagId] })],
);

export const mentorAssignments = sqliteTable(
  "mentor_assignments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    networkId: integer("network_id")
      .notNull()
      .references(() => networks.id),
    /** Null while the question waits in the moderators' "needs a mentor" queue. */
    mentorId: integer("mentor_id").references(() => users.id),
    status: text("status", {
      enum: ["open", "met", "missed", "handed_off", "declined", "reassigned", "closed"],
    }).notNull(),
    explanation: text("explanation"),
    note: text("note"),
    assignedAt: integer("assigned_at", { mode: "timestamp_ms" }).notNull(),
    deadlineAt: integer("deadline_at", { mode: "timestamp_ms" }),
    acknowledgedAt: integer("acknowledged_at", { mode: "timestamp_ms" }),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("mentor_assignments_thread_idx").on(t.threadId),
    index("mentor_assignments_open_idx").on(t.status, t.deadlineAt),
    index("mentor_assignments_mentor_idx").on(t.mentorId, t.status),
    /** At most one open assignment per thread: a second sweep or a race cannot double-assign. */
    uniqueIndex("mentor_assignments_one_open_unique")
      .on(t.threadId)
      .where(sql`${t.status} = 'open'`),
  ],
);

// ── Moderation ──────────────────────────────────────────────────────────

export const flags = sqliteTable(
  "flags",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason", {
      enum: ["spam", "rude", "off_topic", "wrong_network", "duplicate", "other"],
    }).notNull(),
    note: text("note"),
    resolvedAt: integer("resolved_at", { mode: "timestamp_ms" }),
    resolution: text("resolution", { enum: ["kept", "hidden", "deleted"] }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("flags_post_user_unique").on(t.postId, t.userId), index("flags_open_idx").on(t.resolvedAt)],
);

/** Append-only: triggers (migration 0005) refuse every update and delete of these rows. */
export const moderationLog = sqliteTable(
  "moderation_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    networkId: integer("network_id").references(() => networks.id),
    actorId: integer("actor_id")
      .notNull()
      .references(() => users.id),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: integer("target_id").notNull(),
    reason: text("reason"),
    details: text("details", { mode: "json" }),
    createdAt: createdAt(),
  },
  (t) => [index("moderation_log_network_idx").on(t.networkId, t.createdAt)],
);

export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    threadId: integer("thread_id").references(() => threads.id, { onDelete: "cascade" }),
    postId: integer("post_id").references(() => posts.id, { onDelete: "cascade" }),
    data: text("data", { mode: "json" }),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.readAt), index("notifications_thread_kind_idx").on(t.threadId, t.kind)],
);

// ── Knowledge base ──────────────────────────────────────────────────────

export const kbEntries = sqliteTable("kb_entries", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  networkId: integer("network_id")
    .notNull()
    .references(() => networks.id, { onDelete: "cascade" }),
  title: text("title").notNull(),
  summarySource: text("summary_source").notNull(),
  summaryHtml: text("summary_html").notNull(),
  authorId: integer("author_id")
    .notNull()
    .references(() => users.id),
  reviewedAt: integer("reviewed_at", { mode: "timestamp_ms" }).notNull(),
  needsReview: integer("needs_review", { mode: "boolean" }).notNull().default(false),
  createdAt: createdAt(),
});

export const kbEntryThreads = sqliteTable(
  "kb_entry_threads",
  {
    entryId: integer("entry_id")
      .notNull()
      .references(() => kbEntries.id, { onDelete: "cascade" }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.threadId] })],
);

export const kbEntryTags = sqliteTable(
  "kb_entry_tags",
  {
    entryId: integer("entry_id")
      .notNull()
      .references(() => kbEntries.id, { onDelete: "cascade" }),
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.tagId] })],
);

export const kbFeedback = sqliteTable(
  "kb_feedback",
  {
    entryId: integer("entry_id")
      .notNull()
      .references(() => kbEntries.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    helpful: integer("helpful", { mode: "boolean" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.userId] })],
);

// ── Courses and announcements ───────────────────────────────────────────

export const courses = sqliteTable("courses", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  networkId: integer("network_id")
    .notNull()
    .references(() => networks.id, { onDelete: "cascade" }),
  title: text("title").notNull(),
  description: text("description").notNull().default(""),
  startsOn: text("starts_on"),
  endsOn: text("ends_on"),
  enrolment: text("enrolment", { enum: ["open", "list"] })
    .notNull()
    .default("open"),
  /** Working days (Monday to Friday, in the network's zone) a curator has to review handed-in work. */
  reviewDays: integer("review_days").notNull().default(2),
  createdById: integer("created_by_id")
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
});

export const courseCurators = sqliteTable(
  "course_curators",
  {
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.userId] })],
);

export const courseEnrolments = sqliteTable(
  "course_enrolments",
  {
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    enrolledAt: createdAt(),
    /** The teacher's group in this course (null: none, or the course has no groups). */
    groupId: integer("group_id").references(() => courseGroups.id, { onDelete: "set null" }),
    /** The last time the teacher opened a page of the course, written at most once an hour. */
    lastVisitAt: integer("last_visit_at", { mode: "timestamp_ms" }),
    /** The last "you have not taken part for a week" reminder a curator sent. */
    remindedAt: integer("reminded_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    primaryKey({ columns: [t.courseId, t.userId] }),
    index("course_enrolments_user_idx").on(t.userId),
    index("course_enrolments_group_idx").on(t.groupId),
  ],
);

/**
 * Emails on a course's enrolment list that have no account yet: the teacher is
 * enrolled when they register (or join the network) with that address.
 */
export const courseInvites = sqliteTable(
  "course_invites",
  {
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    /** Lower-cased and trimmed, as users.email. */
    email: text("email").notNull(),
    invitedById: integer("invited_by_id").references(() => users.id, { onDelete: "set null" }),
    invitedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.email] }), index("course_invites_email_idx").on(t.email)],
);

export const courseModules = sqliteTable(
  "course_modules",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    materials: text("materials").notNull().default(""),
    dueOn: text("due_on"),
  },
  (t) => [index("course_modules_course_idx").on(t.courseId, t.position)],
);

export const announcements = sqliteTable(
  "announcements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    networkId: integer("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    /** Null: to the whole network. */
    courseId: integer("course_id").references(() => courses.id, { onDelete: "cascade" }),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    bodySource: text("body_source").notNull(),
    bodyHtml: text("body_html").notNull(),
    ackRequired: integer("ack_required", { mode: "boolean" }).notNull().default(false),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }).notNull(),
    editedAt: integer("edited_at", { mode: "timestamp_ms" }),
    /** Last "remind those who have not read it"; reminders are spaced out. */
    lastRemindedAt: integer("last_reminded_at", { mode: "timestamp_ms" }),
    /** Withdrawn by its author or a moderator: no longer shown or counted as pending. */
    withdrawnAt: integer("withdrawn_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("announcements_network_idx").on(t.networkId, t.publishedAt),
    index("announcements_course_idx").on(t.courseId, t.publishedAt),
  ],
);

/** One row per user per announcement; counts are always derived from these. */
export const acknowledgements = sqliteTable(
  "acknowledgements",
  {
    announcementId: integer("announcement_id")
      .notNull()
      .references(() => announcements.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    acknowledgedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.announcementId, t.userId] })],
);

// ── Course work (docs/decisions/025-course-work.md) ──────────────────────

/** A course split into small groups, each with its own curators (a crowd of 300 is many groups of 25). */
export const courseGroups = sqliteTable(
  "course_groups",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("course_groups_course_idx").on(t.courseId, t.position)],
);

/** A group's curators: curators of the course (course_curators) who review this group's work. */
export const courseGroupCurators = sqliteTable(
  "course_group_curators",
  {
    groupId: integer("group_id")
      .notNull()
      .references(() => courseGroups.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("course_group_curators_user_idx").on(t.userId)],
);

/** A task of a module: what the teacher hands in. */
export const tasks = sqliteTable(
  "tasks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    moduleId: integer("module_id")
      .notNull()
      .references(() => courseModules.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    title: text("title").notNull(),
    /** Markdown source and its sanitised HTML. */
    instructions: text("instructions").notNull().default(""),
    instructionsHtml: text("instructions_html").notNull().default(""),
    expects: text("expects", { enum: ["text", "files", "both"] })
      .notNull()
      .default("text"),
    /** The end of the due day in the network's zone (null: no due date). */
    dueAt: integer("due_at", { mode: "timestamp_ms" }),
    lateAllowed: integer("late_allowed", { mode: "boolean" }).notNull().default(true),
    /** Required tasks make the course complete when all are accepted. */
    required: integer("required", { mode: "boolean" }).notNull().default(true),
    /** The checklist of criteria, one per line (at most a few); the review comments on each. */
    criteria: text("criteria", { mode: "json" }).$type<string[]>().notNull().default([]),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("tasks_module_idx").on(t.moduleId, t.position)],
);

/** A task with variants: each teacher gets one, spread evenly over the course. */
export const taskVariants = sqliteTable(
  "task_variants",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    /** Markdown source and its HTML. */
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
  },
  (t) => [uniqueIndex("task_variants_task_position_unique").on(t.taskId, t.position)],
);

/**
 * One teacher's work on one task. `status`: new (a variant given, nothing written yet), draft,
 * submitted (waiting for review), revise (needs revision: the teacher writes the next version),
 * accepted. The text lives in its versions; the newest one is the draft while not handed in.
 */
export const works = sqliteTable(
  "works",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    variantId: integer("variant_id").references(() => taskVariants.id, { onDelete: "set null" }),
    status: text("status", { enum: ["new", "draft", "submitted", "revise", "accepted"] })
      .notNull()
      .default("new"),
    /** When the newest version was handed in, and when its review is due (working days in the network's zone). */
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    reviewDueAt: integer("review_due_at", { mode: "timestamp_ms" }),
    /** The deadline machinery's marks, at most once per handed-in version (cleared at the next hand-in). */
    reviewWarnedAt: integer("review_warned_at", { mode: "timestamp_ms" }),
    escalatedAt: integer("escalated_at", { mode: "timestamp_ms" }),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("works_task_user_unique").on(t.taskId, t.userId),
    index("works_user_idx").on(t.userId),
    index("works_status_idx").on(t.taskId, t.status, t.submittedAt),
    index("works_review_due_idx").on(t.status, t.reviewDueAt),
  ],
);

/** Every version of a work is kept; the newest, while `submittedAt` is null, is the teacher's draft. */
export const workVersions = sqliteTable(
  "work_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    workId: integer("work_id")
      .notNull()
      .references(() => works.id, { onDelete: "cascade" }),
    /** 1, 2, 3… in the order handed in. */
    number: integer("number").notNull(),
    body: text("body").notNull().default(""),
    bodyHtml: text("body_html").notNull().default(""),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    /** Handed in after the task's due date. */
    late: integer("late", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("work_versions_work_number_unique").on(t.workId, t.number)],
);

/** A curator's review of one handed-in version: a verdict, always with a comment; the teacher may reply once. */
export const reviews = sqliteTable(
  "reviews",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    versionId: integer("version_id")
      .notNull()
      .references(() => workVersions.id, { onDelete: "cascade" }),
    reviewerId: integer("reviewer_id").references(() => users.id, { onDelete: "set null" }),
    verdict: text("verdict", { enum: ["accepted", "revise"] }).notNull(),
    comment: text("comment").notNull(),
    commentHtml: text("comment_html").notNull(),
    /** Per criterion of the task, in its order: met or not, and what to improve. */
    criteria: text("criteria", { mode: "json" }).$type<Array<{ criterion: string; met: boolean; note: string }>>().notNull().default([]),
    /** When the review was written; hand-in to review is the course report's figure. */
    reviewedAt: createdAt(),
    reply: text("reply"),
    replyHtml: text("reply_html"),
    repliedAt: integer("replied_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("reviews_version_unique").on(t.versionId), index("reviews_reviewer_idx").on(t.reviewerId, t.reviewedAt)],
);

// ── Files ───────────────────────────────────────────────────────────────

/**
 * A file's bytes, stored once per content: `hash` is the SHA-256 of the bytes as uploaded, so
 * the same worksheet uploaded twice is one blob. What is stored may differ from what was
 * uploaded (an image is re-encoded without its EXIF); `mime` and `byteSize` describe what is
 * stored. Its bytes and previews are stored under `storageKey`, the hash and a random part
 * made with the row: a blob purged and uploaded again gets a new key, so removing the old
 * bytes can never remove the new ones (app/files/purge.server.ts).
 */
export const fileBlobs = sqliteTable("file_blobs", {
  hash: text("hash").primaryKey(),
  storageKey: text("storage_key").notNull(),
  format: text("format").notNull(),
  mime: text("mime").notNull(),
  byteSize: integer("byte_size").notNull(),
  width: integer("width"),
  height: integer("height"),
  /** Page count of a document, where it is cheap to know; null otherwise. */
  pages: integer("pages"),
  /** The preview widths stored, "320,640" (images only). */
  previewWidths: text("preview_widths").notNull().default(""),
  createdAt: createdAt(),
});

/**
 * One file as a person attached it: its name, who uploaded it, and what it belongs to. Until it
 * belongs to something it is the uploader's alone (a form being written) and is removed after a
 * day; a removed post keeps its files for moderators for 30 days (`purgeAfter`).
 */
export const attachments = sqliteTable(
  "attachments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    blobHash: text("blob_hash")
      .notNull()
      .references(() => fileBlobs.hash),
    uploaderId: integer("uploader_id")
      .notNull()
      .references(() => users.id),
    /** The name shown and offered on download, sanitised; never a path. */
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** Bytes as uploaded: what the daily total counts. */
    uploadedBytes: integer("uploaded_bytes").notNull(),
    postId: integer("post_id").references(() => posts.id, { onDelete: "cascade" }),
    moduleId: integer("module_id").references(() => courseModules.id, { onDelete: "cascade" }),
    kbEntryId: integer("kb_entry_id").references(() => kbEntries.id, { onDelete: "cascade" }),
    /** A teacher's handed-in work: the version (draft or handed in) the file belongs to; private like the work. */
    workVersionId: integer("work_version_id").references(() => workVersions.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    attachedAt: integer("attached_at", { mode: "timestamp_ms" }),
    removedAt: integer("removed_at", { mode: "timestamp_ms" }),
    removedById: integer("removed_by_id").references(() => users.id),
    removedReason: text("removed_reason"),
    /** When the row goes (and its blob, if nothing else holds it): an orphan after a day, a removed post's after 30. */
    purgeAfter: integer("purge_after", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("attachments_post_idx").on(t.postId),
    index("attachments_module_idx").on(t.moduleId),
    index("attachments_kb_entry_idx").on(t.kbEntryId),
    index("attachments_work_version_idx").on(t.workVersionId),
    index("attachments_uploader_idx").on(t.uploaderId, t.createdAt),
    index("attachments_blob_idx").on(t.blobHash),
    index("attachments_purge_idx").on(t.purgeAfter),
  ],
);

// ── Search ──────────────────────────────────────────────────────────────

/** Written in the same transaction as the change; the search worker delivers it. */
export const searchOutbox = sqliteTable(
  "search_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entity: text("entity", { enum: ["thread", "kb_entry"] }).notNull(),
    entityId: integer("entity_id").notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
    deliveredAt: integer("delivered_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("search_outbox_pending_idx").on(t.deliveredAt, t.nextAttemptAt)],
);

import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "../../db/index";
import { getDb, schema } from "../../db/index";
import { announcementPath, kbEntryPath, modulePath, postInThreadPath, threadPath } from "~/paths";
import { readableNetwork } from "~/permissions/visibility.server";

/**
 * What a notification is about. Every kind links to its thread, but the announcement kinds (thread_id null,
 * data.announcementId) and a file taken off module materials or a knowledge-base entry (thread_id null,
 * data.networkId with data.moduleId and data.courseId, or data.kbEntryId).
 */
export type NotificationKind =
  | "answer" // your question got an answer
  | "accepted" // your answer was accepted
  | "solved" // a question you have too was solved
  | "accept_reminder" // an answer waits for your acceptance
  | "assigned" // a question was assigned to you as its mentor
  | "reassigned" // a question assigned to you went to someone else
  | "deadline_soon" // your assignment's deadline is two hours away
  | "escalated" // (moderators) a mentor missed a deadline
  | "needs_mentor" // (moderators) a question waits in the "needs a mentor" queue
  | "announcement_published" // an announcement to you (one that needs no acknowledgement: those are in the banner)
  | "announcement_reminder" // the author asks you to read and acknowledge an announcement
  | WorkNotificationKind
  | ModerationNotificationKind;

/**
 * Course work (app/work): thread_id null; data.networkId, data.courseId, data.placeTitle (the task's title) and
 * data.workId (data.taskId for the teacher's own links). Never the work's text: only who and what.
 */
export type WorkNotificationKind =
  | "work_reviewed" // (teacher) your work was reviewed: accepted or needs revision
  | "review_reply" // (reviewer) the teacher replied to your review
  | "review_soon" // (curators) a handed-in work's review is due soon
  | "review_overdue" // (the course's other curators, moderators) a review is overdue
  | "course_reminder"; // (teacher) a curator asks you to take part in the course again

/** Moderation (app/moderation): the post is in data.postId, so a hidden post's notice still reaches its author. */
export type ModerationNotificationKind =
  | "post_flag_hidden" // your post was hidden by members' flags, pending review
  | "post_hidden" // a moderator hid your post (the reason is shown under it)
  | "post_deleted" // a moderator deleted your post or thread
  | "post_restored" // your post is visible again
  | "post_approved" // your post, held for review, was published
  | "post_edited" // a moderator edited your post (the reason is in its history)
  | "flag_kept" // (flaggers) a moderator looked at the post and kept it
  | "flag_hidden" // (flaggers) a moderator hid the post you flagged
  | "flag_deleted" // (flaggers) a moderator deleted the post you flagged
  | "thread_duplicate" // your thread was closed as a duplicate
  | "thread_moved" // your thread was moved to another network
  | "attachment_removed"; // a moderator took your file off a post (data.postId), a module or an entry; data.name, data.reason

export function notify(
  tx: Tx,
  rows: Array<{ userId: number; kind: NotificationKind; threadId?: number; postId?: number; data?: unknown; createdAt?: Date }>,
): void {
  if (rows.length === 0) return;
  tx.insert(schema.notifications).values(rows).run();
}

/** A phone screen of notifications. */
export const NOTIFICATIONS_PER_PAGE = 30;

/**
 * Hidden content stays hidden here too: nothing about a deleted thread (but to its author,
 * who is told why) or a hidden post,
 * nothing from a members-only network the reader has left. The bell counts the same rows.
 */
const visibleTo = (userId: number) => sql`
  n.user_id = ${userId}
  and (t.deleted_at is null or t.author_id = n.user_id)
  and an.withdrawn_at is null
  and (n.post_id is null or p.hidden_at is null)
  and ${readableNetwork(userId, { id: sql`w.id`, visibility: sql`w.visibility` })}`;

// A notification is about a thread or (thread_id null) an announcement, or names its network (a module's or an entry's file).
const fromVisible = sql`
  from notifications n
  left join threads t on t.id = n.thread_id
  left join announcements an on n.thread_id is null and an.id = json_extract(n.data, '$.announcementId')
  join networks w on w.id = coalesce(t.network_id, an.network_id, json_extract(n.data, '$.networkId'))
  left join posts p on p.id = n.post_id`;

export function unreadCount(userId: number): number {
  const row = getDb().get<{ n: number }>(sql`select count(*) as n ${fromVisible} where ${visibleTo(userId)} and n.read_at is null`);
  return row?.n ?? 0;
}

export type NotificationRow = {
  id: number;
  kind: NotificationKind;
  data: Record<string, unknown>;
  read: boolean;
  createdAt: Date;
  /** Null for the announcement kinds; threadTitle is then the announcement's title (or the module's, the entry's: data.placeTitle). */
  threadId: number | null;
  announcementId: number | null;
  threadTitle: string;
  threadSlug: string;
  threadKind: "question" | "discussion";
  /** For mentoring kinds: whether the assignment it is about is still open. */
  assignmentOpen: boolean;
  networkName: string;
  timeZone: string;
  /** Who did it, when the kind has a person: the answer's author, the one who accepted, the other mentor. */
  names: Record<string, string>;
};

type RawRow = {
  id: number;
  kind: NotificationKind;
  data: string | null;
  read_at: number | null;
  created_at: number;
  thread_id: number | null;
  announcement_id: number | null;
  title: string;
  slug: string;
  network_name: string;
  time_zone: string;
  post_author: string | null;
  accepted_by: string | null;
  thread_kind: "question" | "discussion";
  assignment_status: string | null;
};

/** Newest first; names of people mentioned in the mentoring kinds are looked up in one query. */
export function listNotifications(userId: number, page: number): { rows: NotificationRow[]; total: number; unread: number } {
  const db = getDb();
  const raw = db.all<RawRow>(sql`
    select n.id, n.kind, n.data, n.read_at, n.created_at, t.id as thread_id, an.id as announcement_id,
      coalesce(t.title, an.title, json_extract(n.data, '$.placeTitle'), '') as title, coalesce(t.slug, '') as slug,
      w.name as network_name, w.time_zone,
      (select display_name from users where id = p.author_id) as post_author,
      (select display_name from users where id = t.accepted_by_id) as accepted_by,
      coalesce(t.kind, 'discussion') as thread_kind,
      (select status from mentor_assignments where id = json_extract(n.data, '$.assignmentId')) as assignment_status
    ${fromVisible}
    where ${visibleTo(userId)}
    order by n.created_at desc, n.id desc
    limit ${NOTIFICATIONS_PER_PAGE} offset ${(Math.max(1, page) - 1) * NOTIFICATIONS_PER_PAGE}`);
  const counts = db.get<{ total: number; unread: number }>(sql`
    select count(*) as total, coalesce(sum(n.read_at is null), 0) as unread ${fromVisible} where ${visibleTo(userId)}`);
  const parsed = raw.map((r) => ({ ...r, parsed: (r.data ? JSON.parse(r.data) : {}) as Record<string, unknown> }));
  const ids = new Set<number>();
  for (const r of parsed) for (const key of ["fromId", "toId", "byId"]) if (typeof r.parsed[key] === "number") ids.add(r.parsed[key]);
  const people = new Map(
    ids.size === 0
      ? []
      : db
          .select({ id: schema.users.id, name: schema.users.displayName })
          .from(schema.users)
          .where(inArray(schema.users.id, [...ids]))
          .all()
          .map((u) => [u.id, u.name] as const),
  );
  const rows = parsed.map((r): NotificationRow => {
    const names: Record<string, string> = {};
    if (r.kind === "answer" && r.post_author) names.actor = r.post_author;
    if (r.kind === "accepted" && r.accepted_by) names.actor = r.accepted_by;
    for (const key of ["fromId", "toId", "byId"] as const) {
      const id = r.parsed[key];
      if (typeof id === "number" && people.has(id)) names[key.replace(/Id$/, "")] = people.get(id)!;
    }
    return {
      id: r.id,
      kind: r.kind,
      data: r.parsed,
      read: r.read_at !== null,
      createdAt: new Date(r.created_at),
      threadId: r.thread_id,
      announcementId: r.announcement_id,
      threadTitle: r.title,
      threadSlug: r.slug,
      threadKind: r.thread_kind,
      assignmentOpen: r.assignment_status === "open",
      networkName: r.network_name,
      timeZone: r.time_zone,
      names,
    };
  });
  return { rows, total: counts.total, unread: counts.unread };
}

export function markRead(userId: number, notificationId: number, now = new Date()): void {
  getDb()
    .update(schema.notifications)
    .set({ readAt: now })
    .where(and(eq(schema.notifications.id, notificationId), eq(schema.notifications.userId, userId), isNull(schema.notifications.readAt)))
    .run();
}

export function markAllRead(userId: number, now = new Date()): number {
  return getDb()
    .update(schema.notifications)
    .set({ readAt: now })
    .where(and(eq(schema.notifications.userId, userId), isNull(schema.notifications.readAt)))
    .run().changes;
}

/**
 * Following a notification marks it read and says where it leads: the post it is about
 * (the thread route finds its page), or the thread. Undefined when it is not the reader's
 * or no longer visible to them.
 */
export function openNotification(userId: number, notificationId: number, now = new Date()): string | undefined {
  const row = getDb().get<{
    thread_id: number | null;
    announcement_id: number | null;
    slug: string;
    post_id: number | null;
    kind: string;
    data: string | null;
    network_slug: string;
  }>(sql`
    select t.id as thread_id, an.id as announcement_id, t.slug, n.post_id, n.kind, n.data, w.slug as network_slug ${fromVisible}
    where ${visibleTo(userId)} and n.id = ${notificationId}`);
  if (!row) return undefined;
  markRead(userId, notificationId, now);
  const data = (row.data ? JSON.parse(row.data) : {}) as Record<string, unknown>;
  const id = (key: string) => (typeof data[key] === "number" ? data[key] : null);
  if (row.thread_id === null) {
    const [moduleId, courseId, kbEntryId] = [id("moduleId"), id("courseId"), id("kbEntryId")];
    if (moduleId !== null && courseId !== null) return modulePath(row.network_slug, courseId, moduleId);
    if (kbEntryId !== null) return kbEntryPath(row.network_slug, kbEntryId);
    return announcementPath(row.announcement_id ?? 0);
  }
  const thread = { id: row.thread_id, slug: row.slug };
  // A removed file's notice is about its post even when the post is hidden (data.postId): it leads there.
  const postId = row.post_id ?? (row.kind === "attachment_removed" ? id("postId") : null);
  return postId === null ? threadPath(thread) : postInThreadPath(thread, postId);
}

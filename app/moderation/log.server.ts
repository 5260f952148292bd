/**
 * The audit log: every moderation action, who, when, what and why. Append-only — this
 * module only inserts, and the database itself refuses any update or delete of an entry
 * (triggers, migration 0005); each entry is written in the transaction of the change it records.
 */
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { getDb, schema, type Tx } from "../../db/index";

const { moderationLog, users, networks } = schema;

export const LOG_ACTIONS = [
  "post.hold",
  "post.flag_hide",
  "post.approve",
  "post.keep",
  "post.hide",
  "post.restore",
  "post.delete",
  "post.edit",
  "thread.delete",
  "thread.restore",
  "thread.lock",
  "thread.unlock",
  "thread.pin",
  "thread.unpin",
  "thread.move",
  "thread.duplicate",
  "thread.reopen",
  "member.silence",
  "member.unsilence",
  "account.suspend",
  "account.unsuspend",
  "kb.create",
  "kb.update",
  "kb.review",
  "kb.delete",
  "attachment.remove",
] as const;
export type LogAction = (typeof LOG_ACTIONS)[number];
export type LogTarget = "post" | "thread" | "user" | "kb_entry" | "attachment";

export type LogEntry = {
  networkId: number | null;
  actorId: number;
  action: LogAction;
  targetType: LogTarget;
  targetId: number;
  reason?: string | null;
  details?: Record<string, unknown>;
};

export function logAction(tx: Tx, entry: LogEntry, now: Date): void {
  tx.insert(moderationLog)
    .values({ ...entry, reason: entry.reason ?? null, details: entry.details ?? null, createdAt: now })
    .run();
}

export const LOG_PER_PAGE = 50;

const about = (userId: number) => sql`(
  (${moderationLog.targetType} = 'user' and ${moderationLog.targetId} = ${userId})
  or (${moderationLog.targetType} = 'post' and ${moderationLog.targetId} in (select id from posts where author_id = ${userId}))
  or (${moderationLog.targetType} = 'thread' and ${moderationLog.targetId} in (select id from threads where author_id = ${userId}))
  or (${moderationLog.targetType} = 'attachment' and ${moderationLog.targetId} in (select id from attachments where uploader_id = ${userId})))`;

export type LogRow = {
  id: number;
  networkId: number | null;
  networkName: string | null;
  timeZone: string | null;
  actorId: number;
  actorName: string;
  action: LogAction;
  targetType: LogTarget;
  targetId: number;
  /** What the target is called now: a thread's title, a member's name, an entry's title, a file's name. */
  targetLabel: string | null;
  /** Where the target lives now, when it still exists. */
  targetThreadId: number | null;
  targetThreadSlug: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
};

/**
 * Newest first, within the networks the reader moderates (site-wide entries, such as
 * suspensions, only for admins). Keyset-paged by id, so a long log stays fast.
 */
export function listLog(options: {
  networkIds: number[];
  includeSiteWide: boolean;
  before?: number | null;
  action?: string | null;
  /** Only entries about this member: actions on them, their posts and their threads. */
  aboutUserId?: number;
  limit?: number;
}): { rows: LogRow[]; next: number | null } {
  const limit = options.limit ?? LOG_PER_PAGE;
  const scope = options.includeSiteWide
    ? sql`(${moderationLog.networkId} is null or ${inArray(moderationLog.networkId, options.networkIds.length ? options.networkIds : [-1])})`
    : inArray(moderationLog.networkId, options.networkIds.length ? options.networkIds : [-1]);
  const rows = getDb()
    .select({
      id: moderationLog.id,
      networkId: moderationLog.networkId,
      networkName: networks.name,
      timeZone: networks.timeZone,
      actorId: moderationLog.actorId,
      actorName: users.displayName,
      action: moderationLog.action,
      targetType: moderationLog.targetType,
      targetId: moderationLog.targetId,
      reason: moderationLog.reason,
      details: moderationLog.details,
      createdAt: moderationLog.createdAt,
      targetLabel: sql<string | null>`case ${moderationLog.targetType}
        when 'thread' then (select title from threads where id = ${moderationLog.targetId})
        when 'post' then (select t.title from posts p join threads t on t.id = p.thread_id where p.id = ${moderationLog.targetId})
        when 'user' then (select display_name from users where id = ${moderationLog.targetId})
        when 'kb_entry' then coalesce((select title from kb_entries where id = ${moderationLog.targetId}), json_extract(${moderationLog.details}, '$.title'))
        when 'attachment' then coalesce((select name from attachments where id = ${moderationLog.targetId}), json_extract(${moderationLog.details}, '$.name'))
      end`,
      targetThreadId: sql<number | null>`case ${moderationLog.targetType}
        when 'thread' then (select id from threads where id = ${moderationLog.targetId})
        when 'post' then (select thread_id from posts where id = ${moderationLog.targetId})
      end`,
      targetThreadSlug: sql<string | null>`case ${moderationLog.targetType}
        when 'thread' then (select slug from threads where id = ${moderationLog.targetId})
        when 'post' then (select t.slug from posts p join threads t on t.id = p.thread_id where p.id = ${moderationLog.targetId})
      end`,
    })
    .from(moderationLog)
    .innerJoin(users, eq(users.id, moderationLog.actorId))
    .leftJoin(networks, eq(networks.id, moderationLog.networkId))
    .where(
      and(
        scope,
        options.before ? lt(moderationLog.id, options.before) : undefined,
        options.action ? eq(moderationLog.action, options.action) : undefined,
        options.aboutUserId === undefined ? undefined : about(options.aboutUserId),
      ),
    )
    .orderBy(desc(moderationLog.id))
    .limit(limit + 1)
    .all();
  const page = rows.slice(0, limit).map((r) => ({
    ...r,
    action: r.action as LogAction,
    targetType: r.targetType as LogTarget,
    details: (r.details ?? {}) as Record<string, unknown>,
  }));
  return { rows: page, next: rows.length > limit ? page[page.length - 1]!.id : null };
}

/**
 * The review queue of /mod: posts with open flags in the networks a moderator answers for.
 * Hidden and held posts come first (members cannot see them until someone decides), then
 * the longest-waiting. One grouped query over the open-flags index finds the page; a few
 * keyed queries fill it in.
 */
import { eq, inArray, sql } from "drizzle-orm";
import { getDb, schema } from "../../db/index";
import { htmlToText } from "../../search/documents";
import { flagsOn, HELD_NOTE } from "./flags.server";
import { isModeratorAnywhere, moderatedNetworks } from "./scope.server";

const { posts, threads, users, networks } = schema;

export const QUEUE_PER_PAGE = 20;
/** Enough of a post to judge it in the queue; the whole post is one link away. */
const EXCERPT_CHARS = 600;

export function flagQueue(networkIds: number[], page: number) {
  const db = getDb();
  if (networkIds.length === 0) return { items: [], total: 0, page: 1, pageCount: 1 };
  const inScope = sql`t.network_id in (${sql.join(
    networkIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;
  const total =
    db.get<{ n: number }>(sql`
      select count(distinct f.post_id) as n
      from flags f join posts p on p.id = f.post_id join threads t on t.id = p.thread_id
      where f.resolved_at is null and ${inScope}`)?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / QUEUE_PER_PAGE));
  const current = Math.min(Math.max(1, page), pageCount);
  const keys = db.all<{ post_id: number; waiting_since: number }>(sql`
    select f.post_id, min(f.created_at) as waiting_since
    from flags f join posts p on p.id = f.post_id join threads t on t.id = p.thread_id
    where f.resolved_at is null and ${inScope}
    group by f.post_id
    order by max(p.hidden_at is not null) desc, waiting_since asc, f.post_id asc
    limit ${QUEUE_PER_PAGE} offset ${(current - 1) * QUEUE_PER_PAGE}`);
  const ids = keys.map((k) => k.post_id);
  if (ids.length === 0) return { items: [], total, page: current, pageCount };
  const rows = db
    .select({
      id: posts.id,
      threadId: posts.threadId,
      isOpening: posts.isOpening,
      authorId: posts.authorId,
      authorName: users.displayName,
      bodyHtml: posts.bodyHtml,
      hiddenAt: posts.hiddenAt,
      hiddenReason: posts.hiddenReason,
      pendingReview: posts.pendingReview,
      createdAt: posts.createdAt,
      threadTitle: threads.title,
      threadSlug: threads.slug,
      networkId: threads.networkId,
      networkSlug: networks.slug,
      networkName: networks.name,
      timeZone: networks.timeZone,
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(networks, eq(networks.id, threads.networkId))
    .innerJoin(users, eq(users.id, posts.authorId))
    .where(inArray(posts.id, ids))
    .all();
  const allFlags = flagsOn(ids).filter((f) => f.resolvedAt === null);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = keys.flatMap((k) => {
    const post = byId.get(k.post_id);
    if (!post) return [];
    const open = allFlags.filter((f) => f.postId === post.id);
    const held = open.some((f) => f.userId === post.authorId && f.note === HELD_NOTE);
    const { bodyHtml, ...rest } = post;
    const text = htmlToText(bodyHtml);
    return [
      {
        ...rest,
        excerpt: text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text,
        waitingSince: new Date(k.waiting_since),
        held,
        flags: open.filter((f) => f.userId !== post.authorId),
      },
    ];
  });
  return { items, total, page: current, pageCount };
}

/** The header's count, for moderators only: how many posts wait for a decision. */
export function openQueueCount(networkIds: number[]): number {
  if (networkIds.length === 0) return 0;
  return (
    getDb().get<{ n: number }>(sql`
      select count(distinct f.post_id) as n
      from flags f join posts p on p.id = f.post_id join threads t on t.id = p.thread_id
      where f.resolved_at is null and t.network_id in (${sql.join(
        networkIds.map((id) => sql`${id}`),
        sql`, `,
      )})`)?.n ?? 0
  );
}

/** For the header: null for people who moderate nothing (one indexed lookup), else the queue's size. */
export function moderationBadge(user: { id: number; isAdmin: boolean }): number | null {
  if (!isModeratorAnywhere(user)) return null;
  return openQueueCount(moderatedNetworks(user.id).map((n) => n.id));
}

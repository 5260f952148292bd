import { and, desc, eq, exists, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { getDb, schema } from "../../db/index";
import { readableNetwork } from "~/permissions/visibility.server";
import type { ListView } from "./schemas";

const { threads, posts, tags, threadTags, users, networks, memberships } = schema;

export const THREADS_PER_PAGE = 30;

export type ThreadListRow = {
  id: number;
  slug: string;
  title: string;
  kind: "question" | "discussion";
  authorId: number;
  authorName: string;
  answerCount: number;
  score: number;
  meTooCount: number;
  solved: boolean;
  pinned: boolean;
  createdAt: Date;
  lastActivityAt: Date;
  tags: string[];
  networkSlug?: string;
  networkName?: string;
};

function viewFilter(view: ListView, viewerId: number | null): SQL | undefined {
  switch (view) {
    case "active":
      return undefined;
    case "unanswered":
      return eq(threads.answerCount, 0);
    case "unsolved":
      return and(eq(threads.kind, "question"), isNull(threads.acceptedPostId));
    case "solved":
      return isNotNull(threads.acceptedPostId);
    case "mine":
      return viewerId === null ? sql`0` : eq(threads.authorId, viewerId);
    case "answered":
      return viewerId === null
        ? sql`0`
        : // From the viewer's own answers (an index on the author), not from every thread of the
          // network: the EXISTS form took 390 ms on a 13,000-thread network, this one 0.7 ms.
          inArray(
            threads.id,
            getDb()
              .select({ id: posts.threadId })
              .from(posts)
              .where(and(eq(posts.authorId, viewerId), eq(posts.isOpening, false))),
          );
  }
}

function tagFilter(networkId: number, tag: string | null): SQL | undefined {
  if (!tag) return undefined;
  return exists(
    getDb()
      .select({ one: sql`1` })
      .from(threadTags)
      .innerJoin(tags, eq(tags.id, threadTags.tagId))
      .where(and(eq(threadTags.threadId, threads.id), eq(tags.networkId, networkId), eq(tags.name, tag))),
  );
}

const rowColumns = {
  id: threads.id,
  slug: threads.slug,
  title: threads.title,
  kind: threads.kind,
  authorId: threads.authorId,
  authorName: users.displayName,
  answerCount: threads.answerCount,
  score: threads.score,
  meTooCount: threads.meTooCount,
  acceptedPostId: threads.acceptedPostId,
  pinnedAt: threads.pinnedAt,
  createdAt: threads.createdAt,
  lastActivityAt: threads.lastActivityAt,
};

function withTags<T extends { id: number; acceptedPostId: number | null; pinnedAt: Date | null }>(rows: T[]) {
  const names = rows.length
    ? getDb()
        .select({ threadId: threadTags.threadId, name: tags.name })
        .from(threadTags)
        .innerJoin(tags, eq(tags.id, threadTags.tagId))
        .where(
          inArray(
            threadTags.threadId,
            rows.map((r) => r.id),
          ),
        )
        .all()
    : [];
  return rows.map(({ acceptedPostId, pinnedAt, ...row }) => ({
    ...row,
    solved: acceptedPostId !== null,
    pinned: pinnedAt !== null,
    tags: names
      .filter((n) => n.threadId === row.id)
      .map((n) => n.name)
      .sort(),
  }));
}

export const VIEWS_FOR_GUESTS: ListView[] = ["active", "unanswered", "unsolved", "solved"];
/** Views whose filter uses only columns of threads_network_live_idx (migration 0004). */
const COUNTED_IN_LIVE_INDEX = new Set<ListView>(["active", "unanswered", "unsolved", "solved"]);
export const VIEWS_FOR_MEMBERS: ListView[] = [...VIEWS_FOR_GUESTS, "mine", "answered"];

/** One page of a network's threads (or of one course module's) for a view and tag, with the count of every view. */
export function listThreads(options: {
  networkId: number;
  moduleId?: number;
  view: ListView;
  tag: string | null;
  page: number;
  viewerId: number | null;
}) {
  const db = getDb();
  const base = and(
    eq(threads.networkId, options.networkId),
    options.moduleId === undefined ? undefined : eq(threads.moduleId, options.moduleId),
    isNull(threads.deletedAt),
    tagFilter(options.networkId, options.tag),
  );
  const views = options.viewerId === null ? VIEWS_FOR_GUESTS : VIEWS_FOR_MEMBERS;
  const countOf = (view: ListView) => {
    const where = and(base, viewFilter(view, options.viewerId));
    // SQLite's planner picks the (network, last activity) index and reads 13,000 rows of a large
    // network (18 ms a count, five counts a page); the partial live index holds every column these
    // views filter on, so the count never leaves it (about 1 ms). "mine" and "answered" start from
    // the viewer's own rows and stay with the planner; so do module lists (threads_module_idx).
    if (options.moduleId === undefined && COUNTED_IN_LIVE_INDEX.has(view)) {
      return db.get<{ n: number }>(sql`select count(*) as n from ${threads} indexed by threads_network_live_idx where ${where}`).n;
    }
    return db
      .select({ n: sql<number>`count(*)` })
      .from(threads)
      .where(where)
      .get()!.n;
  };
  const counts = Object.fromEntries(views.map((view) => [view, countOf(view)])) as Partial<Record<ListView, number>>;
  const total = counts[options.view] ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / THREADS_PER_PAGE));
  const page = Math.min(Math.max(1, options.page), pageCount);
  // Pinned threads lead the "active" view. Fetched apart, so the rest come straight off the
  // (network, last activity) index instead of sorting the whole network on every request.
  const order = [desc(threads.lastActivityAt), desc(threads.id)];
  const select = (where: SQL | undefined) =>
    db
      .select(rowColumns)
      .from(threads)
      .innerJoin(users, eq(users.id, threads.authorId))
      .where(where)
      .orderBy(...order);
  const start = (page - 1) * THREADS_PER_PAGE;
  // A few pinned threads among thousands: found in the live index (pinned_at is in it; 0.6 ms
  // against 36 ms through the activity index the planner picks), then read by id.
  const pinnedThreads = () => {
    const where = and(base, isNotNull(threads.pinnedAt));
    if (options.moduleId !== undefined) return select(where).all();
    const ids = db.all<{ id: number }>(sql`select id from ${threads} indexed by threads_network_live_idx where ${where}`).map((r) => r.id);
    return ids.length ? select(inArray(threads.id, ids)).all() : [];
  };
  const pinned = options.view === "active" ? pinnedThreads() : [];
  const pinnedShown = pinned.slice(start, start + THREADS_PER_PAGE);
  const rest = select(
    and(base, viewFilter(options.view, options.viewerId), options.view === "active" ? isNull(threads.pinnedAt) : undefined),
  )
    .limit(THREADS_PER_PAGE - pinnedShown.length)
    .offset(Math.max(0, start - pinned.length))
    .all();
  const rows = [...pinnedShown, ...rest];
  return { rows: withTags(rows) as ThreadListRow[], counts, total, page, pageCount, views };
}

/**
 * The home page: latest activity in the viewer's networks, or in every public network for guests;
 * of those, what the viewer may read now (a suspended member reads like a guest).
 */
export function latestActivity(viewerId: number | null, limit = 20): ThreadListRow[] {
  const db = getDb();
  const inNetworks =
    viewerId === null
      ? eq(networks.visibility, "public")
      : inArray(threads.networkId, db.select({ id: memberships.networkId }).from(memberships).where(eq(memberships.userId, viewerId)));
  const rows = db
    .select({ ...rowColumns, networkSlug: networks.slug, networkName: networks.name })
    .from(threads)
    .innerJoin(users, eq(users.id, threads.authorId))
    .innerJoin(networks, eq(networks.id, threads.networkId))
    .where(and(inNetworks, readableNetwork(viewerId), isNull(threads.deletedAt)))
    .orderBy(desc(threads.lastActivityAt))
    .limit(limit)
    .all();
  return withTags(rows);
}

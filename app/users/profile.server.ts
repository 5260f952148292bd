import { and, count, desc, eq, isNull, or, sql } from "drizzle-orm";
import { getDb, schema } from "../../db/index";
import { moderatedNetwork, readableNetwork } from "~/permissions/visibility.server";

const { users, posts, threads, networks, memberships, tags, threadTags } = schema;

/**
 * A teacher's public profile: who they are, where they belong, and how they help.
 * Only threads of networks the viewer may read count (members-only networks stay private).
 */
export function getProfile(userId: number, viewerId: number | null) {
  const db = getDb();
  const user = db
    .select({
      id: users.id,
      displayName: users.displayName,
      school: users.school,
      subjects: users.subjects,
      createdAt: users.createdAt,
      isImported: users.isImported,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!user) return undefined;
  const readable = readableNetwork(viewerId);
  const userNetworks = db
    .select({ slug: networks.slug, name: networks.name, isMentor: memberships.isMentor, isModerator: memberships.isModerator })
    .from(memberships)
    .innerJoin(networks, eq(networks.id, memberships.networkId))
    .where(and(eq(memberships.userId, userId), readable))
    .orderBy(networks.name)
    .all();
  const visibleThread = and(isNull(threads.deletedAt), readable);
  const asked = db
    .select({ n: count() })
    .from(threads)
    .innerJoin(networks, eq(networks.id, threads.networkId))
    .where(and(eq(threads.authorId, userId), visibleThread))
    .get()!.n;
  const answered = db
    .select({ n: count() })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(networks, eq(networks.id, threads.networkId))
    .where(and(eq(posts.authorId, userId), eq(posts.isOpening, false), isNull(posts.hiddenAt), visibleThread))
    .get()!.n;
  const accepted = db
    .select({ n: count() })
    .from(threads)
    .innerJoin(posts, eq(posts.id, threads.acceptedPostId))
    .innerJoin(networks, eq(networks.id, threads.networkId))
    .where(and(eq(posts.authorId, userId), visibleThread))
    .get()!.n;
  // Where they helped most: tags of threads they answered, accepted answers counting double.
  const helpedMost = db
    .select({
      name: tags.name,
      score: sql<number>`sum(case when ${threads.acceptedPostId} = ${posts.id} then 2 else 1 end)`,
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(networks, eq(networks.id, threads.networkId))
    .innerJoin(threadTags, eq(threadTags.threadId, threads.id))
    .innerJoin(tags, eq(tags.id, threadTags.tagId))
    .where(and(eq(posts.authorId, userId), eq(posts.isOpening, false), isNull(posts.hiddenAt), visibleThread))
    .groupBy(tags.name)
    .orderBy(desc(sql`2`), tags.name)
    .limit(8)
    .all();
  // Removed threads stay in the list, marked, for their author and the network's moderators.
  const seesRemoved = viewerId === null ? sql`0` : sql`(${viewerId} = ${userId} or ${moderatedNetwork(viewerId)})`;
  const recent = db
    .select({
      id: threads.id,
      slug: threads.slug,
      title: threads.title,
      solved: sql<boolean>`${threads.acceptedPostId} is not null`,
      removed: sql<boolean>`${threads.deletedAt} is not null`,
    })
    .from(threads)
    .innerJoin(networks, eq(networks.id, threads.networkId))
    .where(and(eq(threads.authorId, userId), readable, or(isNull(threads.deletedAt), seesRemoved)))
    .orderBy(desc(threads.createdAt))
    .limit(10)
    .all()
    .map((r) => ({ ...r, removed: Boolean(r.removed) }));
  return { user, networks: userNetworks, asked, answered, accepted, helpedMost, recent };
}

/**
 * Which networks a person moderates: the moderator role per network, or every network for an admin,
 * never while suspended (the condition is app/permissions/visibility.server.ts's moderatedNetwork).
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb, schema, type DB } from "../../db/index";
import { moderatedNetwork } from "~/permissions/visibility.server";

const { networks, users, threads } = schema;

export type ModeratedNetwork = { id: number; slug: string; name: string; timeZone: string };

export function moderatedNetworks(userId: number, now = new Date()): ModeratedNetwork[] {
  return getDb()
    .select({ id: networks.id, slug: networks.slug, name: networks.name, timeZone: networks.timeZone })
    .from(networks)
    .where(moderatedNetwork(userId, networks.id, now))
    .orderBy(asc(networks.name))
    .all();
}

/**
 * The checks every signed-in page (the header) and thread page make are prepared once per
 * connection: drizzle would otherwise prepare the SQL on each call, ten times the lookup.
 */
function buildStatements(db: DB) {
  const user = sql.placeholder("user");
  const now = sql.placeholder("now");
  return {
    moderatesAny: db
      .select({ one: sql`1` })
      .from(networks)
      .where(moderatedNetwork(user, networks.id, now))
      .limit(1)
      .prepare(),
    moderatesThread: db
      .select({ one: sql`1` })
      .from(threads)
      .where(and(eq(threads.id, sql.placeholder("thread")), moderatedNetwork(user, threads.networkId, now)))
      .prepare(),
  };
}

const statements = new WeakMap<DB, ReturnType<typeof buildStatements>>();

function prepared() {
  const db = getDb();
  let cached = statements.get(db);
  if (!cached) {
    cached = buildStatements(db);
    statements.set(db, cached);
  }
  return cached;
}

/** For the header: whether to show «Модерация» (admins moderate every network; nobody while suspended). */
export function isModeratorAnywhere(user: { id: number }): boolean {
  return prepared().moderatesAny.get({ user: user.id, now: Date.now() }) !== undefined;
}

/** Whether the user moderates the network a thread is in (to show removed content, marked). */
export function moderatesThread(userId: number | null, threadId: number): boolean {
  if (userId === null) return false;
  return prepared().moderatesThread.get({ user: userId, thread: threadId, now: Date.now() }) !== undefined;
}

/** A post with its thread and network, removed or not (moderators act on both); undefined when missing. */
export function postWithPlace(postId: number) {
  if (!Number.isInteger(postId)) return undefined;
  const db = getDb();
  const post = db.select().from(schema.posts).where(eq(schema.posts.id, postId)).get();
  const thread = post ? db.select().from(schema.threads).where(eq(schema.threads.id, post.threadId)).get() : undefined;
  const network = thread ? db.select().from(networks).where(eq(networks.id, thread.networkId)).get() : undefined;
  const author = post
    ? db.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.id, post.authorId)).get()
    : undefined;
  return post && thread && network && author ? { post, thread, network, author } : undefined;
}

/** A thread with its network, removed or not. */
export function threadWithPlace(threadId: number) {
  if (!Number.isInteger(threadId)) return undefined;
  const db = getDb();
  const thread = db.select().from(schema.threads).where(eq(schema.threads.id, threadId)).get();
  const network = thread ? db.select().from(networks).where(eq(networks.id, thread.networkId)).get() : undefined;
  return thread && network ? { thread, network } : undefined;
}

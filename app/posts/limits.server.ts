/**
 * Spam defence for new accounts and accidental double posts (Discourse's defaults):
 * a day-old account may start 3 threads and write 10 answers; the same body twice
 * within five minutes is refused; a new account's first post with more than two links
 * waits for a moderator (app/moderation/flags.server.ts `holdForReview`).
 */
import { and, count, eq, gt } from "drizzle-orm";
import { getDb, schema } from "../../db/index";

const NEW_ACCOUNT_MS = 24 * 60 * 60_000;
const NEW_ACCOUNT_THREADS = 3;
const NEW_ACCOUNT_ANSWERS = 10;
const DUPLICATE_WINDOW_MS = 5 * 60_000;
/** Spam is mostly links; a colleague's first post rarely needs three. */
const NEW_ACCOUNT_FIRST_POST_LINKS = 2;

const { posts, users } = schema;

/** The message key of the first limit this post would break, or null. */
export function postingLimit(userId: number, kind: "thread" | "answer", body: string, now: Date): string | null {
  const db = getDb();
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_MS);
  const duplicate = db
    .select({ id: posts.id })
    .from(posts)
    .where(and(eq(posts.authorId, userId), gt(posts.createdAt, since), eq(posts.bodySource, body)))
    .get();
  if (duplicate) return "errors.duplicatePost";

  const user = db.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, userId)).get();
  if (!user || now.getTime() - user.createdAt.getTime() >= NEW_ACCOUNT_MS) return null;
  const written = db
    .select({ n: count() })
    .from(posts)
    .where(and(eq(posts.authorId, userId), eq(posts.isOpening, kind === "thread")))
    .get()!.n;
  if (kind === "thread" && written >= NEW_ACCOUNT_THREADS) return `errors.newAccountThreads|${NEW_ACCOUNT_THREADS}`;
  if (kind === "answer" && written >= NEW_ACCOUNT_ANSWERS) return `errors.newAccountAnswers|${NEW_ACCOUNT_ANSWERS}`;
  return null;
}

/** The number of links, when this post must wait for a moderator; null when it may go up at once. */
export function linksToHold(userId: number, bodyHtml: string, now: Date): number | null {
  const links = (bodyHtml.match(/<a\s[^>]*href="(?:https?:|mailto:)/g) ?? []).length;
  if (links <= NEW_ACCOUNT_FIRST_POST_LINKS) return null;
  const db = getDb();
  const user = db.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, userId)).get();
  if (!user || now.getTime() - user.createdAt.getTime() >= NEW_ACCOUNT_MS) return null;
  const earlier = db.select({ id: posts.id }).from(posts).where(eq(posts.authorId, userId)).limit(1).get();
  return earlier ? null : links;
}

/**
 * Spam defence and accidental double posts (Discourse's defaults), decided inside the
 * transaction that writes the post, so that twenty identical answers sent at once, from
 * one process or several, make one row:
 * - a day-old account may start 3 threads and write 10 answers;
 * - every account writes at most 10 posts a minute and starts at most 20 threads a day
 *   (the network's moderators and admins are exempt: `postWithoutRateLimit`);
 * - the same body twice within five minutes is refused;
 * - a new account's first post with more than two links waits for a moderator
 *   (app/moderation/flags.server.ts `holdForReview`).
 */
import { and, count, eq, gt } from "drizzle-orm";
import { schema, type Tx } from "../../db/index";
import { DAY_MS, MINUTE_MS } from "~/utils/zoned-time";
import type { Message } from "~/i18n/keys";
import { message } from "~/utils/validation";

const NEW_ACCOUNT_MS = DAY_MS;
const NEW_ACCOUNT_THREADS = 3;
const NEW_ACCOUNT_ANSWERS = 10;
const DUPLICATE_WINDOW_MS = 5 * MINUTE_MS;
/** Nobody writes a considered answer in under six seconds; a script writes hundreds. */
const POSTS_PER_MINUTE = 10;
/** Twenty questions a day is a busy methodologist; more is a flood. */
const THREADS_PER_DAY = 20;
/** Spam is mostly links; a colleague's first post rarely needs three. */
const NEW_ACCOUNT_FIRST_POST_LINKS = 2;

const { posts, users } = schema;

export type PostingLimitInput = { userId: number; kind: "thread" | "answer"; body: string; exempt: boolean };

/**
 * Posts written after `since`, with no upper bound: another process may have stored one
 * stamped after this request's `now` while this one waited for the write lock, and it counts.
 */
function postsSince(tx: Tx, userId: number, since: Date, openingOnly: boolean): number {
  return tx
    .select({ n: count() })
    .from(posts)
    .where(and(eq(posts.authorId, userId), gt(posts.createdAt, since), openingOnly ? eq(posts.isOpening, true) : undefined))
    .get()!.n;
}

/** The message key of the first limit this post would break, or null. Call it inside the writing transaction. */
export function postingLimit(tx: Tx, { userId, kind, body, exempt }: PostingLimitInput, now: Date): Message | null {
  const duplicate = tx
    .select({ id: posts.id })
    .from(posts)
    .where(and(eq(posts.authorId, userId), gt(posts.createdAt, new Date(now.getTime() - DUPLICATE_WINDOW_MS)), eq(posts.bodySource, body)))
    .get();
  if (duplicate) return "errors.duplicatePost";

  if (!exempt) {
    if (postsSince(tx, userId, new Date(now.getTime() - MINUTE_MS), false) >= POSTS_PER_MINUTE) {
      return message("errors.postingTooFast", POSTS_PER_MINUTE);
    }
    if (kind === "thread" && postsSince(tx, userId, new Date(now.getTime() - DAY_MS), true) >= THREADS_PER_DAY) {
      return message("errors.threadsPerDay", THREADS_PER_DAY);
    }
  }

  const user = tx.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, userId)).get();
  if (!user || now.getTime() - user.createdAt.getTime() >= NEW_ACCOUNT_MS) return null;
  const written = tx
    .select({ n: count() })
    .from(posts)
    .where(and(eq(posts.authorId, userId), eq(posts.isOpening, kind === "thread")))
    .get()!.n;
  if (kind === "thread" && written >= NEW_ACCOUNT_THREADS) return message("errors.newAccountThreads", NEW_ACCOUNT_THREADS);
  if (kind === "answer" && written >= NEW_ACCOUNT_ANSWERS) return message("errors.newAccountAnswers", NEW_ACCOUNT_ANSWERS);
  return null;
}

/** The number of links, when this post must wait for a moderator; null when it may go up at once. */
export function linksToHold(tx: Tx, userId: number, bodyHtml: string, now: Date): number | null {
  const links = (bodyHtml.match(/<a\s[^>]*href="(?:https?:|mailto:)/g) ?? []).length;
  if (links <= NEW_ACCOUNT_FIRST_POST_LINKS) return null;
  const user = tx.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, userId)).get();
  if (!user || now.getTime() - user.createdAt.getTime() >= NEW_ACCOUNT_MS) return null;
  const earlier = tx.select({ id: posts.id }).from(posts).where(eq(posts.authorId, userId)).limit(1).get();
  return earlier ? null : links;
}

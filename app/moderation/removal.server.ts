/**
 * Hiding and restoring a post, the one place that keeps the rules together:
 * - a hidden opening post removes its whole thread (threads.deleted_at mirrors it), so a
 *   spam question never lingers in lists with an empty body; restoring brings both back;
 * - an answer's thread counts only visible answers;
 * - search gets an outbox row and knowledge-base entries built on the thread need review,
 *   in the caller's transaction;
 * - a removed post's files are kept REMOVED_KEPT_MS for moderators, then purged; a removed
 *   question takes the files of its visible answers with it (the thread is gone for them too);
 *   restored, they are kept again. An answer hidden on its own keeps its own clock.
 * A post held for review (a new account's link-heavy first post) is hidden the same way,
 * with pending_review set.
 */
import { and, eq, isNull, or, sql } from "drizzle-orm";
import { schema, type Tx } from "../../db/index";
import { enqueueThread } from "../../search/outbox";
import { keepFilesOfRemovedPosts } from "~/files/attachments.server";
import { markSourcesChanged } from "~/kb/review.server";

const { posts, threads } = schema;

export type Removal = { reason: string | null; pending?: boolean };
type PostRef = { id: number; threadId: number; isOpening: boolean };

export function setPostRemoval(tx: Tx, post: PostRef, removal: Removal | null, now: Date): void {
  tx.update(posts)
    .set(
      removal
        ? { hiddenAt: now, hiddenReason: removal.reason, pendingReview: removal.pending ?? false }
        : { hiddenAt: null, hiddenReason: null, pendingReview: false },
    )
    .where(eq(posts.id, post.id))
    .run();
  const withFiles = post.isOpening
    ? tx
        .select({ id: posts.id })
        .from(posts)
        .where(and(eq(posts.threadId, post.threadId), or(eq(posts.id, post.id), isNull(posts.hiddenAt))))
        .all()
        .map((row) => row.id)
    : [post.id];
  keepFilesOfRemovedPosts(tx, withFiles, removal !== null, now);
  if (post.isOpening) {
    tx.update(threads)
      .set({ deletedAt: removal ? now : null })
      .where(eq(threads.id, post.threadId))
      .run();
  } else {
    recountAnswers(tx, post.threadId);
  }
  markSourcesChanged(tx, [post.threadId]);
  enqueueThread(tx, post.threadId);
}

/** Lists and search show how many answers a reader can actually see. */
export function recountAnswers(tx: Tx, threadId: number): void {
  tx.update(threads)
    .set({
      answerCount: sql`(select count(*) from ${posts} where ${posts.threadId} = ${threadId} and ${posts.isOpening} = 0 and ${posts.hiddenAt} is null)`,
    })
    .where(eq(threads.id, threadId))
    .run();
}

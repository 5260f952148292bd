import { and, desc, eq, sql } from "drizzle-orm";
import { getDb, schema } from "../../db/index";
import { enqueueThread } from "../../search/outbox";
import { setAttachments } from "~/files/attachments.server";
import { markSourcesChanged } from "~/kb/review.server";
import { renderMarkdown } from "~/markdown/markdown.server";
import { meetOnAnswer } from "~/mentoring/assign.server";
import { holdForReview } from "~/moderation/flags.server";
import { logAction } from "~/moderation/log.server";
import { notify } from "~/notifications/notifications.server";
import { threadSlug } from "~/threads/slug";
import { linksToHold, postingLimit } from "./limits.server";
import type { Message } from "~/i18n/keys";

const { posts, threads, votes, postRevisions, threadFollowers, users } = schema;

export type AnswerResult = { ok: true; postId: number } | { ok: false; field: "body"; error: Message };

/**
 * An answer under a thread: the posting limits, counts, activity, the asker's notification and the
 * outbox in one transaction. `exemptFromRateLimit`: the caller's `postWithoutRateLimit`.
 */
export function createAnswer(
  input: { threadId: number; authorId: number; body: string; exemptFromRateLimit?: boolean; attachmentIds?: number[] },
  now = new Date(),
): AnswerResult {
  const bodyHtml = renderMarkdown(input.body);
  return getDb().transaction((tx): AnswerResult => {
    const limit = postingLimit(
      tx,
      { userId: input.authorId, kind: "answer", body: input.body, exempt: input.exemptFromRateLimit ?? false },
      now,
    );
    if (limit) return { ok: false, field: "body", error: limit };
    const held = linksToHold(tx, input.authorId, bodyHtml, now);
    const post = tx
      .insert(posts)
      .values({ threadId: input.threadId, authorId: input.authorId, bodySource: input.body, bodyHtml, createdAt: now })
      .returning({ id: posts.id })
      .get();
    setAttachments(tx, { postId: post.id }, input.authorId, input.attachmentIds ?? [], now);
    tx.insert(threadFollowers).values({ threadId: input.threadId, userId: input.authorId }).onConflictDoNothing().run();
    if (held !== null) {
      // Counted, announced and credited to a mentor only when a moderator approves it.
      const { networkId } = tx.select({ networkId: threads.networkId }).from(threads).where(eq(threads.id, input.threadId)).get()!;
      holdForReview(tx, { id: post.id, threadId: input.threadId, isOpening: false, authorId: input.authorId, networkId }, held, now);
      return { ok: true, postId: post.id };
    }
    const thread = tx
      .update(threads)
      .set({ answerCount: sql`${threads.answerCount} + 1`, lastActivityAt: now })
      .where(eq(threads.id, input.threadId))
      .returning({ authorId: threads.authorId })
      .get();
    if (thread && thread.authorId !== input.authorId) {
      notify(tx, [{ userId: thread.authorId, kind: "answer", threadId: input.threadId, postId: post.id }]);
    }
    meetOnAnswer(tx, input.threadId, input.authorId, now);
    markSourcesChanged(tx, [input.threadId]);
    enqueueThread(tx, input.threadId);
    return { ok: true, postId: post.id };
  });
}

export function getPost(postId: number) {
  return getDb().select().from(posts).where(eq(posts.id, postId)).get();
}

/**
 * An edit keeps the previous version (moderators and the author can read the history)
 * and marks the post "edited". A new title renames the thread and its slug.
 */
export function editPost(
  input: { postId: number; editorId: number; body: string; title?: string; reason?: string; attachmentIds?: number[] },
  now = new Date(),
): void {
  const bodyHtml = renderMarkdown(input.body);
  getDb().transaction((tx) => {
    const post = tx.select().from(posts).where(eq(posts.id, input.postId)).get();
    if (!post) return;
    const thread = tx
      .select({ title: threads.title, networkId: threads.networkId })
      .from(threads)
      .where(eq(threads.id, post.threadId))
      .get()!;
    const retitled = post.isOpening && input.title !== undefined && input.title !== thread.title;
    // The files change without a revision: the history is of the text.
    if (input.attachmentIds) setAttachments(tx, { postId: post.id }, input.editorId, input.attachmentIds, now);
    if (post.bodySource === input.body && !retitled) return;
    tx.insert(postRevisions)
      .values({
        postId: post.id,
        editorId: input.editorId,
        bodySource: post.bodySource,
        title: post.isOpening ? thread.title : null,
        reason: input.reason ?? null,
        createdAt: now,
      })
      .run();
    tx.update(posts).set({ bodySource: input.body, bodyHtml, editedAt: now }).where(eq(posts.id, post.id)).run();
    if (retitled) {
      tx.update(threads)
        .set({ title: input.title!, slug: threadSlug(input.title!) })
        .where(eq(threads.id, post.threadId))
        .run();
    }
    // Only the author and moderators may edit (permissions.ts): anyone else is a moderator, and answers for it.
    if (input.editorId !== post.authorId) {
      const reason = input.reason ?? null;
      logAction(
        tx,
        { networkId: thread.networkId, actorId: input.editorId, action: "post.edit", targetType: "post", targetId: post.id, reason },
        now,
      );
      notify(tx, [{ userId: post.authorId, kind: "post_edited", threadId: post.threadId, data: { postId: post.id }, createdAt: now }]);
    }
    markSourcesChanged(tx, [post.threadId]);
    enqueueThread(tx, post.threadId);
  });
}

export function revisionsOf(postId: number) {
  return getDb()
    .select({
      id: postRevisions.id,
      bodySource: postRevisions.bodySource,
      title: postRevisions.title,
      reason: postRevisions.reason,
      createdAt: postRevisions.createdAt,
      editorName: users.displayName,
    })
    .from(postRevisions)
    .innerJoin(users, eq(users.id, postRevisions.editorId))
    .where(eq(postRevisions.postId, postId))
    .orderBy(desc(postRevisions.createdAt), desc(postRevisions.id))
    .all();
}

/** One vote per user per post, changeable (value 0 takes it back); the post's score moves by the difference. */
export function vote(input: { userId: number; postId: number; value: -1 | 0 | 1 }): number {
  return getDb().transaction((tx) => {
    const post = tx.select().from(posts).where(eq(posts.id, input.postId)).get();
    if (!post) return 0;
    const previous =
      tx
        .select({ value: votes.value })
        .from(votes)
        .where(and(eq(votes.userId, input.userId), eq(votes.postId, input.postId)))
        .get()?.value ?? 0;
    const delta = input.value - previous;
    if (delta === 0) return post.score;
    if (input.value === 0) {
      tx.delete(votes)
        .where(and(eq(votes.userId, input.userId), eq(votes.postId, input.postId)))
        .run();
    } else {
      tx.insert(votes)
        .values({ userId: input.userId, postId: input.postId, value: input.value })
        .onConflictDoUpdate({ target: [votes.userId, votes.postId], set: { value: input.value } })
        .run();
    }
    const updated = tx
      .update(posts)
      .set({ score: sql`${posts.score} + ${delta}` })
      .where(eq(posts.id, input.postId))
      .returning({ score: posts.score })
      .get();
    if (post.isOpening) tx.update(threads).set({ score: updated.score }).where(eq(threads.id, post.threadId)).run();
    enqueueThread(tx, post.threadId);
    return updated.score;
  });
}

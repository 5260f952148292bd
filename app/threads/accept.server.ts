/**
 * Accepted answers, "I have this question too", and the reminder for askers who forget
 * to accept. Modelled on Discourse's solved plugin: the caller checks permission, one
 * function does the whole change in a transaction.
 */
import { and, eq, sql } from "drizzle-orm";
import { getDb, schema } from "../../db/index";
import { enqueueThread } from "../../search/outbox";
import { markSourcesChanged } from "~/kb/review.server";
import { meetOnAccept } from "~/mentoring/assign.server";
import { notify } from "~/notifications/notifications.server";
import { DAY_MS } from "~/utils/zoned-time";

const { threads, posts, threadFollowers } = schema;

/** Two days after the first answer: long enough to try it in class, short enough to remember. */
export const ACCEPT_REMINDER_AFTER_MS = 2 * DAY_MS;
/** Threads whose first answer is older than this are left alone. */
const ACCEPT_REMINDER_WINDOW_MS = 14 * DAY_MS;

export function acceptAnswer(
  input: { threadId: number; postId: number; actorId: number; comment: string },
  now = new Date(),
): { ok: true } | { ok: false; error: "notAnAnswer" } {
  return getDb().transaction((tx) => {
    const post = tx
      .select({ id: posts.id, authorId: posts.authorId })
      .from(posts)
      .where(
        and(eq(posts.id, input.postId), eq(posts.threadId, input.threadId), eq(posts.isOpening, false), sql`${posts.hiddenAt} is null`),
      )
      .get();
    if (!post) return { ok: false as const, error: "notAnAnswer" as const };
    // Five clicks at once accept once: only the change that won tells anyone.
    const changed = tx
      .update(threads)
      .set({ acceptedPostId: post.id, acceptedById: input.actorId, acceptedComment: input.comment, acceptedAt: now })
      .where(and(eq(threads.id, input.threadId), sql`${threads.acceptedPostId} is not ${post.id}`))
      .run();
    if (changed.changes === 0) return { ok: true as const };
    meetOnAccept(tx, input.threadId, now);
    const meToo = tx
      .select({ userId: threadFollowers.userId })
      .from(threadFollowers)
      .where(and(eq(threadFollowers.threadId, input.threadId), eq(threadFollowers.meToo, true)))
      .all();
    notify(tx, [
      ...(post.authorId !== input.actorId
        ? [{ userId: post.authorId, kind: "accepted" as const, threadId: input.threadId, postId: post.id }]
        : []),
      ...meToo
        .filter((f) => f.userId !== post.authorId && f.userId !== input.actorId)
        .map((f) => ({ userId: f.userId, kind: "solved" as const, threadId: input.threadId, postId: post.id })),
    ]);
    markSourcesChanged(tx, [input.threadId]);
    enqueueThread(tx, input.threadId);
    return { ok: true as const };
  });
}

export function unacceptAnswer(threadId: number): void {
  getDb().transaction((tx) => {
    tx.update(threads)
      .set({ acceptedPostId: null, acceptedById: null, acceptedComment: null, acceptedAt: null })
      .where(eq(threads.id, threadId))
      .run();
    markSourcesChanged(tx, [threadId]);
    enqueueThread(tx, threadId);
  });
}

/** "I have this question too": the member follows the thread and counts in lists and search. */
export function setMeToo(threadId: number, userId: number, on: boolean): void {
  getDb().transaction((tx) => {
    tx.insert(threadFollowers)
      .values({ threadId, userId, meToo: on })
      .onConflictDoUpdate({ target: [threadFollowers.threadId, threadFollowers.userId], set: { meToo: on } })
      .run();
    tx.update(threads)
      .set({
        meTooCount: sql`(select count(*) from ${threadFollowers} where ${threadFollowers.threadId} = ${threadId} and ${threadFollowers.meToo} = 1)`,
      })
      .where(eq(threads.id, threadId))
      .run();
    enqueueThread(tx, threadId);
  });
}

/**
 * Reminds askers of questions answered two days ago and still without an accepted answer.
 * One statement, guarded by NOT EXISTS: safe to run twice at once or after a restart.
 * Returns how many reminders were written.
 */
export function remindToAccept(now: Date): number {
  const due = now.getTime() - ACCEPT_REMINDER_AFTER_MS;
  const oldest = now.getTime() - ACCEPT_REMINDER_WINDOW_MS;
  const result = getDb().run(sql`
    insert into notifications (user_id, kind, thread_id, created_at)
    select t.id_author, 'accept_reminder', t.id, ${now.getTime()}
    from (
      select th.id, th.author_id as id_author,
        (select min(p.created_at) from posts p
          where p.thread_id = th.id and p.is_opening = 0 and p.author_id != th.author_id and p.hidden_at is null) as first_answer
      from threads th
      where th.kind = 'question' and th.accepted_post_id is null and th.deleted_at is null
        and th.answer_count > 0 and th.last_activity_at >= ${oldest}
    ) t
    where t.first_answer <= ${due} and t.first_answer >= ${oldest}
      and not exists (select 1 from notifications n where n.thread_id = t.id and n.kind = 'accept_reminder')
  `);
  return result.changes;
}

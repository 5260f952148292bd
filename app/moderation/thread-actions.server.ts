/**
 * What a moderator does to a whole thread: lock, pin, move, close as a duplicate (and merge
 * its answers into the canonical thread), reopen. Each is one transaction with its audit-log
 * entry and search outbox row. Deleting and restoring a thread go through the opening post
 * (flags.server.ts `decide`), since a thread stands or falls with its question.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, schema, type Tx } from "../../db/index";
import { enqueueThread } from "../../search/outbox";
import { markSourcesChanged } from "~/kb/review.server";
import { assignOnPost } from "~/mentoring/assign.server";
import { notify } from "~/notifications/notifications.server";
import { tagIds } from "~/threads/threads.server";
import { decide, type DecisionResult } from "./flags.server";
import { logAction } from "./log.server";
import { recountAnswers } from "./removal.server";

const { threads, posts, threadTags, tags, threadFollowers, mentorAssignments, notifications } = schema;

type Actor = { threadId: number; moderatorId: number };

function threadRow(tx: Tx, id: number) {
  return tx.select().from(threads).where(eq(threads.id, id)).get();
}

export function setLocked(input: Actor & { locked: boolean; reason: string }, now = new Date()): boolean {
  return getDb().transaction((tx) => {
    const thread = threadRow(tx, input.threadId);
    if (!thread) return false;
    tx.update(threads)
      .set(input.locked ? { lockedAt: thread.lockedAt ?? now, lockReason: input.reason } : { lockedAt: null, lockReason: null })
      .where(eq(threads.id, thread.id))
      .run();
    logAction(
      tx,
      {
        networkId: thread.networkId,
        actorId: input.moderatorId,
        action: input.locked ? "thread.lock" : "thread.unlock",
        targetType: "thread",
        targetId: thread.id,
        reason: input.locked ? input.reason : null,
      },
      now,
    );
    enqueueThread(tx, thread.id);
    return true;
  });
}

export function setPinned(input: Actor & { pinned: boolean }, now = new Date()): boolean {
  return getDb().transaction((tx) => {
    const thread = threadRow(tx, input.threadId);
    if (!thread) return false;
    tx.update(threads)
      .set({ pinnedAt: input.pinned ? now : null })
      .where(eq(threads.id, thread.id))
      .run();
    logAction(
      tx,
      {
        networkId: thread.networkId,
        actorId: input.moderatorId,
        action: input.pinned ? "thread.pin" : "thread.unpin",
        targetType: "thread",
        targetId: thread.id,
      },
      now,
    );
    enqueueThread(tx, thread.id);
    return true;
  });
}

/** An open mentor assignment ends when the question leaves the mentor's hands (moved, or answered elsewhere). */
function closeOpenAssignment(tx: Tx, threadId: number, now: Date): void {
  tx.update(mentorAssignments)
    .set({ status: "closed", endedAt: now })
    .where(and(eq(mentorAssignments.threadId, threadId), eq(mentorAssignments.status, "open")))
    .run();
}

/**
 * Tags belong to a network, so the thread takes tags of the same names in its new one; an
 * unsolved question gets a mentor there, as if it had been asked there.
 */
export function moveThread(
  input: Actor & { toNetworkId: number; reason: string },
  now = new Date(),
): { ok: true } | { ok: false; error: "sameNetwork" | "notFound" } {
  return getDb().transaction((tx) => {
    const thread = threadRow(tx, input.threadId);
    if (!thread) return { ok: false as const, error: "notFound" as const };
    if (thread.networkId === input.toNetworkId) return { ok: false as const, error: "sameNetwork" as const };
    const names = tx
      .select({ name: tags.name })
      .from(threadTags)
      .innerJoin(tags, eq(tags.id, threadTags.tagId))
      .where(eq(threadTags.threadId, thread.id))
      .all()
      .map((t) => t.name);
    tx.delete(threadTags).where(eq(threadTags.threadId, thread.id)).run();
    const ids = tagIds(tx, input.toNetworkId, names);
    if (ids.length)
      tx.insert(threadTags)
        .values(ids.map((tagId) => ({ threadId: thread.id, tagId })))
        .run();
    // A course belongs to one network: a question moved out of it leaves its course module too.
    tx.update(threads).set({ networkId: input.toNetworkId, moduleId: null }).where(eq(threads.id, thread.id)).run();
    closeOpenAssignment(tx, thread.id, now);
    if (thread.kind === "question" && thread.acceptedPostId === null && thread.deletedAt === null && thread.duplicateOfId === null) {
      assignOnPost(tx, { threadId: thread.id, networkId: input.toNetworkId, askerId: thread.authorId }, now);
    }
    const details = { from: thread.networkId, to: input.toNetworkId };
    // Both networks' logs show the move: the one it left and the one it joined.
    for (const networkId of [thread.networkId, input.toNetworkId]) {
      logAction(
        tx,
        {
          networkId,
          actorId: input.moderatorId,
          action: "thread.move",
          targetType: "thread",
          targetId: thread.id,
          reason: input.reason || null,
          details,
        },
        now,
      );
    }
    if (thread.authorId !== input.moderatorId) {
      notify(tx, [{ userId: thread.authorId, kind: "thread_moved", threadId: thread.id, data: details, createdAt: now }]);
    }
    markSourcesChanged(tx, [thread.id]);
    enqueueThread(tx, thread.id);
    return { ok: true as const };
  });
}

export type DuplicateError = "self" | "notFound" | "canonicalGone" | "cycle" | "canonicalElsewhere";

/**
 * Closes a thread as a duplicate of a canonical one (a chain is followed to its end, and
 * threads that pointed here now point there). With `merge`, its answers move over keeping
 * their authors, votes and flags; an accepted answer stays accepted if the canonical thread
 * has none; followers follow the canonical thread.
 */
export function closeAsDuplicate(
  input: Actor & { canonicalId: number; merge: boolean; allowedNetworkIds: number[] },
  now = new Date(),
): { ok: true; canonicalId: number; merged: number } | { ok: false; error: DuplicateError } {
  return getDb().transaction((tx) => {
    const thread = threadRow(tx, input.threadId);
    let canonical = threadRow(tx, input.canonicalId);
    if (!thread) return { ok: false as const, error: "notFound" as const };
    if (canonical?.duplicateOfId) canonical = threadRow(tx, canonical.duplicateOfId);
    if (!canonical || canonical.deletedAt) return { ok: false as const, error: "canonicalGone" as const };
    if (canonical.id === thread.id)
      return { ok: false as const, error: input.canonicalId === thread.id ? ("self" as const) : ("cycle" as const) };
    if (!input.allowedNetworkIds.includes(canonical.networkId)) return { ok: false as const, error: "canonicalElsewhere" as const };
    tx.update(threads)
      .set({ duplicateOfId: canonical.id, lockedAt: thread.lockedAt ?? now })
      .where(eq(threads.id, thread.id))
      .run();
    tx.update(threads).set({ duplicateOfId: canonical.id }).where(eq(threads.duplicateOfId, thread.id)).run();
    closeOpenAssignment(tx, thread.id, now);
    const merged = input.merge ? mergeAnswers(tx, thread, canonical) : 0;
    for (const networkId of new Set([thread.networkId, canonical.networkId])) {
      logAction(
        tx,
        {
          networkId,
          actorId: input.moderatorId,
          action: "thread.duplicate",
          targetType: "thread",
          targetId: thread.id,
          details: { canonicalId: canonical.id, canonicalTitle: canonical.title, merged },
        },
        now,
      );
    }
    if (thread.authorId !== input.moderatorId) {
      notify(tx, [
        { userId: thread.authorId, kind: "thread_duplicate", threadId: thread.id, data: { canonicalId: canonical.id }, createdAt: now },
      ]);
    }
    markSourcesChanged(tx, [thread.id, canonical.id]);
    enqueueThread(tx, thread.id);
    enqueueThread(tx, canonical.id);
    return { ok: true as const, canonicalId: canonical.id, merged };
  });
}

type ThreadRow = typeof threads.$inferSelect;

function mergeAnswers(tx: Tx, from: ThreadRow, to: ThreadRow): number {
  const moved = tx
    .select({ id: posts.id, createdAt: posts.createdAt })
    .from(posts)
    .where(and(eq(posts.threadId, from.id), eq(posts.isOpening, false)))
    .all();
  if (moved.length === 0) return 0;
  const ids = moved.map((p) => p.id);
  tx.update(posts).set({ threadId: to.id }).where(inArray(posts.id, ids)).run();
  tx.update(notifications).set({ threadId: to.id }).where(inArray(notifications.postId, ids)).run();
  if (from.acceptedPostId !== null && to.acceptedPostId === null && ids.includes(from.acceptedPostId)) {
    tx.update(threads)
      .set({
        acceptedPostId: from.acceptedPostId,
        acceptedById: from.acceptedById,
        acceptedComment: from.acceptedComment,
        acceptedAt: from.acceptedAt,
      })
      .where(eq(threads.id, to.id))
      .run();
  }
  tx.update(threads)
    .set({ acceptedPostId: null, acceptedById: null, acceptedComment: null, acceptedAt: null })
    .where(eq(threads.id, from.id))
    .run();
  tx.run(sql`
    insert into thread_followers (thread_id, user_id, me_too, created_at)
    select ${to.id}, user_id, me_too, created_at from thread_followers where thread_id = ${from.id}
    on conflict do update set me_too = max(me_too, excluded.me_too)`);
  tx.update(threads)
    .set({
      meTooCount: sql`(select count(*) from ${threadFollowers} where ${threadFollowers.threadId} = ${to.id} and ${threadFollowers.meToo} = 1)`,
      lastActivityAt: sql`max(${threads.lastActivityAt}, ${Math.max(...moved.map((p) => p.createdAt.getTime()))})`,
    })
    .where(eq(threads.id, to.id))
    .run();
  recountAnswers(tx, from.id);
  recountAnswers(tx, to.id);
  return moved.length;
}

export function reopen(input: Actor, now = new Date()): boolean {
  return getDb().transaction((tx) => {
    const thread = threadRow(tx, input.threadId);
    if (!thread) return false;
    tx.update(threads).set({ duplicateOfId: null, lockedAt: null, lockReason: null }).where(eq(threads.id, thread.id)).run();
    logAction(
      tx,
      {
        networkId: thread.networkId,
        actorId: input.moderatorId,
        action: "thread.reopen",
        targetType: "thread",
        targetId: thread.id,
        details: thread.duplicateOfId ? { canonicalId: thread.duplicateOfId } : undefined,
      },
      now,
    );
    enqueueThread(tx, thread.id);
    if (thread.duplicateOfId) enqueueThread(tx, thread.duplicateOfId);
    return true;
  });
}

function openingPostId(threadId: number): number | undefined {
  return getDb()
    .select({ id: posts.id })
    .from(posts)
    .where(and(eq(posts.threadId, threadId), eq(posts.isOpening, true)))
    .get()?.id;
}

/** A thread is deleted by deleting its question (its answers go with it, restorable). */
export function deleteThread(input: Actor & { reason: string }, now = new Date()): DecisionResult {
  const postId = openingPostId(input.threadId);
  if (postId === undefined) return { ok: false, error: "notFound" };
  return decide({ postId, moderatorId: input.moderatorId, decision: "delete", reason: input.reason }, now);
}

export function restoreThread(input: Actor, now = new Date()): DecisionResult {
  const postId = openingPostId(input.threadId);
  if (postId === undefined) return { ok: false, error: "notFound" };
  return decide({ postId, moderatorId: input.moderatorId, decision: "keep", reason: "" }, now);
}

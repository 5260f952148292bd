/**
 * Flags and what moderators decide about them. Members flag; when a flag hides the post at once,
 * pending a moderator's look, is the permission module's rule (flagHidesPost). A new account's
 * link-heavy first post is held the same way and enters the queue as a flag the system raised in its author's name (flags.user_id = the author:
 * nobody may flag their own post, so the row cannot be mistaken for a member's flag).
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, schema, type Tx } from "../../db/index";
import { assignOnPost } from "~/mentoring/assign.server";
import { notify, type ModerationNotificationKind } from "~/notifications/notifications.server";
import { flagHidesPost } from "~/permissions/permissions";
import { logAction } from "./log.server";
import { recountAnswers, setPostRemoval } from "./removal.server";
import type { FlagReason } from "./schemas";

const { flags, posts, threads, memberships, users } = schema;

/** The note of the system's flag on a held post. */
export const HELD_NOTE = "held:links";

type PostRow = {
  id: number;
  threadId: number;
  isOpening: boolean;
  authorId: number;
  hiddenAt: Date | null;
  pendingReview: boolean;
  networkId: number;
};

function postWithNetwork(tx: Tx, postId: number): PostRow | undefined {
  return tx
    .select({
      id: posts.id,
      threadId: posts.threadId,
      isOpening: posts.isOpening,
      authorId: posts.authorId,
      hiddenAt: posts.hiddenAt,
      pendingReview: posts.pendingReview,
      networkId: threads.networkId,
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(eq(posts.id, postId))
    .get();
}

export type FlagResult = { ok: true; hidden: boolean } | { ok: false; error: "alreadyFlagged" | "ownPost" | "notFound" };

export function flagPost(input: { postId: number; userId: number; reason: FlagReason; note: string }, now = new Date()): FlagResult {
  return getDb().transaction((tx): FlagResult => {
    const post = postWithNetwork(tx, input.postId);
    if (!post) return { ok: false, error: "notFound" };
    if (post.authorId === input.userId) return { ok: false, error: "ownPost" };
    const inserted = tx
      .insert(flags)
      .values({ postId: post.id, userId: input.userId, reason: input.reason, note: input.note || null, createdAt: now })
      .onConflictDoNothing()
      .run();
    if (inserted.changes === 0) return { ok: false, error: "alreadyFlagged" };
    if (post.hiddenAt !== null) return { ok: true, hidden: true };
    const flaggers = tx
      .select({ n: sql<number>`count(*)` })
      .from(flags)
      .where(and(eq(flags.postId, post.id), isNull(flags.resolvedAt), sql`${flags.userId} != ${post.authorId}`))
      .get()!.n;
    const trusted = tx
      .select({ mentor: memberships.isMentor, moderator: memberships.isModerator })
      .from(memberships)
      .where(and(eq(memberships.userId, input.userId), eq(memberships.networkId, post.networkId)))
      .get();
    if (!flagHidesPost(trusted ?? null, flaggers)) return { ok: true, hidden: false };
    setPostRemoval(tx, post, { reason: null }, now);
    logAction(
      tx,
      {
        networkId: post.networkId,
        actorId: input.userId,
        action: "post.flag_hide",
        targetType: "post",
        targetId: post.id,
        details: { flags: flaggers, by: trusted?.mentor || trusted?.moderator ? "mentor" : "members" },
      },
      now,
    );
    notifyAuthor(tx, post, "post_flag_hidden", now);
    return { ok: true, hidden: true };
  });
}

/**
 * Holds a just-written post for a moderator, in the transaction that wrote it: hidden, marked
 * pending, and in the queue. The post's own code skips the notifications and mentor
 * assignment that a published post would trigger; approve() catches them up.
 */
export function holdForReview(
  tx: Tx,
  post: { id: number; threadId: number; isOpening: boolean; authorId: number; networkId: number },
  links: number,
  now: Date,
): void {
  setPostRemoval(tx, post, { reason: null, pending: true }, now);
  tx.insert(flags)
    .values({ postId: post.id, userId: post.authorId, reason: "spam", note: HELD_NOTE, createdAt: now })
    .onConflictDoNothing()
    .run();
  logAction(
    tx,
    { networkId: post.networkId, actorId: post.authorId, action: "post.hold", targetType: "post", targetId: post.id, details: { links } },
    now,
  );
}

export type Decision = "keep" | "hide" | "delete";
export type DecisionResult = { ok: true } | { ok: false; error: "notFound" | "reasonRequired" };

/**
 * A moderator's decision about a post, whether or not it was flagged: keep it (flags
 * dismissed; a hidden or held post comes back), hide it, or delete it (an opening post
 * deletes its thread). The open flags are resolved, flaggers and the author told, the log
 * and the search outbox written, all in one transaction.
 */
export function decide(
  input: { postId: number; moderatorId: number; decision: Decision; reason: string },
  now = new Date(),
): DecisionResult {
  if (input.decision !== "keep" && !input.reason.trim()) return { ok: false, error: "reasonRequired" };
  return getDb().transaction((tx): DecisionResult => {
    const post = postWithNetwork(tx, input.postId);
    if (!post) return { ok: false, error: "notFound" };
    const open = tx
      .select({ userId: flags.userId })
      .from(flags)
      .where(and(eq(flags.postId, post.id), isNull(flags.resolvedAt)))
      .all();
    const resolution = input.decision === "keep" ? "kept" : input.decision === "hide" ? "hidden" : "deleted";
    if (open.length) {
      tx.update(flags)
        .set({ resolvedAt: now, resolution })
        .where(and(eq(flags.postId, post.id), isNull(flags.resolvedAt)))
        .run();
    }
    const reason = input.reason.trim() || null;
    const log = (action: Parameters<typeof logAction>[1]["action"], targetType: "post" | "thread" = "post") =>
      logAction(
        tx,
        {
          networkId: post.networkId,
          actorId: input.moderatorId,
          action,
          targetType,
          targetId: targetType === "post" ? post.id : post.threadId,
          reason,
          details: { flags: open.filter((f) => f.userId !== post.authorId).length, postId: post.id },
        },
        now,
      );
    if (input.decision === "keep") {
      if (post.pendingReview) {
        approve(tx, post, now);
        log("post.approve");
        notifyAuthor(tx, post, "post_approved", now);
      } else if (post.hiddenAt) {
        setPostRemoval(tx, post, null, now);
        if (post.isOpening) log("thread.restore", "thread");
        else log("post.restore");
        notifyAuthor(tx, post, "post_restored", now);
      } else {
        log("post.keep");
      }
    } else {
      setPostRemoval(tx, post, { reason }, now);
      const deleted = input.decision === "delete";
      log(deleted ? (post.isOpening ? "thread.delete" : "post.delete") : "post.hide", deleted && post.isOpening ? "thread" : "post");
      notifyAuthor(tx, post, deleted ? "post_deleted" : "post_hidden", now);
    }
    const flaggers = [...new Set(open.map((f) => f.userId))].filter((id) => id !== post.authorId && id !== input.moderatorId);
    notify(
      tx,
      flaggers.map((userId) => ({
        userId,
        kind: `flag_${resolution}` as const,
        threadId: post.threadId,
        data: { postId: post.id },
        createdAt: now,
      })),
    );
    return { ok: true };
  });
}

/** A held post is published as if it had just been written: counted, announced, given a mentor. */
function approve(tx: Tx, post: PostRow, now: Date): void {
  setPostRemoval(tx, post, null, now);
  const thread = tx
    .select({ authorId: threads.authorId, kind: threads.kind, networkId: threads.networkId })
    .from(threads)
    .where(eq(threads.id, post.threadId))
    .get()!;
  if (post.isOpening) {
    tx.update(threads).set({ lastActivityAt: now }).where(eq(threads.id, post.threadId)).run();
    if (thread.kind === "question")
      assignOnPost(tx, { threadId: post.threadId, networkId: thread.networkId, askerId: thread.authorId }, now);
  } else {
    recountAnswers(tx, post.threadId);
    tx.update(threads).set({ lastActivityAt: now }).where(eq(threads.id, post.threadId)).run();
    if (thread.authorId !== post.authorId) {
      notify(tx, [{ userId: thread.authorId, kind: "answer", threadId: post.threadId, postId: post.id, createdAt: now }]);
    }
  }
}

function notifyAuthor(tx: Tx, post: { id: number; threadId: number; authorId: number }, kind: ModerationNotificationKind, now: Date) {
  notify(tx, [{ userId: post.authorId, kind, threadId: post.threadId, data: { postId: post.id }, createdAt: now }]);
}

/** Whether this user has flagged this post already (one flag per post). */
export function flagOf(postId: number, userId: number) {
  return getDb()
    .select({ reason: flags.reason, createdAt: flags.createdAt, resolution: flags.resolution })
    .from(flags)
    .where(and(eq(flags.postId, postId), eq(flags.userId, userId)))
    .get();
}

/** Every flag on the given posts, open ones first, with who raised them (the queue and a post's page). */
export function flagsOn(postIds: number[]) {
  if (postIds.length === 0) return [];
  return getDb()
    .select({
      id: flags.id,
      postId: flags.postId,
      userId: flags.userId,
      userName: users.displayName,
      reason: flags.reason,
      note: flags.note,
      resolvedAt: flags.resolvedAt,
      resolution: flags.resolution,
      createdAt: flags.createdAt,
    })
    .from(flags)
    .innerJoin(users, eq(users.id, flags.userId))
    .where(inArray(flags.postId, postIds))
    .orderBy(sql`${flags.resolvedAt} is not null`, flags.createdAt)
    .all();
}

import { setAttachments } from "~/files/attachments.server";
import { and, asc, desc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { getDb, schema, type Tx } from "../../db/index";
import { enqueueThread } from "../../search/outbox";
import { renderMarkdown } from "~/markdown/markdown.server";
import { assignOnPost } from "~/mentoring/assign.server";
import { holdForReview } from "~/moderation/flags.server";
import { linksToHold, postingLimit } from "~/posts/limits.server";
import type { AskInput } from "./schemas";
import { threadSlug } from "./slug";
import type { Message } from "~/i18n/keys";

const { threads, posts, tags, threadTags, threadFollowers, users, networks, votes, mentorAssignments } = schema;

/** Answers per page of a thread: a phone scrolls 20 comfortably. */
export const ANSWERS_PER_PAGE = 20;

/** Finds or creates the network's tags by name, in the caller's transaction. */
export function tagIds(tx: Tx, networkId: number, names: string[]): number[] {
  if (names.length === 0) return [];
  tx.insert(tags)
    .values(names.map((name) => ({ networkId, name })))
    .onConflictDoNothing()
    .run();
  return tx
    .select({ id: tags.id })
    .from(tags)
    .where(and(eq(tags.networkId, networkId), inArray(tags.name, names)))
    .all()
    .map((t) => t.id);
}

export type CreateThreadResult =
  { ok: true; thread: { id: number; slug: string } } | { ok: false; field: "body" | "title"; error: Message };

/** A new thread: the posting limits, its opening post, tags, mentor and the outbox in one transaction. */
export function createThread(
  input: AskInput & {
    networkId: number;
    authorId: number;
    moduleId?: number | null;
    exemptFromRateLimit?: boolean;
    attachmentIds?: number[];
  },
  now = new Date(),
): CreateThreadResult {
  const bodyHtml = renderMarkdown(input.body);
  return getDb().transaction((tx): CreateThreadResult => {
    const limit = postingLimit(
      tx,
      { userId: input.authorId, kind: "thread", body: input.body, exempt: input.exemptFromRateLimit ?? false },
      now,
    );
    if (limit) return { ok: false, field: "body", error: limit };
    const held = linksToHold(tx, input.authorId, bodyHtml, now);
    const created = tx
      .insert(threads)
      .values({
        networkId: input.networkId,
        authorId: input.authorId,
        kind: input.kind,
        title: input.title,
        slug: threadSlug(input.title),
        moduleId: input.moduleId ?? null,
        lastActivityAt: now,
        createdAt: now,
      })
      .returning({ id: threads.id, slug: threads.slug })
      .get();
    const opening = tx
      .insert(posts)
      .values({ threadId: created.id, authorId: input.authorId, isOpening: true, bodySource: input.body, bodyHtml, createdAt: now })
      .returning({ id: posts.id })
      .get();
    setAttachments(tx, { postId: opening.id }, input.authorId, input.attachmentIds ?? [], now);
    const ids = tagIds(tx, input.networkId, input.tags);
    tx.insert(threadTags)
      .values(ids.map((tagId) => ({ threadId: created.id, tagId })))
      .run();
    tx.insert(threadFollowers).values({ threadId: created.id, userId: input.authorId }).run();
    // A held question gets its mentor when a moderator approves it.
    if (held !== null) {
      holdForReview(
        tx,
        { id: opening.id, threadId: created.id, isOpening: true, authorId: input.authorId, networkId: input.networkId },
        held,
        now,
      );
    } else if (input.kind === "question") {
      assignOnPost(tx, { threadId: created.id, networkId: input.networkId, askerId: input.authorId }, now);
    }
    enqueueThread(tx, created.id);
    return { ok: true, thread: created };
  });
}

export type ThreadHeader = NonNullable<ReturnType<typeof getThreadHeader>>;

/** The thread without its posts: enough to authorise an action on it. */
export function getThreadHeader(threadId: number) {
  const db = getDb();
  const thread = db
    .select({
      id: threads.id,
      slug: threads.slug,
      title: threads.title,
      kind: threads.kind,
      authorId: threads.authorId,
      networkId: threads.networkId,
      moduleId: threads.moduleId,
      acceptedPostId: threads.acceptedPostId,
      acceptedById: threads.acceptedById,
      acceptedComment: threads.acceptedComment,
      acceptedAt: threads.acceptedAt,
      answerCount: threads.answerCount,
      score: threads.score,
      meTooCount: threads.meTooCount,
      lockedAt: threads.lockedAt,
      lockReason: threads.lockReason,
      pinnedAt: threads.pinnedAt,
      duplicateOfId: threads.duplicateOfId,
      deletedAt: threads.deletedAt,
      sourceUrl: threads.sourceUrl,
      sourceLicence: threads.sourceLicence,
      createdAt: threads.createdAt,
      lastActivityAt: threads.lastActivityAt,
    })
    .from(threads)
    .where(eq(threads.id, threadId))
    .get();
  if (!thread) return undefined;
  const mentorIds = db
    .select({ id: mentorAssignments.mentorId })
    .from(mentorAssignments)
    .where(and(eq(mentorAssignments.threadId, threadId), inArray(mentorAssignments.status, ["open", "met"])))
    .all()
    .flatMap((a) => (a.id === null ? [] : [a.id]));
  return { ...thread, mentorIds };
}

const postColumns = {
  id: posts.id,
  authorId: posts.authorId,
  authorName: users.displayName,
  isOpening: posts.isOpening,
  bodyHtml: posts.bodyHtml,
  score: posts.score,
  editedAt: posts.editedAt,
  createdAt: posts.createdAt,
  hiddenAt: posts.hiddenAt,
  hiddenReason: posts.hiddenReason,
  pendingReview: posts.pendingReview,
};

export type PostView = {
  id: number;
  authorId: number;
  authorName: string;
  isOpening: boolean;
  bodyHtml: string;
  score: number;
  editedAt: Date | null;
  createdAt: Date;
  /** Set only for the readers who may see removed posts: moderators and the author (marked). */
  hiddenAt: Date | null;
  hiddenReason: string | null;
  pendingReview: boolean;
};

/** Answers after the accepted one: by votes, then oldest first (Stack Exchange's order). */
const answerOrder = [desc(posts.score), asc(posts.createdAt), asc(posts.id)];

/** Hidden posts are shown, marked, to moderators (everything) and to their authors (their own). */
function shownTo(viewerId: number | null, moderator: boolean) {
  if (moderator) return sql`1`;
  return viewerId === null ? isNull(posts.hiddenAt) : or(isNull(posts.hiddenAt), eq(posts.authorId, viewerId));
}

function visibleAnswers(threadId: number, acceptedPostId: number | null, shown = isNull(posts.hiddenAt)) {
  return and(
    eq(posts.threadId, threadId),
    eq(posts.isOpening, false),
    shown,
    acceptedPostId === null ? undefined : ne(posts.id, acceptedPostId),
  );
}

/**
 * Everything the thread page shows, for one page of answers. A removed thread is found only
 * by its author and the network's moderators (`moderator`), who see it marked.
 */
export function getThreadPage(threadId: number, page: number, viewerId: number | null, options: { moderator?: boolean } = {}) {
  const db = getDb();
  const thread = getThreadHeader(threadId);
  const moderator = options.moderator ?? false;
  if (!thread || (thread.deletedAt && !moderator && thread.authorId !== viewerId)) return undefined;
  const shown = shownTo(viewerId, moderator);
  const network = db.select().from(networks).where(eq(networks.id, thread.networkId)).get()!;
  const threadTagNames = db
    .select({ name: tags.name })
    .from(threadTags)
    .innerJoin(tags, eq(tags.id, threadTags.tagId))
    .where(eq(threadTags.threadId, threadId))
    .orderBy(asc(tags.name))
    .all()
    .map((t) => t.name);
  const opening = db
    .select(postColumns)
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .where(and(eq(posts.threadId, threadId), eq(posts.isOpening, true)))
    .get()!;
  const accepted =
    thread.acceptedPostId === null
      ? null
      : (db
          .select(postColumns)
          .from(posts)
          .innerJoin(users, eq(users.id, posts.authorId))
          .where(and(eq(posts.id, thread.acceptedPostId), shown))
          .get() ?? null);
  const acceptedBy =
    thread.acceptedById === null
      ? null
      : (db.select({ name: users.displayName }).from(users).where(eq(users.id, thread.acceptedById)).get()?.name ?? null);
  const where = visibleAnswers(threadId, accepted ? accepted.id : null, shown);
  const otherCount = db
    .select({ n: sql<number>`count(*)` })
    .from(posts)
    .where(where)
    .get()!.n;
  const pageCount = Math.max(1, Math.ceil(otherCount / ANSWERS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pageCount);
  const answers = db
    .select(postColumns)
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .where(where)
    .orderBy(...answerOrder)
    .limit(ANSWERS_PER_PAGE)
    .offset((current - 1) * ANSWERS_PER_PAGE)
    .all();
  const shownIds = [opening.id, ...(accepted ? [accepted.id] : []), ...answers.map((a) => a.id)];
  const myVotes =
    viewerId === null
      ? []
      : db
          .select({ postId: votes.postId, value: votes.value })
          .from(votes)
          .where(and(eq(votes.userId, viewerId), inArray(votes.postId, shownIds)))
          .all();
  const following =
    viewerId === null
      ? null
      : (db
          .select({ meToo: threadFollowers.meToo })
          .from(threadFollowers)
          .where(and(eq(threadFollowers.threadId, threadId), eq(threadFollowers.userId, viewerId)))
          .get() ?? null);
  return {
    thread: { ...thread, tags: threadTagNames, acceptedByName: acceptedBy },
    network,
    opening,
    accepted,
    answers,
    page: current,
    pageCount,
    answerCount: otherCount + (accepted ? 1 : 0),
    myVotes: Object.fromEntries(myVotes.map((v) => [v.postId, v.value])) as Record<number, number>,
    meToo: following?.meToo ?? false,
  };
}

/** The page of the thread a post sits on, so a link to one post lands on the right page. */
export function pageOfPost(postId: number): { threadId: number; page: number } | undefined {
  const db = getDb();
  const post = db.select().from(posts).where(eq(posts.id, postId)).get();
  if (!post) return undefined;
  const thread = db.select({ acceptedPostId: threads.acceptedPostId }).from(threads).where(eq(threads.id, post.threadId)).get()!;
  if (post.isOpening || post.id === thread.acceptedPostId) return { threadId: post.threadId, page: 1 };
  const before = db
    .select({ n: sql<number>`count(*)` })
    .from(posts)
    .where(
      and(
        visibleAnswers(post.threadId, thread.acceptedPostId),
        or(
          sql`${posts.score} > ${post.score}`,
          and(eq(posts.score, post.score), sql`${posts.createdAt} < ${post.createdAt.getTime()}`),
          and(eq(posts.score, post.score), eq(posts.createdAt, post.createdAt), sql`${posts.id} < ${post.id}`),
        ),
      ),
    )
    .get()!.n;
  return { threadId: post.threadId, page: Math.floor(before / ANSWERS_PER_PAGE) + 1 };
}

/** Existing tags of a network, most used first, for suggestions while asking. */
export function popularTags(networkId: number, limit = 30): string[] {
  return getDb()
    .select({ name: tags.name })
    .from(tags)
    .leftJoin(threadTags, eq(threadTags.tagId, tags.id))
    .where(eq(tags.networkId, networkId))
    .groupBy(tags.id)
    .orderBy(sql`count(${threadTags.threadId}) desc`, asc(tags.name))
    .limit(limit)
    .all()
    .map((t) => t.name);
}

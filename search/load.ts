/** Index side: reads threads and knowledge-base entries from SQLite (the truth) into the shape documents.ts maps. */
import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { getDb, schema } from "../db/index";
import type { KbSource, ThreadSource } from "./documents";

const { threads, networks, users, posts, tags, threadTags, courseModules, kbEntries, kbEntryTags, kbEntryThreads, kbFeedback } = schema;

/**
 * Threads by id; a deleted or missing thread is simply absent from the result. A thread
 * closed as a duplicate stays indexed under its own words; search shows its canonical
 * thread in its place (app/moderation/duplicates.server.ts).
 */
export function loadThreads(ids: number[]): ThreadSource[] {
  if (ids.length === 0) return [];
  const db = getDb();
  const rows = db
    .select({
      id: threads.id,
      networkId: threads.networkId,
      networkSlug: networks.slug,
      networkName: networks.name,
      visibility: networks.visibility,
      kind: threads.kind,
      title: threads.title,
      slug: threads.slug,
      authorId: threads.authorId,
      authorName: users.displayName,
      acceptedPostId: threads.acceptedPostId,
      answerCount: threads.answerCount,
      meTooCount: threads.meTooCount,
      score: threads.score,
      moduleId: threads.moduleId,
      courseId: courseModules.courseId,
      createdAt: threads.createdAt,
      lastActivityAt: threads.lastActivityAt,
    })
    .from(threads)
    .innerJoin(networks, eq(networks.id, threads.networkId))
    .innerJoin(users, eq(users.id, threads.authorId))
    .leftJoin(courseModules, eq(courseModules.id, threads.moduleId))
    .where(and(inArray(threads.id, ids), isNull(threads.deletedAt)))
    .all();
  if (rows.length === 0) return [];
  const found = rows.map((r) => r.id);
  const tagRows = db
    .select({ threadId: threadTags.threadId, name: tags.name })
    .from(threadTags)
    .innerJoin(tags, eq(tags.id, threadTags.tagId))
    .where(inArray(threadTags.threadId, found))
    .all();
  const postRows = db
    .select({ id: posts.id, threadId: posts.threadId, isOpening: posts.isOpening, bodyHtml: posts.bodyHtml })
    .from(posts)
    .where(and(inArray(posts.threadId, found), isNull(posts.hiddenAt)))
    .orderBy(asc(posts.threadId), asc(posts.id))
    .all();
  const tagsOf = new Map<number, string[]>();
  for (const t of tagRows) tagsOf.set(t.threadId, [...(tagsOf.get(t.threadId) ?? []), t.name]);
  const postsOf = new Map<number, typeof postRows>();
  for (const p of postRows) {
    const list = postsOf.get(p.threadId);
    if (list) list.push(p);
    else postsOf.set(p.threadId, [p]);
  }
  return rows.map(({ acceptedPostId, ...row }) => {
    const threadPosts = postsOf.get(row.id) ?? [];
    const accepted = threadPosts.find((p) => p.id === acceptedPostId);
    return {
      ...row,
      tags: (tagsOf.get(row.id) ?? []).sort(),
      openingHtml: threadPosts.find((p) => p.isOpening)?.bodyHtml ?? "",
      acceptedHtml: accepted?.bodyHtml ?? null,
      answersHtml: threadPosts.filter((p) => !p.isOpening && p !== accepted).map((p) => p.bodyHtml),
    };
  });
}

/** Every live thread id after `afterId`, in id order, a page at a time (for reindex). */
export function threadIdsAfter(afterId: number, limit: number): number[] {
  return getDb()
    .select({ id: threads.id })
    .from(threads)
    .where(and(gt(threads.id, afterId), isNull(threads.deletedAt)))
    .orderBy(asc(threads.id))
    .limit(limit)
    .all()
    .map((r) => r.id);
}

/** Knowledge-base entries by id; a deleted entry is absent. Source titles only of live threads. */
export function loadKbEntries(ids: number[]): KbSource[] {
  if (ids.length === 0) return [];
  const db = getDb();
  const rows = db
    .select({
      id: kbEntries.id,
      networkId: kbEntries.networkId,
      networkSlug: networks.slug,
      networkName: networks.name,
      visibility: networks.visibility,
      title: kbEntries.title,
      summaryHtml: kbEntries.summaryHtml,
      reviewedAt: kbEntries.reviewedAt,
      helpful: sql<number>`(select count(*) from ${kbFeedback} f where f.entry_id = ${kbEntries.id} and f.helpful = 1)`,
      notHelpful: sql<number>`(select count(*) from ${kbFeedback} f where f.entry_id = ${kbEntries.id} and f.helpful = 0)`,
    })
    .from(kbEntries)
    .innerJoin(networks, eq(networks.id, kbEntries.networkId))
    .where(inArray(kbEntries.id, ids))
    .all();
  if (rows.length === 0) return [];
  const found = rows.map((r) => r.id);
  const tagRows = db
    .select({ entryId: kbEntryTags.entryId, name: tags.name })
    .from(kbEntryTags)
    .innerJoin(tags, eq(tags.id, kbEntryTags.tagId))
    .where(inArray(kbEntryTags.entryId, found))
    .all();
  const sourceRows = db
    .select({ entryId: kbEntryThreads.entryId, title: threads.title })
    .from(kbEntryThreads)
    .innerJoin(threads, eq(threads.id, kbEntryThreads.threadId))
    .where(and(inArray(kbEntryThreads.entryId, found), isNull(threads.deletedAt)))
    .all();
  return rows.map((row) => ({
    ...row,
    tags: tagRows
      .filter((t) => t.entryId === row.id)
      .map((t) => t.name)
      .sort(),
    sourceTitles: sourceRows.filter((s) => s.entryId === row.id).map((s) => s.title),
  }));
}

/** Every entry id after `afterId` (for reindex). */
export function kbEntryIdsAfter(afterId: number, limit: number): number[] {
  return getDb()
    .select({ id: kbEntries.id })
    .from(kbEntries)
    .where(gt(kbEntries.id, afterId))
    .orderBy(asc(kbEntries.id))
    .limit(limit)
    .all()
    .map((r) => r.id);
}

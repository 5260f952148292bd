/**
 * The knowledge base: entries a moderator writes from solved threads — a short title, a
 * summary, the source threads, tags and the date it was last reviewed — with "was this
 * helpful?" counts. Every change writes a kb_entry outbox row (search/kb-index.ts indexes entries
 * in their own index, queried before the threads) and the audit log, in one transaction.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb, schema, type Tx } from "../../db/index";
import { enqueueKbEntry } from "../../search/outbox";
import { saveFiles, type FilesInput } from "~/files/library.server";
import { renderMarkdown } from "~/markdown/markdown.server";
import { logAction } from "~/moderation/log.server";
import { tagIds } from "~/threads/threads.server";
import type { EntryInput } from "./schemas";
import { threadPath } from "~/paths";
import type { MessageKey } from "~/i18n/keys";

const { kbEntries, kbEntryThreads, kbEntryTags, kbFeedback, threads, tags, users } = schema;

export type EntryResult = { ok: true; id: number } | { ok: false; field: "sources"; error: MessageKey };

/** Sources must be live threads of the entry's network: an entry never points readers elsewhere. */
function checkSources(tx: Tx, networkId: number, ids: number[]): MessageKey | null {
  const found = tx
    .select({ id: threads.id, networkId: threads.networkId, deletedAt: threads.deletedAt })
    .from(threads)
    .where(inArray(threads.id, ids))
    .all();
  if (found.length !== ids.length || found.some((t) => t.deletedAt !== null)) return "kb.errors.sourceNotFound";
  if (found.some((t) => t.networkId !== networkId)) return "kb.errors.sourceElsewhere";
  return null;
}

function writeLinks(tx: Tx, entryId: number, networkId: number, input: EntryInput): void {
  tx.delete(kbEntryThreads).where(eq(kbEntryThreads.entryId, entryId)).run();
  tx.insert(kbEntryThreads)
    .values(input.sources.map((threadId) => ({ entryId, threadId })))
    .run();
  tx.delete(kbEntryTags).where(eq(kbEntryTags.entryId, entryId)).run();
  const ids = tagIds(tx, networkId, input.tags);
  if (ids.length)
    tx.insert(kbEntryTags)
      .values(ids.map((tagId) => ({ entryId, tagId })))
      .run();
}

/** `files`: what the form carries (the author's pending uploads among them become the entry's), saved in the same transaction. */
export function createEntry(
  input: EntryInput & { networkId: number; authorId: number; files?: FilesInput },
  now = new Date(),
): EntryResult {
  const summaryHtml = renderMarkdown(input.summary);
  return getDb().transaction((tx): EntryResult => {
    const error = checkSources(tx, input.networkId, input.sources);
    if (error) return { ok: false, field: "sources", error };
    const { id } = tx
      .insert(kbEntries)
      .values({
        networkId: input.networkId,
        title: input.title,
        summarySource: input.summary,
        summaryHtml,
        authorId: input.authorId,
        reviewedAt: now,
        createdAt: now,
      })
      .returning({ id: kbEntries.id })
      .get();
    writeLinks(tx, id, input.networkId, input);
    if (input.files) saveFiles(tx, { kbEntryId: id }, input.authorId, input.files, now);
    logAction(
      tx,
      {
        networkId: input.networkId,
        actorId: input.authorId,
        action: "kb.create",
        targetType: "kb_entry",
        targetId: id,
        details: { title: input.title },
      },
      now,
    );
    enqueueKbEntry(tx, id);
    return { ok: true, id };
  });
}

/** Saving an entry is reviewing it: the moderator has just read it against its sources. */
export function updateEntry(
  input: EntryInput & { entryId: number; moderatorId: number; reason: string; files?: FilesInput },
  now = new Date(),
): EntryResult {
  const summaryHtml = renderMarkdown(input.summary);
  return getDb().transaction((tx): EntryResult => {
    const entry = tx.select().from(kbEntries).where(eq(kbEntries.id, input.entryId)).get();
    if (!entry) return { ok: false, field: "sources", error: "kb.errors.sourceNotFound" };
    const error = checkSources(tx, entry.networkId, input.sources);
    if (error) return { ok: false, field: "sources", error };
    tx.update(kbEntries)
      .set({ title: input.title, summarySource: input.summary, summaryHtml, reviewedAt: now, needsReview: false })
      .where(eq(kbEntries.id, entry.id))
      .run();
    writeLinks(tx, entry.id, entry.networkId, input);
    if (input.files) saveFiles(tx, { kbEntryId: entry.id }, input.moderatorId, input.files, now);
    logAction(
      tx,
      {
        networkId: entry.networkId,
        actorId: input.moderatorId,
        action: "kb.update",
        targetType: "kb_entry",
        targetId: entry.id,
        reason: input.reason || null,
        details: { title: input.title },
      },
      now,
    );
    enqueueKbEntry(tx, entry.id);
    return { ok: true, id: entry.id };
  });
}

export function markReviewed(entryId: number, moderatorId: number, now = new Date()): boolean {
  return getDb().transaction((tx) => {
    const entry = tx.select({ networkId: kbEntries.networkId }).from(kbEntries).where(eq(kbEntries.id, entryId)).get();
    if (!entry) return false;
    tx.update(kbEntries).set({ reviewedAt: now, needsReview: false }).where(eq(kbEntries.id, entryId)).run();
    logAction(
      tx,
      { networkId: entry.networkId, actorId: moderatorId, action: "kb.review", targetType: "kb_entry", targetId: entryId },
      now,
    );
    enqueueKbEntry(tx, entryId);
    return true;
  });
}

export function deleteEntry(entryId: number, moderatorId: number, reason: string, now = new Date()): boolean {
  return getDb().transaction((tx) => {
    const entry = tx
      .select({ networkId: kbEntries.networkId, title: kbEntries.title })
      .from(kbEntries)
      .where(eq(kbEntries.id, entryId))
      .get();
    if (!entry) return false;
    tx.delete(kbEntries).where(eq(kbEntries.id, entryId)).run();
    logAction(
      tx,
      {
        networkId: entry.networkId,
        actorId: moderatorId,
        action: "kb.delete",
        targetType: "kb_entry",
        targetId: entryId,
        reason: reason || null,
        details: { title: entry.title },
      },
      now,
    );
    enqueueKbEntry(tx, entryId);
    return true;
  });
}

/** One answer per reader, changeable; the counts are derived from the rows and go to the index for ranking. */
export function rateEntry(input: { entryId: number; userId: number; helpful: boolean }, now = new Date()): void {
  getDb().transaction((tx) => {
    tx.insert(kbFeedback)
      .values({ entryId: input.entryId, userId: input.userId, helpful: input.helpful, createdAt: now })
      .onConflictDoUpdate({ target: [kbFeedback.entryId, kbFeedback.userId], set: { helpful: input.helpful, createdAt: now } })
      .run();
    enqueueKbEntry(tx, input.entryId);
  });
}

const helpfulCounts = {
  helpful: sql<number>`(select count(*) from kb_feedback f where f.entry_id = ${kbEntries.id} and f.helpful = 1)`,
  notHelpful: sql<number>`(select count(*) from kb_feedback f where f.entry_id = ${kbEntries.id} and f.helpful = 0)`,
};

export function getEntry(entryId: number, viewerId: number | null) {
  const db = getDb();
  const entry = db
    .select({
      id: kbEntries.id,
      networkId: kbEntries.networkId,
      title: kbEntries.title,
      summarySource: kbEntries.summarySource,
      summaryHtml: kbEntries.summaryHtml,
      authorName: users.displayName,
      reviewedAt: kbEntries.reviewedAt,
      needsReview: kbEntries.needsReview,
      createdAt: kbEntries.createdAt,
      ...helpfulCounts,
    })
    .from(kbEntries)
    .innerJoin(users, eq(users.id, kbEntries.authorId))
    .where(eq(kbEntries.id, entryId))
    .get();
  if (!entry) return undefined;
  const sources = db
    .select({
      id: threads.id,
      slug: threads.slug,
      title: threads.title,
      solved: sql<boolean>`${threads.acceptedPostId} is not null`,
      removed: sql<boolean>`${threads.deletedAt} is not null`,
      networkId: threads.networkId,
    })
    .from(kbEntryThreads)
    .innerJoin(threads, eq(threads.id, kbEntryThreads.threadId))
    .where(eq(kbEntryThreads.entryId, entryId))
    .orderBy(asc(threads.id))
    .all()
    .map((s) => ({ ...s, solved: Boolean(s.solved), removed: Boolean(s.removed) }));
  const entryTags = db
    .select({ name: tags.name })
    .from(kbEntryTags)
    .innerJoin(tags, eq(tags.id, kbEntryTags.tagId))
    .where(eq(kbEntryTags.entryId, entryId))
    .orderBy(asc(tags.name))
    .all()
    .map((t) => t.name);
  const mine =
    viewerId === null
      ? null
      : (db
          .select({ helpful: kbFeedback.helpful })
          .from(kbFeedback)
          .where(and(eq(kbFeedback.entryId, entryId), eq(kbFeedback.userId, viewerId)))
          .get()?.helpful ?? null);
  return { ...entry, sources, tags: entryTags, myFeedback: mine };
}

/** A network's entries grouped by tag (an entry shows under each of its tags), tags by size. */
export function listEntries(networkId: number) {
  const db = getDb();
  const entries = db
    .select({
      id: kbEntries.id,
      title: kbEntries.title,
      reviewedAt: kbEntries.reviewedAt,
      needsReview: kbEntries.needsReview,
      ...helpfulCounts,
    })
    .from(kbEntries)
    .where(eq(kbEntries.networkId, networkId))
    .orderBy(asc(kbEntries.title))
    .all();
  const links = entries.length
    ? db
        .select({ entryId: kbEntryTags.entryId, name: tags.name })
        .from(kbEntryTags)
        .innerJoin(tags, eq(tags.id, kbEntryTags.tagId))
        .where(
          inArray(
            kbEntryTags.entryId,
            entries.map((e) => e.id),
          ),
        )
        .all()
    : [];
  const groups = new Map<string, typeof entries>();
  for (const link of links) {
    const entry = entries.find((e) => e.id === link.entryId)!;
    groups.set(link.name, [...(groups.get(link.name) ?? []), entry]);
  }
  const tagged = new Set(links.map((l) => l.entryId));
  const untagged = entries.filter((e) => !tagged.has(e.id));
  return {
    total: entries.length,
    groups: [...groups.entries()]
      .sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b, "ru"))
      .map(([tag, list]) => ({ tag, entries: list })),
    untagged,
  };
}

/** Entries built on a thread, for its page ("this is in the knowledge base"). */
export function entriesOfThread(threadId: number) {
  return getDb()
    .select({ id: kbEntries.id, title: kbEntries.title })
    .from(kbEntryThreads)
    .innerJoin(kbEntries, eq(kbEntries.id, kbEntryThreads.entryId))
    .where(eq(kbEntryThreads.threadId, threadId))
    .orderBy(desc(kbEntries.reviewedAt))
    .all();
}

/** A starting point for an entry made from a thread: its title, tags and accepted answer; the moderator shortens it. */
export function draftFromThread(threadId: number, networkId: number) {
  const db = getDb();
  const thread = db
    .select({
      id: threads.id,
      slug: threads.slug,
      title: threads.title,
      acceptedPostId: threads.acceptedPostId,
      networkId: threads.networkId,
    })
    .from(threads)
    .where(and(eq(threads.id, threadId), sql`${threads.deletedAt} is null`))
    .get();
  if (!thread || thread.networkId !== networkId) return null;
  const accepted = thread.acceptedPostId
    ? db.select({ body: schema.posts.bodySource }).from(schema.posts).where(eq(schema.posts.id, thread.acceptedPostId)).get()?.body
    : undefined;
  const threadTagNames = db
    .select({ name: tags.name })
    .from(schema.threadTags)
    .innerJoin(tags, eq(tags.id, schema.threadTags.tagId))
    .where(eq(schema.threadTags.threadId, thread.id))
    .orderBy(asc(tags.name))
    .all()
    .map((t) => t.name);
  return { title: thread.title, summary: accepted ?? "", sources: threadPath(thread), tags: threadTagNames.join(", ") };
}

/** The entry's fields as the edit form shows them. */
export function entryForEditing(entryId: number) {
  const entry = getEntry(entryId, null);
  if (!entry) return undefined;
  return {
    entry,
    values: {
      title: entry.title,
      summary: entry.summarySource,
      sources: entry.sources.map((s) => threadPath(s)).join("\n"),
      tags: entry.tags.join(", "),
    },
  };
}

/**
 * A thread closed as a duplicate stays in the index under its own words, so a teacher who
 * phrases the question its way still finds it; search then shows the canonical thread in
 * its place (and only once). The mapping is read from SQLite at query time, so closing or
 * reopening takes effect at once, whatever the index holds.
 */
import { eq, inArray, isNotNull, sql } from "drizzle-orm";
import { getDb, schema } from "../../db/index";

const { threads, networks, users, tags, threadTags } = schema;

export type CanonicalThread = {
  id: number;
  slug: string;
  title: string;
  tags: string[];
  solved: boolean;
  kind: "question" | "discussion";
  networkSlug: string;
  networkName: string;
  authorName: string;
  answerCount: number;
  meTooCount: number;
  lastActivityAt: number;
};

/** For each of the given thread ids that is a closed duplicate: its canonical thread. */
export function canonicalsOf(ids: number[]): Map<number, CanonicalThread> {
  if (ids.length === 0) return new Map();
  const db = getDb();
  const links = db
    .select({ id: threads.id, canonicalId: threads.duplicateOfId })
    .from(threads)
    .where(sql`${inArray(threads.id, ids)} and ${isNotNull(threads.duplicateOfId)}`)
    .all();
  if (links.length === 0) return new Map();
  const canonicalIds = [...new Set(links.map((l) => l.canonicalId!))];
  const rows = db
    .select({
      id: threads.id,
      slug: threads.slug,
      title: threads.title,
      solved: sql<number>`${threads.acceptedPostId} is not null`,
      kind: threads.kind,
      networkSlug: networks.slug,
      networkName: networks.name,
      authorName: users.displayName,
      answerCount: threads.answerCount,
      meTooCount: threads.meTooCount,
      lastActivityAt: threads.lastActivityAt,
    })
    .from(threads)
    .innerJoin(networks, eq(networks.id, threads.networkId))
    .innerJoin(users, eq(users.id, threads.authorId))
    .where(inArray(threads.id, canonicalIds))
    .all();
  const tagRows = db
    .select({ threadId: threadTags.threadId, name: tags.name })
    .from(threadTags)
    .innerJoin(tags, eq(tags.id, threadTags.tagId))
    .where(inArray(threadTags.threadId, canonicalIds))
    .all();
  const byId = new Map(
    rows.map((r) => [
      r.id,
      {
        ...r,
        solved: Boolean(r.solved),
        lastActivityAt: r.lastActivityAt.getTime(),
        tags: tagRows
          .filter((t) => t.threadId === r.id)
          .map((t) => t.name)
          .sort(),
      },
    ]),
  );
  const result = new Map<number, CanonicalThread>();
  for (const link of links) {
    const canonical = byId.get(link.canonicalId!);
    if (canonical) result.set(link.id, canonical);
  }
  return result;
}

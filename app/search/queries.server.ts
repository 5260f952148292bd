/**
 * Query side: what the pages ask Meilisearch. The index itself (what goes in, and how) is the
 * top-level search/ folder (search/README.md).
 *
 * Search as the forum uses it: who may see what (filters in Meilisearch, then a check of
 * the page of hits against SQLite), the filters of /search, similar threads while asking,
 * and the plain "search is catching up" state when Meilisearch is down or behind.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { SearchParams } from "meilisearch";
import { getDb, schema } from "../../db/index";
import { analyzeQuery, stemQuery } from "../../search/analyzer";
import { meiliConfigured, threadsIndex } from "../../search/client";
import { kbIndex } from "../../search/kb-index";
import { outboxBacklog } from "../../search/worker";
import { canonicalsOf, type CanonicalThread } from "~/moderation/duplicates.server";
import { readableFilter, readableNetwork } from "~/permissions/visibility.server";
import { kbEntryPath, threadPath } from "~/paths";

const { threads, networks, users, kbEntries } = schema;

export const HITS_PER_PAGE = 20;
/** An outbox row older than this means search is behind, and the page says so. */
const BEHIND_AFTER_MS = 30_000;
const SIMILAR_SHOWN = 5;
/** Below this ranking score a thread is not "similar" enough to interrupt someone asking. */
const SIMILAR_MIN_SCORE = 0.3;
/** Knowledge-base entries shown above the threads: few, and only when they match well. */
const KB_SHOWN = 3;
const KB_MIN_SCORE = 0.5;
const KB_SIMILAR_SHOWN = 2;

/** Who searches; what they may read is looked up afresh (a suspension or a role taken back counts at once). */
export type Viewer = { id: number; isAdmin: boolean } | null;
export type StatusFilter = "any" | "solved" | "unsolved";
export type SortOrder = "relevance" | "newest";

export type SearchQuery = {
  q: string;
  network: string | null;
  tag: string | null;
  status: StatusFilter;
  author: string | null;
  course: number | null;
  sort: SortOrder;
  page: number;
};

/** Highlight marks that cannot occur in text: the text is escaped first, then they become <mark>. */
const PRE = "\u0001";
const POST = "\u0002";

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function markHighlights(text: string): string {
  return escapeHtml(text).replaceAll(PRE, "<mark>").replaceAll(POST, "</mark>");
}

/** Meilisearch filter for what the viewer may read (app/permissions/visibility.server.ts). */
const visibilityFilter = (viewer: Viewer) => readableFilter(viewer?.id ?? null);

/** The second wall: of the hits, only threads SQLite says the viewer may read right now. */
export function readableThreadIds(ids: number[], viewer: Viewer): Set<number> {
  if (ids.length === 0) return new Set();
  const rows = getDb()
    .select({ id: threads.id })
    .from(threads)
    .innerJoin(networks, eq(networks.id, threads.networkId))
    .where(and(inArray(threads.id, ids), isNull(threads.deletedAt), readableNetwork(viewer?.id ?? null)))
    .all();
  return new Set(rows.map((r) => r.id));
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function authorIds(name: string): number[] {
  const pattern = `%${name.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  return getDb()
    .select({ id: users.id })
    .from(users)
    .where(sql`${users.displayName} like ${pattern} escape '\\'`)
    .limit(50)
    .all()
    .map((u) => u.id);
}

export function searchIsBehind(now = new Date()): boolean {
  return outboxBacklog(new Date(now.getTime() - BEHIND_AFTER_MS)) > 0;
}

/** A search document's listed fields are a canonical thread's (the duplicate redirect shows one in its place). */
type Hit = CanonicalThread & {
  _formatted?: { title?: string; body?: string; accepted?: string };
  _matchesPosition?: Record<string, unknown>;
};

export type SearchResult =
  | { ok: true; hits: PresentedHit[]; kb: KbHit[]; total: number; page: number; pageCount: number; behind: boolean }
  | { ok: false; behind: true };

export type PresentedHit = ReturnType<typeof present>;

/** The snippet comes from the accepted answer when the question matched only through it. */
function present(hit: Hit) {
  const matched = Object.keys(hit._matchesPosition ?? {});
  const viaQuestion = matched.some((a) => a.startsWith("title") || a.startsWith("body") || a.startsWith("tags"));
  const viaAccepted = matched.some((a) => a.startsWith("accepted"));
  const fromAccepted = viaAccepted && !viaQuestion && Boolean(hit._formatted?.accepted);
  const snippet = fromAccepted ? hit._formatted?.accepted : hit._formatted?.body;
  return {
    id: hit.id,
    slug: hit.slug,
    titleHtml: markHighlights(hit._formatted?.title ?? hit.title),
    title: hit.title,
    snippetHtml: snippet ? markHighlights(snippet) : "",
    snippetFromAccepted: fromAccepted,
    tags: hit.tags,
    solved: hit.solved,
    kind: hit.kind,
    networkSlug: hit.networkSlug,
    networkName: hit.networkName,
    authorName: hit.authorName,
    answerCount: hit.answerCount,
    meTooCount: hit.meTooCount,
    lastActivityAt: hit.lastActivityAt,
    /** Set when the hit was a closed duplicate: its (highlighted) title, shown under the canonical thread. */
    viaDuplicateHtml: null as string | null,
  };
}

/** A closed duplicate matched: the canonical thread takes its place, saying which question led there. */
function presentCanonical(canonical: CanonicalThread, duplicate: Hit): PresentedHit {
  return {
    ...canonical,
    titleHtml: markHighlights(canonical.title),
    snippetHtml: "",
    snippetFromAccepted: false,
    viaDuplicateHtml: markHighlights(duplicate._formatted?.title ?? duplicate.title),
  };
}

/** Hits in index order, each closed duplicate replaced by its canonical thread, each thread once, readable ones only. */
function resolveHits(hits: Hit[], viewer: Viewer): PresentedHit[] {
  const canonicals = canonicalsOf(hits.map((h) => h.id));
  const readable = readableThreadIds([...hits.map((h) => h.id), ...[...canonicals.values()].map((c) => c.id)], viewer);
  const seen = new Set<number>();
  return hits.flatMap((hit) => {
    const canonical = canonicals.get(hit.id);
    const shown = canonical ? canonical.id : hit.id;
    if (!readable.has(shown) || seen.has(shown)) return [];
    seen.add(shown);
    return [canonical ? presentCanonical(canonical, hit) : present(hit)];
  });
}

export async function searchThreads(query: SearchQuery, viewer: Viewer): Promise<SearchResult> {
  const behind = searchIsBehind();
  if (!meiliConfigured()) return { ok: false, behind: true };
  const filters: string[] = [];
  const visible = visibilityFilter(viewer);
  if (visible) filters.push(visible);
  if (query.network) {
    const network = getDb().select({ id: networks.id }).from(networks).where(eq(networks.slug, query.network)).get();
    filters.push(`networkId = ${network?.id ?? -1}`);
  }
  if (query.tag) filters.push(`tags = ${quote(query.tag)}`);
  if (query.status === "solved") filters.push("solved = true");
  if (query.status === "unsolved") filters.push(`solved = false AND kind = "question"`);
  if (query.author) filters.push(`authorId IN [${[...authorIds(query.author), -1].join(", ")}]`);
  if (query.course) filters.push(`courseId = ${query.course}`);
  const params: SearchParams = {
    filter: filters.length ? filters.join(" AND ") : undefined,
    page: query.page,
    hitsPerPage: HITS_PER_PAGE,
    attributesToHighlight: ["title", "body", "accepted"],
    attributesToCrop: ["body", "accepted"],
    cropLength: 30,
    highlightPreTag: PRE,
    highlightPostTag: POST,
    showMatchesPosition: true,
    matchingStrategy: "last",
    sort: query.sort === "newest" ? ["createdAt:desc"] : undefined,
  };
  try {
    const response = (await threadsIndex().search<Hit>(analyzeQuery(query.q), params)) as unknown as {
      hits: Hit[];
      totalHits?: number;
      page?: number;
      totalPages?: number;
    };
    const hits = response.hits;
    const total = response.totalHits ?? hits.length;
    // Curated answers first: on the first page of a relevance search that could include them.
    const kbApplies = query.page === 1 && query.sort === "relevance" && query.status !== "unsolved" && !query.author && !query.course;
    return {
      ok: true,
      hits: resolveHits(hits, viewer),
      kb: kbApplies && query.q ? await searchKnowledgeBase(query.q, viewer, { network: query.network, tag: query.tag }) : [],
      total,
      page: response.page ?? query.page,
      pageCount: response.totalPages ?? 1,
      behind,
    };
  } catch {
    return { ok: false, behind: true };
  }
}

export type Similar = { id: number; slug: string; title: string; solved: boolean; answerCount: number; url: string; kb: boolean };

/**
 * Up to five threads like the title being typed: knowledge-base entries first, then solved
 * threads, a closed duplicate shown as its canonical thread; empty when search is down.
 */
export async function similarThreads(title: string, networkId: number | null, viewer: Viewer): Promise<Similar[]> {
  const q = stemQuery(title);
  if (!q || !meiliConfigured()) return [];
  const filters = [visibilityFilter(viewer), networkId ? `networkId = ${networkId}` : null].filter(Boolean);
  try {
    const [response, entries] = await Promise.all([
      threadsIndex().search<Hit>(q, {
        filter: filters.length ? filters.join(" AND ") : undefined,
        limit: SIMILAR_SHOWN * 2,
        matchingStrategy: "last",
        rankingScoreThreshold: SIMILAR_MIN_SCORE,
        attributesToRetrieve: ["id", "slug", "title", "solved", "answerCount", "networkName"],
      }),
      searchKnowledgeBase(title, viewer, { networkId }, KB_SIMILAR_SHOWN, SIMILAR_MIN_SCORE),
    ]);
    const threadsFound = resolveHits(response.hits, viewer)
      .sort((a, b) => Number(b.solved) - Number(a.solved))
      .map((h) => ({
        id: h.id,
        slug: h.slug,
        title: h.title,
        solved: h.solved,
        answerCount: h.answerCount,
        url: threadPath(h),
        kb: false,
      }));
    const curated = entries.map((e) => ({ id: e.id, slug: "", title: e.title, solved: true, answerCount: 0, url: e.url, kb: true }));
    return [...curated, ...threadsFound].slice(0, SIMILAR_SHOWN);
  } catch {
    return [];
  }
}

type KbRawHit = {
  id: number;
  title: string;
  tags: string[];
  networkId: number;
  networkSlug: string;
  networkName: string;
  helpful: number;
  _formatted?: { title?: string; summary?: string };
};

export type KbHit = {
  id: number;
  url: string;
  title: string;
  titleHtml: string;
  snippetHtml: string;
  tags: string[];
  networkSlug: string;
  networkName: string;
  helpful: number;
};

/** The second wall for entries: only those SQLite still has, in networks the viewer may read. */
function readableEntryIds(ids: number[], viewer: Viewer): Set<number> {
  if (ids.length === 0) return new Set();
  const rows = getDb()
    .select({ id: kbEntries.id })
    .from(kbEntries)
    .innerJoin(networks, eq(networks.id, kbEntries.networkId))
    .where(and(inArray(kbEntries.id, ids), readableNetwork(viewer?.id ?? null)))
    .all();
  return new Set(rows.map((r) => r.id));
}

/** Knowledge-base entries for a query, best first; empty (not an error) when the index is missing or down. */
export async function searchKnowledgeBase(
  q: string,
  viewer: Viewer,
  scope: { network?: string | null; networkId?: number | null; tag?: string | null },
  limit = KB_SHOWN,
  minScore = KB_MIN_SCORE,
): Promise<KbHit[]> {
  const query = analyzeQuery(q);
  if (!query.trim() || !meiliConfigured()) return [];
  const filters: string[] = [];
  const visible = visibilityFilter(viewer);
  if (visible) filters.push(visible);
  let networkId = scope.networkId ?? null;
  if (scope.network) {
    networkId = getDb().select({ id: networks.id }).from(networks).where(eq(networks.slug, scope.network)).get()?.id ?? -1;
  }
  if (networkId) filters.push(`networkId = ${networkId}`);
  if (scope.tag) filters.push(`tags = ${quote(scope.tag)}`);
  try {
    const response = await kbIndex().search<KbRawHit>(query, {
      filter: filters.length ? filters.join(" AND ") : undefined,
      limit,
      matchingStrategy: "last",
      rankingScoreThreshold: minScore,
      attributesToHighlight: ["title", "summary"],
      attributesToCrop: ["summary"],
      cropLength: 30,
      highlightPreTag: PRE,
      highlightPostTag: POST,
    });
    const hits = response.hits;
    const readable = readableEntryIds(
      hits.map((h) => h.id),
      viewer,
    );
    return hits
      .filter((h) => readable.has(h.id))
      .map((h) => ({
        id: h.id,
        url: kbEntryPath(h.networkSlug, h.id),
        title: h.title,
        titleHtml: markHighlights(h._formatted?.title ?? h.title),
        snippetHtml: h._formatted?.summary ? markHighlights(h._formatted.summary) : "",
        tags: h.tags,
        networkSlug: h.networkSlug,
        networkName: h.networkName,
        helpful: h.helpful,
      }));
  } catch {
    return [];
  }
}

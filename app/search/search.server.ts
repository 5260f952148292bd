/**
 * Search as the forum uses it: who may see what (filters in Meilisearch, then a check of
 * the page of hits against SQLite), the filters of /search, similar threads while asking,
 * and the plain "search is catching up" state when Meilisearch is down or behind.
 */
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { SearchParams } from "meilisearch";
import { getDb, schema } from "../../db/index";
import { analyzeQuery, stemQuery } from "../../search/analyzer";
import { meiliConfigured, threadsIndex } from "../../search/client";
import { outboxBacklog } from "../../search/worker";

const { threads, networks, memberships, users } = schema;

export const HITS_PER_PAGE = 20;
/** An outbox row older than this means search is behind, and the page says so. */
const BEHIND_AFTER_MS = 30_000;
const SIMILAR_SHOWN = 5;
/** Below this ranking score a thread is not "similar" enough to interrupt someone asking. */
const SIMILAR_MIN_SCORE = 0.3;

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

function memberNetworkIds(viewer: Viewer): number[] {
  if (!viewer) return [];
  return getDb()
    .select({ id: memberships.networkId })
    .from(memberships)
    .where(eq(memberships.userId, viewer.id))
    .all()
    .map((m) => m.id);
}

/** Meilisearch filter for what the viewer may see; admins read every network (permissions.ts). */
function visibilityFilter(viewer: Viewer): string | null {
  if (viewer?.isAdmin) return null;
  const ids = memberNetworkIds(viewer);
  return ids.length ? `(visibility = "public" OR networkId IN [${ids.join(", ")}])` : `visibility = "public"`;
}

/** The second wall: of the hits, only threads SQLite says the viewer may read right now. */
export function readableThreadIds(ids: number[], viewer: Viewer): Set<number> {
  if (ids.length === 0) return new Set();
  const member = viewer
    ? sql`exists (select 1 from ${memberships} m where m.network_id = ${networks.id} and m.user_id = ${viewer.id})`
    : sql`0`;
  const rows = getDb()
    .select({ id: threads.id })
    .from(threads)
    .innerJoin(networks, eq(networks.id, threads.networkId))
    .where(
      and(
        inArray(threads.id, ids),
        isNull(threads.deletedAt),
        viewer?.isAdmin ? undefined : or(eq(networks.visibility, "public"), member),
      ),
    )
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

type Hit = {
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
  _formatted?: { title?: string; body?: string; accepted?: string };
  _matchesPosition?: Record<string, unknown>;
};

export type SearchResult =
  | { ok: true; hits: PresentedHit[]; total: number; page: number; pageCount: number; behind: boolean }
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
  };
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
    const readable = readableThreadIds(hits.map((h) => h.id), viewer);
    const total = response.totalHits ?? hits.length;
    return {
      ok: true,
      hits: hits.filter((h) => readable.has(h.id)).map(present),
      total,
      page: response.page ?? query.page,
      pageCount: response.totalPages ?? 1,
      behind,
    };
  } catch {
    return { ok: false, behind: true };
  }
}

/** Up to five threads like the title being typed, solved ones first; empty when search is down. */
export async function similarThreads(title: string, networkId: number | null, viewer: Viewer) {
  const q = stemQuery(title);
  if (!q || !meiliConfigured()) return [];
  const filters = [visibilityFilter(viewer), networkId ? `networkId = ${networkId}` : null].filter(Boolean);
  try {
    const response = await threadsIndex().search<Hit>(q, {
      filter: filters.length ? filters.join(" AND ") : undefined,
      limit: SIMILAR_SHOWN * 2,
      matchingStrategy: "last",
      rankingScoreThreshold: SIMILAR_MIN_SCORE,
      attributesToRetrieve: ["id", "slug", "title", "solved", "answerCount", "networkName"],
    });
    const hits = response.hits as Hit[];
    const readable = readableThreadIds(hits.map((h) => h.id), viewer);
    return hits
      .filter((h) => readable.has(h.id))
      .sort((a, b) => Number(b.solved) - Number(a.solved))
      .slice(0, SIMILAR_SHOWN)
      .map((h) => ({ id: h.id, slug: h.slug, title: h.title, solved: h.solved, answerCount: h.answerCount }));
  } catch {
    return [];
  }
}

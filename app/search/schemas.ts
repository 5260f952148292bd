/** Query side: the /search query string, parsed for app/search/queries.server.ts. */
import type { SearchQuery } from "./queries.server";

const QUERY_MAX = 200;

/** The query string of /search, forgiving: anything odd falls back to a default, never to an error page. */
export function parseSearchQuery(url: URL): SearchQuery {
  const get = (name: string) => url.searchParams.get(name)?.normalize("NFC").trim() || null;
  const page = Number.parseInt(get("page") ?? "1", 10);
  const course = Number.parseInt(get("course") ?? "", 10);
  const status = get("status");
  return {
    q: (get("q") ?? "").replace(/[\u0000-\u001F\u007F]/g, " ").slice(0, QUERY_MAX),
    network: get("network")?.slice(0, 60) ?? null,
    tag: get("tag")?.toLowerCase().slice(0, 40) ?? null,
    status: status === "solved" || status === "unsolved" ? status : "any",
    author: get("author")?.slice(0, 60) ?? null,
    course: Number.isInteger(course) && course > 0 ? course : null,
    sort: get("sort") === "newest" ? "newest" : "relevance",
    page: Number.isInteger(page) && page > 0 && page <= 250 ? page : 1,
  };
}

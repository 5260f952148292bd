import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAuth } from "~/auth/auth.server";
import { Pagination, TagList } from "~/components/thread-list";
import { getT } from "~/i18n/i18next.server";
import { KbHits, ViaDuplicate } from "~/kb/search-hits";
import { courseOptions } from "~/courses/courses.server";
import { getNetworkBySlug, listNetworks } from "~/networks/networks.server";
import { contextFor } from "~/permissions/context.server";
import { can } from "~/permissions/permissions";
import { parseSearchQuery } from "~/search/schemas";
import { searchThreads } from "~/search/queries.server";
import { titleMeta } from "~/utils/meta";
import { networkPath, searchPath, threadPath } from "~/paths";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const [auth, t] = await Promise.all([getAuth(request), getT(request)]);
  const query = parseSearchQuery(new URL(request.url));
  const viewer = auth.user ? { id: auth.user.id, isAdmin: auth.user.isAdmin } : null;
  const hasQuery = query.q !== "" || query.tag !== null || query.author !== null || query.course !== null;
  const result = hasQuery ? await searchThreads(query, viewer) : null;
  // The course filter is offered once a network is chosen (the course page's "search this course" link chooses both).
  const network = query.network ? getNetworkBySlug(query.network) : undefined;
  const courses = network && can("readNetwork", contextFor(auth.user, network)) ? courseOptions(network.id) : [];
  return json(
    {
      title: query.q ? `${t("search.heading")}: ${query.q}` : t("search.heading"),
      query,
      result,
      networks: listNetworks().map((n) => ({ slug: n.slug, name: n.name })),
      courses,
    },
    { headers: { ...Object.fromEntries(auth.headers), "Cache-Control": "private, no-store" } },
  );
}

export default function Search() {
  const { t } = useTranslation();
  const { query, result, networks, courses } = useLoaderData<typeof loader>();
  const href = (page: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...query, page })) {
      if (
        value !== null &&
        value !== "" &&
        !(key === "status" && value === "any") &&
        !(key === "sort" && value === "relevance") &&
        !(key === "page" && value === 1)
      ) {
        params.set(key, String(value));
      }
    }
    return searchPath(params);
  };
  return (
    <>
      <h1>{t("search.heading")}</h1>
      <Form method="get" action={searchPath()} className="stack wide search-form" role="search">
        <div className="field">
          <label htmlFor="search-q">{t("search.query")}</label>
          <input id="search-q" type="search" name="q" defaultValue={query.q} aria-describedby="search-q-hint" />
          <p id="search-q-hint" className="hint">
            {t("search.hint")}
          </p>
        </div>
        <details
          className="filters"
          open={Boolean(query.network || query.tag || query.author || query.course || query.status !== "any" || query.sort !== "relevance")}
        >
          <summary>{t("search.filters")}</summary>
          <div className="field">
            <label htmlFor="search-network">{t("search.network")}</label>
            <select id="search-network" name="network" defaultValue={query.network ?? ""}>
              <option value="">{t("search.allNetworks")}</option>
              {networks.map((n) => (
                <option key={n.slug} value={n.slug}>
                  {n.name}
                </option>
              ))}
            </select>
          </div>
          {courses.length ? (
            <div className="field">
              <label htmlFor="search-course">{t("courses.searchFilter")}</label>
              <select id="search-course" name="course" defaultValue={query.course ?? ""}>
                <option value="">{t("courses.searchAllCourses")}</option>
                {courses.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="search-tag">{t("search.tag")}</label>
            <input id="search-tag" type="text" name="tag" defaultValue={query.tag ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="search-status">{t("search.status")}</label>
            <select id="search-status" name="status" defaultValue={query.status}>
              <option value="any">{t("search.statusAny")}</option>
              <option value="solved">{t("search.statusSolved")}</option>
              <option value="unsolved">{t("search.statusUnsolved")}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="search-author">{t("search.author")}</label>
            <input id="search-author" type="text" name="author" defaultValue={query.author ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="search-sort">{t("search.sort")}</label>
            <select id="search-sort" name="sort" defaultValue={query.sort}>
              <option value="relevance">{t("search.sortRelevance")}</option>
              <option value="newest">{t("search.sortNewest")}</option>
            </select>
          </div>
        </details>
        <button type="submit" className="primary">
          {t("search.submit")}
        </button>
      </Form>

      {result && !result.ok ? (
        <p className="notice warning" role="status">
          {t("search.down")}
        </p>
      ) : null}
      {result?.ok && result.behind ? (
        <p className="notice warning" role="status">
          {t("search.behind")}
        </p>
      ) : null}
      {result?.ok ? <KbHits hits={result.kb} /> : null}
      {result?.ok ? (
        <section aria-labelledby="results">
          <h2 id="results">{t("search.found", { count: result.total })}</h2>
          {result.hits.length === 0 ? <p>{t("search.nothing")}</p> : null}
          <ol className="thread-list">
            {result.hits.map((hit) => (
              <li key={hit.id} className="thread-row">
                <div className="thread-main">
                  <h3>
                    {hit.solved ? <span className="badge solved">✓ {t("thread.solved")}</span> : null}{" "}
                    <Link to={threadPath(hit)} dangerouslySetInnerHTML={{ __html: hit.titleHtml }} />
                  </h3>
                  <ViaDuplicate html={hit.viaDuplicateHtml} />
                  {hit.snippetHtml ? (
                    <p className="snippet">
                      {hit.snippetFromAccepted ? <strong>{t("search.fromAccepted")} </strong> : null}
                      <span dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
                    </p>
                  ) : null}
                  <p className="thread-meta muted">
                    <Link to={networkPath(hit.networkSlug)}>{hit.networkName}</Link> · {hit.authorName} ·{" "}
                    {t("network.answers", { count: hit.answerCount })}
                    {hit.meTooCount > 0 ? <> · {t("thread.meTooCount", { count: hit.meTooCount })}</> : null}
                  </p>
                  <TagList tags={hit.tags} networkSlug={hit.networkSlug} />
                </div>
              </li>
            ))}
          </ol>
          <Pagination page={result.page} pageCount={result.pageCount} hrefFor={href} />
        </section>
      ) : null}
    </>
  );
}

import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAuth } from "~/auth/auth.server";
import { FieldErrors } from "~/components/forms";
import { Pagination } from "~/components/thread-list";
import { fileFacts } from "~/files/facts";
import { LIBRARY_SCAN_MAX, parseLibraryQuery } from "~/files/library";
import { libraryFacets, libraryPage, type LibraryItem } from "~/files/library.server";
import { getT } from "~/i18n/i18next.server";
import { networkOr404 } from "~/networks/networks.server";
import { contextFor } from "~/permissions/context.server";
import { assertCan } from "~/permissions/guards.server";
import { coursePath, kbEntryPath, materialsLibraryPath, modulePath, networkPath } from "~/paths";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta;

/**
 * The network's materials library: the files of its course modules and knowledge-base entries,
 * searched by name and description, narrowed by course, the knowledge base or a tag. Read by
 * whoever may read the network; a file's own address asks readAttachment, which agrees.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = networkOr404(params.slug);
  const auth = await getAuth(request);
  assertCan("readNetwork", contextFor(auth.user, network));
  const t = await getT(request);
  const query = parseLibraryQuery(new URL(request.url).searchParams);
  const found = query.errors.length ? null : libraryPage(network.id, query);
  return json(
    {
      title: `${t("materials.heading")}: ${network.name}`,
      network: { slug: network.slug, name: network.name },
      query: { q: query.q, from: query.from === null ? "" : String(query.from), tag: query.tag ?? "", errors: query.errors },
      tagWithCourse: query.tag !== null && typeof query.from === "number",
      facets: libraryFacets(network.id),
      found,
    },
    { headers: auth.headers },
  );
}

function Source({ slug, source }: { slug: string; source: LibraryItem["source"] }) {
  const { t } = useTranslation();
  if (source.kind === "module") {
    return (
      <p className="library-source">
        {t("materials.sourceCourse")} <a href={coursePath(slug, source.courseId)}>{source.courseTitle}</a> →{" "}
        <a href={modulePath(slug, source.courseId, source.moduleId)}>{source.moduleTitle}</a>
      </p>
    );
  }
  return (
    <p className="library-source">
      {t("materials.sourceKb")} <a href={kbEntryPath(slug, source.entryId)}>{source.entryTitle}</a>
      {source.tags.map((tag) => (
        <span key={tag}>
          {" "}
          <a className="tag" href={materialsLibraryPath(slug, { tag })}>
            {tag}
          </a>
        </span>
      ))}
    </p>
  );
}

export default function MaterialsLibrary() {
  const { t, i18n } = useTranslation();
  const { network, query, tagWithCourse, facets, found } = useLoaderData<typeof loader>();
  const filtered = Boolean(query.q || query.from || query.tag);
  const empty = facets.kbCount === 0 && facets.courses.length === 0;
  const searchErrors = query.errors.length ? "library-q-error" : null;
  return (
    <>
      <p className="breadcrumb">
        <a href={networkPath(network.slug)}>{network.name}</a>
      </p>
      <h1>{t("materials.heading")}</h1>
      <p className="muted">{t("materials.intro")}</p>
      {empty ? (
        <p>{t("materials.empty")}</p>
      ) : (
        <form
          method="get"
          action={materialsLibraryPath(network.slug)}
          className="stack wide library-search"
          role="search"
          aria-label={t("materials.searchForm")}
        >
          <div className="field">
            <label htmlFor="library-q">{t("materials.search")}</label>
            <p id="library-q-hint" className="hint">
              {t("materials.searchHint")}
            </p>
            <input
              id="library-q"
              type="search"
              name="q"
              defaultValue={query.q}
              aria-describedby={["library-q-hint", searchErrors].filter(Boolean).join(" ")}
              aria-invalid={searchErrors ? true : undefined}
            />
            <FieldErrors id="library-q-error" errors={query.errors} />
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor="library-from">{t("materials.from")}</label>
              <select id="library-from" name="from" defaultValue={query.from}>
                <option value="">{t("materials.fromAll")}</option>
                {facets.kbCount ? <option value="kb">{t("materials.fromKb", { n: facets.kbCount })}</option> : null}
                {facets.courses.map((course) => (
                  <option key={course.id} value={String(course.id)}>
                    {t("materials.fromCourse", { title: course.title, n: course.count })}
                  </option>
                ))}
              </select>
            </div>
            {facets.tags.length ? (
              <div className="field">
                <label htmlFor="library-tag">{t("materials.tag")}</label>
                <select id="library-tag" name="tag" defaultValue={query.tag} aria-describedby="library-tag-hint">
                  <option value="">{t("materials.tagAll")}</option>
                  {facets.tags.map((tag) => (
                    <option key={tag.name} value={tag.name}>
                      {t("materials.tagOption", { name: tag.name, n: tag.count })}
                    </option>
                  ))}
                </select>
                <p id="library-tag-hint" className="hint">
                  {t("materials.tagHint")}
                </p>
              </div>
            ) : null}
          </div>
          <p className="actions">
            <button type="submit" className="primary">
              {t("materials.submit")}
            </button>
            {filtered ? <a href={materialsLibraryPath(network.slug)}>{t("materials.reset")}</a> : null}
          </p>
        </form>
      )}
      {tagWithCourse ? (
        <p className="notice warning" role="status">
          {t("materials.tagWithCourse")}
        </p>
      ) : null}
      {found && !empty ? (
        <section aria-labelledby="library-found">
          <h2 id="library-found">{t("materials.found", { count: found.total })}</h2>
          {found.partial ? <p className="hint">{t("materials.partial", { n: LIBRARY_SCAN_MAX })}</p> : null}
          {found.items.length === 0 ? <p>{t("materials.nothingFound")}</p> : null}
          <ul className="library-list">
            {found.items.map((file) => (
              <li key={file.id} className="library-item">
                <span className="file-badge" aria-hidden="true">
                  {file.format.toUpperCase()}
                </span>
                <div>
                  <p className="library-name">
                    <a href={file.url} className="file-name">
                      {file.name}
                    </a>{" "}
                    <span className="muted file-facts">{fileFacts(t, i18n.language, file)}</span>
                  </p>
                  {file.description ? <p className="library-description">{file.description}</p> : null}
                  <Source slug={network.slug} source={file.source} />
                </div>
              </li>
            ))}
          </ul>
          <Pagination
            page={found.page}
            pageCount={found.pageCount}
            hrefFor={(page) =>
              materialsLibraryPath(network.slug, { q: query.q, from: query.from, tag: query.tag, page: page > 1 ? page : null })
            }
          />
        </section>
      ) : null}
    </>
  );
}

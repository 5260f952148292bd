import { useTranslation } from "react-i18next";
import type { PresentedRow } from "~/threads/present.server";
import { networkPath, threadPath, userPath } from "~/paths";

export function TagList({ tags, networkSlug }: { tags: string[]; networkSlug?: string }) {
  if (tags.length === 0) return null;
  return (
    <ul className="tags">
      {tags.map((tag) => (
        <li key={tag}>
          {networkSlug ? (
            <a href={networkPath(networkSlug, { tag })} className="tag">
              {tag}
            </a>
          ) : (
            <span className="tag">{tag}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

export function ThreadList({ rows, networkSlug }: { rows: PresentedRow[]; networkSlug?: string }) {
  const { t } = useTranslation();
  return (
    <ol className="thread-list">
      {rows.map((row) => (
        <li key={row.id} className="thread-row">
          <div className="thread-stats" aria-hidden="true">
            <span className={row.solved ? "count solved" : row.answerCount === 0 ? "count empty" : "count"}>{row.answerCount}</span>
          </div>
          <div className="thread-main">
            <h3>
              {row.pinned ? <span className="badge">{t("thread.pinned")}</span> : null} <a href={threadPath(row)}>{row.title}</a>
            </h3>
            <p className="thread-meta">
              {row.solved ? <span className="badge solved">✓ {t("thread.solved")}</span> : null}{" "}
              {row.kind === "discussion" ? <span className="badge">{t("thread.discussion")}</span> : null}{" "}
              <span>{t("network.answers", { count: row.answerCount })}</span> · <span>{t("thread.votes", { count: row.score })}</span>
              {row.meTooCount > 0 ? (
                <>
                  {" "}
                  · <span>{t("thread.meTooCount", { count: row.meTooCount })}</span>
                </>
              ) : null}
            </p>
            <p className="thread-meta muted">
              {row.networkName && row.networkSlug ? (
                <>
                  <a href={networkPath(row.networkSlug)}>{row.networkName}</a> ·{" "}
                </>
              ) : null}
              <a href={userPath(row.authorId)}>{row.authorName}</a> · <time title={row.created}>{row.age}</time> ·{" "}
              {t("thread.activity", { time: row.activity })}
            </p>
            <TagList tags={row.tags} networkSlug={networkSlug ?? row.networkSlug} />
          </div>
        </li>
      ))}
    </ol>
  );
}

/** Previous / next with "page N of M": plain links, so it works without JavaScript. */
export function Pagination({ page, pageCount, hrefFor }: { page: number; pageCount: number; hrefFor: (page: number) => string }) {
  const { t } = useTranslation();
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label={t("thread.pagination")}>
      {page > 1 ? (
        <a href={hrefFor(page - 1)} rel="prev">
          {t("thread.prev")}
        </a>
      ) : null}
      <span>{t("thread.page", { page, count: pageCount })}</span>
      {page < pageCount ? (
        <a href={hrefFor(page + 1)} rel="next">
          {t("thread.next")}
        </a>
      ) : null}
    </nav>
  );
}

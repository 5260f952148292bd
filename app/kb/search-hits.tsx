/** Knowledge-base entries above the thread results of /search: curated answers first. */
import { useTranslation } from "react-i18next";
import { TagList } from "~/components/thread-list";
import { kbPath } from "~/paths";

type KbHit = {
  id: number;
  url: string;
  titleHtml: string;
  snippetHtml: string;
  tags: string[];
  networkSlug: string;
  networkName: string;
  helpful: number;
};

export function KbHits({ hits }: { hits: KbHit[] }) {
  const { t } = useTranslation();
  if (hits.length === 0) return null;
  return (
    <section className="kb-hits" aria-labelledby="kb-hits-heading">
      <h2 id="kb-hits-heading">{t("kb.searchHeading")}</h2>
      <ol className="thread-list">
        {hits.map((hit) => (
          <li key={hit.id} className="thread-row kb-row">
            <div className="thread-main">
              <h3>
                <span className="badge kb">{t("kb.badge")}</span> <a href={hit.url} dangerouslySetInnerHTML={{ __html: hit.titleHtml }} />
              </h3>
              {hit.snippetHtml ? <p className="snippet" dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} /> : null}
              <p className="thread-meta muted">
                <a href={kbPath(hit.networkSlug)}>{hit.networkName}</a>
                {hit.helpful > 0 ? <> · {t("kb.helpfulShort", { count: hit.helpful })}</> : null}
              </p>
              <TagList tags={hit.tags} />
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Under a canonical thread that search found through a closed duplicate: the words that led there. */
export function ViaDuplicate({ html }: { html: string | null }) {
  const { t } = useTranslation();
  if (!html) return null;
  return (
    <p className="snippet muted">
      {t("moderation.search.viaDuplicate")} «<span dangerouslySetInnerHTML={{ __html: html }} />»
    </p>
  );
}

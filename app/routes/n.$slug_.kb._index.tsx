import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAuth } from "~/auth/auth.server";
import { getLocale, getT } from "~/i18n/i18next.server";
import { listEntries } from "~/kb/kb.server";
import { networkOr404 } from "~/networks/networks.server";
import { contextFor } from "~/permissions/context.server";
import { assertCan } from "~/permissions/guards.server";
import { can } from "~/permissions/permissions";
import { formatDate } from "~/utils/dates";
import { titleMeta } from "~/utils/meta";
import { kbEntryPath, materialsLibraryPath, networkPath, newKbEntryPath } from "~/paths";

export const meta = titleMeta;

/** A network's knowledge base, grouped by tag: what the network has learned, for anyone who may read it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = networkOr404(params.slug);
  const auth = await getAuth(request);
  const context = assertCan("readNetwork", contextFor(auth.user, network));
  const [t, locale] = await Promise.all([getT(request), getLocale(request)]);
  const { groups, untagged, total } = listEntries(network.id);
  const present = (e: (typeof untagged)[number]) => ({
    id: e.id,
    title: e.title,
    reviewed: formatDate(e.reviewedAt, locale, network.timeZone),
    needsReview: e.needsReview,
    helpful: e.helpful,
  });
  return json(
    {
      title: `${t("kb.heading")}: ${network.name}`,
      network: { slug: network.slug, name: network.name },
      total,
      groups: groups.map((g) => ({ tag: g.tag, entries: g.entries.map(present) })),
      untagged: untagged.map(present),
      canCurate: can("curateKnowledgeBase", context),
    },
    { headers: auth.headers },
  );
}

export default function KnowledgeBase() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const list = (entries: typeof data.untagged) => (
    <ul className="kb-list">
      {entries.map((e) => (
        <li key={e.id}>
          <a href={kbEntryPath(data.network.slug, e.id)}>{e.title}</a>{" "}
          {e.needsReview ? <span className="badge overdue">{t("kb.needsReview")}</span> : null}
          <span className="muted kb-meta">
            {t("kb.reviewedOn", { date: e.reviewed })}
            {e.helpful > 0 ? <> · {t("kb.helpfulShort", { count: e.helpful })}</> : null}
          </span>
        </li>
      ))}
    </ul>
  );
  return (
    <>
      <p className="breadcrumb">
        <a href={networkPath(data.network.slug)}>{data.network.name}</a>
      </p>
      <div className="page-head">
        <h1>{t("kb.heading")}</h1>
        {data.canCurate ? (
          <a href={newKbEntryPath(data.network.slug)} className="button secondary">
            {t("kb.new")}
          </a>
        ) : null}
      </div>
      <p className="muted">{t("kb.intro")}</p>
      <p className="library-link">
        <a href={materialsLibraryPath(data.network.slug, { from: "kb" })}>{t("materials.kbLink")}</a>
      </p>
      {data.total === 0 ? <p>{t("kb.empty")}</p> : <p>{t("kb.count", { count: data.total })}</p>}
      {data.groups.length > 1 ? (
        <nav aria-label={t("kb.tagsNav")}>
          <ul className="tags">
            {data.groups.map((g) => (
              <li key={g.tag}>
                <a className="tag" href={`#tag-${encodeURIComponent(g.tag)}`}>
                  {g.tag} ({g.entries.length})
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {data.groups.map((g) => (
        <section key={g.tag} id={`tag-${encodeURIComponent(g.tag)}`} aria-labelledby={`tag-heading-${encodeURIComponent(g.tag)}`}>
          <h2 id={`tag-heading-${encodeURIComponent(g.tag)}`}>{g.tag}</h2>
          {list(g.entries)}
        </section>
      ))}
      {data.untagged.length ? (
        <section aria-labelledby="untagged">
          <h2 id="untagged">{t("kb.untagged")}</h2>
          {list(data.untagged)}
        </section>
      ) : null}
    </>
  );
}

import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAuth, requireUser } from "~/auth/auth.server";
import { TagList } from "~/components/thread-list";
import { attachmentsOf } from "~/files/attachments.server";
import { AttachmentList } from "~/files/components";
import { getLocale } from "~/i18n/i18next.server";
import { getEntry, rateEntry } from "~/kb/kb.server";
import { feedbackSchema } from "~/kb/schemas";
import { networkOr404 } from "~/networks/networks.server";
import { contextFor } from "~/permissions/context.server";
import { assertCan } from "~/permissions/guards.server";
import { can } from "~/permissions/permissions";
import { formatDate } from "~/utils/dates";
import { titleMeta } from "~/utils/meta";
import { kbEntryEditPath, kbEntryPath, kbPath, loginPath, materialsLibraryPath, networkPath, threadPath } from "~/paths";
import { notFound, parseOrBadRequest } from "~/http/responses.server";

export const meta = titleMeta;

function entryOr404(networkId: number, id: string | undefined, viewerId: number | null) {
  const entry = getEntry(Number(id), viewerId);
  if (!entry || entry.networkId !== networkId) throw notFound();
  return entry;
}

/** One entry: the moderator's summary, its sources, when it was last checked, and whether it helped. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = networkOr404(params.slug);
  const auth = await getAuth(request);
  const context = assertCan("readNetwork", contextFor(auth.user, network));
  const entry = entryOr404(network.id, params.id, auth.user?.id ?? null);
  const locale = await getLocale(request);
  const curator = can("curateKnowledgeBase", context);
  return json(
    {
      title: entry.title,
      network: { slug: network.slug, name: network.name },
      entry: {
        id: entry.id,
        title: entry.title,
        summaryHtml: entry.summaryHtml,
        tags: entry.tags,
        reviewed: formatDate(entry.reviewedAt, locale, network.timeZone),
        reviewedIso: entry.reviewedAt.toISOString(),
        author: entry.authorName,
        needsReview: entry.needsReview,
        helpful: entry.helpful,
        notHelpful: entry.notHelpful,
        myFeedback: entry.myFeedback,
        // Readers see live sources only; curators also see removed ones, marked.
        sources: entry.sources
          .filter((s) => curator || !s.removed)
          .map((s) => ({ url: threadPath(s), title: s.title, solved: s.solved, removed: s.removed })),
        files: attachmentsOf({ kbEntryId: entry.id }),
      },
      canRate: can("rateKnowledgeBase", context),
      canCurate: curator,
      signedIn: auth.user !== null,
      thanks: new URL(request.url).searchParams.has("thanks"),
    },
    { headers: auth.headers },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const network = networkOr404(params.slug);
  const user = await requireUser(request);
  assertCan("rateKnowledgeBase", contextFor(user, network));
  const entry = entryOr404(network.id, params.id, user.id);
  const { helpful } = parseOrBadRequest(await request.formData(), feedbackSchema);
  rateEntry({ entryId: entry.id, userId: user.id, helpful: helpful === "yes" });
  return redirect(kbEntryPath(network.slug, entry.id, { thanks: true }, "helpful"));
}

export default function KnowledgeBaseEntry() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { entry } = data;
  return (
    <>
      <p className="breadcrumb">
        <a href={networkPath(data.network.slug)}>{data.network.name}</a> · <a href={kbPath(data.network.slug)}>{t("kb.heading")}</a>
      </p>
      <h1>{entry.title}</h1>
      <TagList tags={entry.tags} />
      <p className="muted">
        {t("kb.reviewedBy", { name: entry.author })} ·{" "}
        <time dateTime={entry.reviewedIso}>{t("kb.reviewedOn", { date: entry.reviewed })}</time>
      </p>
      {entry.needsReview ? <p className="notice warning">{t("kb.needsReviewHint")}</p> : null}
      {data.canCurate ? (
        <p>
          <a href={kbEntryEditPath(data.network.slug, entry.id)}>{t("kb.edit")}</a>
        </p>
      ) : null}
      <div className="post-body kb-summary" dangerouslySetInnerHTML={{ __html: entry.summaryHtml }} />
      {entry.files.length ? (
        <section aria-labelledby="files-heading">
          <h2 id="files-heading">{t("materials.filesHeading")}</h2>
          <AttachmentList attachments={entry.files} />
          <p className="library-link">
            <a href={materialsLibraryPath(data.network.slug, { from: "kb" })}>{t("materials.kbLink")}</a>
          </p>
        </section>
      ) : null}
      <h2>{t("kb.sources")}</h2>
      <ul className="plain-list">
        {entry.sources.map((s) => (
          <li key={s.url}>
            {s.solved ? <span className="badge solved">✓ {t("thread.solved")}</span> : null} <a href={s.url}>{s.title}</a>
            {s.removed ? <> {t("kb.sourceRemoved")}</> : null}
          </li>
        ))}
      </ul>
      <section id="helpful" className="panel" aria-labelledby="helpful-heading">
        <h2 id="helpful-heading">{t("kb.helpfulQuestion")}</h2>
        <p>{t("kb.helpfulCounts", { yes: entry.helpful, no: entry.notHelpful })}</p>
        {data.thanks ? (
          <p className="notice" role="status">
            {t("kb.thanks")}
          </p>
        ) : null}
        {data.canRate ? (
          <form method="post" className="actions">
            <button
              type="submit"
              name="helpful"
              value="yes"
              className={entry.myFeedback === true ? "primary" : "secondary"}
              aria-pressed={entry.myFeedback === true}
            >
              {t("kb.yes")}
            </button>
            <button
              type="submit"
              name="helpful"
              value="no"
              className={entry.myFeedback === false ? "primary" : "secondary"}
              aria-pressed={entry.myFeedback === false}
            >
              {t("kb.no")}
            </button>
          </form>
        ) : !data.signedIn ? (
          <p>
            <a href={loginPath(kbEntryPath(data.network.slug, entry.id))}>{t("kb.loginToRate")}</a>
          </p>
        ) : null}
      </section>
    </>
  );
}

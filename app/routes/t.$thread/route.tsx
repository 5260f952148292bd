/**
 * A thread: the question or discussion, its accepted answer and the other answers a page at a
 * time, and the forms to answer, vote, accept and say "me too". The posts and forms are beside
 * this file; what each intent does is in actions.server.ts.
 */
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAuth, requireUser } from "~/auth/auth.server";
import { Pagination, TagList } from "~/components/thread-list";
import { env } from "~/env.server";
import { badRequest, notFound } from "~/http/responses.server";
import { onlyFilesChanged } from "~/files/attachments.server";
import { getLocale } from "~/i18n/i18next.server";
import { ThreadMentoring } from "~/mentoring/components";
import { ThreadModerationNotices } from "~/moderation/components";
import { moderatesThread } from "~/moderation/scope.server";
import { coursePath, loginPath, modulePath, networkPath, postAnchor, threadPath, withQuery } from "~/paths";
import { assertCan } from "~/permissions/guards.server";
import { presentThreadPage, threadContext } from "~/threads/thread-page.server";
import { getThreadPage, pageOfPost } from "~/threads/threads.server";
import { useNonce } from "~/utils/nonce";
import { accept, answer, meToo, previewAnswer, unaccept, voteOnPost } from "./actions.server";
import { AcceptForm, AnswerForm } from "./forms";
import { Post } from "./post";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.thread.title} — ${data.network.name}` },
        { name: "description", content: data.description },
        { tagName: "link", rel: "canonical", href: data.canonical },
      ]
    : [{ title: "Коллеги / Kollegi" }];

function threadIdOf(param: string | undefined): { id: number; slug: string | undefined } {
  const match = /^(\d+)(?:-(.*))?$/.exec(param ?? "");
  if (!match) throw notFound();
  return { id: Number(match[1]), slug: match[2] };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { id, slug } = threadIdOf(params.thread);
  const url = new URL(request.url);
  const postParam = Number(url.searchParams.get("post"));
  if (postParam) {
    const where = pageOfPost(postParam);
    if (where?.threadId === id) {
      throw redirect(withQuery(url.pathname, { page: where.page > 1 ? where.page : null }, postAnchor(postParam)));
    }
  }
  const auth = await getAuth(request);
  const viewerId = auth.user?.id ?? null;
  const page = getThreadPage(id, Number(url.searchParams.get("page") ?? 1) || 1, viewerId, { moderator: moderatesThread(viewerId, id) });
  if (!page) throw notFound();
  const context = threadContext(auth.user, page);
  assertCan("readNetwork", context);
  // Old or missing slugs (the title changed, a link was cut) go to the one right address.
  if (slug !== page.thread.slug) {
    throw redirect(threadPath(page.thread, url.searchParams), { status: 301 });
  }
  const locale = await getLocale(request);
  // Absolute links (canonical, schema.org) from the configured address, never from the Host header.
  return json(presentThreadPage(page, context, locale, env.PUBLIC_URL), { headers: auth.headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { id } = threadIdOf(params.thread);
  const user = await requireUser(request);
  const page = getThreadPage(id, 1, user.id);
  if (!page) throw notFound();
  const formData = await request.formData();
  const args = { formData, user, page, context: threadContext(user, page), locale: await getLocale(request) };
  const intent = onlyFilesChanged(formData) ? "upload" : formData.get("intent");
  switch (intent) {
    case "answer":
      return answer(args);
    case "preview":
    case "upload":
      return previewAnswer(args);
    case "vote":
      return voteOnPost(args);
    case "accept":
      return accept(args);
    case "unaccept":
      return unaccept(args);
    case "metoo":
    case "metoo-undo":
      return meToo(args, intent === "metoo");
    default:
      throw badRequest();
  }
}

export default function ThreadPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const nonce = useNonce();
  const { thread } = data;
  return (
    <>
      <script
        type="application/ld+json"
        nonce={nonce}
        dangerouslySetInnerHTML={{ __html: JSON.stringify(data.jsonLd).replace(/</g, "\\u003c") }}
      />
      <p className="breadcrumb">
        <a href={networkPath(data.network.slug)}>{data.network.name}</a>
        {data.course ? (
          <>
            {" "}
            · <a href={coursePath(data.network.slug, data.course.courseId)}>{data.course.courseTitle}</a> →{" "}
            <a href={modulePath(data.network.slug, data.course.courseId, data.course.moduleId)}>{data.course.moduleTitle}</a>
          </>
        ) : null}
      </p>
      <h1>
        {thread.solved ? <span className="badge solved">✓ {t("thread.solved")}</span> : null}{" "}
        {thread.kind === "discussion" ? <span className="badge">{t("thread.discussion")}</span> : null} {thread.title}
      </h1>
      <TagList tags={thread.tags} networkSlug={data.network.slug} />
      <ThreadMentoring note={data.mentoring} />
      <ThreadModerationNotices moderation={data.moderation} />
      {thread.sourceUrl ? (
        <p className="muted source">
          {t("thread.source", { site: new URL(thread.sourceUrl).hostname, licence: thread.sourceLicence ?? "CC BY-SA" })}{" "}
          <a href={thread.sourceUrl} rel="nofollow noopener">
            {t("thread.sourceLink")}
          </a>
        </p>
      ) : null}
      <Post post={data.opening} heading={thread.title} />
      <div className="actions">
        {thread.meTooCount > 0 ? <p className="muted">{t("thread.meTooCount", { count: thread.meTooCount })}</p> : null}
        {data.can.meToo ? (
          <form method="post">
            <button type="submit" name="intent" value={data.meToo ? "metoo-undo" : "metoo"} className="secondary">
              {data.meToo ? t("thread.meTooUndo") : t("thread.meToo")}
            </button>
          </form>
        ) : null}
      </div>
      {data.meToo ? <p className="notice">{t("thread.meTooOn")}</p> : null}
      {thread.locked ? (
        <p className="notice">
          {t("thread.locked")} {thread.lockReason}
        </p>
      ) : null}

      {data.accepted && data.page === 1 ? (
        <section id="accepted" className="accepted" aria-labelledby="accepted-heading">
          <h2 id="accepted-heading">✓ {t("thread.accepted")}</h2>
          <p className="accepted-note">
            {t("thread.acceptedBy", { name: thread.acceptedByName, date: thread.accepted })}
            <br />
            <strong>{t("thread.acceptedWhy")}</strong> {thread.acceptedComment}
          </p>
          <Post post={data.accepted} heading={t("thread.accepted")} />
          {data.can.accept ? (
            <form method="post">
              <button type="submit" name="intent" value="unaccept" className="link-button">
                {t("thread.unaccept")}
              </button>
            </form>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="answers-heading">
        <h2 id="answers-heading">
          {data.accepted
            ? t("thread.otherAnswers", { count: data.answerCount - 1 })
            : t("thread.answersHeading", { count: data.answerCount })}
        </h2>
        {data.answerCount === 0 ? <p className="muted">{t("thread.noAnswers")}</p> : null}
        {data.answers.map((answer) => (
          <div key={answer.id} className="answer">
            <Post post={answer} heading={t("thread.wrote", { name: answer.authorName })} />
            {data.can.accept && !answer.moderation.removal ? <AcceptForm postId={answer.id} /> : null}
          </div>
        ))}
        <Pagination page={data.page} pageCount={data.pageCount} hrefFor={(page) => threadPath(thread, { page: page > 1 ? page : null })} />
      </section>

      {data.can.answer ? (
        <AnswerForm limits={data.uploadLimits!} />
      ) : thread.locked ? null : (
        <p className="panel">
          {!data.can.signedIn ? (
            <a href={loginPath(threadPath(thread))}>{t("thread.loginToAnswer")}</a>
          ) : data.can.member ? null : (
            <a href={networkPath(data.network.slug)}>{t("thread.joinToAnswer")}</a>
          )}
        </p>
      )}
    </>
  );
}

import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { getAuth, requireUser } from "~/auth/auth.server";
import { ErrorSummary, TextareaField } from "~/components/forms";
import { MarkdownField } from "~/components/markdown-field";
import { ThreadMentoring } from "~/mentoring/components";
import { PostModerationLinks, RemovalMark, ThreadModerationNotices } from "~/moderation/components";
import { moderatesThread } from "~/moderation/scope.server";
import { Pagination, TagList } from "~/components/thread-list";
import { env } from "~/env.server";
import { getLocale } from "~/i18n/i18next.server";
import { previewMarkdown } from "~/markdown/markdown.server";
import { assertCan } from "~/permissions/guards.server";
import { can } from "~/permissions/permissions";
import { createAnswer, getPost, vote } from "~/posts/posts.server";
import { acceptAnswer, setMeToo, unacceptAnswer } from "~/threads/accept.server";
import { acceptSchema, answerSchema, voteSchema } from "~/threads/schemas";
import { presentThreadPage, threadContext } from "~/threads/thread-page.server";
import { getThreadPage, pageOfPost } from "~/threads/threads.server";
import { useNonce } from "~/utils/nonce";
import { acceptedAnchor, coursePath, loginPath, modulePath, networkPath, postAnchor, postEditPath, postHistoryPath, postPath, threadPath, userPath, withQuery } from "~/paths";
import { badRequest, invalidForm, notFound } from "~/http/responses.server";

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
  const context = threadContext(user, page);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = threadPath(page.thread);
  const atPost = (postId: number) => {
    const where = pageOfPost(postId);
    return threadPath(page.thread, { page: where && where.page > 1 ? where.page : null }, postAnchor(postId));
  };

  if (intent === "answer" || intent === "preview") {
    assertCan("answerThread", context);
    const submission = parseWithZod(formData, { schema: answerSchema });
    if (intent === "preview") {
      return json({ form: "answer", result: submission.reply(), preview: previewMarkdown(formData.get("body")) });
    }
    if (submission.status !== "success") return invalidForm({ form: "answer", result: submission.reply(), preview: null });
    const result = createAnswer({
      threadId: id,
      authorId: user.id,
      body: submission.value.body,
      exemptFromRateLimit: can("postWithoutRateLimit", context),
    });
    if (!result.ok) {
      return invalidForm(
        { form: "answer", result: submission.reply({ fieldErrors: { body: [result.error] } }), preview: null });
    }
    return redirect(atPost(result.postId));
  }

  if (intent === "vote") {
    const parsed = voteSchema.safeParse(Object.fromEntries(formData));
    const post = parsed.success ? getPost(parsed.data.postId) : undefined;
    if (!parsed.success || !post || post.threadId !== id) throw badRequest();
    assertCan("votePost", { ...context, post: { authorId: post.authorId } });
    vote({ userId: user.id, postId: post.id, value: parsed.data.value as -1 | 0 | 1 });
    return redirect(atPost(post.id));
  }

  if (intent === "accept") {
    assertCan("acceptAnswer", context);
    const submission = parseWithZod(formData, { schema: acceptSchema });
    const postId = Number(formData.get("postId"));
    if (submission.status !== "success") {
      return invalidForm({ form: `accept-${postId}`, result: submission.reply(), preview: null });
    }
    const result = acceptAnswer({ threadId: id, postId: submission.value.postId, actorId: user.id, comment: submission.value.comment });
    if (!result.ok) {
      return invalidForm(
        { form: `accept-${postId}`, result: submission.reply({ formErrors: ["errors.notAnAnswer"] }), preview: null });
    }
    return redirect(threadPath(page.thread, undefined, acceptedAnchor()));
  }

  if (intent === "unaccept") {
    assertCan("acceptAnswer", context);
    unacceptAnswer(id);
    return redirect(back);
  }

  if (intent === "metoo" || intent === "metoo-undo") {
    assertCan("meToo", context);
    setMeToo(id, user.id, intent === "metoo");
    return redirect(back);
  }

  throw badRequest();
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type PostData = Data["opening"];

function Votes({ post }: { post: PostData }) {
  const { t } = useTranslation();
  if (!post.canVote) return <p className="score">{t("thread.score", { count: post.score })}</p>;
  const option = (value: 1 | -1, label: string, symbol: string) => (
    <button
      type="submit"
      name="value"
      value={post.myVote === value ? 0 : value}
      className={post.myVote === value ? "vote voted" : "vote"}
      aria-pressed={post.myVote === value}
      title={post.myVote === value ? t("thread.voteUndo") : label}
    >
      <span aria-hidden="true">{symbol}</span> <span className="visually-hidden">{post.myVote === value ? t("thread.voteUndo") : label}</span>
    </button>
  );
  return (
    <form method="post" className="votes">
      <input type="hidden" name="intent" value="vote" />
      <input type="hidden" name="postId" value={post.id} />
      {option(1, t("thread.voteUp"), "▲")}
      <span className="score-value">{t("thread.score", { count: post.score })}</span>
      {option(-1, t("thread.voteDown"), "▼")}
    </form>
  );
}

function Post({ post, heading }: { post: PostData; heading: string }) {
  const { t } = useTranslation();
  return (
    <article className={post.moderation.removal ? "post removed" : "post"} id={postAnchor(post.id)} aria-label={heading}>
      <RemovalMark removal={post.moderation.removal} />
      <div className="post-body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
      <footer className="post-meta">
        <Votes post={post} />
        <p className="muted">
          <a href={userPath(post.authorId)}>{post.authorName}</a> · <time dateTime={post.createdIso}>{post.created}</time>
          {post.edited ? (
            <>
              {" "}
              · <span title={post.edited}>{t("thread.edited")}</span>
            </>
          ) : null}{" "}
          · <a href={postPath(post.id)}>{t("thread.link")}</a>
          {post.canEdit ? (
            <>
              {" "}
              · <a href={postEditPath(post.id)}>{t("thread.edit")}</a>
            </>
          ) : null}
          {post.canViewRevisions ? (
            <>
              {" "}
              · <a href={postHistoryPath(post.id)}>{t("thread.history")}</a>
            </>
          ) : null}
          <PostModerationLinks postId={post.id} canFlag={post.moderation.canFlag} canModerate={post.moderation.canModerate} />
        </p>
      </footer>
    </article>
  );
}

function AcceptForm({ postId }: { postId: number }) {
  const actionData = useActionData<typeof action>();
  const mine = actionData?.form === `accept-${postId}` ? actionData.result : undefined;
  return mine === undefined ? <PristineAcceptForm postId={postId} /> : <AcceptFormWithErrors postId={postId} lastResult={mine} />;
}

/**
 * Every answer carries an accept form; building conform's form state twenty times was a
 * fifth of a signed-in thread page. Until one of them comes back with errors, the same
 * markup is written plainly.
 */
function PristineAcceptForm({ postId }: { postId: number }) {
  const { t } = useTranslation();
  const id = `accept-${postId}`;
  return (
    <details className="accept">
      <summary>{t("thread.accept")}</summary>
      <form method="post" className="stack" id={id} noValidate>
        <input type="hidden" name="postId" value={postId} />
        <div className="field">
          <label htmlFor={`${id}-comment`}>{t("thread.acceptComment")}</label>
          <p id={`${id}-comment-hint`} className="hint">
            {t("thread.acceptHint")}
          </p>
          <textarea rows={3} id={`${id}-comment`} name="comment" aria-describedby={`${id}-comment-hint`} />
        </div>
        <button type="submit" name="intent" value="accept" className="primary">
          {t("thread.accept")}
        </button>
      </form>
    </details>
  );
}

function AcceptFormWithErrors({ postId, lastResult }: { postId: number; lastResult: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof acceptSchema>>({ id: `accept-${postId}`, lastResult, shouldRevalidate: "onBlur" });
  return (
    <details className="accept" open>
      <summary>{t("thread.accept")}</summary>
      <form method="post" className="stack" {...getFormProps(form)}>
        <ErrorSummary fields={[fields.comment]} formErrors={form.errors} />
        <input type="hidden" name="postId" value={postId} />
        <TextareaField meta={fields.comment} label={t("thread.acceptComment")} hint={t("thread.acceptHint")} rows={3} />
        <button type="submit" name="intent" value="accept" className="primary">
          {t("thread.accept")}
        </button>
      </form>
    </details>
  );
}

function AnswerForm() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const mine = actionData?.form === "answer" ? actionData : undefined;
  const [form, fields] = useForm<z.input<typeof answerSchema>>({ id: "answer", lastResult: mine?.result, shouldRevalidate: "onBlur" });
  return (
    <form method="post" className="stack wide" {...getFormProps(form)}>
      <h2>{t("thread.yourAnswer")}</h2>
      <ErrorSummary fields={[fields.body]} formErrors={form.errors} />
      <MarkdownField meta={fields.body} label={t("thread.yourAnswer")} hint={t("thread.bodyHint")} previewHtml={mine?.preview} />
      <button type="submit" name="intent" value="answer" className="primary">
        {t("thread.postAnswer")}
      </button>
    </form>
  );
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
      {thread.locked ? <p className="notice">{t("thread.locked")} {thread.lockReason}</p> : null}

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
        <Pagination
          page={data.page}
          pageCount={data.pageCount}
          hrefFor={(page) => threadPath(thread, { page: page > 1 ? page : null })}
        />
      </section>

      {data.can.answer ? (
        <AnswerForm />
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

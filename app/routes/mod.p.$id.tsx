import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { attachmentAccess } from "~/files/access.server";
import { attachmentsOf } from "~/files/attachments.server";
import { AttachmentRemovalForm, ModeratedFileSummary, REMOVE_FILE_INTENT, removalFormId } from "~/files/moderation";
import { moderatedFiles, removeAttachment } from "~/files/removal.server";
import { getLocale, getT } from "~/i18n/i18next.server";
import { DecisionForm } from "~/moderation/decision-form";
import { decide, flagsOn, HELD_NOTE } from "~/moderation/flags.server";
import { attachmentRemovalSchema, decisionSchema } from "~/moderation/schemas";
import { postWithPlace } from "~/moderation/scope.server";
import { removalOf } from "~/moderation/thread-page.server";
import { formatDateTime } from "~/utils/dates";
import { titleMeta } from "~/utils/meta";
import { modAttachmentPath, modPostPath, modQueuePath, modUserPath, postEditPath, postHistoryPath, postInThreadPath } from "~/paths";
import { assertCan, requireModerator } from "~/permissions/guards.server";
import { badRequest, invalidForm, notFound } from "~/http/responses.server";

export const meta = titleMeta;

async function place(request: Request, id: string | undefined) {
  const found = postWithPlace(Number(id));
  if (!found) throw notFound();
  const scope = await requireModerator(request, found.network, "hidePost");
  return { ...found, ...scope };
}

/** One post as a moderator sees it: its state, its files (each with a removal form), every flag ever raised on it, and the decision form. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { post, thread, network, author } = await place(request, params.id);
  const [t, locale] = await Promise.all([getT(request), getLocale(request)]);
  const when = (d: Date) => formatDateTime(d, locale, network.timeZone);
  const flags = flagsOn([post.id]);
  const url = new URL(request.url);
  return json({
    title: t("moderation.post.heading"),
    done: url.searchParams.get("done"),
    post: {
      id: post.id,
      isOpening: post.isOpening,
      bodyHtml: post.bodyHtml,
      written: when(post.createdAt),
      edited: post.editedAt ? when(post.editedAt) : null,
      authorId: post.authorId,
      authorName: author.name,
      removal: removalOf(post),
      held: flags.some((f) => f.resolvedAt === null && f.userId === post.authorId && f.note === HELD_NOTE),
    },
    files: moderatedFiles(attachmentsOf({ postId: post.id }), locale, network.timeZone).map((file) => ({
      ...file,
      moderateUrl: modAttachmentPath(file.id),
    })),
    thread: { title: thread.title, url: postInThreadPath(thread, post.id), removed: thread.deletedAt !== null },
    network: { name: network.name },
    flags: flags
      .filter((f) => f.userId !== post.authorId)
      .map((f) => ({
        id: f.id,
        userId: f.userId,
        userName: f.userName,
        reason: f.reason,
        note: f.note,
        when: when(f.createdAt),
        resolution: f.resolution,
      })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const where = await place(request, params.id);
  const formData = await request.formData();
  // The decision form has buttons named `decision`, no intent; each file's form names its own.
  return formData.get("intent") === REMOVE_FILE_INTENT ? removeFile(where, formData) : decidePost(where, formData);
}

type Place = Awaited<ReturnType<typeof place>>;

function decidePost({ post, user }: Place, formData: FormData) {
  const submission = parseWithZod(formData, { schema: decisionSchema });
  if (submission.status !== "success" || submission.value.postId !== post.id)
    return invalidForm({ postId: post.id, result: submission.reply() });
  const { decision, reason } = submission.value;
  const result = decide({ postId: post.id, moderatorId: user.id, decision, reason });
  if (!result.ok) return invalidForm({ postId: post.id, result: submission.reply({ formErrors: [`moderation.errors.${result.error}`] }) });
  return redirect(modPostPath(post.id, { done: decision }));
}

/** One of the post's files, taken off with a reason its uploader reads. */
function removeFile({ post, user }: Place, formData: FormData) {
  const submission = parseWithZod(formData, { schema: attachmentRemovalSchema });
  const id = Number(formData.get("attachmentId"));
  const access = attachmentAccess(id, user);
  if (!access || access.file.postId !== post.id) throw badRequest();
  assertCan("removeAttachment", access.context);
  const form = removalFormId(id);
  if (submission.status !== "success") return invalidForm({ form, result: submission.reply() });
  const result = removeAttachment(access, { moderatorId: user.id, reason: submission.value.reason });
  if (!result.ok) return invalidForm({ form, result: submission.reply({ formErrors: [result.error] }) });
  return redirect(modPostPath(post.id, { done: "fileRemoved" }));
}

export default function PostModeration() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { post } = data;
  return (
    <>
      <p className="breadcrumb">
        <a href={modQueuePath()}>{t("moderation.queue.heading")}</a> · {data.network.name}
      </p>
      <h1>{t("moderation.post.heading")}</h1>
      {data.done ? (
        <p className="notice" role="status">
          {data.done === "fileRemoved"
            ? t("moderation.files.done")
            : t(`moderation.queue.done.${data.done === "hide" || data.done === "delete" ? data.done : "keep"}`)}
        </p>
      ) : null}
      <p>
        {post.isOpening ? t("moderation.queue.question") : t("moderation.queue.answer")}: <a href={data.thread.url}>{data.thread.title}</a>
      </p>
      <p className="muted">
        {t("moderation.post.author")} <a href={modUserPath(post.authorId)}>{post.authorName}</a> · {post.written}
        {post.edited ? (
          <>
            {" "}
            · {t("thread.edited")} {post.edited}
          </>
        ) : null}
      </p>
      {post.held ? <p className="notice warning">{t("moderation.queue.held")}</p> : null}
      {post.removal && !post.held ? (
        <p className="notice warning">
          {post.removal.reason
            ? t("moderation.queue.hiddenByModerator", { reason: post.removal.reason })
            : t("moderation.queue.hiddenByFlags")}
        </p>
      ) : null}
      <article className="post" aria-label={t("moderation.flag.quoted")}>
        <div className="post-body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
      </article>
      <p className="actions">
        {data.thread.removed ? null : <a href={postEditPath(post.id)}>{t("moderation.post.edit")}</a>}
        {post.edited && !data.thread.removed ? <a href={postHistoryPath(post.id)}>{t("thread.history")}</a> : null}
      </p>
      {data.files.length ? (
        <>
          <h2>{t("moderation.files.postHeading")}</h2>
          <ul className="cards moderated-files">
            {data.files.map((file) => (
              <li key={file.id} className="card">
                <ModeratedFileSummary file={file} href={file.moderateUrl} />
                {file.removal ? null : <AttachmentRemovalForm attachmentId={file.id} name={file.name} />}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t("moderation.post.flagsHeading")}</h2>
      {data.flags.length === 0 ? (
        <p className="muted">{t("moderation.post.noFlags")}</p>
      ) : (
        <ul className="flag-list">
          {data.flags.map((f) => (
            <li key={f.id}>
              <a href={modUserPath(f.userId)}>{f.userName}</a>: {t(`moderation.reasons.${f.reason}`)}
              {f.note ? <> — «{f.note}»</> : null} <span className="muted">({f.when})</span>{" "}
              <span className="badge">{f.resolution ? t(`moderation.post.resolution.${f.resolution}`) : t("moderation.post.open")}</span>
            </li>
          ))}
        </ul>
      )}
      <h2>{t("moderation.post.decide")}</h2>
      <DecisionForm
        postId={post.id}
        isOpening={post.isOpening}
        held={post.held}
        hidden={post.removal !== null}
        lastResult={actionData && "postId" in actionData && actionData.postId === post.id ? actionData.result : null}
      />
    </>
  );
}

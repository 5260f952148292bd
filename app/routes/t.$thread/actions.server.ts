/**
 * What the thread page's forms do, one function per intent; the route's action asks who is
 * asking, loads the thread and `switch`es here. Each parses its form with the thread schemas,
 * asks the permission predicate, makes one domain call and says where to go next.
 */
import { parseWithZod } from "@conform-to/zod";
import { json, redirect } from "@remix-run/node";
import type { User } from "lucia";
import { filesReply, readAttachmentField } from "~/files/attachments.server";
import { badRequest, fieldErrorReply, invalidForm, keepTyped } from "~/http/responses.server";
import { previewMarkdown } from "~/markdown/markdown.server";
import { acceptedAnchor, postAnchor, threadPath } from "~/paths";
import { assertCan } from "~/permissions/guards.server";
import { can, type Context } from "~/permissions/permissions";
import { createAnswer, getPost, vote } from "~/posts/posts.server";
import { acceptAnswer, setMeToo, unacceptAnswer } from "~/threads/accept.server";
import { acceptSchema, answerSchema, voteSchema } from "~/threads/schemas";
import type { getThreadPage } from "~/threads/threads.server";
import { pageOfPost } from "~/threads/threads.server";

export type ThreadAction = {
  formData: FormData;
  user: User;
  page: NonNullable<ReturnType<typeof getThreadPage>>;
  context: Context;
  locale: string;
};

/** A post's anchor on the page it is on now (a new answer may open page 3). */
function atPost(thread: ThreadAction["page"]["thread"], postId: number) {
  const where = pageOfPost(postId);
  return threadPath(thread, { page: where && where.page > 1 ? where.page : null }, postAnchor(postId));
}

/** Preview, "upload the chosen files" and "remove" without JavaScript: the answer comes back as typed. */
export async function previewAnswer({ formData, user, context, locale }: ThreadAction) {
  assertCan("answerThread", context);
  const submission = parseWithZod(formData, { schema: answerSchema });
  const files = filesReply(await readAttachmentField(formData, user.id, locale));
  const preview = formData.get("intent") === "preview" ? previewMarkdown(submission.payload.body) : null;
  return json({ form: "answer", result: keepTyped(submission), preview, ...files });
}

export async function answer({ formData, user, page, context, locale }: ThreadAction) {
  assertCan("answerThread", context);
  const submission = parseWithZod(formData, { schema: answerSchema });
  const files = filesReply(await readAttachmentField(formData, user.id, locale));
  if (submission.status !== "success" || files.fileErrors.length) {
    return invalidForm({ form: "answer", result: submission.reply(), preview: null, ...files });
  }
  const result = createAnswer({
    threadId: page.thread.id,
    authorId: user.id,
    body: submission.value.body,
    exemptFromRateLimit: can("postWithoutRateLimit", context),
    attachmentIds: files.attachments.map((file) => file.id),
  });
  if (!result.ok) {
    const reply = fieldErrorReply(submission, { field: "body", error: result.error });
    return invalidForm({ form: "answer", result: reply, preview: null, ...files });
  }
  return redirect(atPost(page.thread, result.postId));
}

/** Votes are buttons: a form that does not parse was not sent by the page. */
export function voteOnPost({ formData, user, page, context }: ThreadAction) {
  const submission = parseWithZod(formData, { schema: voteSchema });
  const post = submission.status === "success" ? getPost(submission.value.postId) : undefined;
  if (submission.status !== "success" || !post || post.threadId !== page.thread.id) throw badRequest();
  assertCan("votePost", { ...context, post: { authorId: post.authorId } });
  vote({ userId: user.id, postId: post.id, value: submission.value.value as -1 | 0 | 1 });
  return redirect(atPost(page.thread, post.id));
}

export function accept({ formData, user, page, context }: ThreadAction) {
  assertCan("acceptAnswer", context);
  const submission = parseWithZod(formData, { schema: acceptSchema });
  // Every answer has its own accept form; the errors go back to the one that was sent.
  const form = `accept-${Number(submission.payload.postId)}`;
  if (submission.status !== "success") return invalidForm({ form, result: submission.reply(), preview: null });
  const result = acceptAnswer({
    threadId: page.thread.id,
    postId: submission.value.postId,
    actorId: user.id,
    comment: submission.value.comment,
  });
  if (!result.ok) return invalidForm({ form, result: submission.reply({ formErrors: ["errors.notAnAnswer"] }), preview: null });
  return redirect(threadPath(page.thread, undefined, acceptedAnchor()));
}

export function unaccept({ page, context }: ThreadAction) {
  assertCan("acceptAnswer", context);
  unacceptAnswer(page.thread.id);
  return redirect(threadPath(page.thread));
}

export function meToo({ user, page, context }: ThreadAction, on: boolean) {
  assertCan("meToo", context);
  setMeToo(page.thread.id, user.id, on);
  return redirect(threadPath(page.thread));
}

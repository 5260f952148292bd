import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { requireUser } from "~/auth/auth.server";
import { ErrorSummary, TextField } from "~/components/forms";
import { MarkdownField } from "~/components/markdown-field";
import { attachmentsOf, filesReply, onlyFilesChanged, readAttachmentField, uploadLimits } from "~/files/attachments.server";
import { AttachmentField } from "~/files/components";
import { invalidForm, keepTyped } from "~/http/responses.server";
import { getLocale, getT } from "~/i18n/i18next.server";
import { previewMarkdown } from "~/markdown/markdown.server";
import { postPath } from "~/paths";
import { assertCan } from "~/permissions/guards.server";
import { postForAction } from "~/posts/edit.server";
import { editPost } from "~/posts/posts.server";
import { editSchema } from "~/posts/schemas";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { post, thread, context } = postForAction(Number(params.id), user);
  assertCan("editPost", context);
  const t = await getT(request);
  return json({
    title: t("thread.editHeading"),
    attachments: attachmentsOf({ postId: post.id }).filter((file) => !file.removed),
    limits: uploadLimits(user.id, await getLocale(request)),
    post: { id: post.id, body: post.bodySource, isOpening: post.isOpening },
    thread: { id: thread.id, slug: thread.slug, title: thread.title },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { post, context } = postForAction(Number(params.id), user);
  assertCan("editPost", context);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: editSchema });
  const files = filesReply(await readAttachmentField(formData, user.id, await getLocale(request), { postId: post.id }));
  if (formData.get("intent") === "preview" || onlyFilesChanged(formData)) {
    const preview = formData.get("intent") === "preview" ? previewMarkdown(formData.get("body")) : null;
    return json({ result: keepTyped(submission), preview, ...files });
  }
  if (submission.status !== "success" || files.fileErrors.length)
    return invalidForm({ result: submission.reply(), preview: null, ...files });
  const { body, title, reason } = submission.value;
  editPost({
    postId: post.id,
    editorId: user.id,
    body,
    title: post.isOpening ? title : undefined,
    reason: reason || undefined,
    attachmentIds: files.attachments.map((file) => file.id),
  });
  return redirect(postPath(post.id));
}

export default function EditPost() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof editSchema>>({
    id: "edit",
    lastResult: actionData?.result,
    defaultValue: { body: data.post.body, title: data.post.isOpening ? data.thread.title : undefined },
    shouldRevalidate: "onBlur",
  });
  return (
    <>
      <p className="breadcrumb">
        <Link to={postPath(data.post.id)}>{data.thread.title}</Link>
      </p>
      <h1>{t("thread.editHeading")}</h1>
      <Form method="post" encType="multipart/form-data" className="stack wide" {...getFormProps(form)}>
        <ErrorSummary fields={[fields.title, fields.body, fields.reason]} formErrors={actionData?.fileErrors} />
        {data.post.isOpening ? <TextField meta={fields.title} label={t("thread.title")} hint={t("thread.titleHint")} required /> : null}
        <MarkdownField
          meta={fields.body}
          label={t("thread.body")}
          hint={t("thread.bodyHint")}
          previewHtml={actionData?.preview}
          rows={12}
        />
        <AttachmentField
          id="edit-files"
          attachments={actionData?.attachments ?? data.attachments}
          limits={data.limits}
          errors={actionData?.fileErrors}
        />
        <TextField meta={fields.reason} label={t("thread.editReason")} />
        <button type="submit" name="intent" value="save" className="primary">
          {t("thread.save")}
        </button>
      </Form>
    </>
  );
}

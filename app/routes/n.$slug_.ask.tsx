import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ErrorSummary, FieldErrors, TextField } from "~/components/forms";
import { askingModule } from "~/courses/ask.server";
import { MarkdownField } from "~/components/markdown-field";
import { filesReply, onlyFilesChanged, readAttachmentField, uploadLimits } from "~/files/attachments.server";
import { AttachmentField } from "~/files/components";
import { getLocale, getT } from "~/i18n/i18next.server";
import { networkOr404 } from "~/networks/networks.server";
import { previewMarkdown } from "~/markdown/markdown.server";
import { requirePermission } from "~/permissions/guards.server";
import { can } from "~/permissions/permissions";
import { askSchema } from "~/threads/schemas";
import { createThread, popularTags } from "~/threads/threads.server";
import { similarThreads } from "~/search/queries.server";
import { titleMeta } from "~/utils/meta";
import { coursePath, modulePath, threadPath } from "~/paths";
import { fieldErrorReply, invalidForm, keepTyped } from "~/http/responses.server";

export const meta = titleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = networkOr404(params.slug);
  const { user } = await requirePermission(request, "postInNetwork", network);
  // ?module=ID: asked from a course module; the question is linked to it.
  const courseModule = askingModule(new URL(request.url).searchParams.get("module"), network, user);
  const t = await getT(request);
  return json({
    title: t("thread.askHeading"),
    limits: uploadLimits(user.id, await getLocale(request)),
    network: { slug: network.slug, name: network.name },
    module: courseModule,
    popularTags: popularTags(network.id),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const network = networkOr404(params.slug);
  const { user, context } = await requirePermission(request, "postInNetwork", network);
  const formData = await request.formData();
  // The module is where the question is asked from, like the network in the URL: a wrong one is a 404.
  const courseModule = askingModule(formData.get("module"), network, user);
  const submission = parseWithZod(formData, { schema: askSchema });
  const files = filesReply(await readAttachmentField(formData, user.id, await getLocale(request)));
  if (formData.get("intent") === "preview" || onlyFilesChanged(formData)) {
    const preview = formData.get("intent") === "preview" ? previewMarkdown(submission.payload.body) : null;
    return json({ result: keepTyped(submission), preview, similar: null, ...files });
  }
  if (submission.status !== "success" || files.fileErrors.length) {
    return invalidForm({ result: submission.reply(), preview: null, similar: null, ...files });
  }
  // Without JavaScript the similar threads come after a first submit; publishing then needs a confirmation.
  if (submission.payload.confirmed !== "1") {
    const similar = await similarThreads(submission.value.title, network.id, { id: user.id, isAdmin: user.isAdmin });
    if (similar.length) {
      return json({ result: submission.reply(), preview: null, similar, ...files });
    }
  }
  const result = createThread({
    ...submission.value,
    networkId: network.id,
    authorId: user.id,
    moduleId: courseModule?.id ?? null,
    exemptFromRateLimit: can("postWithoutRateLimit", context),
    attachmentIds: files.attachments.map((file) => file.id),
  });
  if (!result.ok) {
    return invalidForm({ result: fieldErrorReply(submission, result), preview: null, similar: null, ...files });
  }
  return redirect(threadPath(result.thread));
}

type Similar = { title: string; url: string; solved: boolean; answerCount: number };

/** Filled by the server after a first submit, or by public/enhance.js while the title is typed. */
function SimilarThreads({ similar }: { similar: Similar[] | null }) {
  const { t } = useTranslation();
  return (
    <section className="similar" aria-labelledby="similar-heading" data-similar-target hidden={!similar?.length}>
      <h2 id="similar-heading">{t("search.similarHeading")}</h2>
      <p className="hint">{t("search.similarHint")}</p>
      <ul data-similar-list data-solved-label={t("thread.solved")} data-answers-label={t("search.thisAnswers")}>
        {(similar ?? []).map((s) => (
          <li key={s.url}>
            {s.solved ? <span className="badge solved">✓ {t("thread.solved")}</span> : null} <a href={s.url}>{s.title}</a> —{" "}
            <a href={s.url}>{t("search.thisAnswers")}</a>
          </li>
        ))}
      </ul>
      {similar?.length ? (
        <button type="submit" name="intent" value="publish" className="secondary">
          {t("search.publishAnyway")}
        </button>
      ) : null}
    </section>
  );
}

export default function Ask() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof askSchema>>({
    id: "ask",
    lastResult: actionData?.result,
    defaultValue: { kind: "question" },
    shouldRevalidate: "onBlur",
  });
  const kind = fields.kind;
  return (
    <>
      {data.module ? (
        <p className="breadcrumb">
          <a href={coursePath(data.network.slug, data.module.courseId)}>{data.module.courseTitle}</a> →{" "}
          <a href={modulePath(data.network.slug, data.module.courseId, data.module.id)}>{data.module.title}</a>
        </p>
      ) : null}
      <h1>
        {t("thread.askHeading")} <span className="muted">{t("thread.askIn", { network: data.network.name })}</span>
      </h1>
      {data.module ? (
        <p className="notice">{t("courses.askingInModule", { course: data.module.courseTitle, module: data.module.title })}</p>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack wide" {...getFormProps(form)}>
        {data.module ? <input type="hidden" name="module" value={data.module.id} /> : null}
        <ErrorSummary
          fields={[fields.kind, fields.title, fields.body, fields.tags]}
          formErrors={[...(form.errors ?? []), ...(actionData?.fileErrors ?? [])]}
        />
        <fieldset className="field">
          <legend>{t("thread.kind")}</legend>
          {(["question", "discussion"] as const).map((value) => {
            const { key, ...props } = getInputProps(kind, { type: "radio", value });
            return (
              <div key={value} className="choice">
                <input key={key} {...props} id={`kind-${value}`} aria-describedby={`kind-${value}-hint`} />
                <label htmlFor={`kind-${value}`}>{t(value === "question" ? "thread.kindQuestion" : "thread.kindDiscussion")}</label>
                <p id={`kind-${value}-hint`} className="hint">
                  {t(value === "question" ? "thread.kindQuestionHint" : "thread.kindDiscussionHint")}
                </p>
              </div>
            );
          })}
          <FieldErrors id={kind.errorId} errors={kind.errors} />
        </fieldset>
        <div data-similar-source={data.network.slug}>
          <TextField meta={fields.title} label={t("thread.title")} hint={t("thread.titleHint")} required />
        </div>
        <input type="hidden" name="confirmed" value={actionData?.similar?.length ? "1" : ""} data-similar-confirmed />
        <SimilarThreads similar={actionData?.similar ?? null} />
        <MarkdownField
          meta={fields.body}
          label={t("thread.body")}
          hint={t("thread.bodyHint")}
          previewHtml={actionData?.preview}
          rows={10}
        />
        <AttachmentField id="ask-files" attachments={actionData?.attachments ?? []} limits={data.limits} errors={actionData?.fileErrors} />
        <TextField meta={fields.tags} label={t("thread.tags")} hint={t("thread.tagsHint")} required />
        {data.popularTags.length ? (
          <p className="hint">
            {t("thread.popularTags")}: {data.popularTags.join(", ")}
          </p>
        ) : null}
        <button type="submit" name="intent" value="publish" className="primary">
          {t("thread.publish")}
        </button>
      </Form>
    </>
  );
}

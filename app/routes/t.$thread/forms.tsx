/** The thread page's forms: an answer, and accepting one. */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ErrorSummary, TextareaField } from "~/components/forms";
import { MarkdownField } from "~/components/markdown-field";
import type { UploadLimits } from "~/files/attachments.server";
import { AttachmentField } from "~/files/components";
import type { acceptSchema, answerSchema } from "~/threads/schemas";
import type { action } from "./route";

export function AcceptForm({ postId }: { postId: number }) {
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

export function AnswerForm({ limits }: { limits: UploadLimits }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const mine = actionData?.form === "answer" && "attachments" in actionData ? actionData : undefined;
  const [form, fields] = useForm<z.input<typeof answerSchema>>({ id: "answer", lastResult: mine?.result, shouldRevalidate: "onBlur" });
  return (
    <form method="post" encType="multipart/form-data" className="stack wide" {...getFormProps(form)}>
      <h2>{t("thread.yourAnswer")}</h2>
      <ErrorSummary fields={[fields.body]} formErrors={[...(form.errors ?? []), ...(mine?.fileErrors ?? [])]} />
      <MarkdownField meta={fields.body} label={t("thread.yourAnswer")} hint={t("thread.bodyHint")} previewHtml={mine?.preview} />
      <AttachmentField id="answer-files" attachments={mine?.attachments ?? []} limits={limits} errors={mine?.fileErrors} collapsed />
      <button type="submit" name="intent" value="answer" className="primary">
        {t("thread.postAnswer")}
      </button>
    </form>
  );
}

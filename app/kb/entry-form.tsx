/** The knowledge-base entry form (new and edit): title, summary in Markdown, source threads, tags, files with their descriptions. */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ErrorSummary, TextareaField, TextField } from "~/components/forms";
import { MarkdownField } from "~/components/markdown-field";
import type { UploadLimits } from "~/files/attachments.server";
import { filesSummary, MaterialFiles, type FormFiles } from "~/files/descriptions";
import type { entrySchema } from "./schemas";

export function EntryForm({
  lastResult,
  defaultValue,
  preview,
  submitLabel,
  withReason = false,
  files,
  limits,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Record<string, string>;
  preview?: string | null;
  submitLabel: string;
  withReason?: boolean;
  files: FormFiles;
  limits: UploadLimits;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof entrySchema> & { reason?: string }>({
    id: "kb-entry",
    lastResult: lastResult ?? undefined,
    defaultValue,
    shouldRevalidate: "onBlur",
  });
  return (
    <form method="post" encType="multipart/form-data" className="stack wide" {...getFormProps(form)}>
      {/* Enter in a field submits with the form's first button: this one saves (any intent but preview), not "preview", "upload" or "remove" further down. */}
      <button type="submit" name="intent" value="enter" className="visually-hidden" tabIndex={-1} aria-hidden="true">
        {submitLabel}
      </button>
      <ErrorSummary
        fields={[fields.title, fields.summary, fields.sources, fields.tags]}
        formErrors={[...(form.errors ?? []), ...filesSummary(files)]}
      />
      <TextField meta={fields.title} label={t("kb.fields.title")} hint={t("kb.fields.titleHint")} required />
      <MarkdownField
        meta={fields.summary}
        label={t("kb.fields.summary")}
        hint={t("kb.fields.summaryHint")}
        previewHtml={preview}
        rows={10}
      />
      <TextareaField meta={fields.sources} label={t("kb.fields.sources")} hint={t("kb.fields.sourcesHint")} rows={3} />
      <TextField meta={fields.tags} label={t("kb.fields.tags")} hint={t("kb.fields.tagsHint")} />
      <MaterialFiles id="kb-entry" files={files} limits={limits} />
      {withReason ? <TextField meta={fields.reason} label={t("kb.fields.reason")} /> : null}
      <button type="submit" name="intent" value="save" className="primary">
        {submitLabel}
      </button>
    </form>
  );
}

/** The knowledge-base entry form (new and edit): title, summary in Markdown, source threads, tags. */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ErrorSummary, TextareaField, TextField } from "~/components/forms";
import { MarkdownField } from "~/components/markdown-field";
import type { entrySchema } from "./schemas";

export function EntryForm({
  lastResult,
  defaultValue,
  preview,
  submitLabel,
  withReason = false,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Record<string, string>;
  preview?: string | null;
  submitLabel: string;
  withReason?: boolean;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof entrySchema> & { reason?: string }>({
    id: "kb-entry",
    lastResult: lastResult ?? undefined,
    defaultValue,
    shouldRevalidate: "onBlur",
  });
  return (
    <form method="post" className="stack wide" {...getFormProps(form)}>
      <ErrorSummary fields={[fields.title, fields.summary, fields.sources, fields.tags]} formErrors={form.errors} />
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
      {withReason ? <TextField meta={fields.reason} label={t("kb.fields.reason")} /> : null}
      <button type="submit" name="intent" value="save" className="primary">
        {submitLabel}
      </button>
    </form>
  );
}

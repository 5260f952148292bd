/** The announcement form (new and edit): title, Markdown body with preview, audience (new only), "acknowledgement required". */
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, FieldErrors, SelectField, TextField } from "~/components/forms";
import { MarkdownField } from "~/components/markdown-field";

export type AudienceChoice = { value: string; label: string };

export function AnnouncementForm({
  lastResult,
  defaultValue,
  preview,
  audiences,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: { title?: string; body?: string; audience?: string; ackRequired?: boolean };
  preview?: string | null;
  /** Omitted when editing: the audience is fixed once published. */
  audiences?: AudienceChoice[];
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<{ title: string; body: string; audience: string; ackRequired: boolean }>({
    id: "announcement",
    lastResult: lastResult ?? undefined,
    defaultValue: { ...defaultValue, ackRequired: defaultValue?.ackRequired ? "on" : undefined },
    shouldRevalidate: "onBlur",
  });
  const { key: ackKey, ...ackProps } = getInputProps(fields.ackRequired, { type: "checkbox", value: "on" });
  return (
    <form method="post" className="stack wide" {...getFormProps(form)}>
      <ErrorSummary fields={[fields.title, fields.body, fields.audience]} formErrors={form.errors} />
      <TextField meta={fields.title} label={t("announcements.fields.title")} required />
      <MarkdownField
        meta={fields.body}
        label={t("announcements.fields.body")}
        hint={t("announcements.fields.bodyHint")}
        previewHtml={preview}
        rows={10}
      />
      {audiences ? <SelectField meta={fields.audience} label={t("announcements.fields.audience")} options={audiences} required /> : null}
      <div className="field checkbox-field">
        <input key={ackKey} {...ackProps} aria-describedby={`${fields.ackRequired.id}-hint`} />
        <label htmlFor={fields.ackRequired.id}>{t("announcements.fields.ackRequired")}</label>
        <p id={`${fields.ackRequired.id}-hint`} className="hint">
          {t("announcements.fields.ackRequiredHint")}
        </p>
        <FieldErrors id={fields.ackRequired.errorId} errors={fields.ackRequired.errors} />
      </div>
      <button type="submit" name="intent" value="save" className="primary">
        {submitLabel}
      </button>
    </form>
  );
}

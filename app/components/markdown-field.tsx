import { getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { FieldErrors } from "./forms";

/**
 * A Markdown textarea with a preview. Without JavaScript the "Preview" button submits the
 * form with intent=preview and the server shows the result, keeping what was typed; with
 * JavaScript, public/enhance.js updates the preview while the teacher types.
 */
export function MarkdownField({
  meta,
  label,
  hint,
  previewHtml,
  rows = 8,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form's field
  meta: FieldMetadata<any, any, string[]>;
  label: string;
  hint?: string;
  previewHtml?: string | null;
  rows?: number;
}) {
  const { t } = useTranslation();
  const { key, ...props } = getTextareaProps(meta, { ariaAttributes: true });
  const describedBy = [hint ? `${meta.id}-hint` : null, meta.errors?.length ? meta.errorId : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <textarea key={key} rows={rows} {...props} aria-describedby={describedBy || undefined} data-preview-source={`${meta.id}-preview`} />
      <FieldErrors id={meta.errorId} errors={meta.errors} />
      <p>
        <button type="submit" name="intent" value="preview" className="secondary" formNoValidate>
          {t("thread.preview")}
        </button>
      </p>
      <section
        id={`${meta.id}-preview`}
        className="preview"
        aria-live="polite"
        aria-label={t("thread.previewHeading")}
        hidden={!previewHtml}
      >
        <h2 className="preview-heading">{t("thread.previewHeading")}</h2>
        <div className="post-body" data-preview-body dangerouslySetInnerHTML={{ __html: previewHtml ?? "" }} />
      </section>
    </div>
  );
}

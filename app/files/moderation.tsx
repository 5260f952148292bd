/**
 * The moderators' pieces for an attached file: its removal form (a reason its uploader reads),
 * and the file as a moderator sees it in a list (a removed one too, with who removed it and why).
 * Used by /mod/p/<id> (every file of the post) and /mod/files/<id> (one file, wherever it is).
 */
import { getFormProps } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextareaField, useFormFor } from "~/components/forms";
import type { AttachmentView } from "./attachments.server";
import { fileFacts } from "./facts";

export const REMOVE_FILE_INTENT = "removeAttachment";

/** The form's id on a page with several: one per file. */
export const removalFormId = (attachmentId: number) => `remove-file-${attachmentId}`;

/**
 * The reason and the button. `collapsed`: closed under its summary until opened (or sent back with
 * an error), so a post's list of files stays short.
 */
export function AttachmentRemovalForm({
  attachmentId,
  name,
  collapsed = true,
}: {
  attachmentId: number;
  name: string;
  collapsed?: boolean;
}) {
  const { t } = useTranslation();
  const [form, fields] = useFormFor(removalFormId(attachmentId));
  const failed = Boolean(form.errors?.length || fields.reason?.errors?.length);
  const body = (
    <form method="post" className="stack wide" {...getFormProps(form)}>
      <ErrorSummary fields={[fields.reason!]} formErrors={form.errors} />
      <input type="hidden" name="attachmentId" value={attachmentId} />
      <TextareaField meta={fields.reason!} label={t("moderation.files.reason")} hint={t("moderation.files.reasonHint")} rows={2} />
      <div className="actions">
        <button type="submit" name="intent" value={REMOVE_FILE_INTENT} className="danger secondary">
          {t("moderation.files.submit", { name })}
        </button>
      </div>
    </form>
  );
  if (!collapsed) return body;
  return (
    <details className="file-removal" open={failed || undefined}>
      <summary>
        {t("moderation.files.remove")}
        <span className="visually-hidden"> {name}</span>
      </summary>
      {body}
    </details>
  );
}

type ModeratedFile = Pick<
  AttachmentView,
  "id" | "name" | "format" | "kind" | "byteSize" | "pages" | "previews" | "url" | "width" | "height"
> & {
  removal: { by: string | null; when: string; reason: string | null } | null;
};

/** A moderator judges a photo by it (faces, names in a notebook): bigger than a post's list, smaller than the page. */
const THUMB_WIDTH = 160;

/** The file's thumbnail or type, its name and facts, and what became of it. */
export function ModeratedFileSummary({ file, href }: { file: ModeratedFile; href?: string }) {
  const { t, i18n } = useTranslation();
  const preview = file.kind === "image" ? file.previews[0] : undefined;
  return (
    <div className="moderated-file">
      {preview ? (
        <a href={file.url}>
          <img
            src={preview.url}
            alt={t("files.openFull", { name: file.name })}
            width={THUMB_WIDTH}
            height={file.width && file.height ? Math.round((THUMB_WIDTH * file.height) / file.width) : undefined}
            loading="lazy"
            className="moderated-thumb"
          />
        </a>
      ) : (
        <span className="file-badge">{file.format.toUpperCase()}</span>
      )}{" "}
      <p>
        {href ? <a href={href}>{file.name}</a> : <strong>{file.name}</strong>}{" "}
        <span className="muted">{fileFacts(t, i18n.language, file)}</span> · <a href={file.url}>{t("moderation.files.open")}</a>
      </p>
      {file.removal ? (
        <p className="notice warning">
          {t("moderation.files.removedBy", { name: file.removal.by ?? "—", date: file.removal.when, reason: file.removal.reason ?? "—" })}
        </p>
      ) : null}
    </div>
  );
}

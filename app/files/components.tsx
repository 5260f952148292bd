/**
 * Files on a page: the file field of a form (works without JavaScript: a plain multipart file
 * input, the attached list with a "remove" button each; public/enhance.js adds drag-and-drop,
 * paste and uploading at once), and the attachments under a post, a module or an entry.
 */
import { useTranslation } from "react-i18next";
import { FieldErrors, useErrorText } from "~/components/forms";
import { fileUploadPath } from "~/paths";
import type { AttachmentView, UploadLimits } from "./attachments.server";
import { fileFacts } from "./facts";
import { ACCEPT, formatBytes } from "./formats";

type Attachment = Pick<AttachmentView, "id" | "name" | "format" | "kind" | "byteSize" | "pages" | "previews" | "url">;

function useFileFacts() {
  const { t, i18n } = useTranslation();
  return (file: Pick<AttachmentView, "format" | "byteSize" | "pages">) => fileFacts(t, i18n.language, file);
}

/**
 * The file field of a form with attachments. `id` names the input (its label and errors);
 * the attachments listed are carried as hidden `attachment` inputs, in order.
 */
export function AttachmentField({
  id,
  attachments,
  limits,
  errors,
  collapsed = false,
}: {
  id: string;
  attachments: Attachment[];
  limits: UploadLimits;
  errors?: string[];
  /** Behind a «Прикрепить файлы» line until opened (an answer's files are the exception, not the rule), open when it holds any. */
  collapsed?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const facts = useFileFacts();
  const errorId = `${id}-error`;
  const field = (
    <fieldset
      className="field attachments"
      data-attachments
      data-upload-url={fileUploadPath()}
      data-max-files={limits.maxFiles}
      data-max-bytes={limits.maxFileBytes}
      data-uploading={t("files.uploading", { name: "{name}" })}
      data-remove-label={t("files.remove")}
      data-too-large={t("files.errors.tooLarge", { name: "{name}", size: formatBytes(limits.maxFileBytes, i18n.language) })}
      data-failed={t("files.errors.uploadFailed", { name: "{name}" })}
      data-too-many={t("files.errors.tooMany", { count: limits.maxFiles })}
    >
      <legend>{t("files.label")}</legend>
      <p id={`${id}-hint`} className="hint">
        {errorText(limits.limits)} {limits.todayLeft ? errorText(limits.todayLeft) : null}
      </p>
      <p className="hint privacy">{t("files.privacy")}</p>
      <ul className="attached" data-attached-list aria-label={t("files.attached")}>
        {attachments.map((file) => (
          <li key={file.id}>
            {file.kind === "image" && file.previews[0] ? (
              <img src={file.previews[0].url} alt="" width={48} height={48} loading="lazy" className="attached-thumb" />
            ) : null}
            <span className="attached-name">{file.name}</span> <span className="muted">{facts(file)}</span>
            <input type="hidden" name="attachment" value={file.id} />{" "}
            <button type="submit" name="removeAttachment" value={file.id} className="link-button" formNoValidate>
              {t("files.remove")}
              <span className="visually-hidden"> {file.name}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="drop-zone" data-drop-zone>
        <label htmlFor={id}>{t("files.choose")}</label>
        <input
          type="file"
          id={id}
          name="files"
          multiple
          accept={ACCEPT}
          aria-describedby={[`${id}-hint`, errors?.length ? errorId : null].filter(Boolean).join(" ")}
          aria-invalid={errors?.length ? true : undefined}
        />
        <p className="hint" data-drop-hint hidden>
          {t("files.dropHint")}
        </p>
      </div>
      <FieldErrors id={errorId} errors={errors} />
      <p data-upload-button>
        <button type="submit" name="intent" value="upload" className="secondary" formNoValidate>
          {t("files.upload")}
        </button>{" "}
        <span className="hint">{t("files.uploadHint")}</span>
      </p>
    </fieldset>
  );
  if (!collapsed) return field;
  return (
    <details className="attachments-details" open={attachments.length > 0 || (errors?.length ?? 0) > 0}>
      <summary>{t("files.summary")}</summary>
      {field}
    </details>
  );
}

/** A thumbnail is at most 200 CSS px wide, 44 % of a phone screen: a 360 px phone at 2× needs 317 px, so it takes the 320 preview, not the 640. */
const THUMB_SIZES = "(max-width: 480px) 44vw, 200px";

/** The files under a post, a module or an entry: images as small previews opening the whole image, documents as cards. */
export function AttachmentList({ attachments }: { attachments: AttachmentView[] }) {
  const { t } = useTranslation();
  const facts = useFileFacts();
  if (attachments.length === 0) return null;
  const images = attachments.filter((file) => file.kind === "image" && !file.removed);
  const documents = attachments.filter((file) => file.kind === "document" && !file.removed);
  const removed = attachments.filter((file) => file.removed);
  return (
    <div className="post-files">
      {images.length ? (
        <ul className="file-images">
          {images.map((file) => {
            const smallest = file.previews[0];
            return (
              <li key={file.id}>
                <a href={file.url} aria-label={t("files.openFull", { name: file.name })} title={file.description || undefined}>
                  <img
                    src={smallest?.url ?? file.url}
                    srcSet={file.previews.map((p) => `${p.url} ${p.width}w`).join(", ") || undefined}
                    sizes={THUMB_SIZES}
                    width={file.width ?? undefined}
                    height={file.height ?? undefined}
                    alt={file.description || file.name}
                    loading="lazy"
                    decoding="async"
                  />
                </a>
              </li>
            );
          })}
        </ul>
      ) : null}
      {documents.length ? (
        <ul className="file-cards">
          {documents.map((file) => (
            <li key={file.id}>
              <a href={file.url} className="file-card" download={file.name}>
                <span className="file-badge" aria-hidden="true">
                  {file.format.toUpperCase()}
                </span>
                <span>
                  <span className="file-name">{file.name}</span>
                  <span className="muted file-facts">
                    {facts(file)} · {t("files.download")}
                  </span>
                  {file.description ? <span className="file-description">{file.description}</span> : null}
                </span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {removed.map((file) => (
        <p key={file.id} className="file-gone muted">
          {t("files.removedByModerator", { name: file.name, reason: file.removed?.reason ?? "—" })}
        </p>
      ))}
    </div>
  );
}

/**
 * The descriptions under a module's or an entry's files, in its form beside the file field: one
 * short line per attached file, sent with the form (without JavaScript too) and saved with it.
 * A file added by drag-and-drop gets its line when the form comes back or is opened again.
 */
import { useTranslation } from "react-i18next";
import { FieldErrors } from "~/components/forms";
import type { Message } from "~/i18n/keys";
import { message } from "~/utils/validation";
import type { AttachmentView, UploadLimits } from "./attachments.server";
import { AttachmentField } from "./components";
import { descriptionFieldName, type DescriptionErrors, type Descriptions } from "./library";

/** A module's or an entry's files as its form shows them: from the page, or as the form came back. */
export type FormFiles = {
  attachments: AttachmentView[];
  descriptions: Descriptions;
  fileErrors?: string[];
  descriptionErrors?: DescriptionErrors;
};

/** The form's file problems for its error summary on top: the file field's, then one line per description to check. */
export function filesSummary(files: FormFiles): string[] {
  const descriptionErrors: Message[] = files.attachments
    .filter((file) => files.descriptionErrors?.[file.id]?.length)
    .map((file) => message("materials.errors.description", { name: file.name }));
  return [...(files.fileErrors ?? []), ...descriptionErrors];
}

/** The file field and the descriptions under it. */
export function MaterialFiles({ id, files, limits }: { id: string; files: FormFiles; limits: UploadLimits }) {
  return (
    <>
      <AttachmentField id={`${id}-files`} attachments={files.attachments} limits={limits} errors={files.fileErrors} />
      <FileDescriptions id={`${id}-descriptions`} files={files.attachments} values={files.descriptions} errors={files.descriptionErrors} />
    </>
  );
}

export function FileDescriptions({
  id,
  files,
  values,
  errors,
}: {
  id: string;
  files: { id: number; name: string }[];
  values: Descriptions;
  errors?: DescriptionErrors;
}) {
  const { t } = useTranslation();
  if (files.length === 0) return null;
  return (
    <fieldset className="field file-descriptions" aria-describedby={`${id}-hint`}>
      <legend>{t("materials.descriptions")}</legend>
      <p id={`${id}-hint`} className="hint">
        {t("materials.descriptionsHint")}
      </p>
      {files.map((file) => {
        const inputId = `${id}-${file.id}`;
        const fileErrors = errors?.[file.id];
        return (
          <div className="field" key={file.id}>
            <label htmlFor={inputId}>{t("materials.descriptionLabel", { name: file.name })}</label>
            <input
              id={inputId}
              type="text"
              name={descriptionFieldName(file.id)}
              defaultValue={values[file.id] ?? ""}
              aria-invalid={fileErrors?.length ? true : undefined}
              aria-describedby={fileErrors?.length ? `${inputId}-error` : undefined}
            />
            <FieldErrors id={`${inputId}-error`} errors={fileErrors} />
          </div>
        );
      })}
    </fieldset>
  );
}

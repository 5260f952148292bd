/** The course forms (new and edit, modules) and the bits every course page repeats. */
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { UploadLimits } from "~/files/attachments.server";
import { filesSummary, MaterialFiles, type FormFiles } from "~/files/descriptions";
import { ErrorSummary, FieldErrors, TextareaField, TextField } from "~/components/forms";
import { MarkdownField } from "~/components/markdown-field";
import type { Material } from "./materials";
import type { courseSchema, moduleSchema } from "./schemas";
import { coursePath, coursesPath, networkPath } from "~/paths";

type Values = Record<string, string | null | undefined>;

export function CourseCrumbs({ network, course }: { network: { slug: string; name: string }; course?: { id: number; title: string } }) {
  const { t } = useTranslation();
  return (
    <p className="breadcrumb">
      <a href={networkPath(network.slug)}>{network.name}</a> · <a href={coursesPath(network.slug)}>{t("courses.heading")}</a>
      {course ? (
        <>
          {" "}
          · <a href={coursePath(network.slug, course.id)}>{course.title}</a>
        </>
      ) : null}
    </p>
  );
}

/** "с 1 сент. по 20 дек.", "с 1 сент.", "до 20 дек." or nothing. */
export function CourseDates({ starts, ends }: { starts: string | null; ends: string | null }) {
  const { t } = useTranslation();
  if (!starts && !ends) return null;
  const text =
    starts && ends
      ? t("courses.datesBoth", { starts, ends })
      : starts
        ? t("courses.datesFrom", { starts })
        : t("courses.datesUntil", { ends });
  return <span className="course-dates">{text}</span>;
}

/** A module's materials: links to recordings and slides, opened away from the forum, and its files (the module page's). */
export function Materials({ materials, heading, files }: { materials: Material[]; heading: "h2" | "h4"; files?: ReactNode }) {
  const { t } = useTranslation();
  if (materials.length === 0 && !files) return null;
  const Heading = heading;
  return (
    <>
      <Heading>{t("courses.materials")}</Heading>
      {materials.length ? (
        <ul className="materials">
          {materials.map((link, i) => (
            <li key={i}>
              <a href={link.url} rel="nofollow noopener noreferrer">
                {link.title}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {files}
    </>
  );
}

export function CourseForm({
  lastResult,
  defaultValue,
  preview,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Values;
  preview?: string | null;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof courseSchema>>({
    id: "course",
    lastResult: lastResult ?? undefined,
    defaultValue: { enrolment: "open", ...defaultValue },
    shouldRevalidate: "onBlur",
  });
  return (
    <form method="post" className="stack wide" {...getFormProps(form)}>
      <input type="hidden" name="form" value="course" />
      <ErrorSummary
        fields={[fields.title, fields.description, fields.startsOn, fields.endsOn, fields.enrolment]}
        formErrors={form.errors}
      />
      <TextField meta={fields.title} label={t("courses.fields.title")} hint={t("courses.fields.titleHint")} required />
      <MarkdownField
        meta={fields.description}
        label={t("courses.fields.description")}
        hint={t("courses.fields.descriptionHint")}
        previewHtml={preview}
        rows={8}
      />
      <div className="field-row">
        <TextField type="date" meta={fields.startsOn} label={t("courses.fields.startsOn")} />
        <TextField type="date" meta={fields.endsOn} label={t("courses.fields.endsOn")} />
      </div>
      <fieldset className="field">
        <legend>{t("courses.fields.enrolment")}</legend>
        {(["open", "list"] as const).map((value) => {
          const { key, ...props } = getInputProps(fields.enrolment, { type: "radio", value });
          return (
            <div key={value} className="choice">
              <input key={key} {...props} id={`enrolment-${value}`} aria-describedby={`enrolment-${value}-hint`} />
              <label htmlFor={`enrolment-${value}`}>{t(`courses.enrolment.${value}`)}</label>
              <p id={`enrolment-${value}-hint`} className="hint">
                {t(`courses.enrolment.${value}Hint`)}
              </p>
            </div>
          );
        })}
        <FieldErrors id={fields.enrolment.errorId} errors={fields.enrolment.errors} />
      </fieldset>
      <button type="submit" name="intent" value="save" className="primary">
        {submitLabel}
      </button>
    </form>
  );
}

/**
 * One module's form; `id` keeps several on one page apart (each its own conform form). Its files
 * go with it (a multipart form), each with a description for the materials library.
 */
export function ModuleForm({
  id,
  moduleId,
  lastResult,
  defaultValue,
  submitLabel,
  files,
  limits,
}: {
  id: string;
  moduleId?: number;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Values;
  submitLabel: string;
  files: FormFiles;
  limits: UploadLimits;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof moduleSchema>>({
    id,
    lastResult: lastResult ?? undefined,
    defaultValue,
    shouldRevalidate: "onBlur",
  });
  const intent = moduleId ? "module-save" : "module-add";
  return (
    <form method="post" encType="multipart/form-data" className="stack wide" {...getFormProps(form)}>
      {/* Enter in a field submits with the form's first button: this one saves, not the file field's "upload" or "remove" below. */}
      <button type="submit" name="intent" value="enter" className="visually-hidden" tabIndex={-1} aria-hidden="true">
        {submitLabel}
      </button>
      <input type="hidden" name="form" value={id} />
      {moduleId ? <input type="hidden" name="moduleId" value={moduleId} /> : null}
      <ErrorSummary
        fields={[fields.title, fields.description, fields.materials, fields.dueOn]}
        formErrors={[...(form.errors ?? []), ...filesSummary(files)]}
      />
      <TextField meta={fields.title} label={t("courses.moduleFields.title")} required />
      <TextareaField
        meta={fields.description}
        label={t("courses.moduleFields.description")}
        hint={t("courses.moduleFields.descriptionHint")}
        rows={3}
      />
      <TextareaField
        meta={fields.materials}
        label={t("courses.moduleFields.materials")}
        hint={t("courses.moduleFields.materialsHint")}
        rows={4}
      />
      <TextField type="date" meta={fields.dueOn} label={t("courses.moduleFields.dueOn")} hint={t("courses.moduleFields.dueOnHint")} />
      <MaterialFiles id={id} files={files} limits={limits} />
      <button type="submit" name="intent" value={intent} className={moduleId ? "secondary" : "primary"}>
        {submitLabel}
      </button>
    </form>
  );
}

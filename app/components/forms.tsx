import { getInputProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { useActionData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { messageText } from "~/utils/validation";

/** Validation messages travel as keys with their values (app/utils/validation.ts); this turns them into words. */
export function useErrorText() {
  const { t } = useTranslation();
  return (raw: string) => messageText(t, raw);
}

/**
 * The conform state of one of several forms on a page (one per module, per assignment, per
 * moderation tool): the action names the form it answers (`{ form, result }`), and only that
 * form shows the errors and keeps what was typed.
 */
export function useFormFor<Schema extends Record<string, unknown>>(id: string) {
  const actionData = useActionData<{ form?: string; result?: SubmissionResult<string[]> }>();
  return useForm<Schema>({ id, lastResult: actionData?.form === id ? actionData.result : undefined, shouldRevalidate: "onBlur" });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fields of any form schema
type Meta = FieldMetadata<any, any, string[]>;

function describedBy(meta: Meta, hint?: ReactNode) {
  const ids = [hint ? `${meta.id}-hint` : null, meta.errors?.length ? meta.errorId : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  const errorText = useErrorText();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((e) => (
        <li key={e}>{errorText(e)}</li>
      ))}
    </ul>
  );
}

type FieldProps = {
  meta: Meta;
  label: ReactNode;
  hint?: ReactNode;
  type?: "text" | "email" | "password" | "search" | "date" | "number";
  autoComplete?: string;
  required?: boolean;
  /** Bounds of a number or date field, for the browser's own picker and keyboard. */
  min?: number | string;
  max?: number | string;
};

export function TextField({ meta, label, hint, type = "text", autoComplete, required, min, max }: FieldProps) {
  const { key, ...props } = getInputProps(meta, { type, ariaAttributes: true });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <input
        key={key}
        {...props}
        // A rejected password is never sent back (conform hides it); other fields keep what was typed.
        autoComplete={autoComplete}
        required={required}
        min={min}
        max={max}
        aria-describedby={describedBy(meta, hint)}
      />
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function TextareaField({ meta, label, hint, rows = 4 }: Omit<FieldProps, "type" | "min" | "max"> & { rows?: number }) {
  const { key, ...props } = getTextareaProps(meta, { ariaAttributes: true });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <textarea key={key} rows={rows} {...props} aria-describedby={describedBy(meta, hint)} />
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField({
  meta,
  label,
  hint,
  options,
  placeholder,
  required,
}: Omit<FieldProps, "type" | "autoComplete"> & { options: { value: string; label: string }[]; placeholder?: string }) {
  const { key, ...props } = getSelectProps(meta, { ariaAttributes: true });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <select key={key} {...props} required={required} aria-describedby={describedBy(meta, hint)}>
        {placeholder ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** The whole form's problems on top, each a link to its field: easier than hunting on a phone. */
export function ErrorSummary({ fields, formErrors }: { fields: Meta[]; formErrors?: string[] }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const invalid = fields.filter((f) => f.errors?.length);
  if (!invalid.length && !formErrors?.length) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h2>{t("errors.formHeading")}</h2>
      <ul>
        {formErrors?.map((e) => (
          <li key={e}>{errorText(e)}</li>
        ))}
        {invalid.map((f) => (
          <li key={f.id}>
            <a href={`#${f.id}`}>{errorText(f.errors![0]!)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

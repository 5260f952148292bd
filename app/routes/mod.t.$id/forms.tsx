import { getFormProps, useForm } from "@conform-to/react";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, SelectField, TextareaField, TextField } from "~/components/forms";
import type { action } from "./route";

function useFormFor(id: string) {
  const actionData = useActionData<typeof action>();
  return useForm({ id, lastResult: actionData?.form === id ? actionData.result : undefined, shouldRevalidate: "onBlur" });
}

export function LockForm() {
  const { t } = useTranslation();
  const [form, fields] = useFormFor("lock");
  return (
    <form method="post" className="stack wide" {...getFormProps(form)}>
      <ErrorSummary fields={[fields.reason!]} />
      <TextareaField
        meta={fields.reason!}
        label={t("moderation.threadTools.lockReason")}
        hint={t("moderation.threadTools.lockHint")}
        rows={2}
      />
      <button type="submit" name="intent" value="lock" className="secondary">
        {t("moderation.threadTools.lock")}
      </button>
    </form>
  );
}

export function MoveForm({ targets }: { targets: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const [form, fields] = useFormFor("move");
  return (
    <form method="post" className="stack wide" {...getFormProps(form)}>
      <ErrorSummary fields={[fields.network!, fields.reason!]} />
      <SelectField
        meta={fields.network!}
        label={t("moderation.threadTools.moveTo")}
        options={targets}
        placeholder={t("moderation.threadTools.chooseNetwork")}
      />
      <TextareaField meta={fields.reason!} label={t("moderation.threadTools.moveReason")} rows={2} />
      <button type="submit" name="intent" value="move" className="secondary">
        {t("moderation.threadTools.move")}
      </button>
    </form>
  );
}

export function DuplicateForm() {
  const { t } = useTranslation();
  const [form, fields] = useFormFor("duplicate");
  return (
    <form method="post" className="stack wide" {...getFormProps(form)}>
      <ErrorSummary fields={[fields.canonical!]} />
      <TextField meta={fields.canonical!} label={t("moderation.threadTools.canonical")} hint={t("moderation.threadTools.canonicalHint")} />
      <div className="choice">
        <input type="checkbox" id="merge-manual" name="merge" value="on" />
        <label htmlFor="merge-manual">{t("moderation.threadTools.merge")}</label>
      </div>
      <button type="submit" name="intent" value="duplicate" className="secondary">
        {t("moderation.threadTools.close")}
      </button>
    </form>
  );
}

export function DeleteForm() {
  const { t } = useTranslation();
  const [form, fields] = useFormFor("delete");
  return (
    <form method="post" className="stack wide" {...getFormProps(form)}>
      <ErrorSummary fields={[fields.reason!]} />
      <TextareaField meta={fields.reason!} label={t("moderation.queue.reason")} hint={t("moderation.threadTools.deleteHint")} rows={2} />
      <button type="submit" name="intent" value="delete" className="danger secondary">
        {t("moderation.queue.deleteThread")}
      </button>
    </form>
  );
}

export function Button({ intent, label, danger = false }: { intent: string; label: string; danger?: boolean }) {
  return (
    <form method="post" className="inline-form">
      <button type="submit" name="intent" value={intent} className={danger ? "danger secondary" : "secondary"}>
        {label}
      </button>
    </form>
  );
}

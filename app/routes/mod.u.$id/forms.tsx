import { getFormProps, useForm } from "@conform-to/react";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, SelectField, TextareaField } from "~/components/forms";
import type { action } from "./route";

function useFormFor(id: string) {
  const actionData = useActionData<typeof action>();
  return useForm({ id, lastResult: actionData?.form === id ? actionData.result : undefined, shouldRevalidate: "onBlur" });
}

export function SilenceForm({ networks, days }: { networks: { value: string; label: string }[]; days: readonly number[] }) {
  const { t } = useTranslation();
  const [form, fields] = useFormFor("silence");
  return (
    <form method="post" className="stack wide" {...getFormProps(form)}>
      <ErrorSummary fields={[fields.network!, fields.days!, fields.reason!]} />
      <SelectField
        meta={fields.network!}
        label={t("moderation.member.network")}
        options={networks}
        placeholder={t("moderation.threadTools.chooseNetwork")}
      />
      <SelectField
        meta={fields.days!}
        label={t("moderation.member.duration")}
        options={days.map((d) => ({ value: String(d), label: t("moderation.member.days", { count: d }) }))}
        placeholder={t("moderation.member.chooseDuration")}
      />
      <TextareaField meta={fields.reason!} label={t("moderation.member.reason")} hint={t("moderation.member.reasonHint")} rows={2} />
      <button type="submit" name="intent" value="silence" className="danger secondary">
        {t("moderation.member.silence")}
      </button>
    </form>
  );
}

export function SuspendForm({ days }: { days: readonly number[] }) {
  const { t } = useTranslation();
  const [form, fields] = useFormFor("suspend");
  return (
    <form method="post" className="stack wide" {...getFormProps(form)}>
      <ErrorSummary fields={[fields.days!, fields.reason!]} />
      <SelectField
        meta={fields.days!}
        label={t("moderation.member.duration")}
        options={days.map((d) => ({ value: String(d), label: t("moderation.member.days", { count: d }) }))}
        placeholder={t("moderation.member.chooseDuration")}
      />
      <TextareaField meta={fields.reason!} label={t("moderation.member.reason")} hint={t("moderation.member.suspendHint")} rows={2} />
      <button type="submit" name="intent" value="suspend" className="danger secondary">
        {t("moderation.member.suspend")}
      </button>
    </form>
  );
}

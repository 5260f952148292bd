/** Keep, hide or delete one post, with the reason its author will read; used by /mod and /mod/p/<id>. */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextareaField } from "~/components/forms";

export function DecisionForm({
  postId,
  isOpening,
  held,
  hidden,
  lastResult,
  action,
}: {
  postId: number;
  isOpening: boolean;
  held: boolean;
  hidden: boolean;
  lastResult?: SubmissionResult<string[]> | null;
  action?: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({ id: `decide-${postId}`, lastResult: lastResult ?? undefined, shouldRevalidate: "onBlur" });
  return (
    <form method="post" action={action} className="stack wide decision" {...getFormProps(form)}>
      <ErrorSummary fields={[fields.reason!]} formErrors={form.errors} />
      <input type="hidden" name="postId" value={postId} />
      <TextareaField meta={fields.reason!} label={t("moderation.queue.reason")} hint={t("moderation.queue.reasonHint")} rows={2} />
      <div className="actions">
        <button type="submit" name="decision" value="keep" className="secondary">
          {held ? t("moderation.queue.approve") : hidden ? t("moderation.queue.restore") : t("moderation.queue.keep")}
        </button>
        {!hidden || held ? (
          <button type="submit" name="decision" value="hide" className="secondary">
            {t("moderation.queue.hide")}
          </button>
        ) : null}
        <button type="submit" name="decision" value="delete" className="danger secondary">
          {isOpening ? t("moderation.queue.deleteThread") : t("moderation.queue.delete")}
        </button>
      </div>
    </form>
  );
}

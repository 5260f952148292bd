import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { requireUser } from "~/auth/auth.server";
import { ErrorSummary, FieldErrors, TextareaField } from "~/components/forms";
import { getLocale, getT } from "~/i18n/i18next.server";
import { flagOf, flagPost } from "~/moderation/flags.server";
import { FLAG_REASONS, flagSchema } from "~/moderation/schemas";
import { assertCan } from "~/permissions/guards.server";
import { can } from "~/permissions/permissions";
import { postForAction } from "~/posts/edit.server";
import { formatDateTime } from "~/utils/dates";
import { titleMeta } from "~/utils/meta";
import { postFlagPath, postInThreadPath, threadPath } from "~/paths";
import { invalidForm, notFound } from "~/http/responses.server";

export const meta = titleMeta;

/** The post a member is flagging; a hidden post is as absent to them as to anyone. */
async function flaggable(request: Request, postId: number) {
  const user = await requireUser(request);
  const found = postForAction(postId, user);
  if (!can("seePost", found.context)) throw notFound();
  return { user, ...found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const done = url.searchParams.get("done");
  const user = await requireUser(request);
  const [t, locale] = await Promise.all([getT(request), getLocale(request)]);
  // After flagging, the post may already be hidden from the flagger: the thanks need only the thread.
  if (done === "flagged" || done === "hidden") {
    const found = postForAction(Number(params.id), user);
    return json({
      title: t("moderation.flag.heading"),
      done,
      thread: { title: found.thread.title, url: threadPath(found.thread) },
      post: null,
      existing: null,
    });
  }
  const { post, thread, network, context } = await flaggable(request, Number(params.id));
  assertCan("flagPost", context);
  const existing = flagOf(post.id, user.id);
  return json({
    title: t("moderation.flag.heading"),
    done: null,
    thread: { title: thread.title, url: postInThreadPath(thread, post.id) },
    post: { id: post.id, bodyHtml: post.bodyHtml },
    existing: existing ? { reason: existing.reason, when: formatDateTime(existing.createdAt, locale, network.timeZone) } : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, post, context } = await flaggable(request, Number(params.id));
  assertCan("flagPost", context);
  const submission = parseWithZod(await request.formData(), { schema: flagSchema });
  if (submission.status !== "success") return invalidForm({ result: submission.reply() });
  const result = flagPost({ postId: post.id, userId: user.id, reason: submission.value.reason, note: submission.value.note });
  if (!result.ok) {
    return invalidForm({ result: submission.reply({ formErrors: [`moderation.errors.${result.error}`] }) });
  }
  return redirect(postFlagPath(post.id, { done: result.hidden ? "hidden" : "flagged" }));
}

export default function FlagPost() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof flagSchema>>({ id: "flag", lastResult: actionData?.result, shouldRevalidate: "onBlur" });
  return (
    <>
      <p className="breadcrumb">
        <a href={data.thread.url}>{data.thread.title}</a>
      </p>
      <h1>{t("moderation.flag.heading")}</h1>
      {data.done ? (
        <>
          <p className="notice" role="status">
            {data.done === "hidden" ? t("moderation.flag.doneHidden") : t("moderation.flag.done")}
          </p>
          <p>
            <a href={data.thread.url}>{t("moderation.flag.back")}</a>
          </p>
        </>
      ) : data.existing ? (
        <>
          <p className="notice">
            {t("moderation.flag.already", { date: data.existing.when, reason: t(`moderation.reasons.${data.existing.reason}`) })}
          </p>
          <p>
            <a href={data.thread.url}>{t("moderation.flag.back")}</a>
          </p>
        </>
      ) : (
        <>
          <p>{t("moderation.flag.intro")}</p>
          {data.post ? (
            <blockquote className="flagged-post" aria-label={t("moderation.flag.quoted")}>
              <div className="post-body" dangerouslySetInnerHTML={{ __html: data.post.bodyHtml }} />
            </blockquote>
          ) : null}
          <form method="post" className="stack wide" {...getFormProps(form)}>
            <ErrorSummary fields={[fields.reason, fields.note]} formErrors={form.errors} />
            <fieldset className="field" aria-describedby={fields.reason.errors?.length ? fields.reason.errorId : undefined}>
              <legend id={fields.reason.id}>{t("moderation.flag.reason")}</legend>
              {FLAG_REASONS.map((reason) => {
                const { key, ...props } = getInputProps(fields.reason, { type: "radio", value: reason });
                return (
                  <div className="choice" key={reason}>
                    <input key={key} {...props} id={`flag-reason-${reason}`} />
                    <label htmlFor={`flag-reason-${reason}`}>{t(`moderation.reasons.${reason}`)}</label>
                  </div>
                );
              })}
              <FieldErrors id={fields.reason.errorId} errors={fields.reason.errors} />
            </fieldset>
            <TextareaField meta={fields.note} label={t("moderation.flag.note")} hint={t("moderation.flag.noteHint")} rows={3} />
            <button type="submit" className="primary">
              {t("moderation.flag.submit")}
            </button>
          </form>
        </>
      )}
    </>
  );
}

import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, TextareaField } from "~/components/forms";
import { attachmentsOf, onlyFilesChanged, uploadLimits } from "~/files/attachments.server";
import { filesForEditing, readFilesForm } from "~/files/library.server";
import { getLocale, getT } from "~/i18n/i18next.server";
import { EntryForm } from "~/kb/entry-form";
import { deleteEntry, entryForEditing, markReviewed, updateEntry } from "~/kb/kb.server";
import { entryEditSchema } from "~/kb/schemas";
import { previewMarkdown } from "~/markdown/markdown.server";
import { removeSchema } from "~/moderation/schemas";
import { networkOr404 } from "~/networks/networks.server";
import { titleMeta } from "~/utils/meta";
import { kbEntryPath, kbPath } from "~/paths";
import { requireModerator } from "~/permissions/guards.server";
import { fieldErrorReply, invalidForm, keepTyped, notFound } from "~/http/responses.server";

export const meta = titleMeta;

async function place(request: Request, slug: string | undefined, id: string | undefined) {
  const network = networkOr404(slug);
  const scope = await requireModerator(request, network, "curateKnowledgeBase");
  const found = entryForEditing(Number(id));
  if (!found || found.entry.networkId !== network.id) throw notFound();
  return { network, ...scope, ...found };
}

/** Edit an entry (saving counts as reviewing it), mark it reviewed as it is, or delete it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, entry, values, user } = await place(request, params.slug, params.id);
  const [t, locale] = await Promise.all([getT(request), getLocale(request)]);
  return json({
    title: `${t("kb.edit")}: ${entry.title}`,
    network: { slug: network.slug, name: network.name },
    entry: { id: entry.id, title: entry.title, needsReview: entry.needsReview },
    values,
    files: filesForEditing(attachmentsOf({ kbEntryId: entry.id })),
    limits: uploadLimits(user.id, locale),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, entry, user } = await place(request, params.slug, params.id);
  const formData = await request.formData();
  const locale = await getLocale(request);
  // "Upload the chosen files" and "remove" without JavaScript: the entry's form comes back as typed.
  switch (onlyFilesChanged(formData) ? "files" : formData.get("intent")) {
    case "reviewed":
      markReviewed(entry.id, user.id);
      return redirect(kbEntryPath(network.slug, entry.id));
    case "delete":
      return remove(formData, network.slug, entry.id, user.id);
    case "preview":
    case "files":
      return preview(formData, entry.id, user.id, locale);
    default:
      return save(formData, network.slug, entry.id, user.id, locale);
  }
}

function remove(formData: FormData, slug: string, entryId: number, moderatorId: number) {
  const submission = parseWithZod(formData, { schema: removeSchema });
  if (submission.status !== "success") return invalidForm({ form: "delete", result: submission.reply(), preview: null, files: null });
  deleteEntry(entryId, moderatorId, submission.value.reason);
  return redirect(kbPath(slug));
}

async function preview(formData: FormData, entryId: number, moderatorId: number, locale: string) {
  const files = await readFilesForm(formData, moderatorId, locale, { kbEntryId: entryId });
  const submission = parseWithZod(formData, { schema: entryEditSchema });
  if (formData.get("intent") !== "preview")
    return json({ form: "entry", result: keepTyped(submission), preview: null, files: files.reply });
  return json({ form: "entry", result: submission.reply(), preview: previewMarkdown(submission.payload.summary), files: files.reply });
}

async function save(formData: FormData, slug: string, entryId: number, moderatorId: number, locale: string) {
  const files = await readFilesForm(formData, moderatorId, locale, { kbEntryId: entryId });
  const submission = parseWithZod(formData, { schema: entryEditSchema });
  if (submission.status !== "success" || !files.ok) {
    return invalidForm({ form: "entry", result: submission.reply(), preview: null, files: files.reply });
  }
  const result = updateEntry({ ...submission.value, entryId, moderatorId, reason: submission.value.reason, files: files.input });
  if (!result.ok) return invalidForm({ form: "entry", result: fieldErrorReply(submission, result), preview: null, files: files.reply });
  return redirect(kbEntryPath(slug, entryId));
}

function DeleteForm() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof removeSchema>>({
    id: "kb-delete",
    lastResult: actionData?.form === "delete" ? actionData.result : undefined,
    shouldRevalidate: "onBlur",
  });
  return (
    <form method="post" className="stack wide" {...getFormProps(form)}>
      <ErrorSummary fields={[fields.reason]} />
      <TextareaField meta={fields.reason} label={t("kb.deleteReason")} rows={2} />
      <button type="submit" name="intent" value="delete" className="danger secondary">
        {t("kb.delete")}
      </button>
    </form>
  );
}

export default function EditEntry() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p className="breadcrumb">
        <a href={kbPath(data.network.slug)}>{t("kb.heading")}</a> ·{" "}
        <a href={kbEntryPath(data.network.slug, data.entry.id)}>{data.entry.title}</a>
      </p>
      <h1>{t("kb.edit")}</h1>
      {data.entry.needsReview ? (
        <section className="panel" aria-labelledby="review-heading">
          <h2 id="review-heading">{t("kb.needsReview")}</h2>
          <p>{t("kb.needsReviewHint")}</p>
          <form method="post">
            <button type="submit" name="intent" value="reviewed" className="secondary">
              {t("kb.markReviewed")}
            </button>
          </form>
        </section>
      ) : null}
      <EntryForm
        lastResult={actionData?.form === "entry" ? actionData.result : undefined}
        defaultValue={data.values}
        preview={actionData?.preview}
        submitLabel={t("kb.save")}
        withReason
        files={(actionData?.form === "entry" ? actionData.files : null) ?? data.files}
        limits={data.limits}
      />
      <section className="panel" aria-labelledby="delete-heading">
        <h2 id="delete-heading">{t("kb.delete")}</h2>
        <DeleteForm />
      </section>
    </>
  );
}

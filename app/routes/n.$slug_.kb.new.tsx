import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { onlyFilesChanged, uploadLimits } from "~/files/attachments.server";
import { readFilesForm } from "~/files/library.server";
import { getLocale, getT } from "~/i18n/i18next.server";
import { EntryForm } from "~/kb/entry-form";
import { createEntry, draftFromThread } from "~/kb/kb.server";
import { entrySchema } from "~/kb/schemas";
import { previewMarkdown } from "~/markdown/markdown.server";
import { networkOr404 } from "~/networks/networks.server";
import { titleMeta } from "~/utils/meta";
import { kbEntryPath, kbPath, networkPath } from "~/paths";
import { requireModerator } from "~/permissions/guards.server";
import { fieldErrorReply, invalidForm, keepTyped } from "~/http/responses.server";

export const meta = titleMeta;

/** A new entry, usually started from a solved thread (?thread=<id>) whose accepted answer the moderator shortens. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = networkOr404(params.slug);
  const { user } = await requireModerator(request, network, "curateKnowledgeBase");
  const [t, locale] = await Promise.all([getT(request), getLocale(request)]);
  const thread = Number(new URL(request.url).searchParams.get("thread"));
  const draft = Number.isInteger(thread) && thread > 0 ? draftFromThread(thread, network.id) : null;
  return json({ title: t("kb.new"), network: { slug: network.slug, name: network.name }, draft, limits: uploadLimits(user.id, locale) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const network = networkOr404(params.slug);
  const { user } = await requireModerator(request, network, "curateKnowledgeBase");
  const formData = await request.formData();
  const files = await readFilesForm(formData, user.id, await getLocale(request), null);
  const submission = parseWithZod(formData, { schema: entrySchema });
  if (formData.get("intent") === "preview") {
    return json({ result: submission.reply(), preview: previewMarkdown(submission.payload.summary), files: files.reply });
  }
  if (onlyFilesChanged(formData)) return json({ result: keepTyped(submission), preview: null, files: files.reply });
  if (submission.status !== "success" || !files.ok) return invalidForm({ result: submission.reply(), preview: null, files: files.reply });
  const result = createEntry({ ...submission.value, networkId: network.id, authorId: user.id, files: files.input });
  if (!result.ok) return invalidForm({ result: fieldErrorReply(submission, result), preview: null, files: files.reply });
  return redirect(kbEntryPath(network.slug, result.id));
}

export default function NewEntry() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p className="breadcrumb">
        <a href={networkPath(data.network.slug)}>{data.network.name}</a> · <a href={kbPath(data.network.slug)}>{t("kb.heading")}</a>
      </p>
      <h1>{t("kb.new")}</h1>
      <p className="muted">{t("kb.newIntro")}</p>
      <EntryForm
        lastResult={actionData?.result}
        defaultValue={data.draft ?? undefined}
        preview={actionData?.preview}
        submitLabel={t("kb.create")}
        files={actionData?.files ?? { attachments: [], descriptions: {} }}
        limits={data.limits}
      />
    </>
  );
}

import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { attachmentAccess } from "~/files/access.server";
import { attachmentViews } from "~/files/attachments.server";
import { AttachmentRemovalForm, ModeratedFileSummary, removalFormId } from "~/files/moderation";
import { moderatedFiles, placeOf, removeAttachment } from "~/files/removal.server";
import { badRequest, invalidForm, notFound } from "~/http/responses.server";
import { getLocale, getT } from "~/i18n/i18next.server";
import { attachmentRemovalSchema } from "~/moderation/schemas";
import { kbEntryPath, modAttachmentPath, modPostPath, modQueuePath, modulePath, modUserPath, postInThreadPath } from "~/paths";
import { assertCan, requireModerator } from "~/permissions/guards.server";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta;

/**
 * The file, for a moderator of the network of what holds it (403 for anyone else); a pending
 * upload belongs to no network and is nobody's to moderate (404, as for an id that does not exist).
 */
async function place(request: Request, id: string | undefined) {
  const found = attachmentAccess(Number(id), null);
  if (!found?.network) throw notFound();
  const scope = await requireModerator(request, found.network, "reviewFlags");
  const access = attachmentAccess(found.file.id, scope.user);
  const where = access ? placeOf(access.file) : null;
  if (!access?.network || !where) throw notFound();
  assertCan("removeAttachment", access.context);
  return { ...scope, access, network: access.network, where };
}

/** One attached file as a moderator sees it: the file, where it is attached, who uploaded it, and the removal form. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access, network, where } = await place(request, params.id);
  const [t, locale] = await Promise.all([getT(request), getLocale(request)]);
  const [file] = moderatedFiles(attachmentViews([access.file.id]), locale, network.timeZone);
  if (!file) throw notFound();
  const shownIn =
    where.on === "post"
      ? {
          text: t(where.isOpening ? "moderation.files.inQuestion" : "moderation.files.inAnswer", { title: where.thread.title }),
          url: postInThreadPath(where.thread, where.postId),
          moderate: modPostPath(where.postId),
        }
      : where.on === "module"
        ? {
            text: t("moderation.files.inModule", { title: where.title, course: where.courseTitle }),
            url: modulePath(network.slug, where.courseId, where.moduleId),
            moderate: null,
          }
        : {
            text: t("moderation.files.inKbEntry", { title: where.title }),
            url: kbEntryPath(network.slug, where.kbEntryId),
            moderate: null,
          };
  return json({
    title: `${t("moderation.files.heading")}: ${file.name}`,
    done: new URL(request.url).searchParams.get("done") === "removed",
    network: { name: network.name },
    file: { ...file, uploaderUrl: modUserPath(file.uploader.id) },
    shownIn,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { access, user } = await place(request, params.id);
  const submission = parseWithZod(await request.formData(), { schema: attachmentRemovalSchema });
  const form = removalFormId(access.file.id);
  if (submission.status !== "success") return invalidForm({ form, result: submission.reply() });
  if (submission.value.attachmentId !== access.file.id) throw badRequest();
  const result = removeAttachment(access, { moderatorId: user.id, reason: submission.value.reason });
  if (!result.ok) return invalidForm({ form, result: submission.reply({ formErrors: [result.error] }) });
  return redirect(modAttachmentPath(access.file.id, { done: "removed" }));
}

export default function FileModeration() {
  const { t } = useTranslation();
  const { file, shownIn, done, network } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="breadcrumb">
        <a href={modQueuePath()}>{t("moderation.queue.heading")}</a> · {network.name}
      </p>
      <h1>{t("moderation.files.heading")}</h1>
      {done ? (
        <p className="notice" role="status">
          {t("moderation.files.done")}
        </p>
      ) : null}
      <ModeratedFileSummary file={file} />
      <dl className="facts">
        <dt>{t("moderation.files.where")}</dt>
        <dd>
          <a href={shownIn.url}>{shownIn.text}</a>
          {shownIn.moderate ? (
            <>
              {" "}
              · <a href={shownIn.moderate}>{t("moderation.files.moderatePost")}</a>
            </>
          ) : null}
        </dd>
        <dt>{t("moderation.files.uploader")}</dt>
        <dd>
          <a href={file.uploaderUrl}>{file.uploader.name}</a>
        </dd>
      </dl>
      {file.removal ? null : (
        <section className="panel" aria-labelledby="file-removal-heading">
          <h2 id="file-removal-heading">{t("moderation.files.removeHeading")}</h2>
          <p className="hint">{t("moderation.files.removeHint")}</p>
          <AttachmentRemovalForm attachmentId={file.id} name={file.name} collapsed={false} />
        </section>
      )}
    </>
  );
}

import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { announcementOr404 } from "~/announcements/access.server";
import { AnnouncementForm } from "~/announcements/announcement-form";
import { restoreAnnouncement, updateAnnouncement, withdrawAnnouncement } from "~/announcements/announcements.server";
import { editAnnouncementSchema } from "~/announcements/schemas";
import { requireUser } from "~/auth/auth.server";
import { getLocale, getT } from "~/i18n/i18next.server";
import { previewMarkdown } from "~/markdown/markdown.server";
import { assertCan } from "~/permissions/guards.server";
import { formatDateTime } from "~/utils/dates";
import { titleMeta } from "~/utils/meta";
import { announcementPath } from "~/paths";
import { invalidForm } from "~/http/responses.server";

export const meta = titleMeta;

async function editable(request: Request, id: string | undefined) {
  const user = await requireUser(request);
  const loaded = announcementOr404(id, user);
  assertCan("editAnnouncement", loaded.context);
  return loaded;
}

/**
 * Title, text and "acknowledgement required"; the audience stays. Acknowledgements given are kept.
 * Also where it is withdrawn (a second, confirming click, without JavaScript) and restored.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { announcement: a, network } = await editable(request, params.id);
  const [t, locale] = await Promise.all([getT(request), getLocale(request)]);
  return json({
    title: t("announcements.edit"),
    id: a.id,
    announcementTitle: a.title,
    defaultValue: { title: a.title, body: a.bodySource, ackRequired: a.ackRequired },
    withdrawn: a.withdrawnAt ? formatDateTime(a.withdrawnAt, locale, network.timeZone) : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { announcement: a } = await editable(request, params.id);
  const formData = await request.formData();
  switch (formData.get("intent")) {
    case "withdraw":
      withdrawAnnouncement(a.id);
      return redirect(announcementPath(a.id));
    case "restore":
      restoreAnnouncement(a.id);
      return redirect(announcementPath(a.id));
    case "preview":
      return preview(formData);
    default:
      return save(formData, a.id);
  }
}

function preview(formData: FormData) {
  const submission = parseWithZod(formData, { schema: editAnnouncementSchema });
  return json({ result: submission.reply(), preview: previewMarkdown(submission.payload.body) });
}

function save(formData: FormData, id: number) {
  const submission = parseWithZod(formData, { schema: editAnnouncementSchema });
  if (submission.status !== "success") return invalidForm({ result: submission.reply(), preview: null });
  updateAnnouncement(id, submission.value);
  return redirect(announcementPath(id));
}

export default function EditAnnouncement() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p className="breadcrumb">
        <a href={announcementPath(data.id)}>{data.announcementTitle}</a>
      </p>
      <h1>{t("announcements.edit")}</h1>
      <p className="muted">{t("announcements.editIntro")}</p>
      <AnnouncementForm
        lastResult={actionData?.result}
        defaultValue={data.defaultValue}
        preview={actionData?.preview}
        submitLabel={t("announcements.save")}
      />
      <section id="withdraw" className="panel" aria-labelledby="withdraw-heading">
        {data.withdrawn ? (
          <>
            <h2 id="withdraw-heading">{t("announcements.restore")}</h2>
            <p>{t("announcements.withdrawnOn", { date: data.withdrawn })}</p>
            <p className="hint">{t("announcements.restoreHint")}</p>
            <form method="post">
              <button type="submit" name="intent" value="restore" className="secondary">
                {t("announcements.restore")}
              </button>
            </form>
          </>
        ) : (
          <>
            <h2 id="withdraw-heading">{t("announcements.withdraw")}</h2>
            {/* The summary is the first click, the button the second: a confirmation that needs no script. */}
            <details>
              <summary>{t("announcements.withdraw")}…</summary>
              <p className="hint">{t("announcements.withdrawHint")}</p>
              <form method="post">
                <button type="submit" name="intent" value="withdraw" className="danger secondary">
                  {t("announcements.withdrawConfirm", { title: data.announcementTitle })}
                </button>
              </form>
            </details>
          </>
        )}
      </section>
    </>
  );
}

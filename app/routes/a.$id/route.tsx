import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { announcementOr404 } from "~/announcements/access.server";
import {
  acknowledgedAt,
  announcementDetails,
  receiptCounts,
  receiptList,
  RECEIPTS_PER_PAGE,
  REMINDER_SPACING_MS,
} from "~/announcements/announcements.server";
import { requireUser } from "~/auth/auth.server";
import { getLocale } from "~/i18n/i18next.server";
import { announcementAckPath, announcementEditPath, announcementPath, announcementsPath, networkPath } from "~/paths";
import { can } from "~/permissions/permissions";
import { formatDateTime } from "~/utils/dates";
import { titleMeta } from "~/utils/meta";
import { Receipts } from "./receipts";
import { Withdrawn } from "./withdrawn";

export const meta = titleMeta;

const pageParam = (url: URL, name: string) => Math.max(1, Number.parseInt(url.searchParams.get(name) ?? "1", 10) || 1);

/**
 * One announcement: its text, who wrote it, when it was published and edited; for a recipient the
 * "I have read this" button; for its staff the live receipts (counts, who has and has not, reminders, CSV).
 * Withdrawn: its staff still see it all, marked, without reminders; its recipients get a 410 page
 * with the title and "withdrawn on …" (an old link or bookmark explains itself), not the text.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { announcement: a, network, context } = announcementOr404(params.id, user);
  const locale = await getLocale(request);
  const url = new URL(request.url);
  const { authorName, course } = announcementDetails(a);
  const when = (d: Date) => formatDateTime(d, locale, network.timeZone);
  const staff = can("viewReceipts", context);
  const textHidden = !can("readAnnouncementText", context);
  const ackedAt = acknowledgedAt(a.id, user.id);
  let receipts = null;
  if (staff) {
    const counts = receiptCounts(a);
    const ackPage = pageParam(url, "read");
    const pendingPage = pageParam(url, "unread");
    const present = (rows: ReturnType<typeof receiptList>) =>
      rows.map((r) => ({ id: r.userId, name: r.name, school: r.school, at: r.acknowledgedAt ? when(r.acknowledgedAt) : null }));
    const reminded = url.searchParams.get("reminded");
    const tooSoon = Number(url.searchParams.get("tooSoon"));
    receipts = {
      ...counts,
      acknowledged: counts.acknowledged,
      pending: counts.recipients - counts.acknowledged,
      ackPage,
      pendingPage,
      ackPageCount: Math.max(1, Math.ceil(counts.acknowledged / RECEIPTS_PER_PAGE)),
      pendingPageCount: Math.max(1, Math.ceil((counts.recipients - counts.acknowledged) / RECEIPTS_PER_PAGE)),
      acknowledgedRows: present(receiptList(a, "acknowledged", ackPage)),
      pendingRows: present(receiptList(a, "pending", pendingPage)),
      lastReminded: a.lastRemindedAt ? when(a.lastRemindedAt) : null,
      canRemind: can("remindAnnouncement", context),
      reminded: reminded !== null && /^\d+$/.test(reminded) ? Number(reminded) : null,
      nextReminder:
        // A hand-edited ?tooSoon= is no date to show: only a plausible instant (JS dates end at 8.64e15 ms).
        Number.isSafeInteger(tooSoon) && tooSoon > 0 && tooSoon < 8.64e15 ? when(new Date(tooSoon)) : null,
    };
  }
  return json(
    {
      title: a.title,
      network: { slug: network.slug, name: network.name },
      announcement: {
        id: a.id,
        title: a.title,
        bodyHtml: textHidden ? "" : a.bodyHtml,
        author: authorName,
        course,
        ackRequired: a.ackRequired,
        published: when(a.publishedAt),
        publishedIso: a.publishedAt.toISOString(),
        edited: a.editedAt ? when(a.editedAt) : null,
        editedIso: a.editedAt?.toISOString() ?? null,
      },
      withdrawn: a.withdrawnAt ? { date: when(a.withdrawnAt), iso: a.withdrawnAt.toISOString() } : null,
      textHidden,
      canAcknowledge: can("acknowledgeAnnouncement", context),
      acknowledged: ackedAt ? when(ackedAt) : null,
      justAcknowledged: url.searchParams.has("acknowledged"),
      canEdit: can("editAnnouncement", context),
      receipts,
      reminderSpacingMinutes: REMINDER_SPACING_MS / 60_000,
    },
    { status: textHidden ? 410 : 200 },
  );
}

export type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function AnnouncementPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const a = data.announcement;
  return (
    <>
      <p className="breadcrumb">
        <a href={networkPath(data.network.slug)}>{data.network.name}</a> ·{" "}
        <a href={announcementsPath(data.network.slug)}>{t("announcements.heading")}</a>
      </p>
      <article className="announcement">
        <h1>{a.title}</h1>
        <p className="muted">
          {a.course ? t("announcements.toCourse", { course: a.course.title }) : t("announcements.toNetwork")} ·{" "}
          {t("announcements.by", { name: a.author })} ·{" "}
          <time dateTime={a.publishedIso}>{t("announcements.published", { date: a.published })}</time>
          {a.edited && a.editedIso ? (
            <>
              {" "}
              · <time dateTime={a.editedIso}>{t("announcements.edited", { date: a.edited })}</time>
            </>
          ) : null}
        </p>
        {data.withdrawn ? <Withdrawn data={data} /> : null}
        {data.canEdit ? (
          <p>
            <a href={announcementEditPath(a.id)}>{t("announcements.edit")}</a>
            {data.withdrawn ? null : (
              <>
                {" "}
                · <a href={announcementEditPath(a.id, "withdraw")}>{t("announcements.withdraw")}</a>
              </>
            )}
          </p>
        ) : null}
        {data.textHidden ? null : <div className="post-body" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />}
      </article>
      {data.canAcknowledge ? (
        <section className="panel ack" aria-label={t("announcements.acknowledge")}>
          {data.acknowledged ? (
            <p className="notice" role="status">
              {data.justAcknowledged ? `${t("announcements.acknowledgedNow")} ` : null}
              {t("announcements.acknowledgedOn", { date: data.acknowledged })}
            </p>
          ) : (
            <form method="post" action={announcementAckPath(a.id)}>
              {a.ackRequired ? <p>{t("announcements.ackRequired")}</p> : null}
              <input type="hidden" name="redirectTo" value={announcementPath(a.id, { acknowledged: true })} />
              <button type="submit" className="primary">
                {t("announcements.acknowledge")}
              </button>
            </form>
          )}
        </section>
      ) : null}
      {data.receipts ? <Receipts data={data} /> : null}
    </>
  );
}

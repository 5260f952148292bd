import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
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
import { Pagination } from "~/components/thread-list";
import { getLocale } from "~/i18n/i18next.server";
import { can } from "~/permissions/permissions";
import { formatDateTime } from "~/utils/dates";
import { titleMeta } from "~/utils/meta";

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
        Number.isSafeInteger(tooSoon) && tooSoon > 0 && tooSoon < 8.64e15
          ? when(new Date(tooSoon))
          : null,
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

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function ReceiptRows({ rows, empty }: { rows: NonNullable<Data["receipts"]>["pendingRows"]; empty: string }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="plain-list receipts-list">
      {rows.map((r) => (
        <li key={r.id}>
          {r.name} <span className="muted">· {r.school || t("announcements.noSchool")}</span>
          {r.at ? <span className="muted"> · {r.at}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function Receipts({ data }: { data: Data }) {
  const { t } = useTranslation();
  const location = useLocation();
  const r = data.receipts!;
  const id = data.announcement.id;
  const href = (read: number, unread: number) => {
    const params = new URLSearchParams();
    if (read > 1) params.set("read", String(read));
    if (unread > 1) params.set("unread", String(unread));
    const query = params.toString();
    return `/a/${id}${query ? `?${query}` : ""}#receipts`;
  };
  return (
    <section id="receipts" className="panel receipts" aria-labelledby="receipts-heading" data-live-receipts>
      <h2 id="receipts-heading">{t("announcements.receipts")}</h2>
      {r.recipients === 0 ? (
        <p>{t("announcements.noRecipients")}</p>
      ) : (
        <>
          <p className="receipts-count" role="status">
            <strong>{t("announcements.receiptsCount", { acknowledged: r.acknowledged, recipients: r.recipients, percent: r.percent })}</strong>
          </p>
          <progress max={r.recipients} value={r.acknowledged} aria-hidden="true" />
        </>
      )}
      <p className="muted">
        <a href={`${location.pathname}${location.search}#receipts`}>{t("announcements.refresh")}</a> · {t("announcements.refreshHint")}
      </p>
      {r.reminded !== null ? (
        <p className="notice" role="status">
          {t("announcements.reminded", { count: r.reminded })}
        </p>
      ) : null}
      {r.nextReminder ? (
        <p className="notice warning" role="alert">
          {t("announcements.remindTooSoon", { time: r.nextReminder })}
        </p>
      ) : null}
      <div className="actions">
        {r.canRemind && r.pending > 0 ? (
          <form method="post" action={`/a/${id}/remind`}>
            <button type="submit" className="secondary">
              {t("announcements.remind")}
            </button>
          </form>
        ) : null}
        <a href={`/a/${id}/receipts.csv`} download>
          {t("announcements.csv")}
        </a>
      </div>
      {r.lastReminded ? <p className="muted">{t("announcements.lastReminded", { date: r.lastReminded })}</p> : null}
      <div className="receipts-lists">
        <div>
          <h3>
            {t("announcements.pendingList")} ({r.pending})
          </h3>
          <ReceiptRows rows={r.pendingRows} empty={t("announcements.everybody")} />
          <Pagination page={r.pendingPage} pageCount={r.pendingPageCount} hrefFor={(p) => href(r.ackPage, p)} />
        </div>
        <div>
          <h3>
            {t("announcements.acknowledgedList")} ({r.acknowledged})
          </h3>
          <ReceiptRows rows={r.acknowledgedRows} empty={t("announcements.nobodyYet")} />
          <Pagination page={r.ackPage} pageCount={r.ackPageCount} hrefFor={(p) => href(p, r.pendingPage)} />
        </div>
      </div>
    </section>
  );
}

/** For its staff: when, what it means, and (for those who may) the way back. For a recipient: why there is no text. */
function Withdrawn({ data }: { data: Data }) {
  const { t } = useTranslation();
  const w = data.withdrawn!;
  const on = <time dateTime={w.iso}>{w.date}</time>;
  if (data.textHidden) {
    return (
      <div className="notice warning" role="status">
        <p>{t("announcements.withdrawnForReader", { date: w.date })}</p>
        {data.acknowledged ? <p>{t("announcements.acknowledgedOn", { date: data.acknowledged })}</p> : null}
      </div>
    );
  }
  return (
    <div className="notice warning" role="status">
      <p>
        <strong>{t("announcements.withdrawnBadge")}</strong> {on}. {t("announcements.withdrawnStaffHint")}
      </p>
      {data.canEdit ? (
        <form method="post" action={`/a/${data.announcement.id}/edit`}>
          <button type="submit" name="intent" value="restore" className="secondary">
            {t("announcements.restore")}
          </button>
        </form>
      ) : null}
    </div>
  );
}

export default function AnnouncementPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const a = data.announcement;
  return (
    <>
      <p className="breadcrumb">
        <a href={`/n/${data.network.slug}`}>{data.network.name}</a> · <a href={`/n/${data.network.slug}/announcements`}>{t("announcements.heading")}</a>
      </p>
      <article className="announcement">
        <h1>{a.title}</h1>
        <p className="muted">
          {a.course ? t("announcements.toCourse", { course: a.course.title }) : t("announcements.toNetwork")} · {t("announcements.by", { name: a.author })} ·{" "}
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
            <a href={`/a/${a.id}/edit`}>{t("announcements.edit")}</a>
            {data.withdrawn ? null : (
              <>
                {" "}
                · <a href={`/a/${a.id}/edit#withdraw`}>{t("announcements.withdraw")}</a>
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
            <form method="post" action={`/a/${a.id}/ack`}>
              {a.ackRequired ? <p>{t("announcements.ackRequired")}</p> : null}
              <input type="hidden" name="redirectTo" value={`/a/${a.id}?acknowledged`} />
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

import { useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/thread-list";
import { announcementPath, announcementReceiptsPath, announcementRemindPath } from "~/paths";
import type { Data } from "./route";

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

export function Receipts({ data }: { data: Data }) {
  const { t } = useTranslation();
  const location = useLocation();
  const r = data.receipts!;
  const id = data.announcement.id;
  // Page 1 is the default and stays out of the link.
  const href = (read: number, unread: number) =>
    announcementPath(id, { read: read > 1 ? read : null, unread: unread > 1 ? unread : null }, "receipts");
  return (
    <section id="receipts" className="panel receipts" aria-labelledby="receipts-heading" data-live-receipts>
      <h2 id="receipts-heading">{t("announcements.receipts")}</h2>
      {r.recipients === 0 ? (
        <p>{t("announcements.noRecipients")}</p>
      ) : (
        <>
          <p className="receipts-count" role="status">
            <strong>
              {t("announcements.receiptsCount", { acknowledged: r.acknowledged, recipients: r.recipients, percent: r.percent })}
            </strong>
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
          <form method="post" action={announcementRemindPath(id)}>
            <button type="submit" className="secondary">
              {t("announcements.remind")}
            </button>
          </form>
        ) : null}
        <a href={announcementReceiptsPath(id)} download>
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

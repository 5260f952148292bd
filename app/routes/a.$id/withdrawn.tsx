import { useTranslation } from "react-i18next";
import { announcementEditPath } from "~/paths";
import type { Data } from "./route";

/** For its staff: when, what it means, and (for those who may) the way back. For a recipient: why there is no text. */
export function Withdrawn({ data }: { data: Data }) {
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
        <form method="post" action={announcementEditPath(data.announcement.id)}>
          <button type="submit" name="intent" value="restore" className="secondary">
            {t("announcements.restore")}
          </button>
        </form>
      ) : null}
    </div>
  );
}

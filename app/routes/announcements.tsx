import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pendingForUser } from "~/announcements/announcements.server";
import { requireUser } from "~/auth/auth.server";
import { getT } from "~/i18n/i18next.server";
import { titleMeta } from "~/utils/meta";
import { announcementAckPath, announcementPath, myAnnouncementsPath } from "~/paths";

export const meta = titleMeta;

/** Past the banner's three: every announcement the user still has to acknowledge, in all their networks. */
const ALL_PENDING_MAX = 200;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const t = await getT(request);
  return json({ title: t("announcements.banner"), pending: pendingForUser(user.id, ALL_PENDING_MAX).rows });
}

export default function PendingAnnouncements() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("announcements.banner")}</h1>
      {data.pending.length === 0 ? <p className="muted">{t("announcements.everybodyMine")}</p> : null}
      <ul className="plain-list announcement-list">
        {data.pending.map((a) => (
          <li key={a.id} className="announcement-item pending">
            <p className="announcement-title">
              <a href={announcementPath(a.id)}>{a.title}</a> <span className="muted">· {a.networkName}</span>
            </p>
            <form method="post" action={announcementAckPath(a.id)}>
              <input type="hidden" name="redirectTo" value={myAnnouncementsPath()} />
              <button type="submit" className="secondary small" aria-label={`${t("announcements.acknowledge")}: ${a.title}`}>
                {t("announcements.acknowledge")}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </>
  );
}

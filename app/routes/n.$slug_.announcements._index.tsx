import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ANNOUNCEMENTS_PER_PAGE, audiencesFor, listAnnouncements } from "~/announcements/announcements.server";
import { requireUser } from "~/auth/auth.server";
import { Pagination } from "~/components/thread-list";
import { getLocale, getT } from "~/i18n/i18next.server";
import { networkOr404 } from "~/networks/networks.server";
import { contextFor } from "~/permissions/context.server";
import { assertCan } from "~/permissions/guards.server";
import { can } from "~/permissions/permissions";
import { formatDateTime } from "~/utils/dates";
import { titleMeta } from "~/utils/meta";
import { announcementPath, announcementsPath, networkPath, newAnnouncementPath } from "~/paths";

export const meta = titleMeta;

/**
 * The network's announcements the reader may see (the network's and their courses'), newest first, marked
 * read or not. Withdrawn ones only for moderators, admins and their author, marked: this is where they find them again.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = networkOr404(params.slug);
  const user = await requireUser(request);
  const context = assertCan("readNetwork", contextFor(user, network));
  const [t, locale] = await Promise.all([getT(request), getLocale(request)]);
  const page = Math.max(1, Number.parseInt(new URL(request.url).searchParams.get("page") ?? "1", 10) || 1);
  const staff = can("viewReceipts", context);
  const { rows, total } = listAnnouncements(network.id, user.id, staff, page, { withWithdrawn: true });
  return json({
    title: `${t("announcements.heading")} — ${network.name}`,
    network: { slug: network.slug, name: network.name },
    rows: rows.map((r) => ({
      id: r.id,
      title: r.title,
      course: r.courseTitle,
      author: r.authorName,
      published: formatDateTime(r.publishedAt, locale, network.timeZone),
      publishedIso: r.publishedAt.toISOString(),
      edited: r.editedAt !== null,
      ackRequired: r.ackRequired,
      acknowledged: r.acknowledged,
      withdrawn: r.withdrawnAt !== null,
    })),
    page,
    pageCount: Math.max(1, Math.ceil(total / ANNOUNCEMENTS_PER_PAGE)),
    canCreate: audiencesFor(user, network).length > 0,
  });
}

export default function Announcements() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <p className="breadcrumb">
        <a href={networkPath(data.network.slug)}>{data.network.name}</a>
      </p>
      <div className="page-head">
        <h1>{t("announcements.heading")}</h1>
        {data.canCreate ? (
          <a className="button primary" href={newAnnouncementPath(data.network.slug)}>
            {t("announcements.new")}
          </a>
        ) : null}
      </div>
      {data.rows.length === 0 ? <p className="muted">{t("announcements.empty")}</p> : null}
      <ol className="announcement-list plain-list" aria-label={t("announcements.list")}>
        {data.rows.map((r) => (
          <li
            key={r.id}
            className={r.acknowledged === false && r.ackRequired && !r.withdrawn ? "announcement-item pending" : "announcement-item"}
          >
            <p className="announcement-title">
              {r.acknowledged === true ? <span className="badge solved">✓ {t("announcements.read")}</span> : null}
              {r.withdrawn ? <span className="badge">{t("announcements.withdrawnBadge")}</span> : null}
              {r.acknowledged === false && r.ackRequired && !r.withdrawn ? (
                <span className="badge new">{t("announcements.needsAck")}</span>
              ) : null}{" "}
              <a href={announcementPath(r.id)}>{r.title}</a>
            </p>
            <p className="muted">
              {r.course ? t("announcements.toCourse", { course: r.course }) : t("announcements.toNetwork")} · {r.author} ·{" "}
              <time dateTime={r.publishedIso}>{r.published}</time>
            </p>
          </li>
        ))}
      </ol>
      <Pagination
        page={data.page}
        pageCount={data.pageCount}
        hrefFor={(p) => announcementsPath(data.network.slug, { page: p > 1 ? p : null })}
      />
    </>
  );
}

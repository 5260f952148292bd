import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/auth.server";
import { Pagination } from "~/components/thread-list";
import { getLocale, getT } from "~/i18n/i18next.server";
import { formatDeadline } from "~/mentoring/present";
import { mentoringRoles } from "~/mentoring/queues.server";
import {
  listNotifications,
  markAllRead,
  markRead,
  NOTIFICATIONS_PER_PAGE,
  type NotificationRow,
} from "~/notifications/notifications.server";
import { formatAge, formatDateTime } from "~/utils/dates";
import { titleMeta } from "~/utils/meta";
import { mentorQueuePath, notificationAnchor, notificationPath, notificationsPath } from "~/paths";
import { badRequest, parseOrBadRequest } from "~/http/responses.server";
import { readSchema } from "~/notifications/schemas";

export const meta = titleMeta;

/** Why a question was assigned (data.reason of an "assigned" notification). */
const ASSIGNED_REASONS = ["new", "missed", "declined", "handoff", "moderator"] as const;

/** One sentence per notification, in the reader's language; deadlines in the question's network zone. */
function describe(row: NotificationRow, t: TFunction, locale: string, now: Date): string {
  // Who acted: filled per kind by the query (app/notifications); "" should a name be missing, not a raw {{placeholder}}.
  const values = { title: row.threadTitle, actor: "", by: "", from: "", to: "", ...row.names };
  const deadline = typeof row.data.deadline === "number" ? new Date(row.data.deadline) : null;
  const when = deadline ? formatDeadline(t, locale, deadline, now, row.timeZone) : "";
  switch (row.kind) {
    case "assigned": {
      const text = t(`notifications.kinds.assigned_${ASSIGNED_REASONS.find((reason) => reason === row.data.reason) ?? "new"}`, values);
      return row.assignmentOpen && deadline && deadline > now ? `${text} ${t("notifications.kinds.answerBy", { deadline: when })}` : text;
    }
    case "reassigned":
      return t(`notifications.kinds.reassigned_${row.data.reason === "moderator" ? "moderator" : "missed"}`, values);
    case "escalated":
      return t(row.names.to ? "notifications.kinds.escalated_to" : "notifications.kinds.escalated_queue", values);
    case "answer":
      return t(row.threadKind === "discussion" ? "notifications.kinds.answerDiscussion" : "notifications.kinds.answer", values);
    case "deadline_soon":
      return t("notifications.kinds.deadline_soon", { ...values, deadline: when });
    case "review_soon":
      return t("notifications.kinds.review_soon", { ...values, deadline: when });
    case "attachment_removed": {
      const text = (value: unknown, fallback: string) => (typeof value === "string" ? value : fallback);
      const file = { ...values, name: text(row.data.name, ""), reason: text(row.data.reason, "—") };
      return t(row.threadId === null ? "notifications.kinds.attachment_removedMaterial" : "notifications.kinds.attachment_removed", file);
    }
    default:
      return t(`notifications.kinds.${row.kind}`, values);
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [t, locale] = await Promise.all([getT(request), getLocale(request)]);
  const url = new URL(request.url);
  const page = Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1);
  const now = new Date();
  const { rows, total, unread } = listNotifications(user.id, page);
  return json({
    title: t("notifications.heading"),
    notifications: rows.map((row) => ({
      id: row.id,
      text: describe(row, t, locale, now),
      read: row.read,
      networkName: row.networkName,
      age: formatAge(row.createdAt, now, locale, row.timeZone),
      created: formatDateTime(row.createdAt, locale, row.timeZone),
      createdIso: row.createdAt.toISOString(),
    })),
    page,
    pageCount: Math.max(1, Math.ceil(total / NOTIFICATIONS_PER_PAGE)),
    unread,
    hasMentoring: mentoringRoles(user.id).length > 0,
    allMarked: url.searchParams.get("done") === "all",
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  switch (formData.get("intent")) {
    case "read-all":
      markAllRead(user.id);
      return redirect(notificationsPath({ done: "all" }));
    case "read":
      return readOne(request, formData, user.id);
    default:
      throw badRequest();
  }
}

function readOne(request: Request, formData: FormData, userId: number) {
  const { id } = parseOrBadRequest(formData, readSchema);
  markRead(userId, id);
  const back = new URL(request.url).searchParams.get("page");
  return redirect(notificationsPath({ page: back && back !== "1" ? Number(back) || 1 : null }, notificationAnchor(id)));
}

export default function Notifications() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>{t("notifications.heading")}</h1>
        {data.unread > 0 ? (
          <Form method="post">
            <button type="submit" name="intent" value="read-all" className="secondary">
              {t("notifications.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      {data.allMarked ? (
        <p className="notice" role="status">
          {t("notifications.allMarked")}
        </p>
      ) : null}
      {data.unread > 0 ? <p className="muted">{t("notifications.unread", { count: data.unread })}</p> : null}
      {data.notifications.length === 0 ? <p className="muted">{t("notifications.empty")}</p> : null}
      <ol className="notifications" aria-label={t("notifications.list")}>
        {data.notifications.map((n) => (
          <li key={n.id} id={notificationAnchor(n.id)} className={n.read ? "notification" : "notification unread"}>
            <p>
              {n.read ? null : <span className="badge new">{t("notifications.new")}</span>}{" "}
              <Link to={notificationPath(n.id)}>{n.text}</Link>
            </p>
            <div className="muted notification-meta">
              {n.networkName} ·{" "}
              <time dateTime={n.createdIso} title={n.created}>
                {n.age}
              </time>
              {n.read ? null : (
                <Form method="post" action={notificationsPath({ page: data.page })} className="inline-form">
                  <input type="hidden" name="id" value={n.id} />
                  {" · "}
                  <button type="submit" name="intent" value="read" className="link-button">
                    {t("notifications.markRead")}
                  </button>
                </Form>
              )}
            </div>
          </li>
        ))}
      </ol>
      <Pagination page={data.page} pageCount={data.pageCount} hrefFor={(page) => notificationsPath({ page: page > 1 ? page : null })} />
      {data.hasMentoring ? (
        <p>
          <Link to={mentorQueuePath()}>{t("notifications.mentoring")}</Link>
        </p>
      ) : null}
    </>
  );
}

import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { latestAnnouncements } from "~/announcements/announcements.server";
import { getAuth, requireUser } from "~/auth/auth.server";
import { Pagination, ThreadList } from "~/components/thread-list";
import { getLocale, getT } from "~/i18n/i18next.server";
import { joinNetwork, leaveNetwork, networkOr404, staffOf } from "~/networks/networks.server";
import { contextFor } from "~/permissions/context.server";
import { assertCan } from "~/permissions/guards.server";
import { can } from "~/permissions/permissions";
import { listThreads } from "~/threads/list.server";
import { presentRows } from "~/threads/present.server";
import { LIST_VIEWS, type ListView } from "~/threads/schemas";
import { titleMeta } from "~/utils/meta";
import {
  announcementPath,
  announcementsPath,
  askPath,
  coursesPath,
  kbPath,
  loginPath,
  materialsLibraryPath,
  membersPath,
  networkPath,
} from "~/paths";
import { forbidden } from "~/http/responses.server";

export const meta = titleMeta;

function listQuery(url: URL) {
  const view = url.searchParams.get("view");
  const page = Number.parseInt(url.searchParams.get("page") ?? "1", 10);
  return {
    view: (LIST_VIEWS as readonly string[]).includes(view ?? "") ? (view as ListView) : "active",
    tag: url.searchParams.get("tag")?.trim().toLowerCase().slice(0, 40) || null,
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = networkOr404(params.slug);
  const [auth, t, locale] = await Promise.all([getAuth(request), getT(request), getLocale(request)]);
  const context = contextFor(auth.user, network);
  const canRead = can("readNetwork", context);
  const query = listQuery(new URL(request.url));
  const list = canRead ? listThreads({ networkId: network.id, ...query, viewerId: auth.user?.id ?? null }) : null;
  return json(
    {
      title: network.name,
      network: {
        slug: network.slug,
        name: network.name,
        region: network.region,
        timeZone: network.timeZone,
        description: network.description,
        visibility: network.visibility,
      },
      query,
      list: list ? { ...list, rows: presentRows(list.rows, locale, network.timeZone) } : null,
      signedIn: auth.user !== null,
      isMember: context.standing != null,
      canJoin: can("joinNetwork", context),
      canLeave: can("leaveNetwork", context),
      canPost: can("postInNetwork", context),
      canManageMembers: can("grantMentor", context),
      staff: canRead ? staffOf(network.id) : null,
      // The strip: the latest announcements this reader may see (those awaiting acknowledgement are also in the banner).
      announcements:
        canRead && auth.user
          ? latestAnnouncements(network.id, auth.user.id, can("viewReceipts", context)).map((a) => ({
              id: a.id,
              title: a.title,
              course: a.courseTitle,
              pending: a.ackRequired && a.acknowledged === false,
              read: a.acknowledged === true,
            }))
          : null,
      roleNote: context.standing?.moderator ? t("network.roleModerator") : context.standing?.mentor ? t("network.roleMentor") : null,
    },
    { headers: auth.headers },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const network = networkOr404(params.slug);
  const user = await requireUser(request);
  const intent = (await request.formData()).get("intent");
  const context = contextFor(user, network);
  switch (intent) {
    case "join":
      assertCan("joinNetwork", context);
      joinNetwork(user.id, network.id);
      break;
    case "leave":
      assertCan("leaveNetwork", context);
      leaveNetwork(user.id, network.id);
      break;
    default:
      throw forbidden();
  }
  return redirect(networkPath(network.slug));
}

function names(list: string[], total: number, none: string) {
  if (total === 0) return none;
  return total > list.length ? `${list.join(", ")} … (${total})` : list.join(", ");
}

export default function NetworkPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { network, staff, list, query } = data;
  const href = (changes: Partial<typeof query>) => {
    const next = { ...query, page: 1, ...changes };
    return networkPath(network.slug, {
      view: next.view !== "active" ? next.view : null,
      tag: next.tag,
      page: next.page > 1 ? next.page : null,
    });
  };
  return (
    <>
      <div className="page-head">
        <h1>{network.name}</h1>
        {data.canPost ? (
          <Link to={askPath(network.slug)} className="button primary">
            {t("thread.ask")}
          </Link>
        ) : null}
      </div>
      {network.description ? <p>{network.description}</p> : null}
      {list ? (
        <p className="kb-link">
          <a href={kbPath(network.slug)}>{t("kb.link")}</a> · <a href={coursesPath(network.slug)}>{t("courses.link")}</a> ·{" "}
          <a href={materialsLibraryPath(network.slug)}>{t("materials.link")}</a>
        </p>
      ) : null}
      <details className="panel">
        <summary>
          {network.region} · {network.timeZone}
          {network.visibility === "members" ? <> · {t("network.membersOnly")}</> : null}
        </summary>
        <dl className="facts">
          {staff ? (
            <>
              <dt>{t("network.moderators")}</dt>
              <dd>{names(staff.moderators, staff.moderatorCount, t("network.none"))}</dd>
              <dt>{t("network.mentors")}</dt>
              <dd>{names(staff.mentors, staff.mentorCount, t("network.none"))}</dd>
            </>
          ) : null}
        </dl>
        {network.visibility === "members" ? <p className="muted">{t("network.membersOnlyHint")}</p> : null}
        {data.canManageMembers ? (
          <p>
            <Link to={membersPath(network.slug)}>{t("admin.membersHeading")}</Link>
          </p>
        ) : null}
      </details>
      {data.announcements && data.announcements.length > 0 ? (
        <section className="announcement-strip panel" aria-labelledby="announcements-strip">
          <h2 id="announcements-strip">{t("announcements.strip")}</h2>
          <ul className="plain-list">
            {data.announcements.map((a) => (
              <li key={a.id}>
                {a.pending ? <span className="badge new">{t("announcements.needsAck")}</span> : null}
                {a.read ? <span className="badge solved">✓ {t("announcements.read")}</span> : null}{" "}
                <a href={announcementPath(a.id)}>{a.title}</a>
                {a.course ? <span className="muted"> · {a.course}</span> : null}
              </li>
            ))}
          </ul>
          <p>
            <a href={announcementsPath(network.slug)}>{t("announcements.all")}</a>
          </p>
        </section>
      ) : data.canPost ? (
        <p>
          <a href={announcementsPath(network.slug)}>{t("announcements.heading")}</a>
        </p>
      ) : null}
      <div className="actions">
        {data.isMember ? (
          <p>
            {t("network.joined")} {data.roleNote ? <span className="badge">{data.roleNote}</span> : null}
          </p>
        ) : null}
        {data.canJoin ? (
          <Form method="post">
            <button type="submit" name="intent" value="join" className="primary">
              {t("network.join")}
            </button>
          </Form>
        ) : null}
        {data.canLeave ? (
          <Form method="post">
            <button type="submit" name="intent" value="leave" className="secondary">
              {t("network.leave")}
            </button>
          </Form>
        ) : null}
        {!data.signedIn ? (
          <p>
            <Link to={loginPath(networkPath(network.slug))}>{t("network.loginToJoin")}</Link>
          </p>
        ) : null}
      </div>
      {list ? (
        <section aria-labelledby="threads">
          <h2 id="threads">
            {t("network.threads")}
            {query.tag ? <> · {t("list.tag", { tag: query.tag })}</> : null}
          </h2>
          <nav aria-label={t("list.views")}>
            <ul className="tabs">
              {list.views.map((view) => (
                <li key={view}>
                  <Link to={href({ view })} aria-current={view === query.view ? "page" : undefined}>
                    {t(`list.${view}`)} <span className="count-badge">{list.counts[view]}</span>
                  </Link>
                </li>
              ))}
              {query.tag ? (
                <li>
                  <Link to={href({ tag: null })}>{t("list.allTags")}</Link>
                </li>
              ) : null}
            </ul>
          </nav>
          {list.rows.length ? <ThreadList rows={list.rows} networkSlug={network.slug} /> : <p className="muted">{t("list.empty")}</p>}
          <Pagination page={list.page} pageCount={list.pageCount} hrefFor={(page) => href({ page, view: query.view, tag: query.tag })} />
        </section>
      ) : null}
    </>
  );
}

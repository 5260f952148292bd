import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAuth } from "~/auth/auth.server";
import { isModeratorAnywhere } from "~/moderation/scope.server";
import { getProfile } from "~/users/profile.server";
import { titleMeta } from "~/utils/meta";
import { modUserPath, networkPath, profileSettingsPath, threadPath } from "~/paths";
import { notFound } from "~/http/responses.server";

export const meta = titleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = Number(params.id);
  const auth = await getAuth(request);
  const profile = Number.isInteger(id) ? getProfile(id, auth.user?.id ?? null) : undefined;
  if (!profile) throw notFound();
  const moderates = auth.user ? isModeratorAnywhere(auth.user) : false;
  return json({ title: profile.user.displayName, ...profile, isMe: auth.user?.id === id, moderates }, { headers: auth.headers });
}

export default function Profile() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { user } = data;
  return (
    <>
      <h1>{user.displayName}</h1>
      {data.isMe ? (
        <p>
          <Link to={profileSettingsPath()}>{t("profile.edit")}</Link>
        </p>
      ) : null}
      {data.moderates && !data.isMe ? (
        <p>
          <a href={modUserPath(user.id)}>{t("moderation.member.recordLink")}</a>
        </p>
      ) : null}
      <dl className="facts panel">
        {user.school ? (
          <>
            <dt>{t("profile.school")}</dt>
            <dd>{user.school}</dd>
          </>
        ) : null}
        {user.subjects ? (
          <>
            <dt>{t("profile.subjects")}</dt>
            <dd>{user.subjects}</dd>
          </>
        ) : null}
        <dt>{t("profile.networks")}</dt>
        <dd>
          {data.networks.map((n, i) => (
            <span key={n.slug}>
              {i > 0 ? ", " : null}
              <Link to={networkPath(n.slug)}>{n.name}</Link>
              {n.isModerator ? ` (${t("network.roleModerator")})` : n.isMentor ? ` (${t("network.roleMentor")})` : null}
            </span>
          ))}
        </dd>
        <dt>{t("profile.asked")}</dt>
        <dd>{data.asked}</dd>
        <dt>{t("profile.answered")}</dt>
        <dd>{data.answered}</dd>
        <dt>{t("profile.accepted")}</dt>
        <dd>{data.accepted}</dd>
      </dl>
      {data.helpedMost.length ? (
        <>
          <h2>{t("profile.helpedMost")}</h2>
          <ul className="tags">
            {data.helpedMost.map((tag) => (
              <li key={tag.name}>
                <span className="tag">{tag.name}</span> × {tag.score}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {data.recent.length ? (
        <>
          <h2>{t("profile.recentQuestions")}</h2>
          <ul>
            {data.recent.map((thread) => (
              <li key={thread.id}>
                {thread.solved ? "✓ " : null}
                <Link to={threadPath(thread)}>{thread.title}</Link>
                {thread.removed ? (
                  <>
                    {" "}
                    <span className="badge overdue">{t("moderation.marks.removedBadge")}</span>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

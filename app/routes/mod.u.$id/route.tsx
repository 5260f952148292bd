import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { badRequest, notFound } from "~/http/responses.server";
import { getLocale, getT } from "~/i18n/i18next.server";
import { LogList } from "~/moderation/log-list";
import { listLog } from "~/moderation/log.server";
import { memberRecord } from "~/moderation/members.server";
import { presentLogRow } from "~/moderation/present";
import { SILENCE_DAYS, SUSPEND_DAYS, type FlagReason } from "~/moderation/schemas";
import { modQueuePath, networkPath, postInThreadPath, userPath } from "~/paths";
import { contextFor } from "~/permissions/context.server";
import { assertCan, requireModerator, type ModeratorScope } from "~/permissions/guards.server";
import { can } from "~/permissions/permissions";
import { formatDateTime } from "~/utils/dates";
import { titleMeta } from "~/utils/meta";
import * as actions from "./actions.server";
import { SilenceForm, SuspendForm } from "./forms";
import { INTENTS } from "./intents";

export const meta = titleMeta;

/** The record as the moderator may see it: standing only in the networks they moderate. */
function recordOr403(userId: number, viewer: ModeratorScope) {
  const record = memberRecord(
    userId,
    viewer.networks.map((n) => n.id),
  );
  if (!record) throw notFound();
  assertCan("viewMemberRecord", { ...contextFor(viewer.user), record: { inModeratedNetwork: record.standing.length > 0 } });
  return record;
}

/** A member as moderators see them: standing in the moderator's networks, flags both ways, moderation history. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireModerator(request);
  const { user, networks, isAdmin } = scope;
  const [t, locale] = await Promise.all([getT(request), getLocale(request)]);
  const record = recordOr403(Number(params.id), scope);
  const subject = (moderator: boolean) => ({ userId: record.user.id, moderator, admin: record.user.isAdmin });
  const zone = record.standing[0]?.timeZone ?? networks[0]?.timeZone ?? "Europe/Moscow";
  const flag = (f: (typeof record.flagsAgainst)[number]) => ({
    id: f.id,
    reason: f.reason,
    note: f.note,
    resolution: f.resolution,
    when: formatDateTime(f.createdAt, locale, f.timeZone),
    url: postInThreadPath({ id: f.threadId, slug: f.threadSlug }, f.postId),
    threadTitle: f.threadTitle,
    postId: f.postId,
  });
  const url = new URL(request.url);
  return json({
    title: `${t("moderation.member.heading")}: ${record.user.displayName}`,
    done: url.searchParams.get("done"),
    member: {
      id: record.user.id,
      name: record.user.displayName,
      email: record.user.email,
      joined: formatDateTime(record.user.createdAt, locale, zone),
      suspended: record.user.suspended,
      suspendedUntil: record.user.suspended && record.user.suspendedUntil ? formatDateTime(record.user.suspendedUntil, locale, zone) : null,
      suspendedReason: record.user.suspended ? record.user.suspendedReason : null,
    },
    standing: record.standing.map((s) => {
      const context = { ...contextFor(user, { id: s.networkId, visibility: "public" as const }), subject: subject(s.isModerator) };
      return {
        networkSlug: s.networkSlug,
        networkName: s.networkName,
        role: s.isModerator ? "moderator" : s.isMentor ? "mentor" : null,
        silenced: s.silenced,
        silencedUntil: s.silenced && s.silencedUntil ? formatDateTime(s.silencedUntil, locale, s.timeZone) : null,
        silencedReason: s.silenced ? s.silencedReason : null,
        canSilence: can("silenceMember", context),
      };
    }),
    canSuspend: can("suspendAccount", { ...contextFor(user), subject: subject(false) }),
    silenceDays: SILENCE_DAYS,
    suspendDays: SUSPEND_DAYS,
    flagsAgainst: record.flagsAgainst.map(flag),
    flagsRaised: record.flagsRaised.map(flag),
    history: listLog({ networkIds: networks.map((n) => n.id), includeSiteWide: isAdmin, aboutUserId: record.user.id, limit: 30 }).rows.map(
      (row) => presentLogRow(row, t, locale),
    ),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireModerator(request);
  const record = recordOr403(Number(params.id), scope);
  const formData = await request.formData();
  const intent = formData.get("intent");
  switch (intent) {
    case "silence":
    case "unsilence":
      return actions.silence(record, scope.user, formData, intent === "unsilence");
    case "suspend":
    case "unsuspend":
      return actions.suspend(record, scope.user, formData, intent === "unsuspend");
    default:
      throw badRequest();
  }
}

type Flag = {
  id: number;
  reason: FlagReason;
  note: string | null;
  resolution: "kept" | "hidden" | "deleted" | null;
  when: string;
  url: string;
  threadTitle: string;
};

function FlagList({ flags }: { flags: Flag[] }) {
  const { t } = useTranslation();
  if (flags.length === 0) return <p className="muted">{t("moderation.member.none")}</p>;
  return (
    <ul className="flag-list">
      {flags.map((f) => (
        <li key={f.id}>
          {t(`moderation.reasons.${f.reason}`)}
          {f.note ? <> — «{f.note}»</> : null}: <a href={f.url}>{f.threadTitle}</a> <span className="muted">({f.when})</span>{" "}
          <span className="badge">{f.resolution ? t(`moderation.post.resolution.${f.resolution}`) : t("moderation.post.open")}</span>
        </li>
      ))}
    </ul>
  );
}

export default function MemberRecord() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { member } = data;
  const silenceable = data.standing.filter((s) => s.canSilence && !s.silenced).map((s) => ({ value: s.networkSlug, label: s.networkName }));
  return (
    <>
      <p className="breadcrumb">
        <a href={modQueuePath()}>{t("moderation.queue.heading")}</a>
      </p>
      <h1>{member.name}</h1>
      {data.done ? (
        <p className="notice" role="status">
          {t(`moderation.member.done.${INTENTS.find((what) => what === data.done) ?? "silence"}`)}
        </p>
      ) : null}
      <dl className="facts panel">
        <dt>{t("moderation.member.email")}</dt>
        <dd>{member.email}</dd>
        <dt>{t("moderation.member.joined")}</dt>
        <dd>{member.joined}</dd>
        <dt>{t("moderation.member.profile")}</dt>
        <dd>
          <a href={userPath(member.id)}>{t("moderation.member.profileLink")}</a>
        </dd>
      </dl>
      {member.suspended ? (
        <p className="notice warning">
          {t("moderation.member.suspendedUntil", { date: member.suspendedUntil, reason: member.suspendedReason ?? "—" })}
        </p>
      ) : null}

      <h2>{t("moderation.member.networksHeading")}</h2>
      {data.standing.length === 0 ? <p className="muted">{t("moderation.member.notInYourNetworks")}</p> : null}
      <ul className="plain-list">
        {data.standing.map((s) => (
          <li key={s.networkSlug}>
            <a href={networkPath(s.networkSlug)}>{s.networkName}</a>
            {s.role ? <> ({t(`network.role${s.role === "moderator" ? "Moderator" : "Mentor"}`)})</> : null}
            {s.silenced ? (
              <>
                {" "}
                — <strong>{t("moderation.member.silencedUntil", { date: s.silencedUntil })}</strong> {s.silencedReason}
                {s.canSilence ? (
                  <form method="post" className="inline-form">
                    <input type="hidden" name="network" value={s.networkSlug} />{" "}
                    <button type="submit" name="intent" value="unsilence" className="link-button">
                      {t("moderation.member.lift")}
                    </button>
                  </form>
                ) : null}
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {silenceable.length ? (
        <section className="panel" aria-labelledby="silence-heading">
          <h2 id="silence-heading">{t("moderation.member.silenceHeading")}</h2>
          <p className="hint">{t("moderation.member.silenceHint")}</p>
          <SilenceForm networks={silenceable} days={data.silenceDays} />
        </section>
      ) : null}
      {data.canSuspend ? (
        <section className="panel" aria-labelledby="suspend-heading">
          <h2 id="suspend-heading">{t("moderation.member.suspendHeading")}</h2>
          {member.suspended ? (
            <form method="post">
              <button type="submit" name="intent" value="unsuspend" className="secondary">
                {t("moderation.member.liftSuspension")}
              </button>
            </form>
          ) : (
            <SuspendForm days={data.suspendDays} />
          )}
        </section>
      ) : null}

      <h2>{t("moderation.member.flagsAgainst")}</h2>
      <FlagList flags={data.flagsAgainst} />
      <h2>{t("moderation.member.flagsRaised")}</h2>
      <FlagList flags={data.flagsRaised} />
      <h2>{t("moderation.member.history")}</h2>
      {data.history.length ? <LogList rows={data.history} /> : <p className="muted">{t("moderation.member.none")}</p>}
    </>
  );
}

import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, SelectField, TextareaField } from "~/components/forms";
import { getLocale, getT } from "~/i18n/i18next.server";
import { getNetworkBySlug } from "~/networks/networks.server";
import { requireModerator, type ModeratorScope } from "~/moderation/guard.server";
import { LogList } from "~/moderation/log-list";
import { listLog } from "~/moderation/log.server";
import { liftSilence, liftSuspension, memberRecord, silence, suspend } from "~/moderation/members.server";
import { presentLogRow } from "~/moderation/present";
import { SILENCE_DAYS, silenceSchema, SUSPEND_DAYS, suspendSchema, type FlagReason } from "~/moderation/schemas";
import { assertCan, contextFor } from "~/permissions/guards.server";
import { can } from "~/permissions/permissions";
import { threadPath } from "~/threads/slug";
import { formatDateTime } from "~/utils/dates";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta;

/** The record as the moderator may see it: standing only in the networks they moderate. */
function recordOr403(userId: number, viewer: ModeratorScope) {
  const record = memberRecord(userId, viewer.networks.map((n) => n.id));
  if (!record) throw new Response("Not found", { status: 404 });
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
    url: `${threadPath({ id: f.threadId, slug: f.threadSlug })}?post=${f.postId}`,
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
    history: listLog({ networkIds: networks.map((n) => n.id), includeSiteWide: isAdmin, aboutUserId: record.user.id, limit: 30 }).rows.map((row) =>
      presentLogRow(row, t, locale),
    ),
  });
}

const liftSchema = z.object({ network: z.string().min(1) });

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireModerator(request);
  const { user } = scope;
  const record = recordOr403(Number(params.id), scope);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const fail = (form: string, result: SubmissionResult<string[]>) => json({ form, result }, { status: 400 });
  const done = (what: string) => redirect(`/mod/u/${record.user.id}?done=${what}`);
  const subjectIn = (networkId: number) => ({
    userId: record.user.id,
    moderator: record.standing.some((s) => s.networkId === networkId && s.isModerator),
    admin: record.user.isAdmin,
  });

  if (intent === "silence" || intent === "unsilence") {
    const submission = parseWithZod(formData, { schema: intent === "silence" ? silenceSchema : liftSchema });
    if (submission.status !== "success") return fail("silence", submission.reply());
    const network = getNetworkBySlug(submission.value.network);
    if (!network) return fail("silence", submission.reply({ fieldErrors: { network: ["moderation.errors.chooseNetwork"] } }));
    const { context } = await requireModerator(request, network, "reviewFlags");
    assertCan("silenceMember", { ...context, subject: subjectIn(network.id) });
    if (intent === "unsilence") {
      liftSilence({ userId: record.user.id, networkId: network.id, moderatorId: user.id });
      return done("unsilence");
    }
    const value = submission.value as z.infer<typeof silenceSchema>;
    const ok = silence({ userId: record.user.id, networkId: network.id, moderatorId: user.id, days: value.days, reason: value.reason });
    if (!ok) return fail("silence", submission.reply({ fieldErrors: { network: ["moderation.errors.notMember"] } }));
    return done("silence");
  }

  if (intent === "suspend" || intent === "unsuspend") {
    assertCan("suspendAccount", { ...contextFor(user), subject: { userId: record.user.id, moderator: false, admin: record.user.isAdmin } });
    if (intent === "unsuspend") {
      liftSuspension({ userId: record.user.id, adminId: user.id });
      return done("unsuspend");
    }
    const submission = parseWithZod(formData, { schema: suspendSchema });
    if (submission.status !== "success") return fail("suspend", submission.reply());
    await suspend({ userId: record.user.id, adminId: user.id, days: submission.value.days, reason: submission.value.reason });
    return done("suspend");
  }
  throw new Response("Bad request", { status: 400 });
}

function useFormFor(id: string) {
  const actionData = useActionData<typeof action>();
  return useForm({ id, lastResult: actionData?.form === id ? actionData.result : undefined, shouldRevalidate: "onBlur" });
}

function SilenceForm({ networks, days }: { networks: { value: string; label: string }[]; days: readonly number[] }) {
  const { t } = useTranslation();
  const [form, fields] = useFormFor("silence");
  return (
    <form method="post" className="stack wide" {...getFormProps(form)}>
      <ErrorSummary fields={[fields.network!, fields.days!, fields.reason!]} />
      <SelectField meta={fields.network!} label={t("moderation.member.network")} options={networks} placeholder={t("moderation.threadTools.chooseNetwork")} />
      <SelectField
        meta={fields.days!}
        label={t("moderation.member.duration")}
        options={days.map((d) => ({ value: String(d), label: t("moderation.member.days", { count: d }) }))}
        placeholder={t("moderation.member.chooseDuration")}
      />
      <TextareaField meta={fields.reason!} label={t("moderation.member.reason")} hint={t("moderation.member.reasonHint")} rows={2} />
      <button type="submit" name="intent" value="silence" className="danger secondary">
        {t("moderation.member.silence")}
      </button>
    </form>
  );
}

function SuspendForm({ days }: { days: readonly number[] }) {
  const { t } = useTranslation();
  const [form, fields] = useFormFor("suspend");
  return (
    <form method="post" className="stack wide" {...getFormProps(form)}>
      <ErrorSummary fields={[fields.days!, fields.reason!]} />
      <SelectField
        meta={fields.days!}
        label={t("moderation.member.duration")}
        options={days.map((d) => ({ value: String(d), label: t("moderation.member.days", { count: d }) }))}
        placeholder={t("moderation.member.chooseDuration")}
      />
      <TextareaField meta={fields.reason!} label={t("moderation.member.reason")} hint={t("moderation.member.suspendHint")} rows={2} />
      <button type="submit" name="intent" value="suspend" className="danger secondary">
        {t("moderation.member.suspend")}
      </button>
    </form>
  );
}

/** What ?done= can say after a member action. */
const MEMBER_DONE = ["silence", "unsilence", "suspend", "unsuspend"] as const;

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
        <a href="/mod">{t("moderation.queue.heading")}</a>
      </p>
      <h1>{member.name}</h1>
      {data.done ? (
        <p className="notice" role="status">
          {t(`moderation.member.done.${MEMBER_DONE.find((what) => what === data.done) ?? "silence"}`)}
        </p>
      ) : null}
      <dl className="facts panel">
        <dt>{t("moderation.member.email")}</dt>
        <dd>{member.email}</dd>
        <dt>{t("moderation.member.joined")}</dt>
        <dd>{member.joined}</dd>
        <dt>{t("moderation.member.profile")}</dt>
        <dd>
          <a href={`/u/${member.id}`}>{t("moderation.member.profileLink")}</a>
        </dd>
      </dl>
      {member.suspended ? (
        <p className="notice warning">{t("moderation.member.suspendedUntil", { date: member.suspendedUntil, reason: member.suspendedReason ?? "—" })}</p>
      ) : null}

      <h2>{t("moderation.member.networksHeading")}</h2>
      {data.standing.length === 0 ? <p className="muted">{t("moderation.member.notInYourNetworks")}</p> : null}
      <ul className="plain-list">
        {data.standing.map((s) => (
          <li key={s.networkSlug}>
            <a href={`/n/${s.networkSlug}`}>{s.networkName}</a>
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

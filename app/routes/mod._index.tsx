import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/thread-list";
import { getLocale, getT } from "~/i18n/i18next.server";
import { DecisionForm } from "~/moderation/decision-form";
import { decide } from "~/moderation/flags.server";
import { flagQueue } from "~/moderation/queue.server";
import { postWithPlace } from "~/moderation/scope.server";
import { decisionSchema } from "~/moderation/schemas";
import { formatDateTime } from "~/utils/dates";
import { titleMeta } from "~/utils/meta";
import { modLogPath, modPostPath, modQueuePath, modUserPath, postInThreadPath } from "~/paths";
import { requireModerator } from "~/permissions/guards.server";
import { invalidForm, notFound } from "~/http/responses.server";

export const meta = titleMeta;

function queueQuery(url: URL) {
  const page = Number.parseInt(url.searchParams.get("page") ?? "1", 10);
  return { network: url.searchParams.get("network")?.slice(0, 60) || null, page: Number.isFinite(page) && page > 0 ? page : 1 };
}

/** The review queue: posts with open flags, and held posts, in the networks the reader moderates. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { networks } = await requireModerator(request);
  const [t, locale] = await Promise.all([getT(request), getLocale(request)]);
  const url = new URL(request.url);
  const query = queueQuery(url);
  const chosen = networks.find((n) => n.slug === query.network);
  const queue = flagQueue(chosen ? [chosen.id] : networks.map((n) => n.id), query.page);
  return json({
    title: t("moderation.queue.heading"),
    networks: networks.map((n) => ({ slug: n.slug, name: n.name })),
    query: { network: chosen?.slug ?? null, page: queue.page },
    done: url.searchParams.get("done"),
    total: queue.total,
    pageCount: queue.pageCount,
    items: queue.items.map((item) => ({
      id: item.id,
      isOpening: item.isOpening,
      excerpt: item.excerpt,
      authorId: item.authorId,
      authorName: item.authorName,
      written: formatDateTime(item.createdAt, locale, item.timeZone),
      waitingSince: formatDateTime(item.waitingSince, locale, item.timeZone),
      threadTitle: item.threadTitle,
      threadUrl: postInThreadPath({ id: item.threadId, slug: item.threadSlug }, item.id),
      networkName: item.networkName,
      held: item.held,
      hidden: item.hiddenAt !== null,
      hiddenReason: item.hiddenReason,
      flags: item.flags.map((f) => ({
        id: f.id,
        userId: f.userId,
        userName: f.userName,
        reason: f.reason,
        note: f.note,
        when: formatDateTime(f.createdAt, locale, item.timeZone),
      })),
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireModerator(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: decisionSchema });
  const postId = Number(submission.payload.postId);
  const place = postWithPlace(postId);
  if (!place) throw notFound();
  // Moderating this network in particular, not just any: a moderator of A cannot decide on B's posts.
  await requireModerator(request, place.network, "reviewFlags");
  if (submission.status !== "success") return invalidForm({ postId, result: submission.reply() });
  const { decision, reason } = submission.value;
  const result = decide({ postId, moderatorId: scope.user.id, decision, reason });
  if (!result.ok) return invalidForm({ postId, result: submission.reply({ formErrors: [`moderation.errors.${result.error}`] }) });
  const url = new URL(request.url);
  const back = new URLSearchParams({ done: decision });
  for (const key of ["network", "page"]) {
    const value = url.searchParams.get(key);
    if (value) back.set(key, value);
  }
  return redirect(modQueuePath(back));
}

export default function ModerationQueue() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const href = (page: number) => {
    return modQueuePath({ network: data.query.network, page: page > 1 ? page : null });
  };
  const formAction = href(data.query.page);
  return (
    <>
      <div className="page-head">
        <h1>{t("moderation.queue.heading")}</h1>
        <p>
          <a href={modLogPath()}>{t("moderation.log.heading")}</a>
        </p>
      </div>
      {data.done ? (
        <p className="notice" role="status">
          {t(`moderation.queue.done.${data.done === "hide" || data.done === "delete" ? data.done : "keep"}`)}
        </p>
      ) : null}
      <p className="muted">{t("moderation.queue.intro")}</p>
      {data.networks.length > 1 ? (
        <form method="get" action={modQueuePath()} className="inline-filter">
          <label htmlFor="queue-network">{t("moderation.queue.network")}</label>
          <select id="queue-network" name="network" defaultValue={data.query.network ?? ""}>
            <option value="">{t("moderation.queue.allNetworks")}</option>
            {data.networks.map((n) => (
              <option key={n.slug} value={n.slug}>
                {n.name}
              </option>
            ))}
          </select>
          <button type="submit" className="secondary">
            {t("moderation.queue.show")}
          </button>
        </form>
      ) : null}
      <h2>{t("moderation.queue.count", { count: data.total })}</h2>
      {data.items.length === 0 ? <p>{t("moderation.queue.empty")}</p> : null}
      <ol className="queue">
        {data.items.map((item) => (
          <li key={item.id} className="queue-item" id={`queue-${item.id}`}>
            <h3>
              {item.held ? (
                <span className="badge overdue">{t("moderation.queue.heldBadge")}</span>
              ) : item.hidden ? (
                <span className="badge overdue">{t("moderation.queue.hiddenBadge")}</span>
              ) : null}{" "}
              {item.isOpening ? t("moderation.queue.question") : t("moderation.queue.answer")}:{" "}
              <a href={item.threadUrl}>{item.threadTitle}</a>
            </h3>
            <p className="muted">
              {item.networkName} · <a href={modUserPath(item.authorId)}>{item.authorName}</a> · {item.written}
            </p>
            {item.held ? <p className="notice warning">{t("moderation.queue.held")}</p> : null}
            {item.hidden && !item.held ? (
              <p className="notice warning">
                {item.hiddenReason
                  ? t("moderation.queue.hiddenByModerator", { reason: item.hiddenReason })
                  : t("moderation.queue.hiddenByFlags")}
              </p>
            ) : null}
            <blockquote className="excerpt">{item.excerpt}</blockquote>
            {item.flags.length ? (
              <>
                <p>
                  <strong>{t("moderation.queue.flags", { count: item.flags.length })}</strong> ·{" "}
                  {t("moderation.queue.waiting", { date: item.waitingSince })}
                </p>
                <ul className="flag-list">
                  {item.flags.map((f) => (
                    <li key={f.id}>
                      <a href={modUserPath(f.userId)}>{f.userName}</a>: {t(`moderation.reasons.${f.reason}`)}
                      {f.note ? <> — «{f.note}»</> : null} <span className="muted">({f.when})</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <p>
              <a href={modPostPath(item.id)}>{t("moderation.queue.details")}</a>
            </p>
            <DecisionForm
              postId={item.id}
              isOpening={item.isOpening}
              held={item.held}
              hidden={item.hidden}
              action={formAction}
              lastResult={actionData?.postId === item.id ? actionData.result : null}
            />
          </li>
        ))}
      </ol>
      <Pagination page={data.query.page} pageCount={data.pageCount} hrefFor={href} />
    </>
  );
}

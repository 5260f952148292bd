import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { badRequest, notFound } from "~/http/responses.server";
import { getT } from "~/i18n/i18next.server";
import { threadWithPlace } from "~/moderation/scope.server";
import { modQueuePath, networkPath, threadPath } from "~/paths";
import { requireModerator } from "~/permissions/guards.server";
import { searchThreads } from "~/search/queries.server";
import { titleMeta } from "~/utils/meta";
import * as actions from "./actions.server";
import { Button, DeleteForm, DuplicateForm, LockForm, MoveForm } from "./forms";
import { INTENTS } from "./intents";

export const meta = titleMeta;

/** The thread and its network, removed or not, for a moderator of that network (404, 403 otherwise). */
async function place(request: Request, id: string | undefined): Promise<actions.Place> {
  const found = threadWithPlace(Number(id));
  if (!found) throw notFound();
  const scope = await requireModerator(request, found.network, "lockThread");
  return { ...found, ...scope };
}

/** A moderator's tools for one thread; the duplicate's canonical thread is picked with search. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { thread, network, networks, user } = await place(request, params.id);
  const t = await getT(request);
  const url = new URL(request.url);
  const q = url.searchParams.get("q")?.trim().slice(0, 200) ?? "";
  const found = q
    ? await searchThreads(
        { q, network: network.slug, tag: null, status: "any", author: null, course: null, sort: "relevance", page: 1 },
        { id: user.id, isAdmin: user.isAdmin },
      )
    : null;
  const canonical = thread.duplicateOfId ? threadWithPlace(thread.duplicateOfId)?.thread : undefined;
  const done = url.searchParams.get("done");
  return json({
    title: `${t("moderation.threadTools.heading")}: ${thread.title}`,
    thread: {
      id: thread.id,
      title: thread.title,
      url: threadPath(thread),
      locked: thread.lockedAt !== null,
      lockReason: thread.lockReason,
      pinned: thread.pinnedAt !== null,
      removed: thread.deletedAt !== null,
      duplicateOf: canonical ? { title: canonical.title, url: threadPath(canonical) } : null,
    },
    network: { slug: network.slug, name: network.name },
    moveTargets: networks.filter((n) => n.id !== network.id).map((n) => ({ value: n.slug, label: n.name })),
    q,
    candidates: found?.ok
      ? found.hits.filter((h) => h.id !== thread.id).map((h) => ({ id: h.id, title: h.title, url: threadPath(h), solved: h.solved }))
      : null,
    searchDown: found !== null && !found.ok,
    done: INTENTS.find((what) => what === done) ?? null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const where = await place(request, params.id);
  const formData = await request.formData();
  const intent = formData.get("intent");
  switch (intent) {
    case "lock":
      return actions.lock(where, formData);
    case "unlock":
      return actions.unlock(where);
    case "pin":
    case "unpin":
      return actions.pin(where, intent === "pin");
    case "move":
      return actions.move(where, formData);
    case "duplicate":
      return actions.duplicate(where, formData);
    case "reopen":
      return actions.reopenThread(where);
    case "delete":
      return actions.remove(where, formData);
    case "restore":
      return actions.restore(where);
    default:
      throw badRequest();
  }
}

export default function ThreadTools() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { thread } = data;
  return (
    <>
      <p className="breadcrumb">
        <a href={modQueuePath()}>{t("moderation.queue.heading")}</a> · <a href={networkPath(data.network.slug)}>{data.network.name}</a>
      </p>
      <h1>{t("moderation.threadTools.heading")}</h1>
      <p className="lead">
        <a href={thread.url}>{thread.title}</a>
      </p>
      {data.done ? (
        <p className="notice" role="status">
          {t(`moderation.threadTools.done.${data.done}`)} <a href={thread.url}>{t("moderation.threadTools.back")}</a>
        </p>
      ) : null}
      <ul className="status-list">
        {thread.removed ? <li>{t("moderation.threadTools.statusRemoved")}</li> : null}
        {thread.duplicateOf ? (
          <li>
            {t("moderation.threadTools.statusDuplicate")} <a href={thread.duplicateOf.url}>{thread.duplicateOf.title}</a>
          </li>
        ) : null}
        {thread.locked && !thread.duplicateOf ? (
          <li>{t("moderation.threadTools.statusLocked", { reason: thread.lockReason ?? "—" })}</li>
        ) : null}
        {thread.pinned ? <li>{t("moderation.threadTools.statusPinned")}</li> : null}
        {!thread.removed && !thread.duplicateOf && !thread.locked && !thread.pinned ? (
          <li>{t("moderation.threadTools.statusOpen")}</li>
        ) : null}
      </ul>

      <section aria-labelledby="pin-heading" className="panel">
        <h2 id="pin-heading">{t("moderation.threadTools.pinHeading")}</h2>
        <p className="hint">{t("moderation.threadTools.pinHint")}</p>
        {thread.pinned ? (
          <Button intent="unpin" label={t("moderation.threadTools.unpin")} />
        ) : (
          <Button intent="pin" label={t("moderation.threadTools.pin")} />
        )}
      </section>

      <section aria-labelledby="lock-heading" className="panel">
        <h2 id="lock-heading">{t("moderation.threadTools.lockHeading")}</h2>
        {thread.duplicateOf || thread.locked ? <Button intent="reopen" label={t("moderation.threadTools.reopen")} /> : <LockForm />}
      </section>

      {!thread.duplicateOf ? (
        <section aria-labelledby="duplicate-heading" className="panel">
          <h2 id="duplicate-heading">{t("moderation.threadTools.duplicateHeading")}</h2>
          <p className="hint">{t("moderation.threadTools.duplicateHint")}</p>
          <form method="get" className="stack wide" role="search">
            <div className="field">
              <label htmlFor="canonical-q">{t("moderation.threadTools.find")}</label>
              <input id="canonical-q" type="search" name="q" defaultValue={data.q || thread.title} />
            </div>
            <button type="submit" className="secondary">
              {t("search.submit")}
            </button>
          </form>
          {data.searchDown ? <p className="notice warning">{t("search.down")}</p> : null}
          {data.candidates ? (
            data.candidates.length ? (
              <ul className="candidates">
                {data.candidates.map((c) => (
                  <li key={c.id}>
                    {c.solved ? <span className="badge solved">✓ {t("thread.solved")}</span> : null} <a href={c.url}>{c.title}</a>
                    <form method="post" className="candidate-form">
                      <input type="hidden" name="canonical" value={c.id} />
                      <div className="choice">
                        <input type="checkbox" id={`merge-${c.id}`} name="merge" value="on" />
                        <label htmlFor={`merge-${c.id}`}>{t("moderation.threadTools.merge")}</label>
                      </div>
                      <button type="submit" name="intent" value="duplicate" className="secondary">
                        {t("moderation.threadTools.closeAs")}
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t("search.nothing")}</p>
            )
          ) : null}
          <DuplicateForm />
        </section>
      ) : null}

      {data.moveTargets.length ? (
        <section aria-labelledby="move-heading" className="panel">
          <h2 id="move-heading">{t("moderation.threadTools.moveHeading")}</h2>
          <p className="hint">{t("moderation.threadTools.moveHint")}</p>
          <MoveForm targets={data.moveTargets} />
        </section>
      ) : null}

      <section aria-labelledby="delete-heading" className="panel">
        <h2 id="delete-heading">{t("moderation.threadTools.deleteHeading")}</h2>
        {thread.removed ? <Button intent="restore" label={t("moderation.threadTools.restore")} /> : <DeleteForm />}
      </section>
    </>
  );
}

import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, SelectField, TextareaField, TextField } from "~/components/forms";
import { getT } from "~/i18n/i18next.server";
import { getNetworkBySlug } from "~/networks/networks.server";
import { requireModerator } from "~/moderation/guard.server";
import { duplicateSchema, lockSchema, moveSchema, removeSchema } from "~/moderation/schemas";
import { threadWithPlace } from "~/moderation/scope.server";
import { closeAsDuplicate, deleteThread, moveThread, reopen, restoreThread, setLocked, setPinned } from "~/moderation/thread-actions.server";
import { assertCan, contextFor } from "~/permissions/guards.server";
import { searchThreads } from "~/search/queries.server";
import { threadPath } from "~/threads/slug";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta;

const DONE = ["lock", "unlock", "pin", "unpin", "move", "duplicate", "reopen", "delete", "restore"] as const;

async function place(request: Request, id: string | undefined) {
  const found = threadWithPlace(Number(id));
  if (!found) throw new Response("Not found", { status: 404 });
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
    candidates: found?.ok ? found.hits.filter((h) => h.id !== thread.id).map((h) => ({ id: h.id, title: h.title, url: threadPath(h), solved: h.solved })) : null,
    searchDown: found !== null && !found.ok,
    done: DONE.find((what) => what === done) ?? null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { thread, networks, user, context } = await place(request, params.id);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const actor = { threadId: thread.id, moderatorId: user.id };
  const done = () => redirect(`/mod/t/${thread.id}?done=${intent}`);
  const fail = (form: string, result: SubmissionResult<string[]>) => json({ form, result }, { status: 400 });

  if (intent === "lock") {
    const submission = parseWithZod(formData, { schema: lockSchema });
    if (submission.status !== "success") return fail("lock", submission.reply());
    setLocked({ ...actor, locked: true, reason: submission.value.reason });
    return done();
  }
  if (intent === "unlock") {
    setLocked({ ...actor, locked: false, reason: "" });
    return done();
  }
  if (intent === "pin" || intent === "unpin") {
    assertCan("pinThread", context);
    setPinned({ ...actor, pinned: intent === "pin" });
    return done();
  }
  if (intent === "move") {
    const submission = parseWithZod(formData, { schema: moveSchema });
    if (submission.status !== "success") return fail("move", submission.reply());
    const target = getNetworkBySlug(submission.value.network);
    if (!target) return fail("move", submission.reply({ fieldErrors: { network: ["moderation.errors.chooseNetwork"] } }));
    assertCan("moveThread", { ...context, destination: contextFor(user, target).standing });
    const result = moveThread({ ...actor, toNetworkId: target.id, reason: submission.value.reason });
    if (!result.ok) return fail("move", submission.reply({ fieldErrors: { network: [`moderation.errors.${result.error}`] } }));
    return done();
  }
  if (intent === "duplicate") {
    assertCan("closeAsDuplicate", context);
    const submission = parseWithZod(formData, { schema: duplicateSchema });
    if (submission.status !== "success") return fail("duplicate", submission.reply());
    const result = closeAsDuplicate({ ...actor, ...submission.value, canonicalId: submission.value.canonical, allowedNetworkIds: networks.map((n) => n.id) });
    if (!result.ok) return fail("duplicate", submission.reply({ fieldErrors: { canonical: [`moderation.errors.${result.error}`] } }));
    return done();
  }
  if (intent === "reopen") {
    reopen(actor);
    return done();
  }
  if (intent === "delete") {
    assertCan("deleteThread", context);
    const submission = parseWithZod(formData, { schema: removeSchema });
    if (submission.status !== "success") return fail("delete", submission.reply());
    deleteThread({ ...actor, reason: submission.value.reason });
    return done();
  }
  if (intent === "restore") {
    assertCan("deleteThread", context);
    restoreThread(actor);
    return done();
  }
  throw new Response("Bad request", { status: 400 });
}

function useFormFor(id: string) {
  const actionData = useActionData<typeof action>();
  return useForm({ id, lastResult: actionData?.form === id ? actionData.result : undefined, shouldRevalidate: "onBlur" });
}

function LockForm() {
  const { t } = useTranslation();
  const [form, fields] = useFormFor("lock");
  return (
    <form method="post" className="stack wide" {...getFormProps(form)}>
      <ErrorSummary fields={[fields.reason!]} />
      <TextareaField meta={fields.reason!} label={t("moderation.threadTools.lockReason")} hint={t("moderation.threadTools.lockHint")} rows={2} />
      <button type="submit" name="intent" value="lock" className="secondary">
        {t("moderation.threadTools.lock")}
      </button>
    </form>
  );
}

function MoveForm({ targets }: { targets: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const [form, fields] = useFormFor("move");
  return (
    <form method="post" className="stack wide" {...getFormProps(form)}>
      <ErrorSummary fields={[fields.network!, fields.reason!]} />
      <SelectField meta={fields.network!} label={t("moderation.threadTools.moveTo")} options={targets} placeholder={t("moderation.threadTools.chooseNetwork")} />
      <TextareaField meta={fields.reason!} label={t("moderation.threadTools.moveReason")} rows={2} />
      <button type="submit" name="intent" value="move" className="secondary">
        {t("moderation.threadTools.move")}
      </button>
    </form>
  );
}

function DuplicateForm() {
  const { t } = useTranslation();
  const [form, fields] = useFormFor("duplicate");
  return (
    <form method="post" className="stack wide" {...getFormProps(form)}>
      <ErrorSummary fields={[fields.canonical!]} />
      <TextField meta={fields.canonical!} label={t("moderation.threadTools.canonical")} hint={t("moderation.threadTools.canonicalHint")} />
      <div className="choice">
        <input type="checkbox" id="merge-manual" name="merge" value="on" />
        <label htmlFor="merge-manual">{t("moderation.threadTools.merge")}</label>
      </div>
      <button type="submit" name="intent" value="duplicate" className="secondary">
        {t("moderation.threadTools.close")}
      </button>
    </form>
  );
}

function DeleteForm() {
  const { t } = useTranslation();
  const [form, fields] = useFormFor("delete");
  return (
    <form method="post" className="stack wide" {...getFormProps(form)}>
      <ErrorSummary fields={[fields.reason!]} />
      <TextareaField meta={fields.reason!} label={t("moderation.queue.reason")} hint={t("moderation.threadTools.deleteHint")} rows={2} />
      <button type="submit" name="intent" value="delete" className="danger secondary">
        {t("moderation.queue.deleteThread")}
      </button>
    </form>
  );
}

function Button({ intent, label, danger = false }: { intent: string; label: string; danger?: boolean }) {
  return (
    <form method="post" className="inline-form">
      <button type="submit" name="intent" value={intent} className={danger ? "danger secondary" : "secondary"}>
        {label}
      </button>
    </form>
  );
}

export default function ThreadTools() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { thread } = data;
  return (
    <>
      <p className="breadcrumb">
        <a href="/mod">{t("moderation.queue.heading")}</a> · <a href={`/n/${data.network.slug}`}>{data.network.name}</a>
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
        {thread.locked && !thread.duplicateOf ? <li>{t("moderation.threadTools.statusLocked", { reason: thread.lockReason ?? "—" })}</li> : null}
        {thread.pinned ? <li>{t("moderation.threadTools.statusPinned")}</li> : null}
        {!thread.removed && !thread.duplicateOf && !thread.locked && !thread.pinned ? <li>{t("moderation.threadTools.statusOpen")}</li> : null}
      </ul>

      <section aria-labelledby="pin-heading" className="panel">
        <h2 id="pin-heading">{t("moderation.threadTools.pinHeading")}</h2>
        <p className="hint">{t("moderation.threadTools.pinHint")}</p>
        {thread.pinned ? <Button intent="unpin" label={t("moderation.threadTools.unpin")} /> : <Button intent="pin" label={t("moderation.threadTools.pin")} />}
      </section>

      <section aria-labelledby="lock-heading" className="panel">
        <h2 id="lock-heading">{t("moderation.threadTools.lockHeading")}</h2>
        {thread.duplicateOf || thread.locked ? (
          <Button intent="reopen" label={t("moderation.threadTools.reopen")} />
        ) : (
          <LockForm />
        )}
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

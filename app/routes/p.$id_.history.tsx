import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/auth.server";
import { getLocale, getT } from "~/i18n/i18next.server";
import { assertCan } from "~/permissions/guards.server";
import { postForAction } from "~/posts/edit.server";
import { revisionsOf } from "~/posts/posts.server";
import { formatDateTime } from "~/utils/dates";
import { titleMeta } from "~/utils/meta";
import { postPath } from "~/paths";

export const meta = titleMeta;

/** Moderators (and the author) read every earlier version of a post. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { post, thread, network, context } = postForAction(Number(params.id), user);
  assertCan("viewRevisions", context);
  const [t, locale] = await Promise.all([getT(request), getLocale(request)]);
  return json({
    title: t("thread.historyHeading"),
    post: { id: post.id, body: post.bodySource },
    thread: { title: thread.title },
    revisions: revisionsOf(post.id).map((r) => ({
      ...r,
      createdAt: undefined,
      when: formatDateTime(r.createdAt, locale, network.timeZone),
    })),
  });
}

export default function History() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <p className="breadcrumb">
        <Link to={postPath(data.post.id)}>{data.thread.title}</Link>
      </p>
      <h1>{t("thread.historyHeading")}</h1>
      {data.revisions.length === 0 ? <p>{t("thread.noHistory")}</p> : null}
      {data.revisions.map((r) => (
        <section key={r.id} className="revision">
          <h2>{t("thread.previousVersion", { date: r.when, name: r.editorName })}</h2>
          {r.reason ? <p className="muted">{r.reason}</p> : null}
          {r.title ? (
            <p>
              <strong>{r.title}</strong>
            </p>
          ) : null}
          <pre className="source">{r.bodySource}</pre>
        </section>
      ))}
    </>
  );
}

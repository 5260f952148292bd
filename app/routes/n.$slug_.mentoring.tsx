import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getLocale, getT } from "~/i18n/i18next.server";
import { AssignmentSummary, PickMentorForm } from "~/mentoring/components";
import { reassign } from "~/mentoring/handling.server";
import { mentorOption, presentAssignment, presentLoad } from "~/mentoring/present.server";
import { getAssignment, networkMentoring } from "~/mentoring/queues.server";
import { reassignSchema } from "~/mentoring/schemas";
import { networkOr404 } from "~/networks/networks.server";
import { requirePermission } from "~/permissions/guards.server";
import { titleMeta } from "~/utils/meta";
import { membersPath, mentoringPath, mentorProfilePath, networkPath, reportPath } from "~/paths";
import { fieldErrorReply, invalidForm, notFound } from "~/http/responses.server";

export const meta = titleMeta;

/** The network's moderators (and admins): the "needs a mentor" queue, every open assignment, the mentors' load. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = networkOr404(params.slug);
  await requirePermission(request, "manageMentoring", network);
  const [t, locale] = await Promise.all([getT(request), getLocale(request)]);
  const now = new Date();
  const { queue, open, counts, mentors } = networkMentoring(network.id, now);
  const optionsFor = (askerId: number, currentId: number | null) =>
    mentors.filter((m) => m.userId !== askerId && m.userId !== currentId).map((m) => mentorOption(t, m, "manage"));
  const present = (rows: typeof queue) =>
    rows.map((row) => ({ ...presentAssignment(row, t, locale, now), options: optionsFor(row.askerId, row.mentorId) }));
  return json({
    title: `${t("mentoring.manage.heading")}: ${network.name}`,
    network: { slug: network.slug, name: network.name },
    queue: present(queue),
    open: present(open),
    counts,
    mentors: mentors.map((m) => presentLoad(m, t, locale, network.timeZone)),
    done: new URL(request.url).searchParams.get("done") === "reassigned",
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const network = networkOr404(params.slug);
  const { user } = await requirePermission(request, "manageMentoring", network);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: reassignSchema });
  const assignment = getAssignment(Number(submission.payload.assignmentId));
  if (!assignment || assignment.networkId !== network.id) throw notFound();
  const form = `reassign-${assignment.id}`;
  if (submission.status !== "success") return invalidForm({ form, result: submission.reply() });
  const { to, note } = submission.value;
  const result = reassign({ assignmentId: assignment.id, moderatorId: user.id, toId: to, note });
  if (!result.ok) {
    const reply = fieldErrorReply(submission, result);
    return json({ form, result: reply }, { status: result.field ? 400 : 409 });
  }
  return redirect(mentoringPath(network.slug, { done: "reassigned" }));
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["queue"][number];

function ManagedItem({ item }: { item: Item }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const id = `reassign-${item.id}`;
  const mine = actionData?.form === id ? actionData.result : undefined;
  const queued = item.mentorId === null;
  return (
    <li className="card assignment">
      <AssignmentSummary item={item} showNetwork={false}>
        <p>
          {queued ? (
            t("mentoring.manage.waitingSince", { date: item.waitingSince })
          ) : (
            <strong>{t("mentoring.thread.assignedTo", { name: item.mentorName })}</strong>
          )}
          {item.acknowledged ? <> · {t("mentoring.thread.acknowledged")}</> : null}
          {item.misses > 0 ? <> · {t("mentoring.manage.misses", { count: item.misses })}</> : null}
        </p>
        {item.explanation ? <p className="muted">{item.explanation}</p> : null}
        {item.note ? <p>{t("mentoring.thread.note", { note: item.note })}</p> : null}
      </AssignmentSummary>
      {item.options.length === 0 ? (
        <p className="muted">{t("mentoring.manage.noOptions")}</p>
      ) : (
        <details open={mine !== undefined}>
          <summary>{queued ? t("mentoring.manage.assign") : t("mentoring.manage.reassign")}</summary>
          <PickMentorForm
            id={id}
            intent="reassign"
            assignmentId={item.id}
            options={item.options}
            lastResult={mine}
            labels={{
              to: t("mentoring.manage.to"),
              choose: t("mentoring.manage.choose"),
              hint: t("mentoring.manage.pickHint"),
              note: t("mentoring.manage.note"),
              submit: queued ? t("mentoring.manage.submitAssign") : t("mentoring.manage.submitReassign"),
            }}
          />
        </details>
      )}
    </li>
  );
}

export default function NetworkMentoring() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const more = (shown: number, total: number) =>
    total > shown ? <p className="muted">{t("mentoring.manage.shownFirst", { shown, total })}</p> : null;
  return (
    <>
      <p className="breadcrumb">
        <Link to={networkPath(data.network.slug)}>{data.network.name}</Link>
      </p>
      <h1>{t("mentoring.manage.heading")}</h1>
      <p className="actions">
        <Link to={reportPath(data.network.slug)}>{t("mentoring.manage.report")}</Link>
        <Link to={membersPath(data.network.slug)}>{t("mentoring.manage.members")}</Link>
      </p>
      {data.done ? (
        <p className="notice" role="status">
          {t("mentoring.manage.done.reassigned")}
        </p>
      ) : null}

      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">
          {t("mentoring.manage.queueHeading")} ({data.counts.queued})
        </h2>
        {data.queue.length === 0 ? <p className="muted">{t("mentoring.manage.queueEmpty")}</p> : null}
        <ol className="assignments">
          {data.queue.map((item) => (
            <ManagedItem key={item.id} item={item} />
          ))}
        </ol>
        {more(data.queue.length, data.counts.queued)}
      </section>

      <section aria-labelledby="open-heading">
        <h2 id="open-heading">
          {t("mentoring.manage.openHeading")} ({data.counts.assigned})
        </h2>
        {data.open.length === 0 ? <p className="muted">{t("mentoring.manage.openEmpty")}</p> : null}
        <ol className="assignments">
          {data.open.map((item) => (
            <ManagedItem key={item.id} item={item} />
          ))}
        </ol>
        {more(data.open.length, data.counts.assigned)}
      </section>

      <section aria-labelledby="mentors-heading">
        <h2 id="mentors-heading">{t("mentoring.manage.mentorsHeading")}</h2>
        {data.mentors.length === 0 ? (
          <p className="muted">{t("mentoring.manage.mentorsEmpty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t("mentoring.manage.name")}</th>
                  <th scope="col">{t("mentoring.manage.load")}</th>
                  <th scope="col">{t("mentoring.manage.status")}</th>
                </tr>
              </thead>
              <tbody>
                {data.mentors.map((m) => (
                  <tr key={m.userId}>
                    <td>
                      <Link to={mentorProfilePath(data.network.slug, m.userId)}>{m.name}</Link>
                      {m.tags.length ? <span className="muted"> · {m.tags.join(", ")}</span> : null}
                    </td>
                    <td>
                      {m.load}
                      {m.overdue > 0 ? (
                        <span className="overdue-text"> · {t("mentoring.manage.overdue", { count: m.overdue })}</span>
                      ) : null}
                    </td>
                    <td>{m.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

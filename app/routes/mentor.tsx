import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/auth.server";
import { ErrorSummary, TextareaField, useErrorText } from "~/components/forms";
import { getLocale, getT } from "~/i18n/i18next.server";
import { AssignmentSummary, PickMentorForm } from "~/mentoring/components";
import { acknowledge, decline, handOff, type HandlingResult } from "~/mentoring/handling.server";
import { mentorOption, presentAssignment, presentEnded } from "~/mentoring/present.server";
import { getAssignment, mentoringRoles, mentorQueue } from "~/mentoring/queues.server";
import { assignmentSchema, declineSchema, handOffSchema } from "~/mentoring/schemas";
import { contextFor } from "~/permissions/context.server";
import { assertCan } from "~/permissions/guards.server";
import { titleMeta } from "~/utils/meta";
import { mentoringPath, mentorProfilePath, mentorQueuePath, networkPath, reportPath } from "~/paths";
import { badRequest, fieldErrorReply, invalidForm, notFound } from "~/http/responses.server";

export const meta = titleMeta;

const DONE = ["acknowledged", "handedOff", "declined"] as const;

/** The mentor's own queue across their networks; a member who mentors nowhere is told how it works. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [t, locale] = await Promise.all([getT(request), getLocale(request)]);
  const now = new Date();
  const roles = mentoringRoles(user.id);
  const { assignments, recent } = mentorQueue(user.id, now);
  const done = new URL(request.url).searchParams.get("done");
  return json({
    title: t("mentoring.queue.heading"),
    userId: user.id,
    isMentor: roles.some((r) => r.mentor),
    networks: roles.map((r) => ({ slug: r.slug, name: r.name, mentor: r.mentor, moderator: r.moderator })),
    assignments: assignments.map((a) => ({
      ...presentAssignment(a, t, locale, now),
      handOffTo: a.handOffTo.map((m) => mentorOption(t, m, "queue")),
    })),
    recent: recent.map((r) => presentEnded(r, t, locale)),
    done: DONE.includes(done as (typeof DONE)[number]) ? (`mentoring.queue.done.${done as (typeof DONE)[number]}` as const) : null,
  });
}

type Replyable = { reply: (options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => SubmissionResult<string[]> };

/** A refusal from the domain: next to its field (400), or for the whole form when the assignment moved on (409). */
function respond(form: string, submission: Replyable, result: HandlingResult, done: string) {
  if (result.ok) return redirect(mentorQueuePath({ done }));
  const reply = fieldErrorReply(submission, result);
  return json({ form, result: reply }, { status: result.field ? 400 : 409 });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (typeof intent !== "string" || !["acknowledge", "handoff", "decline"].includes(intent)) throw badRequest();
  const submission = parseWithZod(formData, { schema: assignmentSchema });
  const assignment = getAssignment(Number(submission.payload.assignmentId));
  if (!assignment) throw notFound();
  assertCan("handleAssignment", {
    ...contextFor(user, { id: assignment.networkId, visibility: assignment.visibility }),
    assignment: { mentorId: assignment.mentorId },
  });
  const form = `${intent}-${assignment.id}`;
  switch (intent) {
    case "handoff":
      return handOffAssignment(formData, form, assignment.id, user.id);
    case "decline":
      return declineAssignment(formData, form, assignment.id, user.id);
    default:
      return respond(form, submission, acknowledge({ assignmentId: assignment.id, mentorId: user.id }), "acknowledged");
  }
}

function handOffAssignment(formData: FormData, form: string, assignmentId: number, fromId: number) {
  const submission = parseWithZod(formData, { schema: handOffSchema });
  if (submission.status !== "success") return invalidForm({ form, result: submission.reply() });
  const { to, note } = submission.value;
  return respond(form, submission, handOff({ assignmentId, fromId, toId: to, note }), "handedOff");
}

function declineAssignment(formData: FormData, form: string, assignmentId: number, mentorId: number) {
  const submission = parseWithZod(formData, { schema: declineSchema });
  if (submission.status !== "success") return invalidForm({ form, result: submission.reply() });
  return respond(form, submission, decline({ assignmentId, mentorId, reason: submission.value.reason }), "declined");
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["assignments"][number];

function DeclineForm({ item }: { item: Item }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const id = `decline-${item.id}`;
  const mine = actionData?.form === id ? actionData.result : undefined;
  const [form, fields] = useForm<{ reason: string; assignmentId: string }>({ id, lastResult: mine, shouldRevalidate: "onBlur" });
  return (
    <details open={mine !== undefined}>
      <summary>{t("mentoring.queue.decline")}</summary>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <ErrorSummary fields={[fields.reason]} formErrors={form.errors} />
        <input type="hidden" name="assignmentId" value={item.id} />
        <TextareaField meta={fields.reason} label={t("mentoring.queue.reason")} hint={t("mentoring.queue.reasonHint")} rows={3} />
        <button type="submit" name="intent" value="decline" className="danger secondary">
          {t("mentoring.queue.declineSubmit")}
        </button>
      </Form>
    </details>
  );
}

function QueueItem({ item }: { item: Item }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const actionData = useActionData<typeof action>();
  const handOffId = `handoff-${item.id}`;
  const handOffResult = actionData?.form === handOffId ? actionData.result : undefined;
  const ackResult = actionData?.form === `acknowledge-${item.id}` ? actionData.result : undefined;
  return (
    <li className="card assignment">
      <AssignmentSummary item={item}>
        {item.explanation ? <p className="muted">{item.explanation}</p> : null}
        {item.note ? <p>{t("mentoring.thread.note", { note: item.note })}</p> : null}
      </AssignmentSummary>
      {ackResult?.error?.[""]?.length ? (
        <p className="field-errors" role="alert">
          {errorText(ackResult.error[""][0]!)}
        </p>
      ) : null}
      {item.acknowledged ? (
        <p className="muted">{t("mentoring.queue.acknowledgedAt", { date: item.acknowledged })}</p>
      ) : (
        <Form method="post">
          <input type="hidden" name="assignmentId" value={item.id} />
          <button type="submit" name="intent" value="acknowledge" className="primary">
            {t("mentoring.queue.acknowledge")}
          </button>
        </Form>
      )}
      <details open={handOffResult !== undefined}>
        <summary>{t("mentoring.queue.handOff")}</summary>
        {item.handOffTo.length ? (
          <PickMentorForm
            id={handOffId}
            intent="handoff"
            assignmentId={item.id}
            options={item.handOffTo}
            lastResult={handOffResult}
            labels={{
              to: t("mentoring.queue.handOffTo"),
              choose: t("mentoring.queue.choose"),
              note: t("mentoring.queue.note"),
              noteHint: t("mentoring.queue.noteHint"),
              submit: t("mentoring.queue.handOffSubmit"),
            }}
          />
        ) : (
          <p className="muted">{t("mentoring.queue.handOffNone")}</p>
        )}
      </details>
      <DeclineForm item={item} />
    </li>
  );
}

export default function MentorQueue() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("mentoring.queue.heading")}</h1>
      {data.done ? (
        <p className="notice" role="status">
          {t(data.done)}
        </p>
      ) : null}
      {data.isMentor ? (
        <>
          <p>{t("mentoring.queue.intro")}</p>
          <h2>{t("mentoring.queue.count", { count: data.assignments.length })}</h2>
          {data.assignments.length === 0 ? <p className="muted">{t("mentoring.queue.empty")}</p> : null}
          <ol className="assignments">
            {data.assignments.map((item) => (
              <QueueItem key={item.id} item={item} />
            ))}
          </ol>
        </>
      ) : (
        <p>{t("mentoring.queue.notMentor")}</p>
      )}
      {data.networks.length ? (
        <section aria-labelledby="my-networks">
          <h2 id="my-networks">{t("mentoring.queue.networks")}</h2>
          <ul className="network-links">
            {data.networks.map((n) => (
              <li key={n.slug}>
                <Link to={networkPath(n.slug)}>{n.name}</Link>:{" "}
                {n.mentor ? (
                  <>
                    <Link to={mentorProfilePath(n.slug, data.userId)}>{t("mentoring.queue.profile")}</Link> ·{" "}
                  </>
                ) : null}
                {n.moderator ? (
                  <>
                    <Link to={mentoringPath(n.slug)}>{t("mentoring.queue.manage")}</Link> ·{" "}
                  </>
                ) : null}
                <Link to={reportPath(n.slug)}>{t("mentoring.queue.report")}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data.recent.length ? (
        <section aria-labelledby="recent">
          <h2 id="recent">{t("mentoring.queue.recent")}</h2>
          <ul className="plain-list">
            {data.recent.map((r) => (
              <li key={r.id}>
                <Link to={r.threadPath}>{r.title}</Link> <span className="muted">— {r.text}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

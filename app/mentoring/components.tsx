/** Pieces the mentoring pages share: an assignment's summary, the pick-a-mentor form, the thread-page note. */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, SelectField, TextareaField } from "~/components/forms";
import { TagList } from "~/components/thread-list";
import type { PresentedAssignment } from "./present.server";
import type { ThreadMentoringNote } from "./thread-note.server";
import { mentoringPath, mentorQueuePath, networkPath } from "~/paths";

/** Title, network, who asked, tags and the deadline; overdue is said in words, not only in colour. */
export function AssignmentSummary({
  item,
  showNetwork = true,
  children,
}: {
  item: PresentedAssignment;
  showNetwork?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h3>
        {item.overdue ? <span className="badge overdue">{t("mentoring.queue.overdue")}</span> : null}{" "}
        <Link to={item.threadPath}>{item.title}</Link>
      </h3>
      <p className="muted assignment-meta">
        {showNetwork ? (
          <>
            <Link to={networkPath(item.networkSlug)}>{item.networkName}</Link> ·{" "}
          </>
        ) : null}
        {t("mentoring.queue.asked", { name: item.askerName, date: item.asked })} · {t("network.answers", { count: item.answerCount })}
      </p>
      <TagList tags={item.tags} networkSlug={item.networkSlug} />
      {item.deadline ? (
        <p className={item.overdue ? "deadline overdue" : "deadline"}>
          <strong>{t("mentoring.queue.due", { deadline: item.deadline })}</strong>
          {item.overdueBy ? <> — {t("mentoring.queue.overdueBy", { time: item.overdueBy })}</> : null}
        </p>
      ) : null}
      {children}
    </>
  );
}

type PickFormProps = {
  id: string;
  intent: string;
  assignmentId: number;
  options: { value: string; label: string }[];
  lastResult: SubmissionResult<string[]> | undefined;
  labels: { to: string; choose: string; note: string; noteHint?: string; submit: string; hint?: string };
};

/** Choose a mentor and leave a note: a mentor's hand-off, a moderator's (re)assignment. */
export function PickMentorForm({ id, intent, assignmentId, options, lastResult, labels }: PickFormProps) {
  const [form, fields] = useForm<{ to: string; note: string; assignmentId: string }>({ id, lastResult, shouldRevalidate: "onBlur" });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <ErrorSummary fields={[fields.to, fields.note]} formErrors={form.errors} />
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <SelectField meta={fields.to} label={labels.to} hint={labels.hint} options={options} placeholder={labels.choose} />
      <TextareaField meta={fields.note} label={labels.note} hint={labels.noteHint} rows={3} />
      <button type="submit" name="intent" value={intent} className="secondary">
        {labels.submit}
      </button>
    </Form>
  );
}

/** The mentoring line on a thread page; what it says depends on who reads (thread-note.server.ts). */
export function ThreadMentoring({ note }: { note: ThreadMentoringNote | null }) {
  const { t } = useTranslation();
  if (!note) return null;
  if (note.for === "asker") {
    return (
      <p className="mentoring-note" role="note">
        {note.queued
          ? t("mentoring.thread.askerQueued")
          : note.deadline
            ? t("mentoring.thread.askerWaiting", { deadline: note.deadline })
            : t("mentoring.thread.askerSoon")}
      </p>
    );
  }
  if (note.for === "mentor") {
    return (
      <p className={note.overdue ? "mentoring-note overdue" : "mentoring-note"} role="note">
        {note.overdue ? t("mentoring.thread.mentorOverdue") : t("mentoring.thread.mentorYours", { deadline: note.deadline })}{" "}
        <Link to={mentorQueuePath()}>{t("mentoring.thread.mentorQueue")}</Link>
      </p>
    );
  }
  return (
    <aside className="mentoring-note" aria-label={t("mentoring.thread.label")}>
      {note.mentorName || note.queued ? (
        <p>
          {note.mentorName ? (
            <>
              <strong>{t("mentoring.thread.assignedTo", { name: note.mentorName })}</strong>
              {note.deadline ? <> · {t("mentoring.thread.due", { deadline: note.deadline })}</> : null}
              {note.overdue ? (
                <>
                  {" "}
                  · <span className="badge overdue">{t("mentoring.thread.overdue")}</span>
                </>
              ) : null}
              {note.acknowledged ? <> · {t("mentoring.thread.acknowledged")}</> : null}
            </>
          ) : (
            <strong>{t("mentoring.thread.queued")}</strong>
          )}
        </p>
      ) : null}
      {note.explanation ? <p className="muted">{note.explanation}</p> : null}
      {note.note ? <p className="muted">{t("mentoring.thread.note", { note: note.note })}</p> : null}
      <details>
        <summary>{t("mentoring.thread.history")}</summary>
        <ol className="history">
          {note.history.map((h) => (
            <li key={h.id}>
              {h.when} — {h.mentorName ?? t("mentoring.manage.queueHeading")}: {h.status}
              {h.note ? (
                <>
                  {" "}
                  — <q>{h.note}</q>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      </details>
      <p>
        <Link to={mentoringPath(note.networkSlug)}>{t("mentoring.thread.manage")}</Link>
      </p>
    </aside>
  );
}

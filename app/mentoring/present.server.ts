/**
 * Assignment rows as the mentor queue and the moderators' screen print them: dates and
 * deadlines in words, in the reader's language and the question's network zone.
 */
import type { TFunction } from "i18next";
import { formatDate, formatDateTime } from "~/utils/dates";
import { explain, formatDeadline, formatDuration, statusText } from "./present";
import type { AssignmentRow, MentorLoad, MentorOption } from "./queues.server";
import { threadPath } from "~/paths";

export function presentAssignment(row: AssignmentRow, t: TFunction, locale: string, now: Date) {
  const overdueMs = row.deadlineAt ? now.getTime() - row.deadlineAt.getTime() : -1;
  return {
    id: row.id,
    threadPath: threadPath({ id: row.threadId, slug: row.slug }),
    title: row.title,
    networkSlug: row.networkSlug,
    networkName: row.networkName,
    askerId: row.askerId,
    askerName: row.askerName,
    asked: formatDateTime(row.threadCreatedAt, locale, row.timeZone),
    waitingSince: formatDateTime(row.assignedAt, locale, row.timeZone),
    answerCount: row.answerCount,
    tags: row.tags,
    mentorId: row.mentorId,
    mentorName: row.mentorName,
    deadline: row.deadlineAt ? formatDeadline(t, locale, row.deadlineAt, now, row.timeZone) : null,
    deadlineIso: row.deadlineAt?.toISOString() ?? null,
    overdue: overdueMs >= 0,
    overdueBy: overdueMs >= 0 ? formatDuration(t, overdueMs) : null,
    acknowledged: row.acknowledgedAt ? formatDateTime(row.acknowledgedAt, locale, row.timeZone) : null,
    explanation: explain(t, row.explanation, row.byName),
    note: row.note,
    misses: row.misses,
  };
}

export type PresentedAssignment = ReturnType<typeof presentAssignment>;

export function presentEnded(
  row: Pick<AssignmentRow, "id" | "threadId" | "slug" | "title" | "networkName" | "timeZone" | "status" | "endedAt">,
  t: TFunction,
  locale: string,
) {
  return {
    id: row.id,
    threadPath: threadPath({ id: row.threadId, slug: row.slug }),
    title: row.title,
    networkName: row.networkName,
    text: t("mentoring.queue.ended", {
      status: statusText(t, row.status),
      date: row.endedAt ? formatDateTime(row.endedAt, locale, row.timeZone) : "",
    }),
  };
}

/** A mentor as an option of a hand-off or reassign form, with their load in the label. */
export function mentorOption(t: TFunction, mentor: MentorOption, form: "queue" | "manage") {
  const values = { name: mentor.name, open: mentor.open, capacity: mentor.capacity };
  const key = form === "manage" && mentor.away ? "mentoring.manage.optionAway" : (`mentoring.${form}.optionLoad` as const);
  return { value: String(mentor.userId), label: t(key, values) };
}

export function presentLoad(load: MentorLoad, t: TFunction, locale: string, timeZone: string) {
  return {
    userId: load.userId,
    name: load.name,
    tags: load.tags,
    load: t("mentoring.manage.loadValue", { open: load.open, capacity: load.capacity }),
    full: load.open >= load.capacity,
    overdue: load.overdue,
    status:
      load.away && load.awayUntil
        ? t("mentoring.manage.awayThrough", { date: formatDate(new Date(load.awayUntil.getTime() - 1), locale, timeZone) })
        : t("mentoring.manage.present"),
  };
}

/**
 * The mentoring line on a thread page, different for each reader: moderators see who has
 * the question, why, until when, and its history; the assigned mentor sees their deadline;
 * the asker is told softly when to expect an answer; everyone else sees nothing.
 */
import { instanceFor } from "~/i18n/i18next.server";
import { isLocale, fallbackLanguage } from "~/i18n/i18n";
import { can, type Context } from "~/permissions/permissions";
import { formatDateTime } from "~/utils/dates";
import { explain, formatDeadline, statusText } from "./present";
import { threadAssignments } from "./queues.server";

export type ThreadMentoringNote =
  | {
      for: "moderator";
      networkSlug: string;
      queued: boolean;
      mentorName: string | null;
      deadline: string | null;
      overdue: boolean;
      acknowledged: boolean;
      explanation: string;
      note: string | null;
      history: Array<{ id: number; when: string; mentorName: string | null; status: string; note: string | null }>;
    }
  | { for: "mentor"; deadline: string; overdue: boolean; acknowledged: boolean }
  | { for: "asker"; deadline: string | null; queued: boolean };

export function threadMentoringNote(
  thread: { id: number; authorId: number; kind: "question" | "discussion" },
  network: { slug: string; timeZone: string },
  context: Context,
  locale: string,
  now = new Date(),
): ThreadMentoringNote | null {
  const actor = context.actor;
  if (thread.kind !== "question" || !actor) return null;
  const moderator = can("manageMentoring", context);
  const { open, history } = threadAssignments(thread.id);
  if (!moderator && !open) return null;
  const lng = isLocale(locale) ? locale : fallbackLanguage;
  const t = instanceFor(lng).getFixedT(lng);
  const deadline = open?.deadlineAt ? formatDeadline(t, lng, open.deadlineAt, now, network.timeZone) : null;
  const overdue = open?.deadlineAt ? open.deadlineAt.getTime() <= now.getTime() : false;
  if (moderator) {
    if (history.length === 0) return null;
    return {
      for: "moderator",
      networkSlug: network.slug,
      queued: open !== null && open.mentorId === null,
      mentorName: open?.mentorName ?? null,
      deadline,
      overdue,
      acknowledged: open?.acknowledgedAt != null,
      explanation: open ? explain(t, open.explanation, open.byName) : "",
      note: open?.note ?? null,
      history: history.map((h) => ({
        id: h.id,
        when: formatDateTime(h.assignedAt, lng, network.timeZone),
        mentorName: h.mentorName,
        status: statusText(t, h.status),
        note: h.note,
      })),
    };
  }
  if (open!.mentorId === actor.id && deadline) {
    return { for: "mentor", deadline, overdue, acknowledged: open!.acknowledgedAt !== null };
  }
  if (thread.authorId === actor.id) {
    return { for: "asker", deadline: overdue ? null : deadline, queued: open!.mentorId === null };
  }
  return null;
}

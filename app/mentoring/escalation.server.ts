/**
 * The deadline sweep, run every minute by the server process (boot.server.ts) with the
 * clock passed in. Every step is a conditional update whose `changes` decide who acts,
 * so two sweeps at once (two processes, or an overlap) and a sweep after a restart
 * neither double-assign nor lose an escalation: the state lives in the rows, not in memory.
 */
import { and, eq, isNotNull, lte, sql } from "drizzle-orm";
import { getDb, schema } from "../../db/index";
import { notify } from "~/notifications/notifications.server";
import { assignAutomatically, formerMentors, moderatorsOf, openAssignment } from "./assign.server";
import { HOUR_MS } from "~/utils/zoned-time";

const { mentorAssignments, threads } = schema;

/** The mentor hears two hours ahead: enough to answer between two lessons. */
export const WARN_BEFORE_MS = 2 * HOUR_MS;
/** After the second missed deadline a person, not the rule, decides. */
export const MAX_MISSES = 2;
/**
 * Each escalation is its own small transaction (a poison row cannot block the rest). The
 * sweep runs on the server's one thread, so after a long outage it stops once this much time
 * is spent and the next minute takes the remainder: pages stay responsive meanwhile.
 */
export const SWEEP_BUDGET_MS = 250;
/** How many overdue rows one sweep reads at most; more than the budget ever gets through. */
const DUE_BATCH = 1_000;

/**
 * "Deadline in 2 hours", at most once per assignment: one INSERT … SELECT guarded by
 * NOT EXISTS, the same shape as the accept reminder.
 */
export function warnDeadlines(now: Date): number {
  const soon = now.getTime() + WARN_BEFORE_MS;
  return getDb().run(sql`
    insert into notifications (user_id, kind, thread_id, data, created_at)
    select a.mentor_id, 'deadline_soon', a.thread_id,
      json_object('assignmentId', a.id, 'deadline', a.deadline_at), ${now.getTime()}
    from mentor_assignments a
    where a.status = 'open' and a.mentor_id is not null
      and a.deadline_at > ${now.getTime()} and a.deadline_at <= ${soon}
      and not exists (
        select 1 from notifications n
        where n.thread_id = a.thread_id and n.kind = 'deadline_soon'
          and json_extract(n.data, '$.assignmentId') = a.id)
  `).changes;
}

type Due = { id: number; threadId: number; networkId: number; mentorId: number };

/**
 * One overdue assignment: marked missed (only if still open — otherwise another sweep or an
 * answer got there first and nothing happens), then the next eligible mentor, never one who
 * already had it; after two misses, the moderators' queue. The earlier mentor and the
 * network's moderators are told. Returns whether this call did the escalation.
 */
export function escalate(due: Due, now: Date): boolean {
  // IMMEDIATE: the write lock is taken at BEGIN, so what is read below is the latest state.
  return getDb().transaction(
    (tx) => {
      const thread = tx
        .select({
          authorId: threads.authorId,
          deletedAt: threads.deletedAt,
          lockedAt: threads.lockedAt,
          acceptedPostId: threads.acceptedPostId,
        })
        .from(threads)
        .where(eq(threads.id, due.threadId))
        .get();
      // A question that is gone, locked or already solved needs nobody: closed, not counted as a miss.
      const needless = !thread || thread.deletedAt !== null || thread.lockedAt !== null || thread.acceptedPostId !== null;
      const changed = tx
        .update(mentorAssignments)
        .set({ status: needless ? "closed" : "missed", endedAt: now })
        .where(and(eq(mentorAssignments.id, due.id), eq(mentorAssignments.status, "open")))
        .run();
      if (changed.changes !== 1 || needless) return false;
      const { misses } = formerMentors(tx, due.threadId);
      let toId: number | null = null;
      if (misses >= MAX_MISSES) {
        openAssignment(tx, {
          threadId: due.threadId,
          networkId: due.networkId,
          mentorId: null,
          explanation: { reason: "missed", queue: "misses" },
          deadline: null,
          now,
        });
      } else {
        toId = assignAutomatically(tx, {
          threadId: due.threadId,
          networkId: due.networkId,
          askerId: thread.authorId,
          reason: "missed",
          now,
        });
      }
      const data = { assignmentId: due.id, fromId: due.mentorId, toId, misses };
      notify(tx, [
        { userId: due.mentorId, kind: "reassigned", threadId: due.threadId, data: { ...data, reason: "missed" }, createdAt: now },
        ...moderatorsOf(tx, due.networkId)
          .filter((id) => id !== due.mentorId)
          .map((userId) => ({ userId, kind: "escalated" as const, threadId: due.threadId, data, createdAt: now })),
      ]);
      return true;
    },
    { behavior: "immediate" },
  );
}

/** Assignments whose deadline has passed, oldest deadline first. */
export function dueAssignments(now: Date, limit = DUE_BATCH): Due[] {
  return getDb()
    .select({
      id: mentorAssignments.id,
      threadId: mentorAssignments.threadId,
      networkId: mentorAssignments.networkId,
      mentorId: mentorAssignments.mentorId,
    })
    .from(mentorAssignments)
    .where(and(eq(mentorAssignments.status, "open"), isNotNull(mentorAssignments.mentorId), lte(mentorAssignments.deadlineAt, now)))
    .orderBy(mentorAssignments.deadlineAt, mentorAssignments.id)
    .limit(limit)
    .all() as Due[];
}

/** `more`: the time budget ran out with overdue assignments left; call again after yielding. */
export type SweepResult = { warned: number; escalated: number; more: boolean };

export function sweepDeadlines(now: Date, budgetMs = SWEEP_BUDGET_MS): SweepResult {
  const started = performance.now();
  const warned = warnDeadlines(now);
  const due = dueAssignments(now);
  let escalated = 0;
  let done = 0;
  for (const row of due) {
    if (escalate(row, now)) escalated += 1;
    done += 1;
    if (performance.now() - started > budgetMs) break;
  }
  return { warned, escalated, more: done < due.length || due.length === DUE_BATCH };
}

/**
 * Every warning and escalation due at `now`, however long it takes: for callers where no page
 * waits on the thread (the demo's history at first start, the tests). The timer in
 * boot.server.ts keeps the time-boxed slices instead.
 */
export function sweepAllDeadlines(now: Date): SweepResult {
  const total: SweepResult = { warned: 0, escalated: 0, more: false };
  for (;;) {
    const { warned, escalated, more } = sweepDeadlines(now, Number.POSITIVE_INFINITY);
    total.warned += warned;
    total.escalated += escalated;
    if (!more) return total;
  }
}

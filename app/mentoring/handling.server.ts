/**
 * What a mentor does with an assignment (acknowledge, hand off, decline) and what a
 * moderator does by hand (reassign). The caller has checked the permission; each function
 * is one IMMEDIATE transaction whose conditional update on `status = 'open'` makes a stale
 * form (the sweep or a colleague got there first) a clear refusal instead of a double change.
 */
import { and, eq } from "drizzle-orm";
import { getDb, schema, type Tx } from "../../db/index";
import { notify } from "~/notifications/notifications.server";
import { assignAutomatically, claimSlot, mentorCandidates, openAssignment, questionTagsOf, responseHours } from "./assign.server";
import { hasRoom, isAway } from "./choice";
import { HOUR_MS } from "~/utils/zoned-time";
import { deadlineFrom } from "./deadlines";
import type { MessageKey } from "~/i18n/keys";

const { mentorAssignments, threads, memberships } = schema;

/**
 * A hand-off or a decline does not restart the asker's clock, but the next mentor gets
 * at least this long: half a school day.
 */
export const HANDOFF_MIN_MS = 4 * HOUR_MS;

export type HandlingResult = { ok: true } | { ok: false; field?: "to"; error: MessageKey };

const NOT_OPEN = { ok: false, error: "mentoring.errors.notOpen" } as const;

function immediate<T>(fn: (tx: Tx) => T): T {
  return getDb().transaction(fn, { behavior: "immediate" });
}

function openRow(tx: Tx, assignmentId: number) {
  return tx
    .select()
    .from(mentorAssignments)
    .where(and(eq(mentorAssignments.id, assignmentId), eq(mentorAssignments.status, "open")))
    .get();
}

/** Ends the assignment if it is still open; false when someone else already changed it. */
function end(tx: Tx, assignmentId: number, status: "handed_off" | "declined" | "reassigned", now: Date, note?: string): boolean {
  return (
    tx
      .update(mentorAssignments)
      .set({ status, endedAt: now, ...(note === undefined ? {} : { note }) })
      .where(and(eq(mentorAssignments.id, assignmentId), eq(mentorAssignments.status, "open")))
      .run().changes === 1
  );
}

function keptDeadline(previous: Date | null, now: Date): Date {
  const floor = now.getTime() + HANDOFF_MIN_MS;
  return new Date(Math.max(previous?.getTime() ?? 0, floor));
}

/** "I've seen it and I'm on it": the asker and moderators see the question is in hand. */
export function acknowledge(input: { assignmentId: number; mentorId: number }, now = new Date()): HandlingResult {
  const result = getDb()
    .update(mentorAssignments)
    .set({ acknowledgedAt: now })
    .where(
      and(
        eq(mentorAssignments.id, input.assignmentId),
        eq(mentorAssignments.mentorId, input.mentorId),
        eq(mentorAssignments.status, "open"),
      ),
    )
    .run();
  return result.changes === 1 ? { ok: true } : NOT_OPEN;
}

/** To a colleague of the same network who could take it automatically: not away, with room, not the asker. */
export function handOff(input: { assignmentId: number; fromId: number; toId: number; note: string }, now = new Date()): HandlingResult {
  return immediate((tx): HandlingResult => {
    const row = openRow(tx, input.assignmentId);
    if (!row || row.mentorId !== input.fromId) return NOT_OPEN;
    const thread = tx.select({ authorId: threads.authorId }).from(threads).where(eq(threads.id, row.threadId)).get()!;
    const target = mentorCandidates(tx, row.networkId, now).find((c) => c.userId === input.toId);
    if (!target || target.userId === input.fromId || target.userId === thread.authorId || isAway(target, now) || !hasRoom(target)) {
      return { ok: false, field: "to", error: "mentoring.errors.notEligible" };
    }
    if (!claimSlot(tx, target.userId, row.networkId, now)) return { ok: false, field: "to", error: "mentoring.errors.notEligible" };
    end(tx, row.id, "handed_off", now, input.note);
    const theirs = new Set(target.tagIds);
    openAssignment(tx, {
      threadId: row.threadId,
      networkId: row.networkId,
      mentorId: target.userId,
      explanation: {
        reason: "handoff",
        byId: input.fromId,
        matched: questionTagsOf(tx, row.threadId)
          .filter((t) => theirs.has(t.id))
          .map((t) => t.name),
        open: target.open,
        capacity: target.capacity,
      },
      note: input.note,
      deadline: keptDeadline(row.deadlineAt, now),
      now,
    });
    return { ok: true };
  });
}

/** With a reason; the question goes to the next eligible mentor at once, or to the moderators' queue. */
export function decline(input: { assignmentId: number; mentorId: number; reason: string }, now = new Date()): HandlingResult {
  return immediate((tx): HandlingResult => {
    const row = openRow(tx, input.assignmentId);
    if (!row || row.mentorId !== input.mentorId) return NOT_OPEN;
    const thread = tx.select({ authorId: threads.authorId }).from(threads).where(eq(threads.id, row.threadId)).get()!;
    end(tx, row.id, "declined", now, input.reason);
    assignAutomatically(tx, {
      threadId: row.threadId,
      networkId: row.networkId,
      askerId: thread.authorId,
      reason: "declined",
      deadline: keptDeadline(row.deadlineAt, now),
      now,
    });
    return { ok: true };
  });
}

/**
 * A moderator's choice overrides the rule: any mentor of the network but the asker, even
 * one at capacity or away (the moderator sees their load on the form and knows why).
 * The new mentor gets the network's full first-response time.
 */
export function reassign(
  input: { assignmentId: number; moderatorId: number; toId: number; note: string },
  now = new Date(),
): HandlingResult {
  return immediate((tx): HandlingResult => {
    const row = openRow(tx, input.assignmentId);
    if (!row) return NOT_OPEN;
    if (row.mentorId === input.toId) return { ok: false, field: "to", error: "mentoring.errors.sameMentor" };
    const thread = tx.select({ authorId: threads.authorId }).from(threads).where(eq(threads.id, row.threadId)).get()!;
    const isMentor = tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.userId, input.toId), eq(memberships.networkId, row.networkId), eq(memberships.isMentor, true)))
      .get();
    if (!isMentor || input.toId === thread.authorId) return { ok: false, field: "to", error: "mentoring.errors.notEligible" };
    end(tx, row.id, "reassigned", now);
    claimSlot(tx, input.toId, row.networkId, now, true);
    openAssignment(tx, {
      threadId: row.threadId,
      networkId: row.networkId,
      mentorId: input.toId,
      explanation: { reason: "moderator", byId: input.moderatorId },
      note: input.note || null,
      deadline: deadlineFrom(now, responseHours(tx, row.networkId)),
      now,
    });
    if (row.mentorId !== null) {
      notify(tx, [
        {
          userId: row.mentorId,
          kind: "reassigned",
          threadId: row.threadId,
          data: { assignmentId: row.id, reason: "moderator", byId: input.moderatorId, toId: input.toId },
          createdAt: now,
        },
      ]);
    }
    return { ok: true };
  });
}

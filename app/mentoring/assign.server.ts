/**
 * Giving a question to a mentor, inside the caller's transaction: on posting, after a
 * missed deadline, a decline or a hand-off. The choice itself is choice.ts; here the
 * candidates are loaded, a slot is claimed with a conditional update (so two questions
 * posted at once never push one mentor past capacity, even from two processes), the
 * assignment row is written with its explanation, and the people concerned are told.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { RunResult } from "better-sqlite3";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { schema, type Tx } from "../../db/index";
import { notify } from "~/notifications/notifications.server";
import { courseCircleOf } from "~/courses/circle.server";
import { rankMentors, type Candidate, type CourseTie, type QuestionTag } from "./choice";
import { deadlineFrom, FIRST_RESPONSE_HOURS } from "./deadlines";

/** A transaction or the connection itself: reads work on either. */
export type Queryable = BaseSQLiteDatabase<"sync", RunResult, typeof schema>;

const { mentorAssignments, mentorProfiles, memberships, networks } = schema;

/** Also the schema's default: a mentor made by a moderator can take questions at once. */
export const DEFAULT_CAPACITY = 5;

export type AssignmentReason = "new" | "missed" | "declined" | "handoff" | "moderator" | "picked";

/** Why this mentor (or nobody): stored as JSON, shown to moderators in their language. */
export type Explanation = {
  reason: AssignmentReason;
  /** Tags the question and the mentor share (automatic choices). */
  matched?: string[];
  /** The mentor's load when chosen: open assignments before this one, of their capacity. */
  open?: number;
  capacity?: number;
  /** The mentor who handed off, or the moderator who assigned. */
  byId?: number;
  /** Set when nobody was assigned: no eligible mentor, or the deadline was missed twice. */
  queue?: "none" | "misses";
  /** A course question given to one of the course's people: its curator, or a mentor enrolled in it. */
  course?: CourseTie;
};

export function parseExplanation(raw: string | null): Explanation | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Explanation;
  } catch {
    return null;
  }
}

/** The network's mentors who may take questions now: active accounts, not silenced there. */
export function mentorCandidates(db: Queryable, networkId: number, now: Date): Candidate[] {
  const rows = db.all<{
    user_id: number;
    name: string;
    capacity: number;
    away_until: number | null;
    last_assigned_at: number | null;
    open: number;
  }>(sql`
    select m.user_id, u.display_name as name, coalesce(p.capacity, ${DEFAULT_CAPACITY}) as capacity,
      p.away_until, p.last_assigned_at,
      (select count(*) from mentor_assignments a
        where a.mentor_id = m.user_id and a.network_id = m.network_id and a.status = 'open') as open
    from memberships m
    join users u on u.id = m.user_id
    left join mentor_profiles p on p.user_id = m.user_id and p.network_id = m.network_id
    where m.network_id = ${networkId} and m.is_mentor = 1
      and (u.suspended_until is null or u.suspended_until <= ${now.getTime()})
      and (m.silenced_until is null or m.silenced_until <= ${now.getTime()})`);
  const tags = db
    .select({ userId: schema.mentorTags.userId, tagId: schema.mentorTags.tagId })
    .from(schema.mentorTags)
    .where(eq(schema.mentorTags.networkId, networkId))
    .all();
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    tagIds: tags.filter((t) => t.userId === r.user_id).map((t) => t.tagId),
    capacity: r.capacity,
    open: r.open,
    awayUntil: r.away_until === null ? null : new Date(r.away_until),
    lastAssignedAt: r.last_assigned_at === null ? null : new Date(r.last_assigned_at),
  }));
}

export function questionTagsOf(db: Queryable, threadId: number): QuestionTag[] {
  return db
    .select({ id: schema.tags.id, name: schema.tags.name })
    .from(schema.threadTags)
    .innerJoin(schema.tags, eq(schema.tags.id, schema.threadTags.tagId))
    .where(eq(schema.threadTags.threadId, threadId))
    .all();
}

export function responseHours(db: Queryable, networkId: number): number {
  return (
    db.select({ hours: networks.firstResponseHours }).from(networks).where(eq(networks.id, networkId)).get()?.hours ?? FIRST_RESPONSE_HOURS
  );
}

export function moderatorsOf(db: Queryable, networkId: number): number[] {
  return db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.networkId, networkId), eq(memberships.isModerator, true)))
    .all()
    .map((m) => m.id);
}

/** Mentors who had this question and let it go: never chosen for it again automatically. */
export function formerMentors(db: Queryable, threadId: number): { ids: number[]; misses: number } {
  const rows = db
    .select({ mentorId: mentorAssignments.mentorId, status: mentorAssignments.status })
    .from(mentorAssignments)
    .where(and(eq(mentorAssignments.threadId, threadId), inArray(mentorAssignments.status, ["missed", "declined", "handed_off"])))
    .all();
  return {
    ids: rows.flatMap((r) => (r.mentorId === null ? [] : [r.mentorId])),
    misses: rows.filter((r) => r.status === "missed").length,
  };
}

/**
 * Takes one of the mentor's slots: the UPDATE only happens while their open count in the
 * network is under capacity, evaluated under the write lock, so a concurrent assignment
 * that got there first makes it change nothing. A moderator may assign past capacity (force).
 */
export function claimSlot(tx: Tx, mentorId: number, networkId: number, now: Date, force = false): boolean {
  tx.insert(mentorProfiles).values({ userId: mentorId, networkId }).onConflictDoNothing().run();
  const result = tx.run(sql`
    update mentor_profiles set last_assigned_at = ${now.getTime()}
    where user_id = ${mentorId} and network_id = ${networkId}
      and (${force ? 1 : 0} = 1 or (select count(*) from mentor_assignments a
        where a.mentor_id = ${mentorId} and a.network_id = ${networkId} and a.status = 'open') < capacity)`);
  return result.changes === 1;
}

type OpenInput = {
  threadId: number;
  networkId: number;
  mentorId: number | null;
  explanation: Explanation;
  note?: string | null;
  deadline: Date | null;
  now: Date;
  /** A moderator who asked the question is not told that it needs a mentor. */
  askerId?: number;
};

/** Writes the open assignment and tells the mentor, or the moderators when nobody was found. */
export function openAssignment(tx: Tx, input: OpenInput): number {
  const { id } = tx
    .insert(mentorAssignments)
    .values({
      threadId: input.threadId,
      networkId: input.networkId,
      mentorId: input.mentorId,
      status: "open",
      explanation: JSON.stringify(input.explanation),
      note: input.note ?? null,
      assignedAt: input.now,
      deadlineAt: input.mentorId === null ? null : input.deadline,
    })
    .returning({ id: mentorAssignments.id })
    .get();
  const data = { assignmentId: id, reason: input.explanation.reason, byId: input.explanation.byId, deadline: input.deadline?.getTime() };
  if (input.mentorId !== null) {
    notify(tx, [{ userId: input.mentorId, kind: "assigned", threadId: input.threadId, data, createdAt: input.now }]);
  } else if (input.explanation.queue === "none") {
    // Two misses are announced as an escalation already; this is the other way into the queue.
    notify(
      tx,
      moderatorsOf(tx, input.networkId)
        .filter((userId) => userId !== input.askerId)
        .map((userId) => ({ userId, kind: "needs_mentor" as const, threadId: input.threadId, data, createdAt: input.now })),
    );
  }
  return id;
}

type AutoInput = {
  threadId: number;
  networkId: number;
  askerId: number;
  reason: Extract<AssignmentReason, "new" | "missed" | "declined">;
  now: Date;
  /** Defaults to now plus the network's first-response hours. */
  deadline?: Date;
};

/** The best eligible mentor who still has room, or the moderators' queue. Returns the mentor's id or null. */
export function assignAutomatically(tx: Tx, input: AutoInput): number | null {
  const former = formerMentors(tx, input.threadId);
  const deadline = input.deadline ?? deadlineFrom(input.now, responseHours(tx, input.networkId));
  const ranked = rankMentors({
    candidates: mentorCandidates(tx, input.networkId, input.now),
    questionTags: questionTagsOf(tx, input.threadId),
    askerId: input.askerId,
    exclude: former.ids,
    now: input.now,
    course: courseCircleOf(tx, input.threadId),
  });
  for (const { mentor, matched, course } of ranked) {
    if (!claimSlot(tx, mentor.userId, input.networkId, input.now)) continue;
    const explanation: Explanation = {
      reason: input.reason,
      matched,
      open: mentor.open,
      capacity: mentor.capacity,
      ...(course ? { course } : {}),
    };
    openAssignment(tx, { ...input, mentorId: mentor.userId, explanation, deadline });
    return mentor.userId;
  }
  openAssignment(tx, { ...input, mentorId: null, explanation: { reason: input.reason, queue: "none" }, deadline: null });
  return null;
}

/** A new question (not a discussion) gets its mentor in the transaction that creates it. */
export function assignOnPost(tx: Tx, thread: { threadId: number; networkId: number; askerId: number }, now: Date): number | null {
  return assignAutomatically(tx, { ...thread, reason: "new", now });
}

/**
 * An answer in the thread: from the assigned mentor it meets the assignment; from another
 * mentor of the network it takes a question waiting in the moderators' queue off the queue.
 */
export function meetOnAnswer(tx: Tx, threadId: number, authorId: number, now: Date): void {
  tx.update(mentorAssignments)
    .set({ status: "met", endedAt: now })
    .where(and(eq(mentorAssignments.threadId, threadId), eq(mentorAssignments.status, "open"), eq(mentorAssignments.mentorId, authorId)))
    .run();
  tx.run(sql`
    update mentor_assignments
    set status = 'met', ended_at = ${now.getTime()}, mentor_id = ${authorId},
      explanation = ${JSON.stringify({ reason: "picked" } satisfies Explanation)}
    where thread_id = ${threadId} and status = 'open' and mentor_id is null
      and exists (select 1 from memberships m where m.user_id = ${authorId} and m.network_id = mentor_assignments.network_id and m.is_mentor = 1)
      and not exists (select 1 from threads t where t.id = ${threadId} and t.author_id = ${authorId})`);
}

/** An accepted answer, from anyone, settles whatever assignment is open. */
export function meetOnAccept(tx: Tx, threadId: number, now: Date): void {
  tx.update(mentorAssignments)
    .set({ status: "met", endedAt: now })
    .where(and(eq(mentorAssignments.threadId, threadId), eq(mentorAssignments.status, "open")))
    .run();
}

/** The thread's open assignment, if any (a thread has at most one). */
export function openAssignmentOf(db: Queryable, threadId: number) {
  return db
    .select()
    .from(mentorAssignments)
    .where(and(eq(mentorAssignments.threadId, threadId), eq(mentorAssignments.status, "open")))
    .get();
}

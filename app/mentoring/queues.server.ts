/**
 * The lists people work from: a mentor's queue across their networks, a network's open
 * assignments and "needs a mentor" queue for its moderators, and the mentoring line on a
 * thread page. Reads only; the changes are in handling.server.ts.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb, schema } from "../../db/index";
import { DEFAULT_CAPACITY, mentorCandidates, parseExplanation, type Explanation } from "./assign.server";
import { hasRoom, isAway } from "./choice";

const { mentorAssignments, threads, networks, users, memberships, mentorProfiles, threadTags, tags } = schema;
const askers = alias(users, "askers");
const mentors = alias(users, "mentors");
const byUsers = alias(users, "by_users");

/** A screenful for moderators; a network with more open assignments than this has bigger problems. */
export const MODERATOR_LIST_LIMIT = 100;
const RECENT_LIMIT = 10;

const rowColumns = {
  id: mentorAssignments.id,
  threadId: threads.id,
  title: threads.title,
  slug: threads.slug,
  askerId: threads.authorId,
  askerName: askers.displayName,
  threadCreatedAt: threads.createdAt,
  answerCount: threads.answerCount,
  networkId: networks.id,
  networkSlug: networks.slug,
  networkName: networks.name,
  timeZone: networks.timeZone,
  mentorId: mentorAssignments.mentorId,
  mentorName: mentors.displayName,
  status: mentorAssignments.status,
  assignedAt: mentorAssignments.assignedAt,
  deadlineAt: mentorAssignments.deadlineAt,
  acknowledgedAt: mentorAssignments.acknowledgedAt,
  endedAt: mentorAssignments.endedAt,
  explanationRaw: mentorAssignments.explanation,
  note: mentorAssignments.note,
  byName: byUsers.displayName,
};

function baseQuery() {
  return getDb()
    .select(rowColumns)
    .from(mentorAssignments)
    .innerJoin(threads, eq(threads.id, mentorAssignments.threadId))
    .innerJoin(networks, eq(networks.id, mentorAssignments.networkId))
    .innerJoin(askers, eq(askers.id, threads.authorId))
    .leftJoin(mentors, eq(mentors.id, mentorAssignments.mentorId))
    .leftJoin(byUsers, sql`${byUsers.id} = json_extract(${mentorAssignments.explanation}, '$.byId')`);
}

type RawRow = Awaited<ReturnType<ReturnType<typeof baseQuery>["all"]>>[number];
export type AssignmentRow = Omit<RawRow, "explanationRaw"> & {
  explanation: Explanation | null;
  tags: string[];
  /** Missed deadlines on this thread so far. */
  misses: number;
};

function enrich(rows: RawRow[]): AssignmentRow[] {
  if (rows.length === 0) return [];
  const threadIds = [...new Set(rows.map((r) => r.threadId))];
  const db = getDb();
  const tagRows = db
    .select({ threadId: threadTags.threadId, name: tags.name })
    .from(threadTags)
    .innerJoin(tags, eq(tags.id, threadTags.tagId))
    .where(inArray(threadTags.threadId, threadIds))
    .orderBy(asc(tags.name))
    .all();
  const missRows = db
    .select({ threadId: mentorAssignments.threadId, n: sql<number>`count(*)` })
    .from(mentorAssignments)
    .where(and(inArray(mentorAssignments.threadId, threadIds), eq(mentorAssignments.status, "missed")))
    .groupBy(mentorAssignments.threadId)
    .all();
  return rows.map(({ explanationRaw, ...row }) => ({
    ...row,
    explanation: parseExplanation(explanationRaw),
    tags: tagRows.filter((t) => t.threadId === row.threadId).map((t) => t.name),
    misses: missRows.find((m) => m.threadId === row.threadId)?.n ?? 0,
  }));
}

export type MentorOption = { userId: number; name: string; open: number; capacity: number; away: boolean };

/** Colleagues a mentor may hand a question to: could take it automatically right now. */
function handOffOptions(networkId: number, now: Date) {
  return mentorCandidates(getDb(), networkId, now)
    .filter((c) => !isAway(c, now) && hasRoom(c))
    .sort((a, b) => a.name.localeCompare(b.name, "ru"))
    .map((c): MentorOption => ({ userId: c.userId, name: c.name, open: c.open, capacity: c.capacity, away: false }));
}

export type NetworkRole = { id: number; slug: string; name: string; timeZone: string; mentor: boolean; moderator: boolean };

export function mentoringRoles(userId: number): NetworkRole[] {
  return getDb()
    .select({
      id: networks.id,
      slug: networks.slug,
      name: networks.name,
      timeZone: networks.timeZone,
      mentor: memberships.isMentor,
      moderator: memberships.isModerator,
    })
    .from(memberships)
    .innerJoin(networks, eq(networks.id, memberships.networkId))
    .where(and(eq(memberships.userId, userId), or(eq(memberships.isMentor, true), eq(memberships.isModerator, true))))
    .orderBy(asc(networks.name))
    .all();
}

/** The mentor's open assignments, soonest deadline first (overdue ones lead), and their recent history. */
export function mentorQueue(userId: number, now = new Date()) {
  const open = enrich(
    baseQuery()
      .where(and(eq(mentorAssignments.mentorId, userId), eq(mentorAssignments.status, "open"), isNull(threads.deletedAt)))
      .orderBy(asc(mentorAssignments.deadlineAt), asc(mentorAssignments.id))
      .all(),
  );
  const optionsByNetwork = new Map<number, MentorOption[]>();
  for (const networkId of new Set(open.map((a) => a.networkId))) optionsByNetwork.set(networkId, handOffOptions(networkId, now));
  const assignments = open.map((a) => ({
    ...a,
    handOffTo: (optionsByNetwork.get(a.networkId) ?? []).filter((o) => o.userId !== userId && o.userId !== a.askerId),
  }));
  const recent = baseQuery()
    .where(
      and(
        eq(mentorAssignments.mentorId, userId),
        ne(mentorAssignments.status, "open"),
        isNotNull(mentorAssignments.endedAt),
        isNull(threads.deletedAt),
      ),
    )
    .orderBy(desc(mentorAssignments.endedAt), desc(mentorAssignments.id))
    .limit(RECENT_LIMIT)
    .all()
    .map(({ explanationRaw, ...row }) => ({ ...row, explanation: parseExplanation(explanationRaw) }));
  return { assignments, recent };
}

export type MentorLoad = MentorOption & { tags: string[]; awayUntil: Date | null; overdue: number };

/** Every mentor of the network with their load, for the moderators' screen and the reassign forms. */
export function mentorLoads(networkId: number, now = new Date()): MentorLoad[] {
  const db = getDb();
  const rows = db
    .select({
      userId: users.id,
      name: users.displayName,
      capacity: mentorProfiles.capacity,
      awayUntil: mentorProfiles.awayUntil,
      open: sql<number>`(select count(*) from ${mentorAssignments} a where a.mentor_id = ${users.id} and a.network_id = ${networkId} and a.status = 'open')`,
      overdue: sql<number>`(select count(*) from ${mentorAssignments} a where a.mentor_id = ${
        users.id
      } and a.network_id = ${networkId} and a.status = 'open' and a.deadline_at <= ${now.getTime()})`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(mentorProfiles, and(eq(mentorProfiles.userId, memberships.userId), eq(mentorProfiles.networkId, memberships.networkId)))
    .where(and(eq(memberships.networkId, networkId), eq(memberships.isMentor, true)))
    .orderBy(asc(users.displayName))
    .all();
  const tagRows = db
    .select({ userId: schema.mentorTags.userId, name: tags.name })
    .from(schema.mentorTags)
    .innerJoin(tags, eq(tags.id, schema.mentorTags.tagId))
    .where(eq(schema.mentorTags.networkId, networkId))
    .orderBy(asc(tags.name))
    .all();
  return rows.map((r) => ({
    ...r,
    capacity: r.capacity ?? DEFAULT_CAPACITY,
    away: r.awayUntil !== null && r.awayUntil.getTime() > now.getTime(),
    tags: tagRows.filter((t) => t.userId === r.userId).map((t) => t.name),
  }));
}

/** What moderators see for their network: the queue, the open assignments, the mentors. */
export function networkMentoring(networkId: number, now = new Date()) {
  const live = and(eq(mentorAssignments.networkId, networkId), eq(mentorAssignments.status, "open"), sql`${threads.deletedAt} is null`);
  const queue = enrich(
    baseQuery()
      .where(and(live, sql`${mentorAssignments.mentorId} is null`))
      .orderBy(asc(mentorAssignments.assignedAt), asc(mentorAssignments.id))
      .limit(MODERATOR_LIST_LIMIT)
      .all(),
  );
  const open = enrich(
    baseQuery()
      .where(and(live, isNotNull(mentorAssignments.mentorId)))
      .orderBy(asc(mentorAssignments.deadlineAt), asc(mentorAssignments.id))
      .limit(MODERATOR_LIST_LIMIT)
      .all(),
  );
  const counts = getDb()
    .select({
      queued: sql<number>`coalesce(sum(${mentorAssignments.mentorId} is null), 0)`,
      assigned: sql<number>`coalesce(sum(${mentorAssignments.mentorId} is not null), 0)`,
    })
    .from(mentorAssignments)
    .innerJoin(threads, eq(threads.id, mentorAssignments.threadId))
    .where(live)
    .get()!;
  return { queue, open, counts, mentors: mentorLoads(networkId, now) };
}

/** The thread's open assignment and its history, oldest first. */
export function threadAssignments(threadId: number) {
  const rows = enrich(
    baseQuery().where(eq(mentorAssignments.threadId, threadId)).orderBy(asc(mentorAssignments.assignedAt), asc(mentorAssignments.id)).all(),
  );
  return { open: rows.find((r) => r.status === "open") ?? null, history: rows };
}

/** What a form about one assignment needs to authorise itself: its network and current mentor. */
export function getAssignment(assignmentId: number) {
  return getDb()
    .select({
      id: mentorAssignments.id,
      status: mentorAssignments.status,
      mentorId: mentorAssignments.mentorId,
      networkId: networks.id,
      visibility: networks.visibility,
    })
    .from(mentorAssignments)
    .innerJoin(networks, eq(networks.id, mentorAssignments.networkId))
    .where(eq(mentorAssignments.id, assignmentId))
    .get();
}

/**
 * A mentor's profile in one network: the tags they help with, how many open questions
 * they take at once, and the day they are away through. Kept by the mentor and by the
 * network's moderators (who made them a mentor).
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb, schema } from "../../db/index";
import { tagIds } from "~/threads/threads.server";
import { DEFAULT_CAPACITY } from "./assign.server";
import type { ProfileInput } from "./schemas";
import { localDate } from "~/utils/zoned-time";
import { awayThroughDate, awayUntilFromDate } from "./deadlines";
import type { MessageKey } from "~/i18n/keys";

const { mentorProfiles, mentorTags, memberships, users, tags, mentorAssignments } = schema;

export type MentorProfile = {
  userId: number;
  name: string;
  tags: string[];
  capacity: number;
  /** The last day away, in the network's calendar ("2025-05-10"), or "" when present. */
  awayThrough: string;
  away: boolean;
  open: number;
};

/** Undefined unless the user is a mentor of the network. */
export function getMentorProfile(networkId: number, userId: number, timeZone: string, now = new Date()): MentorProfile | undefined {
  const db = getDb();
  const member = db
    .select({ name: users.displayName, capacity: mentorProfiles.capacity, awayUntil: mentorProfiles.awayUntil })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(mentorProfiles, and(eq(mentorProfiles.userId, memberships.userId), eq(mentorProfiles.networkId, memberships.networkId)))
    .where(and(eq(memberships.networkId, networkId), eq(memberships.userId, userId), eq(memberships.isMentor, true)))
    .get();
  if (!member) return undefined;
  const names = db
    .select({ name: tags.name })
    .from(mentorTags)
    .innerJoin(tags, eq(tags.id, mentorTags.tagId))
    .where(and(eq(mentorTags.networkId, networkId), eq(mentorTags.userId, userId)))
    .orderBy(asc(tags.name))
    .all()
    .map((t) => t.name);
  const open = db
    .select({ n: sql<number>`count(*)` })
    .from(mentorAssignments)
    .where(and(eq(mentorAssignments.networkId, networkId), eq(mentorAssignments.mentorId, userId), eq(mentorAssignments.status, "open")))
    .get()!.n;
  const away = member.awayUntil !== null && member.awayUntil.getTime() > now.getTime();
  return {
    userId,
    name: member.name,
    tags: names,
    capacity: member.capacity ?? DEFAULT_CAPACITY,
    awayThrough: away ? awayThroughDate(member.awayUntil!, timeZone) : "",
    away,
    open,
  };
}

export type SaveProfileResult = { ok: true } | { ok: false; field: "awayUntil"; error: MessageKey };

/**
 * Tags are replaced as a set (new ones join the network's tags); a lower capacity never
 * takes questions away, it only stops new ones. A past date is refused rather than
 * silently meaning "present".
 */
export function saveMentorProfile(
  input: ProfileInput & { networkId: number; userId: number; timeZone: string },
  now = new Date(),
): SaveProfileResult {
  const awayUntil = input.awayUntil ? awayUntilFromDate(input.awayUntil, input.timeZone) : null;
  if (input.awayUntil && input.awayUntil < localDate(now, input.timeZone)) {
    return { ok: false, field: "awayUntil", error: "mentoring.errors.pastDate" };
  }
  getDb().transaction((tx) => {
    tx.insert(mentorProfiles)
      .values({ userId: input.userId, networkId: input.networkId, capacity: input.capacity, awayUntil })
      .onConflictDoUpdate({ target: [mentorProfiles.userId, mentorProfiles.networkId], set: { capacity: input.capacity, awayUntil } })
      .run();
    tx.delete(mentorTags)
      .where(and(eq(mentorTags.userId, input.userId), eq(mentorTags.networkId, input.networkId)))
      .run();
    const ids = tagIds(tx, input.networkId, input.tags);
    if (ids.length) {
      tx.insert(mentorTags)
        .values(ids.map((tagId) => ({ userId: input.userId, networkId: input.networkId, tagId })))
        .run();
    }
  });
  return { ok: true };
}

/**
 * Silencing a member in one network (read-only there for a while, with a reason they see)
 * and suspending an account site-wide (admins). Both are time-limited: the permission checks
 * compare the end with the clock, so nothing has to run when a silence runs out.
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb, schema } from "../../db/index";
import { lucia } from "~/auth/auth.server";
import { DAY_MS } from "~/utils/zoned-time";
import { logAction } from "./log.server";

const { memberships, users, networks, flags, posts, threads } = schema;

export function silence(
  input: { userId: number; networkId: number; moderatorId: number; days: number; reason: string },
  now = new Date(),
): boolean {
  const until = new Date(now.getTime() + input.days * DAY_MS);
  return getDb().transaction((tx) => {
    const changed = tx
      .update(memberships)
      .set({ silencedUntil: until, silencedReason: input.reason })
      .where(and(eq(memberships.userId, input.userId), eq(memberships.networkId, input.networkId)))
      .run().changes;
    if (changed === 0) return false;
    logAction(
      tx,
      {
        networkId: input.networkId,
        actorId: input.moderatorId,
        action: "member.silence",
        targetType: "user",
        targetId: input.userId,
        reason: input.reason,
        details: { days: input.days, until: until.getTime() },
      },
      now,
    );
    return true;
  });
}

export function liftSilence(input: { userId: number; networkId: number; moderatorId: number }, now = new Date()): boolean {
  return getDb().transaction((tx) => {
    const changed = tx
      .update(memberships)
      .set({ silencedUntil: null, silencedReason: null })
      .where(
        and(
          eq(memberships.userId, input.userId),
          eq(memberships.networkId, input.networkId),
          sql`${memberships.silencedUntil} is not null`,
        ),
      )
      .run().changes;
    if (changed === 0) return false;
    logAction(
      tx,
      { networkId: input.networkId, actorId: input.moderatorId, action: "member.unsilence", targetType: "user", targetId: input.userId },
      now,
    );
    return true;
  });
}

/** Suspension also ends the account's sessions: a suspended teacher reads as a guest until it ends. */
export async function suspend(input: { userId: number; adminId: number; days: number; reason: string }, now = new Date()): Promise<void> {
  const until = new Date(now.getTime() + input.days * DAY_MS);
  getDb().transaction((tx) => {
    tx.update(users).set({ suspendedUntil: until, suspendedReason: input.reason }).where(eq(users.id, input.userId)).run();
    logAction(
      tx,
      {
        networkId: null,
        actorId: input.adminId,
        action: "account.suspend",
        targetType: "user",
        targetId: input.userId,
        reason: input.reason,
        details: { days: input.days, until: until.getTime() },
      },
      now,
    );
  });
  await lucia.invalidateUserSessions(input.userId);
}

export function liftSuspension(input: { userId: number; adminId: number }, now = new Date()): boolean {
  return getDb().transaction((tx) => {
    const changed = tx
      .update(users)
      .set({ suspendedUntil: null, suspendedReason: null })
      .where(and(eq(users.id, input.userId), sql`${users.suspendedUntil} is not null`))
      .run().changes;
    if (changed === 0) return false;
    logAction(
      tx,
      { networkId: null, actorId: input.adminId, action: "account.unsuspend", targetType: "user", targetId: input.userId },
      now,
    );
    return true;
  });
}

/** What a moderator sees about a member: their standing in the moderator's networks and their flags both ways. */
export function memberRecord(userId: number, networkIds: number[], now = new Date()) {
  const db = getDb();
  const user = db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      isAdmin: users.isAdmin,
      createdAt: users.createdAt,
      suspendedUntil: users.suspendedUntil,
      suspendedReason: users.suspendedReason,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!user) return undefined;
  const scope = networkIds.length ? networkIds : [-1];
  const standing = db
    .select({
      networkId: networks.id,
      networkSlug: networks.slug,
      networkName: networks.name,
      timeZone: networks.timeZone,
      isMentor: memberships.isMentor,
      isModerator: memberships.isModerator,
      silencedUntil: memberships.silencedUntil,
      silencedReason: memberships.silencedReason,
    })
    .from(memberships)
    .innerJoin(networks, eq(networks.id, memberships.networkId))
    .where(and(eq(memberships.userId, userId), inArray(memberships.networkId, scope)))
    .orderBy(networks.name)
    .all()
    .map((m) => ({ ...m, silenced: m.silencedUntil !== null && m.silencedUntil.getTime() > now.getTime() }));
  const flagColumns = {
    id: flags.id,
    postId: flags.postId,
    reason: flags.reason,
    note: flags.note,
    resolution: flags.resolution,
    createdAt: flags.createdAt,
    threadId: threads.id,
    threadSlug: threads.slug,
    threadTitle: threads.title,
    timeZone: networks.timeZone,
  };
  const flagsAgainst = db
    .select(flagColumns)
    .from(flags)
    .innerJoin(posts, eq(posts.id, flags.postId))
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(networks, eq(networks.id, threads.networkId))
    .where(and(eq(posts.authorId, userId), sql`${flags.userId} != ${userId}`, inArray(threads.networkId, scope)))
    .orderBy(desc(flags.id))
    .limit(30)
    .all();
  const flagsRaised = db
    .select(flagColumns)
    .from(flags)
    .innerJoin(posts, eq(posts.id, flags.postId))
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(networks, eq(networks.id, threads.networkId))
    .where(and(eq(flags.userId, userId), sql`${posts.authorId} != ${userId}`, inArray(threads.networkId, scope)))
    .orderBy(desc(flags.id))
    .limit(30)
    .all();
  const suspended = user.suspendedUntil !== null && user.suspendedUntil.getTime() > now.getTime();
  return { user: { ...user, suspended }, standing, flagsAgainst, flagsRaised };
}

/** A member's own silence in a network, to tell them why they cannot write there. */
export function silenceOf(userId: number, networkId: number, now = new Date()) {
  const row = getDb()
    .select({ until: memberships.silencedUntil, reason: memberships.silencedReason })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.networkId, networkId)))
    .get();
  return row?.until && row.until.getTime() > now.getTime() ? { until: row.until, reason: row.reason } : null;
}

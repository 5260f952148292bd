/** Networks, mentors and questions for the mentoring tests, with the clock in the test's hands. */
import { and, asc, eq } from "drizzle-orm";
import { getDb, schema } from "../../db/index";
import { saveMentorProfile } from "~/mentoring/profile.server";
import { createThread } from "~/threads/threads.server";
import { makeNetwork, makeUser } from "./helpers";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** A fixed Monday, 10:00 in Tomsk (the fixtures' network zone), far enough ahead that no account counts as new. */
export const T0 = new Date("2031-03-10T03:00:00Z");
export const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

export type Network = ReturnType<typeof makeNetwork>;
export type Person = Awaited<ReturnType<typeof makeUser>>;

export async function mentorIn(network: Network, profile: { tags?: string[]; capacity?: number; awayThrough?: string } = {}) {
  const mentor = await makeUser({ networkId: network.id, mentor: true });
  saveMentorProfile(
    {
      networkId: network.id,
      userId: mentor.id,
      tags: profile.tags ?? [],
      capacity: profile.capacity ?? 5,
      awayUntil: profile.awayThrough,
      timeZone: network.timeZone,
    },
    T0,
  );
  return mentor;
}

let asked = 0;

/** A question (or discussion) posted through the forum's own createThread, at the given moment. */
export function ask(network: Network, asker: { id: number }, tags: string[], now = T0, kind: "question" | "discussion" = "question") {
  asked += 1;
  const result = createThread(
    {
      kind,
      title: `Вопрос для наставника номер ${asked}`,
      body: `Подробности вопроса номер ${asked} (${process.pid}): что делать на уроке?`,
      tags,
      networkId: network.id,
      authorId: asker.id,
      // Fixtures ask many questions as one person at one moment; the rate limit is tested elsewhere.
      exemptFromRateLimit: true,
    },
    now,
  );
  if (!result.ok) throw new Error(result.error);
  return result.thread.id;
}

export function assignmentsOf(threadId: number) {
  return getDb()
    .select()
    .from(schema.mentorAssignments)
    .where(eq(schema.mentorAssignments.threadId, threadId))
    .orderBy(asc(schema.mentorAssignments.id))
    .all();
}

export function openOf(threadId: number) {
  return assignmentsOf(threadId).find((a) => a.status === "open");
}

export function notificationsOf(userId: number, kind?: string) {
  return getDb()
    .select()
    .from(schema.notifications)
    .where(and(eq(schema.notifications.userId, userId), kind ? eq(schema.notifications.kind, kind) : undefined))
    .orderBy(asc(schema.notifications.id))
    .all();
}

export function setNetworkHours(network: Network, hours: number) {
  getDb().update(schema.networks).set({ firstResponseHours: hours }).where(eq(schema.networks.id, network.id)).run();
}

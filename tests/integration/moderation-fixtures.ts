/** Shared set-up for the moderation and knowledge-base tests: a network with its people, threads, answers. */
/* eslint-disable @typescript-eslint/no-explicit-any -- loader JSON read loosely in tests */
import { and, desc, eq } from "drizzle-orm";
import { expect } from "vitest";
import { getDb, schema } from "../../db/index";
import { createAnswer } from "~/posts/posts.server";
import { loader as threadLoader } from "~/routes/t.$thread/route";
import { createThread } from "~/threads/threads.server";
import { get, makeNetwork, makeUser, run } from "./helpers";

export type Network = ReturnType<typeof makeNetwork>;
export type Member = Awaited<ReturnType<typeof makeUser>>;

/** Past the new-account limits and the hold for links: most tests post as settled members. */
export const later = () => new Date(Date.now() + 3 * 24 * 3600_000);

let counter = 0;
const unique = () => `${process.pid}-${Date.now()}-${(counter += 1)}`;

export async function community(visibility: "public" | "members" = "public") {
  const network = makeNetwork(visibility);
  const [asker, answerer, a, b, c, mentor, moderator, outsider, admin] = await Promise.all([
    makeUser({ networkId: network.id }),
    makeUser({ networkId: network.id }),
    makeUser({ networkId: network.id }),
    makeUser({ networkId: network.id }),
    makeUser({ networkId: network.id }),
    makeUser({ networkId: network.id, mentor: true }),
    makeUser({ networkId: network.id, moderator: true }),
    makeUser(),
    makeUser({ isAdmin: true }),
  ]);
  return {
    network,
    asker: asker,
    answerer: answerer,
    members: [a, b, c],
    mentor: mentor,
    moderator: moderator,
    outsider: outsider,
    admin: admin,
  };
}

export function ask(
  network: { id: number },
  author: { id: number },
  title = `Как провести урок по дробям в пятом классе ${unique()}`,
  when = later(),
) {
  const result = createThread(
    {
      kind: "question",
      title,
      body: `${title}. Подробности вопроса для коллег по сети.`,
      tags: ["математика", "5 класс"],
      networkId: network.id,
      authorId: author.id,
    },
    when,
  );
  if (!result.ok) throw new Error(result.error);
  return { id: result.thread.id, slug: result.thread.slug, param: `${result.thread.id}-${result.thread.slug}`, title };
}

export function answer(
  threadId: number,
  author: { id: number },
  body = `Попробуйте полоски бумаги и пиццу: дети видят доли. ${unique()}`,
  when = later(),
) {
  const result = createAnswer({ threadId, authorId: author.id, body }, when);
  if (!result.ok) throw new Error(result.error);
  return result.postId;
}

export function post(id: number) {
  return getDb().select().from(schema.posts).where(eq(schema.posts.id, id)).get()!;
}

export function thread(id: number) {
  return getDb().select().from(schema.threads).where(eq(schema.threads.id, id)).get()!;
}

export function openingOf(threadId: number) {
  return getDb()
    .select()
    .from(schema.posts)
    .where(and(eq(schema.posts.threadId, threadId), eq(schema.posts.isOpening, true)))
    .get()!;
}

export function logOf(targetType: string, targetId: number) {
  return getDb()
    .select()
    .from(schema.moderationLog)
    .where(and(eq(schema.moderationLog.targetType, targetType), eq(schema.moderationLog.targetId, targetId)))
    .orderBy(desc(schema.moderationLog.id))
    .all();
}

export function outboxFor(threadId: number) {
  return getDb()
    .select()
    .from(schema.searchOutbox)
    .where(and(eq(schema.searchOutbox.entity, "thread"), eq(schema.searchOutbox.entityId, threadId)))
    .all();
}

export function notificationsOf(userId: number) {
  return getDb().select().from(schema.notifications).where(eq(schema.notifications.userId, userId)).all();
}

export async function threadPage(param: string, cookie?: string) {
  const response = await run(threadLoader, get(`/t/${param}`, { cookie }), { thread: param });
  return { status: response.status, data: response.status === 200 ? ((await response.json()) as Record<string, any>) : null };
}

/** Every post shown on a thread page, the question first. */
export function shownPosts(data: Record<string, any>): Array<Record<string, any>> {
  return [data.opening, ...(data.accepted ? [data.accepted] : []), ...data.answers];
}

export async function expectStatus(response: Response, status: number) {
  expect(response.status, await response.clone().text()).toBe(status);
}

/* eslint-disable @typescript-eslint/no-explicit-any -- loader JSON read loosely in tests */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
import { ensureIndex } from "../../search/reindex";
import { drain } from "../../search/worker";
import { vote } from "~/posts/posts.server";
import { action as modThread, loader as modThreadLoader } from "~/routes/mod.t.$id/route";
import { loader as networkLoader } from "~/routes/n.$slug";
import { action as threadAction } from "~/routes/t.$thread/route";
import { searchThreads, similarThreads } from "~/search/queries.server";
import { acceptAnswer, setMeToo } from "~/threads/accept.server";
import { form, get, makeNetwork, makeUser, run } from "./helpers";
import {
  answer,
  ask,
  community,
  expectStatus,
  logOf,
  notificationsOf,
  outboxFor,
  post,
  shownPosts,
  thread,
  threadPage,
} from "./moderation-fixtures";

beforeAll(async () => {
  await ensureIndex();
});

function act(threadId: number, cookie: string, fields: Record<string, string>) {
  return run(modThread, form(`/mod/t/${threadId}`, fields, { cookie }), { id: String(threadId) });
}

const find = async (q: string, network: string) => {
  const result = await searchThreads(
    { q, network, tag: null, status: "any", author: null, course: null, sort: "relevance", page: 1 },
    null,
  );
  if (!result.ok) throw new Error("search is down");
  return result.hits;
};

describe("locking and pinning", () => {
  it("a locked thread takes no answers and says why; reopening lifts it", async () => {
    const { network, asker, answerer, moderator } = await community();
    const q = ask(network, asker);
    const short = await act(q.id, moderator.cookie, { intent: "lock", reason: "" });
    await expectStatus(short, 400);
    expect((await short.json()).result.error.reason).toEqual(["errors.required"]);
    const reason = "Вопрос решён, обсуждение ушло в сторону";
    await expectStatus(await act(q.id, moderator.cookie, { intent: "lock", reason }), 302);
    expect(thread(q.id)).toMatchObject({ lockReason: reason });
    const page = await threadPage(q.param, answerer.cookie);
    expect(page.data!.thread).toMatchObject({ locked: true, lockReason: reason });
    expect(page.data!.can.answer).toBe(false);
    const refused = await run(
      threadAction,
      form(`/t/${q.param}`, { intent: "answer", body: "Ещё один ответ после закрытия темы." }, { cookie: answerer.cookie }),
      { thread: q.param },
    );
    await expectStatus(refused, 403);
    expect(logOf("thread", q.id)[0]).toMatchObject({ action: "thread.lock", reason, actorId: moderator.id });
    await expectStatus(await act(q.id, moderator.cookie, { intent: "reopen" }), 302);
    expect(thread(q.id).lockedAt).toBeNull();
  });

  it("a pinned thread comes first in its network's list", async () => {
    const { network, asker, moderator } = await community();
    const old = ask(network, asker, "Старая тема, которую надо закрепить наверху", new Date(Date.now() - 86_400_000));
    ask(network, asker);
    await expectStatus(await act(old.id, moderator.cookie, { intent: "pin" }), 302);
    const list = await (await run(networkLoader, get(`/n/${network.slug}`), { slug: network.slug })).json();
    expect(list.list.rows[0]).toMatchObject({ id: old.id, pinned: true });
    expect(logOf("thread", old.id)[0]!.action).toBe("thread.pin");
    await expectStatus(await act(old.id, moderator.cookie, { intent: "unpin" }), 302);
    expect(thread(old.id).pinnedAt).toBeNull();
  });

  it("members, mentors and moderators of other networks are refused", async () => {
    const { network, asker, members, mentor } = await community();
    const elsewhere = await community();
    const q = ask(network, asker);
    for (const who of [members[0]!, mentor, elsewhere.moderator]) {
      await expectStatus(await act(q.id, who.cookie, { intent: "lock", reason: "Не мне решать это" }), 403);
      await expectStatus(await run(modThreadLoader, get(`/mod/t/${q.id}`, { cookie: who.cookie }), { id: String(q.id) }), 403);
    }
    expect(thread(q.id).lockedAt).toBeNull();
  });
});

describe("moving", () => {
  it("takes tags by name to the new network, logs in both, tells the author, and is for moderators of both", async () => {
    const from = await community();
    const to = makeNetwork();
    const q = ask(from.network, from.asker);
    const refused = await act(q.id, from.moderator.cookie, { intent: "move", network: to.slug, reason: "" });
    await expectStatus(refused, 403);
    getDb().insert(schema.memberships).values({ userId: from.moderator.id, networkId: to.id, isModerator: true }).run();
    await expectStatus(
      await act(q.id, from.moderator.cookie, { intent: "move", network: to.slug, reason: "Вопрос про другой регион" }),
      302,
    );
    expect(thread(q.id).networkId).toBe(to.id);
    const tagNetworks = getDb()
      .select({ networkId: schema.tags.networkId, name: schema.tags.name })
      .from(schema.threadTags)
      .innerJoin(schema.tags, eq(schema.tags.id, schema.threadTags.tagId))
      .where(eq(schema.threadTags.threadId, q.id))
      .all();
    expect(tagNetworks.map((t) => t.networkId)).toEqual([to.id, to.id]);
    expect(tagNetworks.map((t) => t.name).sort()).toEqual(["5 класс", "математика"]);
    expect(
      logOf("thread", q.id)
        .filter((l) => l.action === "thread.move")
        .map((l) => l.networkId)
        .sort(),
    ).toEqual([from.network.id, to.id].sort());
    expect(notificationsOf(from.asker.id).map((n) => n.kind)).toContain("thread_moved");
    const again = await act(q.id, from.moderator.cookie, { intent: "move", network: "no-such-network", reason: "" });
    await expectStatus(again, 400);
    expect((await again.json()).result.error.network).toEqual(["moderation.errors.chooseNetwork"]);
  });
});

describe("closing as a duplicate", () => {
  it("shows a prominent link to the canonical thread and search leads there instead", async () => {
    const { network, asker, answerer, moderator } = await community();
    const stamp = `${process.pid}${Date.now().toString(36)}`;
    const canonical = ask(network, asker, `Как объяснить пятиклассникам сложение дробей ${stamp}`);
    const accepted = answer(canonical.id, answerer);
    acceptAnswer({ threadId: canonical.id, postId: accepted, actorId: asker.id, comment: "Полоски бумаги сработали!" });
    const duplicate = ask(network, answerer, `Дроби с разными знаменателями: как складывать ${stamp}`);
    await drain();
    expect((await find(`знаменателями ${stamp}`, network.slug)).map((h) => h.id)).toContain(duplicate.id);

    await expectStatus(await act(duplicate.id, moderator.cookie, { intent: "duplicate", canonical: `/t/${canonical.param}` }), 302);
    expect(thread(duplicate.id)).toMatchObject({ duplicateOfId: canonical.id });
    expect(thread(duplicate.id).lockedAt).not.toBeNull();
    const page = await threadPage(duplicate.param);
    expect(page.data!.moderation.duplicateOf).toEqual({ url: `/t/${canonical.param}`, title: canonical.title });
    expect(page.data!.can.answer).toBe(false);
    expect(logOf("thread", duplicate.id)[0]).toMatchObject({
      action: "thread.duplicate",
      details: { canonicalId: canonical.id, merged: 0 },
    });
    expect(outboxFor(duplicate.id).length).toBeGreaterThan(1);

    // The duplicate's own words find the canonical thread, once, in its place.
    await drain();
    const hits = await find(`знаменателями ${stamp}`, network.slug);
    expect(hits[0]).toMatchObject({ id: canonical.id, solved: true });
    expect(hits[0]!.viaDuplicateHtml).toContain("знаменателями");
    expect(hits.map((h) => h.id)).not.toContain(duplicate.id);
    const similar = await similarThreads(`Как складывать дроби с разными знаменателями ${stamp}`, network.id, null);
    expect(similar.map((s) => s.id)).toContain(canonical.id);
    expect(similar.map((s) => s.id)).not.toContain(duplicate.id);

    await expectStatus(await act(duplicate.id, moderator.cookie, { intent: "reopen" }), 302);
    expect(thread(duplicate.id)).toMatchObject({ duplicateOfId: null, lockedAt: null });
  });

  it("merging moves the answers with their authors, votes and acceptance; followers follow", async () => {
    const { network, asker, answerer, members, moderator } = await community();
    const canonical = ask(network, asker);
    answer(canonical.id, members[0]!);
    const duplicate = ask(network, members[1]!);
    const good = answer(duplicate.id, answerer);
    const other = answer(duplicate.id, members[2]!);
    vote({ userId: asker.id, postId: good, value: 1 });
    vote({ userId: members[0]!.id, postId: good, value: 1 });
    acceptAnswer({ threadId: duplicate.id, postId: good, actorId: members[1]!.id, comment: "Спасибо, это то, что нужно!" });
    setMeToo(duplicate.id, members[0]!.id, true);

    const response = await act(duplicate.id, moderator.cookie, { intent: "duplicate", canonical: String(canonical.id), merge: "on" });
    await expectStatus(response, 302);
    expect(post(good)).toMatchObject({ threadId: canonical.id, authorId: answerer.id, score: 2 });
    expect(post(other)).toMatchObject({ threadId: canonical.id, authorId: members[2]!.id });
    expect(thread(canonical.id)).toMatchObject({
      answerCount: 3,
      acceptedPostId: good,
      acceptedComment: "Спасибо, это то, что нужно!",
      meTooCount: 1,
    });
    expect(thread(duplicate.id)).toMatchObject({ answerCount: 0, acceptedPostId: null });
    const votes = getDb().select().from(schema.votes).where(eq(schema.votes.postId, good)).all();
    expect(votes).toHaveLength(2);
    const followers = getDb().select().from(schema.threadFollowers).where(eq(schema.threadFollowers.threadId, canonical.id)).all();
    expect(followers.map((f) => f.userId)).toEqual(expect.arrayContaining([members[1]!.id, members[0]!.id, answerer.id]));
    expect(logOf("thread", duplicate.id)[0]!.details).toMatchObject({ merged: 2 });
    const page = await threadPage(canonical.param);
    expect(shownPosts(page.data!).map((p) => p.id)).toEqual(expect.arrayContaining([good, other]));
    expect(page.data!.accepted.id).toBe(good);
  });

  it("refuses itself, a deleted thread, a loop and a network the moderator does not moderate", async () => {
    const { network, asker, moderator } = await community();
    const a = ask(network, asker);
    const b = ask(network, asker);
    const elsewhere = await community();
    const foreign = ask(elsewhere.network, elsewhere.asker);
    const errorOf = async (canonical: string) => {
      const response = await act(a.id, moderator.cookie, { intent: "duplicate", canonical });
      await expectStatus(response, 400);
      return (await response.json()).result.error.canonical;
    };
    expect(await errorOf(String(a.id))).toEqual(["moderation.errors.self"]);
    expect(await errorOf(String(foreign.id))).toEqual(["moderation.errors.canonicalElsewhere"]);
    expect(await errorOf("999999999")).toEqual(["moderation.errors.canonicalGone"]);
    expect(await errorOf("не ссылка")).toEqual(["moderation.errors.canonicalFormat"]);
    expect(await errorOf("")).toEqual(["moderation.errors.canonicalRequired"]);
    await expectStatus(await act(b.id, moderator.cookie, { intent: "duplicate", canonical: String(a.id) }), 302);
    expect(await errorOf(String(b.id))).toEqual(["moderation.errors.cycle"]);
  });

  it("the duplicate search on the tools page finds candidates in the network", async () => {
    const { network, asker, moderator } = await community();
    const stamp = Date.now().toString(36);
    const target = ask(network, asker, `Контрольная по геометрии в седьмом классе ${stamp}`);
    const dup = ask(network, asker, `Геометрия седьмой класс контрольная ${stamp}`);
    await drain();
    const response = await run(
      modThreadLoader,
      get(`/mod/t/${dup.id}?q=${encodeURIComponent(`геометрии ${stamp}`)}`, { cookie: moderator.cookie }),
      { id: String(dup.id) },
    );
    const data = await response.json();
    expect(data.candidates.map((c: any) => c.id)).toContain(target.id);
    expect(data.candidates.map((c: any) => c.id)).not.toContain(dup.id);
  });
});

describe("deleting and restoring a thread", () => {
  it("goes through its question, with a reason, and is logged both ways", async () => {
    const { network, asker, moderator } = await community();
    const q = ask(network, asker);
    await expectStatus(await act(q.id, moderator.cookie, { intent: "delete", reason: "Тема создана по ошибке дважды" }), 302);
    expect(thread(q.id).deletedAt).not.toBeNull();
    await expectStatus(await act(q.id, moderator.cookie, { intent: "restore" }), 302);
    expect(thread(q.id).deletedAt).toBeNull();
    expect(logOf("thread", q.id).map((l) => l.action)).toEqual(["thread.restore", "thread.delete"]);
  });
});

describe("editing someone else's post", () => {
  it("tells the author, keeps both versions and logs the reason", async () => {
    const { network, asker, answerer, moderator } = await community();
    const q = ask(network, asker);
    const answerId = answer(q.id, answerer);
    const before = post(answerId).bodySource;
    const { action: editAction } = await import("~/routes/p.$id_.edit");
    const response = await run(
      editAction,
      form(
        `/p/${answerId}/edit`,
        { body: "Исправлено модератором: ссылка на запрещённый сайт убрана.", reason: "Убрана ссылка на пиратский сайт" },
        { cookie: moderator.cookie },
      ),
      { id: String(answerId) },
    );
    await expectStatus(response, 302);
    const revisions = getDb().select().from(schema.postRevisions).where(eq(schema.postRevisions.postId, answerId)).all();
    expect(revisions.map((r) => r.bodySource)).toEqual([before]);
    expect(notificationsOf(answerer.id).map((n) => n.kind)).toContain("post_edited");
    expect(logOf("post", answerId)[0]).toMatchObject({
      action: "post.edit",
      reason: "Убрана ссылка на пиратский сайт",
      actorId: moderator.id,
    });
    const other = await makeUser({ networkId: network.id });
    await expectStatus(
      await run(editAction, form(`/p/${answerId}/edit`, { body: "Чужая правка чужого ответа, так нельзя." }, { cookie: other.cookie }), {
        id: String(answerId),
      }),
      403,
    );
  });
});

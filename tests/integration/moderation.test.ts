/* eslint-disable @typescript-eslint/no-explicit-any -- loader JSON read loosely in tests */
import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
import { ensureIndex } from "../../search/reindex";
import { drain } from "../../search/worker";
import { decide, flagPost } from "~/moderation/flags.server";
import { listNotifications } from "~/notifications/notifications.server";
import { action as flagAction, loader as flagLoader } from "~/routes/p.$id_.flag";
import { action as queueAction, loader as queueLoader } from "~/routes/mod._index";
import { action as threadAction } from "~/routes/t.$thread/route";
import { loader as profileLoader } from "~/routes/u.$id";
import { loader as networkLoader } from "~/routes/n.$slug";
import { searchThreads } from "~/search/queries.server";
import { createThread } from "~/threads/threads.server";
import { form, get, makeUser, run, words } from "./helpers";
import {
  answer,
  ask,
  community,
  expectStatus,
  later,
  logOf,
  notificationsOf,
  openingOf,
  outboxFor,
  post,
  shownPosts,
  thread,
  threadPage,
} from "./moderation-fixtures";

beforeAll(async () => {
  await ensureIndex();
});

async function flagVia(postId: number, cookie: string, fields: Record<string, string> = { reason: "spam" }) {
  return run(flagAction, form(`/p/${postId}/flag`, fields, { cookie }), { id: String(postId) });
}

const searchFor = async (q: string, viewer: { id: number; isAdmin: boolean } | null = null) => {
  const result = await searchThreads(
    { q, network: null, tag: null, status: "any", author: null, course: null, sort: "relevance", page: 1 },
    viewer,
  );
  if (!result.ok) throw new Error("search is down");
  return result.hits.map((h) => h.id);
};

describe("flags", () => {
  it("three different members hide an answer at once; the author and moderators still see it, marked", async () => {
    const { network, asker, answerer, members, moderator } = await community();
    const q = ask(network, asker);
    const word = `вулканоказино${process.pid}`;
    const answerId = answer(q.id, answerer, `Заходите на ${word}, там всё объяснят за деньги.`);
    expect(thread(q.id).answerCount).toBe(1);

    await expectStatus(await flagVia(answerId, members[0]!.cookie), 302);
    await expectStatus(await flagVia(answerId, members[1]!.cookie, { reason: "off_topic" }), 302);
    expect(post(answerId).hiddenAt).toBeNull();
    const third = await flagVia(answerId, members[2]!.cookie, { reason: "other", note: "Реклама казино" });
    expect(third.headers.get("Location")).toBe(`/p/${answerId}/flag?done=hidden`);

    expect(post(answerId).hiddenAt).not.toBeNull();
    expect(thread(q.id).answerCount).toBe(0);
    expect(logOf("post", answerId).map((l) => l.action)).toContain("post.flag_hide");
    expect(notificationsOf(answerer.id).map((n) => n.kind)).toContain("post_flag_hidden");

    // A reader (and a guest) no longer sees it; the author and the moderator do, marked.
    const asReader = await threadPage(q.param, members[0]!.cookie);
    expect(shownPosts(asReader.data!).map((p) => p.id)).not.toContain(answerId);
    expect(shownPosts((await threadPage(q.param)).data!).map((p) => p.id)).not.toContain(answerId);
    for (const viewer of [answerer, moderator]) {
      const seen = shownPosts((await threadPage(q.param, viewer.cookie)).data!).find((p) => p.id === answerId);
      expect(seen?.moderation.removal).toEqual({ kind: "flags", reason: null });
    }

    // Gone from search, from the asker's notifications, and from the answerer's profile count.
    await drain();
    expect(await searchFor(word)).not.toContain(q.id);
    expect(listNotifications(asker.id, 1).rows.some((n) => n.kind === "answer" && n.threadId === q.id)).toBe(false);
    const profile = await (await run(profileLoader, get(`/u/${answerer.id}`), { id: String(answerer.id) })).json();
    expect(profile.answered).toBe(0);
  });

  it("one flag from a mentor is enough", async () => {
    const { network, asker, answerer, mentor } = await community();
    const q = ask(network, asker);
    const answerId = answer(q.id, answerer);
    const result = flagPost({ postId: answerId, userId: mentor.id, reason: "rude", note: "" });
    expect(result).toEqual({ ok: true, hidden: true });
    expect(logOf("post", answerId)[0]).toMatchObject({ action: "post.flag_hide", actorId: mentor.id, details: { flags: 1, by: "mentor" } });
  });

  it("one flag per member per post; never one's own post; not while silenced; not from outside the network", async () => {
    const { network, asker, answerer, members, outsider } = await community();
    const q = ask(network, asker);
    const answerId = answer(q.id, answerer);
    await expectStatus(await flagVia(answerId, members[0]!.cookie), 302);
    const again = await flagVia(answerId, members[0]!.cookie);
    await expectStatus(again, 400);
    expect((await again.json()).result.error[""]).toEqual(["moderation.errors.alreadyFlagged"]);
    await expectStatus(await flagVia(answerId, answerer.cookie), 403);
    await expectStatus(await flagVia(answerId, outsider.cookie), 403);
    getDb()
      .update(schema.memberships)
      .set({ silencedUntil: later(), silencedReason: "Спор в ленте" })
      .where(eq(schema.memberships.userId, members[1]!.id))
      .run();
    await expectStatus(await flagVia(answerId, members[1]!.cookie), 403);
    // The form shows the earlier flag instead of a second form.
    const page = await (await run(flagLoader, get(`/p/${answerId}/flag`, { cookie: members[0]!.cookie }), { id: String(answerId) })).json();
    expect(page.existing.reason).toBe("spam");
  });

  it("refuses bad input beside the field, in the reader's language, keeping what was typed", async () => {
    const { network, asker, answerer, members } = await community();
    const answerId = answer(ask(network, asker).id, answerer);
    const none = await flagVia(answerId, members[0]!.cookie, { note: "просто так" });
    await expectStatus(none, 400);
    const noneResult = (await none.json()).result;
    expect(noneResult.error.reason).toEqual(["moderation.errors.chooseReason"]);
    expect(noneResult.initialValue.note).toBe("просто так");
    const other = await flagVia(answerId, members[0]!.cookie, { reason: "other", note: "" });
    expect((await other.json()).result.error.note).toEqual(["moderation.errors.noteRequired"]);
    const odd = await flagVia(answerId, members[0]!.cookie, { reason: "<script>", note: "x".repeat(501) });
    await expectStatus(odd, 400);
    expect(words((await odd.json()).result.error.note)).toEqual(["Не длиннее 500 символов."]);
  });
});

describe("the review queue", () => {
  it("lists flagged posts of the moderator's networks, hidden ones first", async () => {
    const { network, asker, answerer, members, moderator } = await community();
    const q = ask(network, asker);
    const mild = answer(q.id, answerer);
    const bad = answer(q.id, members[2]!);
    flagPost({ postId: mild, userId: members[0]!.id, reason: "off_topic", note: "" }, new Date(Date.now() - 60_000));
    for (const m of [members[0]!, members[1]!, asker]) flagPost({ postId: bad, userId: m.id, reason: "spam", note: "" });
    const response = await run(queueLoader, get(`/mod?network=${network.slug}`, { cookie: moderator.cookie }));
    await expectStatus(response, 200);
    const data = await response.json();
    expect(data.items.map((i: any) => i.id)).toEqual([bad, mild]);
    expect(data.items[0]).toMatchObject({ hidden: true, held: false });
    expect(data.items[0].flags).toHaveLength(3);
    expect(data.total).toBe(2);
  });

  it("keeping a hidden post restores it, closes its flags and tells the flaggers", async () => {
    const { network, asker, answerer, members, moderator } = await community();
    const q = ask(network, asker);
    const answerId = answer(q.id, answerer);
    for (const m of members) flagPost({ postId: answerId, userId: m.id, reason: "rude", note: "" });
    const before = outboxFor(q.id).length;
    const response = await run(
      queueAction,
      form("/mod", { postId: String(answerId), decision: "keep", reason: "" }, { cookie: moderator.cookie }),
    );
    await expectStatus(response, 302);
    expect(response.headers.get("Location")).toBe("/mod?done=keep");
    expect(post(answerId).hiddenAt).toBeNull();
    expect(thread(q.id).answerCount).toBe(1);
    const flags = getDb().select().from(schema.flags).where(eq(schema.flags.postId, answerId)).all();
    expect(flags.every((f) => f.resolution === "kept" && f.resolvedAt !== null)).toBe(true);
    for (const m of members) expect(notificationsOf(m.id).map((n) => n.kind)).toContain("flag_kept");
    expect(notificationsOf(answerer.id).map((n) => n.kind)).toContain("post_restored");
    expect(logOf("post", answerId)[0]).toMatchObject({ action: "post.restore", actorId: moderator.id });
    expect(outboxFor(q.id).length).toBeGreaterThan(before);
  });

  it("hiding needs a reason, which the author then sees under the post", async () => {
    const { network, asker, answerer, members, moderator } = await community();
    const q = ask(network, asker);
    const answerId = answer(q.id, answerer);
    flagPost({ postId: answerId, userId: members[0]!.id, reason: "rude", note: "" });
    const missing = await run(
      queueAction,
      form("/mod", { postId: String(answerId), decision: "hide", reason: "" }, { cookie: moderator.cookie }),
    );
    await expectStatus(missing, 400);
    const body = await missing.json();
    expect(body.postId).toBe(answerId);
    expect(body.result.error.reason).toEqual(["moderation.errors.reasonRequired"]);
    const reason = "Переход на личности недопустим";
    await expectStatus(
      await run(queueAction, form("/mod", { postId: String(answerId), decision: "hide", reason }, { cookie: moderator.cookie })),
      302,
    );
    expect(post(answerId)).toMatchObject({ hiddenReason: reason });
    const seen = shownPosts((await threadPage(q.param, answerer.cookie)).data!).find((p) => p.id === answerId);
    expect(seen?.moderation.removal).toEqual({ kind: "moderator", reason });
    expect(notificationsOf(answerer.id).map((n) => n.kind)).toContain("post_hidden");
    expect(notificationsOf(members[0]!.id).map((n) => n.kind)).toContain("flag_hidden");
  });

  it("deleting a question deletes its thread for everyone but its author and the moderators", async () => {
    const { network, asker, members, moderator } = await community();
    const q = ask(network, asker, `Реклама курсов повышения квалификации ${process.pid}`);
    const opening = openingOf(q.id);
    flagPost({ postId: opening.id, userId: members[0]!.id, reason: "spam", note: "" });
    await expectStatus(
      await run(
        queueAction,
        form("/mod", { postId: String(opening.id), decision: "delete", reason: "Реклама платных курсов" }, { cookie: moderator.cookie }),
      ),
      302,
    );
    expect(thread(q.id).deletedAt).not.toBeNull();
    expect(logOf("thread", q.id)[0]).toMatchObject({ action: "thread.delete", reason: "Реклама платных курсов" });
    expect((await threadPage(q.param, members[0]!.cookie)).status).toBe(404);
    expect((await threadPage(q.param)).status).toBe(404);
    expect((await threadPage(q.param, asker.cookie)).data!.moderation.removed).toEqual({
      kind: "moderator",
      reason: "Реклама платных курсов",
    });
    expect((await threadPage(q.param, moderator.cookie)).status).toBe(200);
    const list = await (await run(networkLoader, get(`/n/${network.slug}`), { slug: network.slug })).json();
    expect(list.list.rows.map((r: any) => r.id)).not.toContain(q.id);
    // The author is told, even though the thread is gone for everyone else.
    expect(listNotifications(asker.id, 1).rows.map((n) => n.kind)).toContain("post_deleted");
    // The author's profile keeps it, marked; a colleague's view of the profile does not show it.
    const own = await (await run(profileLoader, get(`/u/${asker.id}`, { cookie: asker.cookie }), { id: String(asker.id) })).json();
    expect(own.recent.find((r: any) => r.id === q.id)?.removed).toBe(true);
    const other = await (await run(profileLoader, get(`/u/${asker.id}`, { cookie: members[1]!.cookie }), { id: String(asker.id) })).json();
    expect(other.recent.map((r: any) => r.id)).not.toContain(q.id);
  });

  it("a moderator of network A can neither see nor decide on network B's flags", async () => {
    const a = await community();
    const b = await community();
    const q = ask(b.network, b.asker);
    const answerId = answer(q.id, b.answerer);
    flagPost({ postId: answerId, userId: b.members[0]!.id, reason: "spam", note: "" });
    const queue = await (await run(queueLoader, get("/mod", { cookie: a.moderator.cookie }))).json();
    expect(queue.items.map((i: any) => i.id)).not.toContain(answerId);
    const refused = await run(
      queueAction,
      form("/mod", { postId: String(answerId), decision: "hide", reason: "Чужая сеть" }, { cookie: a.moderator.cookie }),
    );
    await expectStatus(refused, 403);
    expect(post(answerId).hiddenAt).toBeNull();
    await expectStatus(await run(queueLoader, get("/mod", { cookie: b.members[0]!.cookie })), 403);
  });

  it("admins moderate every network", async () => {
    const { network, asker, answerer, members, admin } = await community();
    const answerId = answer(ask(network, asker).id, answerer);
    flagPost({ postId: answerId, userId: members[0]!.id, reason: "spam", note: "" });
    const queue = await (await run(queueLoader, get(`/mod?network=${network.slug}`, { cookie: admin.cookie }))).json();
    expect(queue.items.map((i: any) => i.id)).toContain(answerId);
  });
});

describe("a new account's first post with more than two links", () => {
  const links = "Смотрите https://example.org/a, https://example.org/b и https://example.org/c — там всё про дроби.";

  it("waits for a moderator; approving publishes it, counts it and tells the asker", async () => {
    const { network, asker, moderator } = await community();
    const q = ask(network, asker);
    const newcomer = await makeUser({ networkId: network.id });
    const response = await run(threadAction, form(`/t/${q.param}`, { intent: "answer", body: links }, { cookie: newcomer.cookie }), {
      thread: q.param,
    });
    await expectStatus(response, 302);
    const held = getDb()
      .select()
      .from(schema.posts)
      .where(and(eq(schema.posts.threadId, q.id), eq(schema.posts.authorId, newcomer.id)))
      .get()!;
    expect(held).toMatchObject({ pendingReview: true });
    expect(held.hiddenAt).not.toBeNull();
    expect(thread(q.id).answerCount).toBe(0);
    expect(notificationsOf(asker.id).filter((n) => n.kind === "answer")).toHaveLength(0);
    const mine = shownPosts((await threadPage(q.param, newcomer.cookie)).data!).find((p) => p.id === held.id);
    expect(mine?.moderation.removal).toEqual({ kind: "pending", reason: null });
    expect(logOf("post", held.id)[0]).toMatchObject({ action: "post.hold", details: { links: 3 } });

    const queue = await (await run(queueLoader, get(`/mod?network=${network.slug}`, { cookie: moderator.cookie }))).json();
    expect(queue.items.find((i: any) => i.id === held.id)).toMatchObject({ held: true, flags: [] });
    decide({ postId: held.id, moderatorId: moderator.id, decision: "keep", reason: "" });
    expect(post(held.id)).toMatchObject({ pendingReview: false, hiddenAt: null });
    expect(thread(q.id).answerCount).toBe(1);
    expect(notificationsOf(asker.id).filter((n) => n.kind === "answer")).toHaveLength(1);
    expect(notificationsOf(newcomer.id).map((n) => n.kind)).toContain("post_approved");
  });

  it("a held question is out of lists until approved, then gets its mentor", async () => {
    const { network, mentor, moderator } = await community();
    const newcomer = await makeUser({ networkId: network.id });
    const result = createThread({
      kind: "question",
      title: `Подборка ссылок про дроби ${process.pid}`,
      body: links,
      tags: ["дроби"],
      networkId: network.id,
      authorId: newcomer.id,
    });
    if (!result.ok) throw new Error(result.error);
    expect(thread(result.thread.id).deletedAt).not.toBeNull();
    expect(
      getDb().select().from(schema.mentorAssignments).where(eq(schema.mentorAssignments.threadId, result.thread.id)).all(),
    ).toHaveLength(0);
    decide({ postId: openingOf(result.thread.id).id, moderatorId: moderator.id, decision: "keep", reason: "" });
    expect(thread(result.thread.id).deletedAt).toBeNull();
    const assignment = getDb().select().from(schema.mentorAssignments).where(eq(schema.mentorAssignments.threadId, result.thread.id)).get();
    expect(assignment?.mentorId).toBe(mentor.id);
  });

  it("does not hold a settled member's post, nor a new member's post with two links", async () => {
    const { network, asker, answerer } = await community();
    const q = ask(network, asker);
    const settled = answer(q.id, answerer, links);
    expect(post(settled).pendingReview).toBe(false);
    const newcomer = await makeUser({ networkId: network.id });
    const two = answer(q.id, newcomer, "Вот https://example.org/a и https://example.org/b — обе про дроби.", new Date());
    expect(post(two).pendingReview).toBe(false);
  });
});

describe("the audit log and the search outbox", () => {
  it("are written in the same transaction as the change: if either fails, nothing changes", async () => {
    const { network, asker, answerer, moderator } = await community();
    const q = ask(network, asker);
    const answerId = answer(q.id, answerer);
    const sqlite = (await import("../../db/index")).connection().sqlite;
    for (const table of ["moderation_log", "search_outbox"]) {
      sqlite.exec(`create trigger refuse_${table} before insert on ${table} begin select raise(abort, 'refused'); end;`);
      try {
        expect(() => decide({ postId: answerId, moderatorId: moderator.id, decision: "hide", reason: "Проверка отката" })).toThrow(
          /refused/,
        );
      } finally {
        sqlite.exec(`drop trigger refuse_${table};`);
      }
      expect(post(answerId).hiddenAt).toBeNull();
      expect(thread(q.id).answerCount).toBe(1);
    }
    decide({ postId: answerId, moderatorId: moderator.id, decision: "hide", reason: "Проверка отката" });
    const entry = logOf("post", answerId)[0]!;
    const row = outboxFor(q.id).at(-1)!;
    expect(entry.createdAt.getTime()).toBeLessThanOrEqual(row.createdAt.getTime() + 1000);
  });

  it("an entry, once written, can be neither changed nor deleted: the database refuses", async () => {
    const { network, asker, answerer, moderator } = await community();
    const q = ask(network, asker);
    const answerId = answer(q.id, answerer);
    decide({ postId: answerId, moderatorId: moderator.id, decision: "hide", reason: "Реклама в ответе" });
    const [entry] = logOf("post", answerId);
    expect(entry).toMatchObject({ action: "post.hide", reason: "Реклама в ответе", actorId: moderator.id });
    const { moderationLog } = schema;
    const rewrite = () => getDb().update(moderationLog).set({ reason: "Всё в порядке" }).where(eq(moderationLog.id, entry!.id)).run();
    const erase = () => getDb().delete(moderationLog).where(eq(moderationLog.id, entry!.id)).run();
    const sqlite = (await import("../../db/index")).connection().sqlite;
    expect(rewrite).toThrow(/append-only: an entry is never changed/);
    expect(erase).toThrow(/append-only: an entry is never deleted/);
    expect(() => sqlite.exec("delete from moderation_log")).toThrow(/append-only/);
    expect(logOf("post", answerId)).toEqual([entry]);
    // Adding stays possible: the next decision is logged beside the first.
    decide({ postId: answerId, moderatorId: moderator.id, decision: "keep", reason: "" });
    expect(logOf("post", answerId).map((e) => e.action)).toEqual(["post.restore", "post.hide"]);
  });
});

describe("open flags never outlive the decision", () => {
  it("a hidden post with no open flags left is still listed for nobody", async () => {
    const { network, asker, answerer, members, moderator } = await community();
    const answerId = answer(ask(network, asker).id, answerer);
    flagPost({ postId: answerId, userId: members[0]!.id, reason: "spam", note: "" });
    decide({ postId: answerId, moderatorId: moderator.id, decision: "hide", reason: "Спам без сомнений" });
    const open = getDb()
      .select()
      .from(schema.flags)
      .where(and(eq(schema.flags.postId, answerId), isNull(schema.flags.resolvedAt)))
      .all();
    expect(open).toHaveLength(0);
    const queue = await (await run(queueLoader, get(`/mod?network=${network.slug}`, { cookie: moderator.cookie }))).json();
    expect(queue.items.map((i: any) => i.id)).not.toContain(answerId);
  });
});

/* eslint-disable @typescript-eslint/no-explicit-any -- loader JSON read loosely in tests */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
import { actorOf } from "~/networks/networks.server";
import { decide, flagPost } from "~/moderation/flags.server";
import { loader as rootLoader } from "~/root";
import { loader as logLoader } from "~/routes/mod.log";
import { action as memberAction, loader as memberLoader } from "~/routes/mod.u.$id/route";
import { action as threadAction } from "~/routes/t.$thread/route";
import { form, get, makeUser, run } from "./helpers";
import { answer, ask, community, expectStatus, logOf, threadPage } from "./moderation-fixtures";

function onMember(userId: number, cookie: string, fields: Record<string, string>) {
  return run(memberAction, form(`/mod/u/${userId}`, fields, { cookie }), { id: String(userId) });
}

describe("silencing a member", () => {
  it("makes them read-only in that network for a while, with a reason they see; lifting ends it", async () => {
    const { network, asker, answerer, moderator } = await community();
    const q = ask(network, asker);
    const bad = await onMember(answerer.id, moderator.cookie, { intent: "silence", network: network.slug, days: "2", reason: "" });
    await expectStatus(bad, 400);
    const errors = (await bad.json()).result.error;
    expect(errors.days).toEqual(["moderation.errors.chooseDuration"]);
    expect(errors.reason).toEqual(["errors.required"]);

    const reason = "Грубые ответы коллегам";
    await expectStatus(await onMember(answerer.id, moderator.cookie, { intent: "silence", network: network.slug, days: "3", reason }), 302);
    const membership = getDb().select().from(schema.memberships).where(eq(schema.memberships.userId, answerer.id)).get()!;
    expect(membership.silencedReason).toBe(reason);
    const days = (membership.silencedUntil!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2.9);
    expect(days).toBeLessThanOrEqual(3);
    expect(logOf("user", answerer.id)[0]).toMatchObject({ action: "member.silence", reason, networkId: network.id });

    const refused = await run(
      threadAction,
      form(`/t/${q.param}`, { intent: "answer", body: "Ответ от участника в режиме чтения." }, { cookie: answerer.cookie }),
      { thread: q.param },
    );
    await expectStatus(refused, 403);
    const page = await threadPage(q.param, answerer.cookie);
    expect(page.data!.moderation.silence.reason).toBe(reason);

    await expectStatus(await onMember(answerer.id, moderator.cookie, { intent: "unsilence", network: network.slug }), 302);
    expect(getDb().select().from(schema.memberships).where(eq(schema.memberships.userId, answerer.id)).get()!.silencedUntil).toBeNull();
  });

  it("is refused for oneself, for another moderator (admins only), and for moderators of other networks", async () => {
    const { network, asker, moderator, admin } = await community();
    const elsewhere = await community();
    const reason = "Проверка прав на ограничение";
    const colleague = await makeUser({ networkId: network.id, moderator: true });
    await expectStatus(
      await onMember(moderator.id, moderator.cookie, { intent: "silence", network: network.slug, days: "1", reason }),
      403,
    );
    await expectStatus(
      await onMember(colleague.id, moderator.cookie, { intent: "silence", network: network.slug, days: "1", reason }),
      403,
    );
    await expectStatus(
      await onMember(asker.id, elsewhere.moderator.cookie, { intent: "silence", network: network.slug, days: "1", reason }),
      403,
    );
    await expectStatus(await onMember(colleague.id, admin.cookie, { intent: "silence", network: network.slug, days: "1", reason }), 302);
  });
});

describe("suspending an account", () => {
  it("is for admins: the account then reads as a guest and its sessions end", async () => {
    const { asker, moderator, admin } = await community();
    const reason = "Рассылка спама во всех сетях";
    await expectStatus(await onMember(asker.id, moderator.cookie, { intent: "suspend", days: "7", reason }), 403);
    await expectStatus(await onMember(asker.id, admin.cookie, { intent: "suspend", days: "7", reason }), 302);
    expect(actorOf(asker.id)?.suspended).toBe(true);
    expect(getDb().select().from(schema.sessions).where(eq(schema.sessions.userId, asker.id)).all()).toHaveLength(0);
    expect(logOf("user", asker.id)[0]).toMatchObject({ action: "account.suspend", networkId: null, reason });
    await expectStatus(await onMember(asker.id, admin.cookie, { intent: "unsuspend" }), 302);
    expect(actorOf(asker.id)?.suspended).toBe(false);
  });
});

describe("a member's record", () => {
  it("shows their flags both ways and their moderation history, to moderators only", async () => {
    const { network, asker, answerer, members, moderator } = await community();
    const answerId = answer(ask(network, asker).id, answerer);
    flagPost({ postId: answerId, userId: members[0]!.id, reason: "rude", note: "Грубо" });
    decide({ postId: answerId, moderatorId: moderator.id, decision: "hide", reason: "Грубость в адрес коллеги" });
    const response = await run(memberLoader, get(`/mod/u/${answerer.id}`, { cookie: moderator.cookie }), { id: String(answerer.id) });
    await expectStatus(response, 200);
    const data = await response.json();
    expect(data.flagsAgainst[0]).toMatchObject({ reason: "rude", resolution: "hidden", postId: answerId });
    expect(data.history[0]).toMatchObject({ reason: "Грубость в адрес коллеги" });
    const flagger = await (
      await run(memberLoader, get(`/mod/u/${members[0]!.id}`, { cookie: moderator.cookie }), { id: String(members[0]!.id) })
    ).json();
    expect(flagger.flagsRaised).toHaveLength(1);
    await expectStatus(
      await run(memberLoader, get(`/mod/u/${answerer.id}`, { cookie: members[1]!.cookie }), { id: String(answerer.id) }),
      403,
    );
  });
});

describe("the audit log page", () => {
  it("lists the actions of the reader's networks with who, what and why, and nothing of other networks", async () => {
    const mine = await community();
    const theirs = await community();
    const answerId = answer(ask(mine.network, mine.asker).id, mine.answerer);
    const foreign = answer(ask(theirs.network, theirs.asker).id, theirs.answerer);
    decide({ postId: answerId, moderatorId: mine.moderator.id, decision: "hide", reason: "Не по теме сети" });
    decide({ postId: foreign, moderatorId: theirs.moderator.id, decision: "hide", reason: "Чужая сеть, чужое решение" });
    const data = await (await run(logLoader, get("/mod/log", { cookie: mine.moderator.cookie }))).json();
    const reasons = data.rows.map((r: any) => r.reason);
    expect(reasons).toContain("Не по теме сети");
    expect(reasons).not.toContain("Чужая сеть, чужое решение");
    expect(data.rows.find((r: any) => r.reason === "Не по теме сети")).toMatchObject({
      action: "сообщение скрыто",
      actorName: mine.moderator.displayName,
    });
    const english = await (await run(logLoader, get("/mod/log", { cookie: mine.moderator.cookie, lang: "en" }))).json();
    expect(english.rows[0].action).toBe("post hidden");
    await expectStatus(await run(logLoader, get("/mod/log", { cookie: mine.asker.cookie })), 403);
    await expectStatus(await run(logLoader, get("/mod/log")), 302);
  });
});

describe("the header", () => {
  it("shows moderators how many posts wait, and shows others nothing", async () => {
    const { network, asker, answerer, members, moderator } = await community();
    const answerId = answer(ask(network, asker).id, answerer);
    flagPost({ postId: answerId, userId: members[0]!.id, reason: "spam", note: "" });
    const as = async (cookie: string) => (await (await run(rootLoader, get("/", { cookie }))).json()).user.moderation;
    expect(await as(moderator.cookie)).toBe(1);
    expect(await as(members[0]!.cookie)).toBeNull();
  });
});

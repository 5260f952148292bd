/**
 * Mentoring against a real SQLite file, through the forum's own functions, with the clock
 * moved by the test: assignment on posting, answers and acceptance meeting it, the deadline
 * sweep, and what mentors and moderators do by hand.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
import { parseExplanation } from "~/mentoring/assign.server";
import { sweepAllDeadlines, sweepDeadlines, warnDeadlines } from "~/mentoring/escalation.server";
import { acknowledge, decline, handOff, HANDOFF_MIN_MS, reassign } from "~/mentoring/handling.server";
import { createAnswer } from "~/posts/posts.server";
import { acceptAnswer } from "~/threads/accept.server";
import { makeNetwork, makeUser } from "./helpers";
import { ask, assignmentsOf, at, DAY, mentorIn, notificationsOf, openOf, setNetworkHours, T0 } from "./mentoring-fixtures";

async function network() {
  const net = makeNetwork();
  const asker = await makeUser({ networkId: net.id });
  const moderator = await makeUser({ networkId: net.id, moderator: true });
  return { net, asker, moderator };
}

describe("assignment when a question is posted", () => {
  it("goes to the mentor whose tags match best, explains why, and tells the mentor the deadline", async () => {
    const { net, asker } = await network();
    await mentorIn(net, { tags: ["математика"] });
    const physicist = await mentorIn(net, { tags: ["физика", "фгос"] });
    const threadId = ask(net, asker, ["физика", "фгос", "8 класс"]);
    const open = openOf(threadId)!;
    expect(open.mentorId).toBe(physicist.id);
    expect(open.deadlineAt!.getTime()).toBe(at(24).getTime());
    expect(parseExplanation(open.explanation)).toEqual({ reason: "new", matched: ["физика", "фгос"], open: 0, capacity: 5 });
    const [note] = notificationsOf(physicist.id, "assigned");
    expect(note).toMatchObject({ threadId, data: { assignmentId: open.id, reason: "new", deadline: at(24).getTime() } });
  });

  it("a discussion gets no mentor", async () => {
    const { net, asker } = await network();
    await mentorIn(net);
    expect(assignmentsOf(ask(net, asker, ["методика"], T0, "discussion"))).toEqual([]);
  });

  it("uses the network's own first-response time for the deadline", async () => {
    const { net, asker } = await network();
    setNetworkHours(net, 8);
    await mentorIn(net);
    expect(openOf(ask(net, asker, ["физика"]))!.deadlineAt!.getTime()).toBe(at(8).getTime());
  });

  it("passes over a mentor at capacity; when all are full the question waits for the moderators, who are told", async () => {
    const { net, asker, moderator } = await network();
    const best = await mentorIn(net, { tags: ["физика"], capacity: 1 });
    const other = await mentorIn(net, { capacity: 1 });
    expect(openOf(ask(net, asker, ["физика"]))!.mentorId).toBe(best.id);
    expect(openOf(ask(net, asker, ["физика"]))!.mentorId).toBe(other.id);
    const third = ask(net, asker, ["физика"]);
    const queued = openOf(third)!;
    expect(queued.mentorId).toBeNull();
    expect(queued.deadlineAt).toBeNull();
    expect(parseExplanation(queued.explanation)).toEqual({ reason: "new", queue: "none" });
    expect(notificationsOf(moderator.id, "needs_mentor").map((n) => n.threadId)).toEqual([third]);
  });

  it("skips a mentor who is away through a date, and uses them again the day after", async () => {
    const { net, asker } = await network();
    // Away through Wednesday 12 March 2031 in the network's zone (Asia/Tomsk, UTC+7).
    const away = await mentorIn(net, { tags: ["физика"], awayThrough: "2031-03-12" });
    const stand_in = await mentorIn(net);
    expect(openOf(ask(net, asker, ["физика"], at(0)))!.mentorId).toBe(stand_in.id);
    const lastMinute = new Date("2031-03-12T16:59:00Z"); // 23:59 Wednesday, Tomsk
    expect(openOf(ask(net, asker, ["физика"], lastMinute))!.mentorId).toBe(stand_in.id);
    const thursday = new Date("2031-03-12T17:00:00Z"); // 00:00 Thursday, Tomsk
    expect(openOf(ask(net, asker, ["физика"], thursday))!.mentorId).toBe(away.id);
  });

  it("never gives a mentor their own question", async () => {
    const { net } = await network();
    const askingMentor = await mentorIn(net, { tags: ["физика"] });
    const colleague = await mentorIn(net, { tags: ["химия"] });
    expect(openOf(ask(net, askingMentor, ["физика"]))!.mentorId).toBe(colleague.id);
    const alone = makeNetwork();
    const onlyMentor = await mentorIn(alone, { tags: ["физика"] });
    expect(openOf(ask(alone, onlyMentor, ["физика"]))!.mentorId).toBeNull();
  });

  it("ties go to the mentor with fewer open questions, then to the one assigned least recently", async () => {
    const { net, asker } = await network();
    const first = await mentorIn(net, { tags: ["физика"] });
    const second = await mentorIn(net, { tags: ["физика"] });
    const order = [ask(net, asker, ["физика"], at(0)), ask(net, asker, ["физика"], at(1)), ask(net, asker, ["физика"], at(2))].map(
      (id) => openOf(id)!.mentorId,
    );
    // Lower id first; then the other (fewer open); then back to the first, who was assigned longer ago.
    expect(order).toEqual([first.id, second.id, first.id]);
  });
});

describe("meeting the deadline", () => {
  it("any answer from the assigned mentor meets it; a colleague's answer does not", async () => {
    const { net, asker } = await network();
    const mentor = await mentorIn(net);
    const colleague = await makeUser({ networkId: net.id });
    const threadId = ask(net, asker, ["физика"]);
    createAnswer({ threadId, authorId: colleague.id, body: "Попробуйте аналогию с водопроводом, мне помогло." }, at(1));
    expect(openOf(threadId)!.mentorId).toBe(mentor.id);
    createAnswer({ threadId, authorId: mentor.id, body: "Соберите цепь с реостатом: пусть дети сами меряют ток." }, at(2));
    expect(assignmentsOf(threadId)).toMatchObject([{ status: "met", endedAt: at(2) }]);
  });

  it("an accepted answer from anyone meets it", async () => {
    const { net, asker } = await network();
    await mentorIn(net);
    const colleague = await makeUser({ networkId: net.id });
    const threadId = ask(net, asker, ["физика"]);
    const answer = createAnswer({ threadId, authorId: colleague.id, body: "Попробуйте виртуальную лабораторию PhET." }, at(1));
    if (!answer.ok) throw new Error(answer.error);
    acceptAnswer({ threadId, postId: answer.postId, actorId: asker.id, comment: "Лаборатория PhET помогла, спасибо!" }, at(3));
    expect(assignmentsOf(threadId)).toMatchObject([{ status: "met", endedAt: at(3) }]);
  });

  it("a mentor answering a question from the moderators' queue takes it off the queue", async () => {
    const { net, asker } = await network();
    const mentor = await mentorIn(net, { capacity: 1 });
    ask(net, asker, ["физика"]);
    const queued = ask(net, asker, ["физика"]);
    expect(openOf(queued)!.mentorId).toBeNull();
    createAnswer({ threadId: queued, authorId: mentor.id, body: "Отвечу, хоть мест у меня и нет: вот план урока." }, at(1));
    expect(assignmentsOf(queued)).toMatchObject([{ status: "met", mentorId: mentor.id }]);
  });
});

describe("the deadline sweep", () => {
  it("does nothing before the deadline, warns the mentor once two hours ahead", async () => {
    const { net, asker } = await network();
    const mentor = await mentorIn(net);
    const threadId = ask(net, asker, ["физика"]);
    sweepAllDeadlines(at(21));
    expect(notificationsOf(mentor.id, "deadline_soon")).toEqual([]);
    sweepAllDeadlines(at(22));
    sweepAllDeadlines(at(23));
    expect(warnDeadlines(at(23.5))).toBe(0);
    expect(notificationsOf(mentor.id, "deadline_soon")).toMatchObject([{ threadId, data: { deadline: at(24).getTime() } }]);
    expect(openOf(threadId)!.mentorId).toBe(mentor.id);
  });

  it("after the deadline reassigns to the next mentor, tells the earlier one and the moderators, and records the miss", async () => {
    const { net, asker, moderator } = await network();
    const first = await mentorIn(net, { tags: ["физика"] });
    const second = await mentorIn(net);
    const threadId = ask(net, asker, ["физика"]);
    sweepAllDeadlines(at(24));
    const [missed, next] = assignmentsOf(threadId);
    expect(missed).toMatchObject({ mentorId: first.id, status: "missed", endedAt: at(24) });
    expect(next).toMatchObject({ mentorId: second.id, status: "open", assignedAt: at(24), deadlineAt: at(48) });
    expect(parseExplanation(next!.explanation)).toMatchObject({ reason: "missed" });
    expect(notificationsOf(first.id, "reassigned")).toMatchObject([{ threadId, data: { reason: "missed", toId: second.id } }]);
    expect(notificationsOf(moderator.id, "escalated")).toMatchObject([{ threadId, data: { fromId: first.id, toId: second.id } }]);
    expect(notificationsOf(second.id, "assigned")).toMatchObject([{ threadId, data: { reason: "missed" } }]);
  });

  it("never goes back to a mentor who missed it, and after two misses leaves it to the moderators", async () => {
    const { net, asker, moderator } = await network();
    const [a, b, c] = [await mentorIn(net, { tags: ["физика"] }), await mentorIn(net), await mentorIn(net)];
    const threadId = ask(net, asker, ["физика"]);
    sweepAllDeadlines(at(24));
    expect(openOf(threadId)!.mentorId).toBe(b.id);
    // b misses too: a and c are both free, but the rule stops here.
    sweepAllDeadlines(at(48));
    const history = assignmentsOf(threadId);
    expect(history.map((h) => [h.mentorId, h.status])).toEqual([
      [a.id, "missed"],
      [b.id, "missed"],
      [null, "open"],
    ]);
    expect(parseExplanation(history[2]!.explanation)).toEqual({ reason: "missed", queue: "misses" });
    expect(notificationsOf(moderator.id, "escalated").at(-1)).toMatchObject({ data: { fromId: b.id, toId: null, misses: 2 } });
    expect(notificationsOf(c.id, "assigned")).toEqual([]);
    // Nothing more happens to a queued question, however long it waits.
    sweepAllDeadlines(at(24 * 10));
    expect(assignmentsOf(threadId)).toHaveLength(3);
  });

  it("excludes the one who missed even when they are the only free mentor: then the queue", async () => {
    const { net, asker } = await network();
    const only = await mentorIn(net);
    const threadId = ask(net, asker, ["физика"]);
    sweepAllDeadlines(at(25));
    expect(assignmentsOf(threadId).map((h) => [h.mentorId, h.status])).toEqual([
      [only.id, "missed"],
      [null, "open"],
    ]);
  });

  it("run twice for the same minute, or again after a restart, escalates once", async () => {
    const { net, asker, moderator } = await network();
    await mentorIn(net);
    await mentorIn(net);
    const threadId = ask(net, asker, ["физика"]);
    // The sweep covers every network in the file: other tests' overdue questions go in the first run too.
    expect(sweepAllDeadlines(at(24)).escalated).toBeGreaterThanOrEqual(1);
    expect(sweepAllDeadlines(at(24)).escalated).toBe(0);
    expect(assignmentsOf(threadId)).toHaveLength(2);
    expect(notificationsOf(moderator.id, "escalated")).toHaveLength(1);
  });

  it("with its time slice spent, stops early and says there is more; the next sweeps take the rest", async () => {
    const { net, asker } = await network();
    for (let i = 0; i < 4; i += 1) await mentorIn(net);
    const mine = [ask(net, asker, ["физика"]), ask(net, asker, ["физика"]), ask(net, asker, ["физика"])];
    // A budget of nothing: the slice ends after its first escalation, on any machine.
    const slice = sweepDeadlines(at(24), 0);
    expect(slice.more).toBe(true);
    expect(mine.filter((threadId) => assignmentsOf(threadId).length > 1).length).toBeLessThanOrEqual(1);
    sweepAllDeadlines(at(24));
    for (const threadId of mine) expect(assignmentsOf(threadId).map((h) => h.status)).toEqual(["missed", "open"]);
  });

  it("closes the assignment of a locked thread without counting a miss", async () => {
    const { net, asker } = await network();
    await mentorIn(net);
    await mentorIn(net);
    const threadId = ask(net, asker, ["физика"]);
    getDb()
      .update(schema.threads)
      .set({ lockedAt: at(2) })
      .where(eq(schema.threads.id, threadId))
      .run();
    sweepAllDeadlines(at(24));
    expect(assignmentsOf(threadId).map((h) => h.status)).toEqual(["closed"]);
  });
});

describe("what a mentor does with an assignment", () => {
  it("acknowledging marks it taken; a stale one is refused", async () => {
    const { net, asker } = await network();
    const mentor = await mentorIn(net);
    const open = openOf(ask(net, asker, ["физика"]))!;
    expect(acknowledge({ assignmentId: open.id, mentorId: mentor.id }, at(1))).toEqual({ ok: true });
    expect(openOf(open.threadId)!.acknowledgedAt).toEqual(at(1));
    expect(acknowledge({ assignmentId: open.id, mentorId: asker.id }, at(1))).toMatchObject({ ok: false });
  });

  it("hands off to an eligible colleague with a note, without restarting the asker's clock", async () => {
    const { net, asker } = await network();
    const from = await mentorIn(net, { tags: ["физика"] });
    const to = await mentorIn(net, { tags: ["химия"] });
    const threadId = ask(net, asker, ["физика", "химия"]);
    const open = openOf(threadId)!;
    const note = "Здесь больше химии, чем физики: посмотрите, пожалуйста.";
    expect(handOff({ assignmentId: open.id, fromId: from.id, toId: to.id, note }, at(2))).toEqual({ ok: true });
    const [handed, taken] = assignmentsOf(threadId);
    expect(handed).toMatchObject({ status: "handed_off", note, endedAt: at(2) });
    expect(taken).toMatchObject({ mentorId: to.id, status: "open", note, deadlineAt: at(24) });
    expect(parseExplanation(taken!.explanation)).toEqual({ reason: "handoff", byId: from.id, matched: ["химия"], open: 0, capacity: 5 });
    expect(notificationsOf(to.id, "assigned")).toMatchObject([{ data: { reason: "handoff", byId: from.id } }]);
  });

  it("a hand-off late in the day still leaves the colleague a few hours", async () => {
    const { net, asker } = await network();
    const [from, to] = [await mentorIn(net), await mentorIn(net)];
    const open = openOf(ask(net, asker, ["физика"]))!;
    handOff({ assignmentId: open.id, fromId: from.id, toId: to.id, note: "Не успеваю, возьмите, пожалуйста." }, at(23));
    expect(openOf(open.threadId)!.deadlineAt!.getTime()).toBe(at(23).getTime() + HANDOFF_MIN_MS);
  });

  it("will not hand off to a full or away colleague, to the asker, or someone else's assignment", async () => {
    const { net } = await network();
    const askingMentor = await mentorIn(net);
    const from = await mentorIn(net, { tags: ["физика"] });
    const full = await mentorIn(net, { tags: ["биология"], capacity: 1 });
    const away = await mentorIn(net, { awayThrough: "2031-03-20" });
    const other = await makeUser({ networkId: net.id });
    expect(openOf(ask(net, other, ["биология"]))!.mentorId).toBe(full.id); // its only slot
    const open = openOf(ask(net, askingMentor, ["физика"]))!;
    expect(open.mentorId).toBe(from.id);
    const note = "Передаю, так как занят на олимпиаде.";
    for (const toId of [full.id, away.id, askingMentor.id, other.id]) {
      expect(handOff({ assignmentId: open.id, fromId: from.id, toId, note }, at(1))).toEqual({
        ok: false,
        field: "to",
        error: "mentoring.errors.notEligible",
      });
    }
    expect(handOff({ assignmentId: open.id, fromId: full.id, toId: from.id, note }, at(1))).toMatchObject({
      ok: false,
      error: "mentoring.errors.notOpen",
    });
    expect(openOf(open.threadId)!.mentorId).toBe(from.id);
  });

  it("declining with a reason passes it to the next mentor at once, never back; nobody left → the moderators", async () => {
    const { net, asker, moderator } = await network();
    const [a, b] = [await mentorIn(net, { tags: ["физика"] }), await mentorIn(net)];
    const threadId = ask(net, asker, ["физика"]);
    expect(decline({ assignmentId: openOf(threadId)!.id, mentorId: a.id, reason: "Это не мой предмет, простите." }, at(1))).toEqual({
      ok: true,
    });
    expect(openOf(threadId)).toMatchObject({ mentorId: b.id, deadlineAt: at(24) });
    decline({ assignmentId: openOf(threadId)!.id, mentorId: b.id, reason: "Я на курсах до конца недели." }, at(2));
    const history = assignmentsOf(threadId);
    expect(history.map((h) => [h.mentorId, h.status, h.note])).toEqual([
      [a.id, "declined", "Это не мой предмет, простите."],
      [b.id, "declined", "Я на курсах до конца недели."],
      [null, "open", null],
    ]);
    expect(notificationsOf(moderator.id, "needs_mentor").map((n) => n.threadId)).toEqual([threadId]);
  });
});

describe("what a moderator does by hand", () => {
  it("assigns from the queue or reassigns, past capacity if they choose, and tells both mentors", async () => {
    const { net, asker, moderator } = await network();
    const busy = await mentorIn(net, { capacity: 1 });
    const first = ask(net, asker, ["физика"]);
    const queued = ask(net, asker, ["физика"]);
    expect(openOf(queued)!.mentorId).toBeNull();
    expect(reassign({ assignmentId: openOf(queued)!.id, moderatorId: moderator.id, toId: busy.id, note: "" }, at(1))).toEqual({ ok: true });
    expect(openOf(queued)).toMatchObject({ mentorId: busy.id, deadlineAt: at(25) });
    expect(parseExplanation(openOf(queued)!.explanation)).toEqual({ reason: "moderator", byId: moderator.id });

    const helper = await mentorIn(net);
    reassign(
      { assignmentId: openOf(first)!.id, moderatorId: moderator.id, toId: helper.id, note: "Сергей Петрович сегодня на выезде." },
      at(2),
    );
    expect(assignmentsOf(first).map((h) => [h.mentorId, h.status])).toEqual([
      [busy.id, "reassigned"],
      [helper.id, "open"],
    ]);
    expect(notificationsOf(busy.id, "reassigned")).toMatchObject([
      { threadId: first, data: { reason: "moderator", byId: moderator.id, toId: helper.id } },
    ]);
    expect(notificationsOf(helper.id, "assigned")).toMatchObject([{ data: { reason: "moderator" } }]);
  });

  it("refuses the asker, a non-mentor and a stale form", async () => {
    const { net, asker, moderator } = await network();
    const mentor = await mentorIn(net);
    const teacher = await makeUser({ networkId: net.id });
    const open = openOf(ask(net, asker, ["физика"]))!;
    for (const toId of [asker.id, teacher.id]) {
      expect(reassign({ assignmentId: open.id, moderatorId: moderator.id, toId, note: "" }, at(1))).toMatchObject({
        ok: false,
        field: "to",
      });
    }
    expect(reassign({ assignmentId: open.id, moderatorId: moderator.id, toId: mentor.id, note: "" }, at(1))).toMatchObject({
      error: "mentoring.errors.sameMentor",
    });
    sweepAllDeadlines(at(30));
    expect(reassign({ assignmentId: open.id, moderatorId: moderator.id, toId: mentor.id, note: "" }, at(31))).toMatchObject({
      error: "mentoring.errors.notOpen",
    });
  });

  it("a question reassigned by hand keeps its history of misses", async () => {
    const { net, asker, moderator } = await network();
    const a = await mentorIn(net);
    const threadId = ask(net, asker, ["физика"]);
    sweepAllDeadlines(at(24));
    expect(openOf(threadId)!.mentorId).toBeNull();
    reassign({ assignmentId: openOf(threadId)!.id, moderatorId: moderator.id, toId: a.id, note: "Второй шанс" }, at(25));
    expect(assignmentsOf(threadId).map((h) => h.status)).toEqual(["missed", "reassigned", "open"]);
    expect(openOf(threadId)!.deadlineAt).toEqual(new Date(at(25).getTime() + DAY));
  });
});

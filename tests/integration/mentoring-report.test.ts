/**
 * The response-time report on a known data set, played through the forum's own functions
 * with the clock moved by hand, so every figure below can be checked with a pencil.
 */
import { describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
import { eq } from "drizzle-orm";
import { sweepAllDeadlines } from "~/mentoring/escalation.server";
import { decline } from "~/mentoring/handling.server";
import { responseReport } from "~/mentoring/report.server";
import { createAnswer } from "~/posts/posts.server";
import { acceptAnswer } from "~/threads/accept.server";
import { makeNetwork, makeUser } from "./helpers";
import { ask, at, HOUR, mentorIn, openOf } from "./mentoring-fixtures";

function answer(threadId: number, authorId: number, hours: number, body: string) {
  const result = createAnswer({ threadId, authorId, body }, at(hours));
  if (!result.ok) throw new Error(result.error);
  return result.postId;
}

describe("the response-time report", () => {
  it("gives the medians, the 90th percentiles, the share in time with its counts, escalations and per-mentor figures", async () => {
    const network = makeNetwork();
    const asker = await makeUser({ networkId: network.id });
    const peer = await makeUser({ networkId: network.id });
    const a = await mentorIn(network, { tags: ["физика"] });
    const b = await mentorIn(network);

    // Q1, asked at 0 h: A answers at 2 h; accepted at 5 h.
    const q1 = ask(network, asker, ["физика"], at(0));
    // Q2, asked at 1 h: a colleague answers at 4 h (first response 3 h); A never does.
    const q2 = ask(network, asker, ["физика"], at(1));
    const q1Answer = answer(q1, a.id, 2, "Соберите простую цепь и дайте детям померить ток самим.");
    // Q3, asked at 2 h: A declines at 3 h, B answers at 12 h; accepted at 50 h.
    const q3 = ask(network, asker, ["физика"], at(2));
    decline({ assignmentId: openOf(q3)!.id, mentorId: a.id, reason: "Не мой класс, простите." }, at(3));
    // Q4, asked at 3 h: nobody answers; A misses (27 h), then B misses (51 h): the moderators' queue.
    const q4 = ask(network, asker, ["физика"], at(3));
    // A discussion is not a question: not counted.
    ask(network, asker, ["физика"], at(4), "discussion");
    answer(q2, peer.id, 4, "Мне помогла аналогия с водопроводом, попробуйте.");
    acceptAnswer({ threadId: q1, postId: q1Answer, actorId: asker.id, comment: "Дети сами померили ток, и всё сложилось." }, at(5));
    const q3Answer = answer(q3, b.id, 12, "Начните с опыта с батарейкой и лампочкой, потом формула.");
    sweepAllDeadlines(at(25)); // Q2: A missed → B
    sweepAllDeadlines(at(27)); // Q4: A missed → B
    answer(q2, b.id, 30, "Добавлю к ответу коллеги: покажите ещё опыт с реостатом.");
    acceptAnswer({ threadId: q3, postId: q3Answer, actorId: asker.id, comment: "Опыт с лампочкой — то, что нужно." }, at(50));
    sweepAllDeadlines(at(51)); // Q4: B missed → the moderators
    expect(openOf(q4)).toMatchObject({ mentorId: null });
    // Q5, asked at 60 h: still within its deadline when the report is read at 70 h.
    const q5 = ask(network, asker, ["физика"], at(60));
    expect(openOf(q5)!.mentorId).toBe(a.id); // tie on load: A was assigned longer ago than B

    const report = responseReport({ id: network.id, firstResponseHours: 24 }, 7, at(70));
    expect(report).toMatchObject({
      asked: 5,
      // 2 h, 3 h, 10 h
      firstResponse: { count: 3, median: 3 * HOUR, p90: 8.6 * HOUR },
      unanswered: 2,
      // 5 h, 48 h
      accepted: { count: 2, median: 26.5 * HOUR, p90: 43.7 * HOUR },
      // Q1, Q2 (the colleague's answer counts), Q3 in time; Q4 late; Q5 not yet due.
      inTime: { part: 3, whole: 4, percent: 75 },
      waiting: 1,
      escalations: 3,
      toModerators: 1,
      noMentorFree: 0,
    });
    const [first, second] = report.mentors;
    expect(first).toMatchObject({
      userId: a.id,
      assigned: 5,
      met: 1,
      missed: 2,
      passedOn: 1,
      inTime: { part: 1, whole: 3, percent: 33 },
      response: { count: 1, median: 2 * HOUR },
      load: { open: 1, capacity: 5, overdue: 0 },
    });
    expect(second).toMatchObject({
      userId: b.id,
      assigned: 3,
      met: 2,
      missed: 1,
      passedOn: 0,
      inTime: { part: 2, whole: 3, percent: 67 },
      // Q3: assigned at 3 h, answered at 12 h; Q2: assigned at 25 h, answered at 30 h.
      response: { count: 2, median: 7 * HOUR },
      load: { open: 0 },
    });
  });

  it("counts only the period asked for, hides nothing hidden, and has no percentage of nothing", async () => {
    const network = makeNetwork();
    const asker = await makeUser({ networkId: network.id });
    const mentor = await mentorIn(network);
    const old = ask(network, asker, ["физика"], at(0));
    answer(old, mentor.id, 1, "Старый ответ, который давно в прошлом.");
    const recent = ask(network, asker, ["физика"], at(24 * 20));
    const hiddenAnswer = answer(recent, mentor.id, 24 * 20 + 1, "Этот ответ модератор скрыл.");
    getDb()
      .update(schema.posts)
      .set({ hiddenAt: at(24 * 20 + 2) })
      .where(eq(schema.posts.id, hiddenAnswer))
      .run();
    const week = responseReport({ id: network.id, firstResponseHours: 24 }, 7, at(24 * 20 + 3));
    expect(week).toMatchObject({
      asked: 1,
      firstResponse: { count: 0, median: null, p90: null },
      inTime: { whole: 0, percent: null },
      waiting: 1,
    });
    const month = responseReport({ id: network.id, firstResponseHours: 24 }, 30, at(24 * 20 + 3));
    expect(month).toMatchObject({ asked: 2, firstResponse: { count: 1, median: HOUR } });
  });
});

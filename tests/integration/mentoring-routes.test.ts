/* eslint-disable @typescript-eslint/no-explicit-any -- loader JSON read loosely in tests */
/**
 * The mentoring pages as the server runs them: who may open which, what bad input gets
 * back (400, the message next to its field, the input kept), and what each page shows.
 */
import { describe, expect, it } from "vitest";
import { loader as rootLoader } from "~/root";
import { action as mentorAction, loader as mentorLoader } from "~/routes/mentor";
import { action as manageAction, loader as manageLoader } from "~/routes/n.$slug_.mentoring";
import { action as profileAction, loader as profileLoader } from "~/routes/n.$slug_.mentors.$userId";
import { loader as reportLoader } from "~/routes/n.$slug_.report";
import { action as notificationsAction, loader as notificationsLoader } from "~/routes/notifications";
import { loader as openNotification } from "~/routes/notifications_.$id";
import { loader as threadLoader } from "~/routes/t.$thread/route";
import { getDb, schema } from "../../db/index";
import { eq } from "drizzle-orm";
import { form, get, makeNetwork, makeUser, run, words } from "./helpers";
import { ask, mentorIn, openOf, assignmentsOf } from "./mentoring-fixtures";

const json = async (response: Response) => (await response.json()) as Record<string, any>;

async function setup() {
  const network = makeNetwork();
  const asker = await makeUser({ networkId: network.id });
  const moderator = await makeUser({ networkId: network.id, moderator: true });
  const physicist = await mentorIn(network, { tags: ["физика"] });
  const colleague = await mentorIn(network, { tags: ["химия"] });
  const other = makeNetwork();
  const foreignModerator = await makeUser({ networkId: other.id, moderator: true });
  getDb().insert(schema.memberships).values({ userId: foreignModerator.id, networkId: network.id }).run();
  // Real time: these questions are answered through the pages, which use the real clock.
  const threadId = ask(network, asker, ["физика", "8 класс"], new Date());
  return { network, asker, moderator, physicist, colleague, foreignModerator, threadId };
}

function threadParam(threadId: number) {
  const thread = getDb().select().from(schema.threads).where(eq(schema.threads.id, threadId)).get()!;
  return `${thread.id}-${thread.slug}`;
}

describe("the mentor's queue, /mentor", () => {
  it("lists the mentor's questions with the deadline in words, and tells a non-mentor how it works", async () => {
    const { physicist, asker, threadId } = await setup();
    const data = await json(await run(mentorLoader, get("/mentor", { cookie: physicist.cookie })));
    expect(data.isMentor).toBe(true);
    expect(data.assignments).toHaveLength(1);
    expect(data.assignments[0]).toMatchObject({ title: expect.any(String), overdue: false, acknowledged: null });
    expect(data.assignments[0].threadPath).toContain(`/t/${threadId}-`);
    expect(data.assignments[0].deadline).toMatch(/^(сегодня|завтра) до \d\d:\d\d$/);
    expect(data.assignments[0].explanation).toBe("назначен: совпали метки физика; открыто 0 из 5");
    expect(data.assignments[0].handOffTo.map((o: any) => o.label)).toEqual([expect.stringMatching(/\(открыто 0 из 5\)$/)]);
    const teacher = await json(await run(mentorLoader, get("/mentor", { cookie: asker.cookie })));
    expect(teacher).toMatchObject({ isMentor: false, assignments: [] });
  });

  it("is for signed-in people only", async () => {
    const response = await run(mentorLoader, get("/mentor"));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fmentor");
  });

  it("hand-off: bad input comes back next to its field with what was typed; then it works", async () => {
    const { physicist, colleague, threadId } = await setup();
    const assignmentId = String(openOf(threadId)!.id);
    const bad = await run(
      mentorAction,
      form("/mentor", { intent: "handoff", assignmentId, to: "", note: "ой" }, { cookie: physicist.cookie }),
    );
    expect(bad.status).toBe(400);
    const { form: which, result } = await json(bad);
    expect(which).toBe(`handoff-${assignmentId}`);
    expect(result.error.to).toEqual(["mentoring.errors.chooseMentor"]);
    expect(words(result.error.note)).toEqual(["Не короче 5 символов."]);
    expect(result.initialValue.note).toBe("ой");

    const note = "Тут вопрос скорее про химию, посмотрите, пожалуйста.";
    const ok = await run(
      mentorAction,
      form("/mentor", { intent: "handoff", assignmentId, to: String(colleague.id), note }, { cookie: physicist.cookie }),
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/mentor?done=handedOff");
    expect(openOf(threadId)!.mentorId).toBe(colleague.id);

    const again = await run(
      mentorAction,
      form("/mentor", { intent: "handoff", assignmentId, to: String(colleague.id), note }, { cookie: physicist.cookie }),
    );
    expect(again.status).toBe(409);
    expect((await json(again)).result.error[""]).toEqual(["mentoring.errors.notOpen"]);
  });

  it("a hand-off to someone who cannot take it is refused next to the mentor field", async () => {
    const { physicist, asker, threadId } = await setup();
    const response = await run(
      mentorAction,
      form(
        "/mentor",
        { intent: "handoff", assignmentId: String(openOf(threadId)!.id), to: String(asker.id), note: "Передаю автору, пусть сам." },
        { cookie: physicist.cookie },
      ),
    );
    expect(response.status).toBe(400);
    expect((await json(response)).result.error.to).toEqual(["mentoring.errors.notEligible"]);
  });

  it("decline needs a reason; acknowledge marks it taken; someone else's assignment is 403", async () => {
    const { physicist, colleague, moderator, threadId } = await setup();
    const assignmentId = String(openOf(threadId)!.id);
    for (const who of [colleague, moderator]) {
      expect((await run(mentorAction, form("/mentor", { intent: "acknowledge", assignmentId }, { cookie: who.cookie }))).status).toBe(403);
    }
    const ack = await run(mentorAction, form("/mentor", { intent: "acknowledge", assignmentId }, { cookie: physicist.cookie }));
    expect(ack.headers.get("Location")).toBe("/mentor?done=acknowledged");
    expect(openOf(threadId)!.acknowledgedAt).not.toBeNull();
    const noReason = await run(
      mentorAction,
      form("/mentor", { intent: "decline", assignmentId, reason: "" }, { cookie: physicist.cookie }),
    );
    expect(noReason.status).toBe(400);
    expect((await json(noReason)).result.error.reason).toEqual(["errors.required"]);
    const declined = await run(
      mentorAction,
      form("/mentor", { intent: "decline", assignmentId, reason: "Я на курсах всю неделю." }, { cookie: physicist.cookie }),
    );
    expect(declined.headers.get("Location")).toBe("/mentor?done=declined");
    expect(openOf(threadId)!.mentorId).toBe(colleague.id);
  });

  it("an unknown intent is a 400 and an unknown assignment a 404, never a 500", async () => {
    const { physicist } = await setup();
    expect((await run(mentorAction, form("/mentor", { intent: "steal", assignmentId: "1" }, { cookie: physicist.cookie }))).status).toBe(
      400,
    );
    expect(
      (await run(mentorAction, form("/mentor", { intent: "decline", assignmentId: "999999999" }, { cookie: physicist.cookie }))).status,
    ).toBe(404);
    expect((await run(mentorAction, form("/mentor", { intent: "decline", assignmentId: "x" }, { cookie: physicist.cookie }))).status).toBe(
      404,
    );
  });
});

describe("the moderators' screen, /n/<network>/mentoring", () => {
  it("is for the network's moderators: not mentors, teachers, or moderators of another network", async () => {
    const { network, asker, physicist, foreignModerator, moderator } = await setup();
    for (const who of [asker, physicist, foreignModerator]) {
      expect((await run(manageLoader, get(`/n/${network.slug}/mentoring`, { cookie: who.cookie }), { slug: network.slug })).status).toBe(
        403,
      );
    }
    const data = await json(
      await run(manageLoader, get(`/n/${network.slug}/mentoring`, { cookie: moderator.cookie }), { slug: network.slug }),
    );
    expect(data.open).toHaveLength(1);
    expect(data.queue).toEqual([]);
    expect(data.mentors.map((m: any) => m.load).sort()).toEqual(["0 из 5", "1 из 5"]);
  });

  it("reassigns by hand; a bad choice stays in the form with its message; another network's assignment is a 404", async () => {
    const { network, moderator, colleague, asker, threadId } = await setup();
    const assignmentId = String(openOf(threadId)!.id);
    const path = `/n/${network.slug}/mentoring`;
    const bad = await run(manageAction, form(path, { assignmentId, to: String(asker.id), note: "Автору" }, { cookie: moderator.cookie }), {
      slug: network.slug,
    });
    expect(bad.status).toBe(400);
    const body = await json(bad);
    expect(body.result.error.to).toEqual(["mentoring.errors.notEligible"]);
    expect(body.result.initialValue.note).toBe("Автору");
    const ok = await run(manageAction, form(path, { assignmentId, to: String(colleague.id), note: "" }, { cookie: moderator.cookie }), {
      slug: network.slug,
    });
    expect(ok.headers.get("Location")).toBe(`${path}?done=reassigned`);
    expect(assignmentsOf(threadId).map((a) => a.status)).toEqual(["reassigned", "open"]);

    const elsewhere = makeNetwork();
    getDb().insert(schema.memberships).values({ userId: moderator.id, networkId: elsewhere.id, isModerator: true }).run();
    const wrongNetwork = await run(
      manageAction,
      form(
        `/n/${elsewhere.slug}/mentoring`,
        { assignmentId: String(openOf(threadId)!.id), to: String(colleague.id) },
        { cookie: moderator.cookie },
      ),
      { slug: elsewhere.slug },
    );
    expect(wrongNetwork.status).toBe(404);
  });
});

describe("the mentor profile page", () => {
  it("the mentor edits their own; a moderator edits anyone's; a colleague may not; a non-mentor is a 404", async () => {
    const { network, physicist, colleague, moderator, asker } = await setup();
    const path = (id: number) => `/n/${network.slug}/mentors/${id}`;
    const params = (id: number) => ({ slug: network.slug, userId: String(id) });
    expect((await run(profileLoader, get(path(physicist.id), { cookie: physicist.cookie }), params(physicist.id))).status).toBe(200);
    expect((await run(profileLoader, get(path(physicist.id), { cookie: moderator.cookie }), params(physicist.id))).status).toBe(200);
    expect((await run(profileLoader, get(path(physicist.id), { cookie: colleague.cookie }), params(physicist.id))).status).toBe(403);
    expect((await run(profileLoader, get(path(asker.id), { cookie: moderator.cookie }), params(asker.id))).status).toBe(404);
    expect((await run(profileLoader, get(path(0), { cookie: moderator.cookie }), { slug: network.slug, userId: "abc" })).status).toBe(404);
  });

  it("bad capacity, a wrong date and a past date come back next to their fields, the input kept", async () => {
    const { network, physicist } = await setup();
    const path = `/n/${network.slug}/mentors/${physicist.id}`;
    const params = { slug: network.slug, userId: String(physicist.id) };
    const bad = await run(
      profileAction,
      form(path, { tags: "физика, астрономия", capacity: "пять", awayUntil: "31.02.2030" }, { cookie: physicist.cookie }),
      params,
    );
    expect(bad.status).toBe(400);
    const { result } = await json(bad);
    expect(result.error.capacity).toEqual(["mentoring.errors.capacity"]);
    expect(result.error.awayUntil).toEqual(["mentoring.errors.date"]);
    expect(result.initialValue).toMatchObject({ tags: "физика, астрономия", capacity: "пять" });
    const tooMany = await run(profileAction, form(path, { capacity: "500" }, { cookie: physicist.cookie }), params);
    expect((await json(tooMany)).result.error.capacity).toEqual(["mentoring.errors.capacity"]);
    const past = await run(profileAction, form(path, { capacity: "3", awayUntil: "2020-01-01" }, { cookie: physicist.cookie }), params);
    expect(past.status).toBe(400);
    expect((await json(past)).result.error.awayUntil).toEqual(["mentoring.errors.pastDate"]);

    const ok = await run(
      profileAction,
      form(path, { tags: "Физика, астрономия", capacity: "3", awayUntil: "2099-05-10" }, { cookie: physicist.cookie }),
      params,
    );
    expect(ok.headers.get("Location")).toBe(`${path}?saved=1`);
    const data = await json(await run(profileLoader, get(path, { cookie: physicist.cookie }), params));
    expect(data.profile).toMatchObject({ tags: ["астрономия", "физика"], capacity: 3, awayThrough: "2099-05-10", away: true });
  });
});

describe("the response-time report page", () => {
  it("is for the network's mentors and moderators; the period is 7, 30 or 90 days", async () => {
    const { network, asker, physicist, moderator, foreignModerator } = await setup();
    const path = `/n/${network.slug}/report`;
    for (const who of [asker, foreignModerator]) {
      expect((await run(reportLoader, get(path, { cookie: who.cookie }), { slug: network.slug })).status).toBe(403);
    }
    for (const who of [physicist, moderator]) {
      expect((await run(reportLoader, get(path, { cookie: who.cookie }), { slug: network.slug })).status).toBe(200);
    }
    const week = await json(await run(reportLoader, get(`${path}?days=7`, { cookie: moderator.cookie }), { slug: network.slug }));
    expect(week).toMatchObject({ days: 7, asked: 1, waiting: 1, inTime: { part: 0, whole: 0, percent: null } });
    const odd = await json(await run(reportLoader, get(`${path}?days=-5`, { cookie: moderator.cookie }), { slug: network.slug }));
    expect(odd.days).toBe(30);
  });
});

describe("the thread page's mentoring line", () => {
  it("the asker is told when to expect an answer, the mentor their deadline, moderators why; others nothing", async () => {
    const { asker, physicist, moderator, colleague, threadId } = await setup();
    const param = threadParam(threadId);
    const note = async (cookie?: string) =>
      (await json(await run(threadLoader, get(`/t/${param}`, { cookie }), { thread: param }))).mentoring;
    expect((await note(asker.cookie)).for).toBe("asker");
    expect((await note(asker.cookie)).deadline).toMatch(/до \d\d:\d\d/);
    expect(await note(physicist.cookie)).toMatchObject({ for: "mentor", overdue: false });
    expect(await note(moderator.cookie)).toMatchObject({
      for: "moderator",
      mentorName: physicist.displayName,
      explanation: "назначен: совпали метки физика; открыто 0 из 5",
    });
    expect(await note(colleague.cookie)).toBeNull();
    expect(await note(undefined)).toBeNull();
  });
});

describe("notifications", () => {
  it("the bell counts unread ones; the list says what happened in words; opening one marks it read", async () => {
    const { physicist, threadId } = await setup();
    const root = async () => (await json(await run(rootLoader, get("/", { cookie: physicist.cookie })))).user.unread;
    expect(await root()).toBe(1);
    const list = await json(await run(notificationsLoader, get("/notifications", { cookie: physicist.cookie })));
    expect(list.unread).toBe(1);
    expect(list.notifications[0].text).toMatch(
      /^Вам назначен вопрос «Вопрос для наставника номер \d+»\. Ответьте (сегодня|завтра) до \d\d:\d\d\.$/,
    );
    const opened = await run(openNotification, get(`/notifications/${list.notifications[0].id}`, { cookie: physicist.cookie }), {
      id: String(list.notifications[0].id),
    });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("Location")).toBe(`/t/${threadParam(threadId)}`);
    expect(await root()).toBe(0);
  });

  it("mark one read, mark all read; someone else's stays untouched and cannot be opened", async () => {
    const { physicist, asker } = await setup();
    const mine = (await json(await run(notificationsLoader, get("/notifications", { cookie: physicist.cookie })))).notifications[0].id;
    expect((await run(openNotification, get(`/notifications/${mine}`, { cookie: asker.cookie }), { id: String(mine) })).status).toBe(404);
    await run(notificationsAction, form("/notifications", { intent: "read", id: String(mine) }, { cookie: asker.cookie }));
    expect((await json(await run(notificationsLoader, get("/notifications", { cookie: physicist.cookie })))).unread).toBe(1);
    const read = await run(notificationsAction, form("/notifications", { intent: "read", id: String(mine) }, { cookie: physicist.cookie }));
    expect(read.status).toBe(302);
    expect((await json(await run(notificationsLoader, get("/notifications", { cookie: physicist.cookie })))).unread).toBe(0);
    const bad = await run(notificationsAction, form("/notifications", { intent: "read", id: "abc" }, { cookie: physicist.cookie }));
    expect(bad.status).toBe(400);
    const all = await run(notificationsAction, form("/notifications", { intent: "read-all" }, { cookie: physicist.cookie }));
    expect(all.headers.get("Location")).toBe("/notifications?done=all");
  });

  it("says nothing about a deleted thread", async () => {
    const { physicist, threadId } = await setup();
    getDb().update(schema.threads).set({ deletedAt: new Date() }).where(eq(schema.threads.id, threadId)).run();
    const list = await json(await run(notificationsLoader, get("/notifications", { cookie: physicist.cookie })));
    expect(list).toMatchObject({ unread: 0, notifications: [] });
  });

  it("speaks English to an English reader", async () => {
    const { physicist } = await setup();
    const list = await json(await run(notificationsLoader, get("/notifications", { cookie: physicist.cookie, lang: "en" })));
    expect(list.notifications[0].text).toMatch(/^You were assigned the question "Вопрос для наставника номер \d+"\. Please answer by /);
  });
});

/* eslint-disable @typescript-eslint/no-explicit-any -- loader JSON read loosely in tests */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
import { ensureIndex } from "../../search/reindex";
import { drain } from "../../search/worker";
import { parseExplanation } from "~/mentoring/assign.server";
import { action as editAction } from "~/routes/n.$slug_.courses.$courseId_.edit";
import { action as kbNewAction, loader as kbNewLoader } from "~/routes/n.$slug_.kb.new";
import { loader as searchLoader } from "~/routes/search";
import { searchThreads, type SearchQuery } from "~/search/queries.server";
import { acceptAnswer } from "~/threads/accept.server";
import { makeNetwork, makeUser } from "./helpers";
import { answer, ask, expectStatus } from "./moderation-fixtures";
import { askInModule, courseWorld, form, get, json, run } from "./courses-fixtures";

beforeAll(async () => {
  await ensureIndex();
});

const query = (extra: Partial<SearchQuery>): SearchQuery => ({
  q: "",
  network: null,
  tag: null,
  status: "any",
  author: null,
  course: null,
  sort: "relevance",
  page: 1,
  ...extra,
});

async function ids(extra: Partial<SearchQuery>) {
  const result = await searchThreads(query(extra), null);
  if (!result.ok) throw new Error("search is down");
  return result.hits.map((h) => h.id).sort((a, b) => a - b);
}

function enrol(courseId: number, userId: number) {
  getDb().insert(schema.courseEnrolments).values({ courseId, userId }).run();
}

describe("course questions in search", () => {
  it("are found with the course filter, from the course page's link; a deleted module's questions leave the course", async () => {
    const w = await courseWorld();
    const teacher = w.members[0]!;
    enrol(w.courseId, teacher.id);
    const a = askInModule(w.network, teacher, w.modules[0]!.id, "Тексты для читательской грамотности в седьмом классе");
    const b = askInModule(w.network, teacher, w.modules[1]!.id, "Задачи на проценты для читательской грамотности");
    const outside = ask(w.network, teacher, "Читательская грамотность вне курса: как начать");
    const other = await courseWorld();
    enrol(other.courseId, other.members[0]!.id);
    const foreign = askInModule(other.network, other.members[0]!, other.modules[0]!.id, "Читательская грамотность в другом курсе");
    await drain();

    expect(await ids({ course: w.courseId })).toEqual([a.id, b.id].sort((x, y) => x - y));
    expect(await ids({ q: "читательская грамотность", course: w.courseId })).toEqual([a.id, b.id].sort((x, y) => x - y));
    expect(await ids({ q: "читательская грамотность", network: w.slug })).toEqual([a.id, b.id, outside.id].sort((x, y) => x - y));
    expect(await ids({ course: other.courseId })).toEqual([foreign.id]);

    // The search page offers the course filter once the network is chosen, and searches with the course alone.
    const page = await json(await run(searchLoader, get(`/search?network=${w.slug}&course=${w.courseId}`)));
    expect(page.courses).toEqual([{ id: w.courseId, title: expect.any(String) }]);
    expect(page.result.hits.map((h: any) => h.id).sort((x: number, y: number) => x - y)).toEqual([a.id, b.id].sort((x, y) => x - y));
    expect((await json(await run(searchLoader, get("/search?q=урок")))).courses).toEqual([]);

    await expectStatus(
      await run(
        editAction,
        form(`${w.base}/edit`, { intent: "delete", moduleId: String(w.modules[0]!.id) }, { cookie: w.moderator.cookie }),
        w.params,
      ),
      302,
    );
    await drain();
    expect(await ids({ course: w.courseId })).toEqual([b.id]);
    expect(await ids({ q: "седьмом классе", network: w.slug })).toContain(a.id);
  });

  it("a members-only network's courses are not offered to outsiders in the search filter", async () => {
    const w = await courseWorld("open", "members");
    const page = await json(await run(searchLoader, get(`/search?network=${w.slug}`, { cookie: w.outsider.cookie })));
    expect(page.courses).toEqual([]);
    const member = await json(await run(searchLoader, get(`/search?network=${w.slug}`, { cookie: w.asker.cookie })));
    expect(member.courses.map((c: any) => c.id)).toEqual([w.courseId]);
  });
});

describe("a solved course question goes to the knowledge base like any other", () => {
  it("the moderator starts an entry from it and publishes it", async () => {
    const w = await courseWorld();
    const teacher = w.members[0]!;
    enrol(w.courseId, teacher.id);
    const q = askInModule(w.network, teacher, w.modules[1]!.id, "Как объяснить проценты через скидки в магазине");
    const post = answer(q.id, w.answerer, "Возьмите чеки из магазина: дети считают скидку сами и проверяют кассира.");
    acceptAnswer({ threadId: q.id, postId: post, actorId: teacher.id, comment: "Чеки сработали, дети увлеклись!" });
    const draft = await json(
      await run(kbNewLoader, get(`/n/${w.slug}/kb/new?thread=${q.id}`, { cookie: w.moderator.cookie }), { slug: w.slug }),
    );
    expect(draft.draft).toMatchObject({ title: "Как объяснить проценты через скидки в магазине", sources: `/t/${q.param}` });
    expect(draft.draft.summary).toContain("чеки");
    const created = await run(
      kbNewAction,
      form(
        `/n/${w.slug}/kb/new`,
        { title: draft.draft.title, summary: draft.draft.summary, sources: draft.draft.sources, tags: draft.draft.tags },
        { cookie: w.moderator.cookie },
      ),
      { slug: w.slug },
    );
    await expectStatus(created, 302);
    const entryId = Number(/\/kb\/(\d+)$/.exec(created.headers.get("Location")!)![1]);
    const sources = getDb().select().from(schema.kbEntryThreads).where(eq(schema.kbEntryThreads.entryId, entryId)).all();
    expect(sources.map((s) => s.threadId)).toEqual([q.id]);
  });
});

describe("mentor assignment for course questions", () => {
  async function setting() {
    const network = makeNetwork();
    // Created first and never assigned: the one chosen for an ordinary question.
    const plainMentor = await makeUser({ networkId: network.id, mentor: true });
    const curatorMentor = await makeUser({ networkId: network.id, mentor: true });
    const enrolledMentor = await makeUser({ networkId: network.id, mentor: true });
    const curatorOnly = await makeUser({ networkId: network.id });
    const teacher = await makeUser({ networkId: network.id });
    const course = getDb()
      .insert(schema.courses)
      .values({ networkId: network.id, title: "Курс про наставничество", createdById: curatorOnly.id })
      .returning()
      .get();
    const courseModule = getDb()
      .insert(schema.courseModules)
      .values({ courseId: course.id, position: 1, title: "Модуль 1" })
      .returning()
      .get();
    enrol(course.id, teacher.id);
    enrol(course.id, enrolledMentor.id);
    return { network, plainMentor, curatorMentor, enrolledMentor, curatorOnly, teacher, course, courseModule };
  }

  const assignmentOf = (threadId: number) =>
    getDb()
      .select()
      .from(schema.mentorAssignments)
      .where(and(eq(schema.mentorAssignments.threadId, threadId), eq(schema.mentorAssignments.status, "open")))
      .get()!;

  it("an ordinary question goes to the usual choice; a course question to a curator who mentors, with the reason", async () => {
    const s = await setting();
    getDb()
      .insert(schema.courseCurators)
      .values([
        { courseId: s.course.id, userId: s.curatorMentor.id },
        { courseId: s.course.id, userId: s.curatorOnly.id },
      ])
      .run();
    const ordinary = ask(s.network, s.teacher, "Обычный вопрос вне курса про журнал");
    expect(assignmentOf(ordinary.id).mentorId).toBe(s.plainMentor.id);
    const inCourse = askInModule(s.network, s.teacher, s.courseModule.id, "Вопрос по модулю курса про наставничество");
    const assignment = assignmentOf(inCourse.id);
    expect(assignment.mentorId).toBe(s.curatorMentor.id);
    expect(parseExplanation(assignment.explanation)).toMatchObject({ reason: "new", course: "curator" });
  });

  it("with no curator among the mentors, a mentor enrolled in the course comes first; a curator who is not a mentor is not assigned", async () => {
    const s = await setting();
    getDb().insert(schema.courseCurators).values({ courseId: s.course.id, userId: s.curatorOnly.id }).run();
    const inCourse = askInModule(s.network, s.teacher, s.courseModule.id, "Ещё вопрос по модулю курса про наставничество");
    const assignment = assignmentOf(inCourse.id);
    expect(assignment.mentorId).toBe(s.enrolledMentor.id);
    expect(parseExplanation(assignment.explanation)).toMatchObject({ course: "enrolled" });
  });
});
